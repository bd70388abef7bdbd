#!/usr/bin/env bash
# Installs what calculus-anim needs and is missing; costs a second when everything is there.
#   tools/setup.sh system   system libraries (cairo, pango, pkg-config, a C compiler, CJK font)
#   tools/setup.sh python   the pinned Python packages into .venv/
#   tools/setup.sh deck     Chromium (for the browser tests of the deck) and reveal.js from npm,
#                           pinned in package.json / package-lock.json, into node_modules/
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}

have_system() {
  command -v pkg-config >/dev/null 2>&1 && pkg-config --exists cairo pangocairo 2>/dev/null \
    && command -v cc >/dev/null 2>&1 && command -v fc-list >/dev/null 2>&1 \
    && fc-list : family 2>/dev/null | grep -q "Noto Sans CJK SC" \
    && "$PY" -c "import venv, ensurepip" >/dev/null 2>&1
}

# apt-get install the named Debian packages (through sudo when not root), quietly
apt_install() {
  local SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

system() {
  have_system && return 0
  echo "setup: installing system libraries (cairo, pango, pkg-config, compiler, Noto CJK font)"
  if command -v apt-get >/dev/null 2>&1; then
    apt_install build-essential pkg-config python3-dev python3-venv libcairo2-dev \
      libpango1.0-dev fontconfig fonts-noto-cjk
  elif command -v brew >/dev/null 2>&1; then
    brew install pkg-config cairo pango python@3.12
    brew install --cask font-noto-sans-cjk || brew install font-noto-sans-cjk
  else
    cat >&2 <<'MSG'
setup: cannot install system libraries on this system automatically. Install:
  a C compiler, pkg-config, Python 3.11+ with venv and headers,
  cairo and pango development files (cairo, pangocairo via pkg-config),
  fontconfig and the Noto Sans CJK SC font (e.g. fonts-noto-cjk),
then run 'make setup' again.
MSG
    exit 1
  fi
  have_system || { echo "setup: system libraries still missing after install" >&2; exit 1; }
}

python_env() {
  stamp=.venv/.installed
  want=$(cat pyproject.toml | sha256sum | cut -c1-16)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x .venv/bin/python ]; then
    return 0
  fi
  echo "setup: installing Python packages into .venv/ (pinned in pyproject.toml)"
  [ -x .venv/bin/python ] || "$PY" -m venv .venv
  if ! .venv/bin/python -m pip install -e ".[test]" >.venv/setup.log 2>&1; then
    tail -n 5 .venv/setup.log >&2
    echo "setup: pip install failed (full log: .venv/setup.log)" >&2
    exit 1
  fi
  .venv/bin/python -c "import manim, typst, matplotlib, imageio_ffmpeg, cv2, pytest, hypothesis" \
    || { echo "setup: Python packages failed to install" >&2; exit 1; }
  echo "$want" > "$stamp"
}

have_deck_system() {
  command -v npm >/dev/null 2>&1 && { command -v chromium >/dev/null 2>&1 \
    || command -v chromium-browser >/dev/null 2>&1 || [ -n "${CHROMIUM:-}" ]; }
}

deck() {
  if ! have_deck_system; then
    echo "setup: installing Chromium and npm (the deck's browser tests, reveal.js)"
    if command -v apt-get >/dev/null 2>&1; then
      pkgs="chromium"
      command -v npm >/dev/null 2>&1 || pkgs="$pkgs nodejs npm"
      apt_install $pkgs
    elif command -v brew >/dev/null 2>&1; then
      command -v npm >/dev/null 2>&1 || brew install node
      brew install --cask chromium
    else
      echo "setup: install Chromium and Node.js/npm (or set CHROMIUM=/path/to/chrome), then run 'make setup' again" >&2
      exit 1
    fi
    have_deck_system || { echo "setup: Chromium or npm still missing after install" >&2; exit 1; }
  fi
  want=$(node -p "require('./package.json').dependencies['reveal.js']")
  have=$(node -p "try { require('./node_modules/reveal.js/package.json').version } catch (e) { '' }")
  if [ "$want" != "$have" ]; then
    echo "setup: installing reveal.js $want from the npm registry (package-lock.json)"
    npm ci --no-audit --no-fund --silent >/dev/null || { echo "setup: npm ci failed" >&2; exit 1; }
  fi
}

case "${1:-all}" in
  system) system ;;
  python) python_env ;;
  deck) deck ;;
  all) system; python_env; deck ;;
  *) echo "usage: tools/setup.sh [system|python|deck|all]" >&2; exit 2 ;;
esac

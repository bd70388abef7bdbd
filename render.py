#!/usr/bin/env python3
"""calculus-anim's one entry point: list the targets, render them, assemble the lecture.

Run ``python render.py --help`` or ``python render.py COMMAND --help``.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from lecture import strings  # noqa: E402  (pure data: no manim, no matplotlib)
from lecture.sections import GIFS, SECTIONS  # noqa: E402

# name: (width, height, fps)
QUALITIES = {
    "test": (256, 144, 5),
    "preview": (854, 480, 15),
    "720p": (1280, 720, 30),
    "1080p": (1920, 1080, 30),
}
DEFAULT_QUALITY = "preview"
DEFAULT_GIF_WIDTH = 640
LANG_ENV = "CALCANIM_LECTURE_LANG"
PARAMS_ENV = "CALCANIM_PARAMS"


class UserError(Exception):
    """A problem the user can fix: reported as one line, exit code 2."""


# --- targets -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Target:
    kind: str            # "scene" or "gif"
    name: str            # 01_derivative / activations
    section: int
    module: str
    attr: str            # the Scene class for scenes
    options: frozenset = frozenset()

    def title(self, lang):
        return strings.text(f"sec{self.section:02d}", lang)


SCENE_TARGETS = tuple(Target("scene", s.name, s.number, f"scenes.{s.module}", s.scene, s.options)
                      for s in SECTIONS)
GIF_TARGETS = tuple(Target("gif", g.slug, g.section, f"animations.{g.module}", "build", g.options)
                    for g in GIFS)
CUSTOM_OPTIONS = ("function", "point", "range", "lr", "steps", "momentum", "w1", "w2", "x", "y")


def _aliases(t: Target) -> set[str]:
    a = {t.name.lower()}
    if t.kind == "scene":
        a |= {str(t.section), f"{t.section:02d}", t.attr.lower(), t.name.split("_", 1)[1]}
    return a


def resolve(names: list[str], pool: tuple[Target, ...], kind: str) -> list[Target]:
    if not names or names == ["all"]:
        return list(pool)
    out = []
    for n in names:
        hits = [t for t in pool if n.lower() in _aliases(t)]
        if not hits:
            every = sorted({a for t in pool for a in _aliases(t) if not a.isdigit()})
            close = difflib.get_close_matches(n.lower(), every, n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise UserError(f"unknown {kind} target {n!r}{hint} (see: python render.py list)")
        out += [h for h in hits if h not in out]
    return out


# --- up-to-date checks ---------------------------------------------------------------------

def _inputs(t: Target) -> list[Path]:
    pkg = ROOT / t.module.split(".")[0]
    own = ROOT / (t.module.replace(".", "/") + ".py")
    shared = [p for p in pkg.glob("*.py")
              if not (p.stem[:1] == "s" and p.stem[1:3].isdigit()) and p.stem != own.stem]
    files = [own, *shared, *sorted((ROOT / "mathcore").rglob("*.py")),
             *sorted((ROOT / "lecture").rglob("*.py")), ROOT / "render.py"]
    return sorted(set(files))


def fingerprint(t: Target, options: dict) -> str:
    h = hashlib.sha256(json.dumps(options, sort_keys=True).encode())
    for p in _inputs(t):
        h.update(str(p.relative_to(ROOT)).encode())
        h.update(p.read_bytes() if p.exists() else b"<missing>")
    return h.hexdigest()


def _stamp_path(out: Path, build: Path) -> Path:
    try:
        rel = out.resolve().relative_to(build.resolve())
    except ValueError:
        rel = Path(hashlib.sha1(str(out.resolve()).encode()).hexdigest())
    return build / "cache" / "stamps" / (str(rel) + ".json")


def up_to_date(out: Path, build: Path, fp: str) -> bool:
    st = _stamp_path(out, build)
    return out.exists() and st.exists() and json.loads(st.read_text()).get("fingerprint") == fp


def write_stamp(out: Path, build: Path, fp: str, extra: dict):
    st = _stamp_path(out, build)
    st.parent.mkdir(parents=True, exist_ok=True)
    tmp = st.with_suffix(f".tmp{os.getpid()}")
    tmp.write_text(json.dumps({"fingerprint": fp, **extra}, indent=1))
    os.replace(tmp, st)


# --- preflight -----------------------------------------------------------------------------

def check_font():
    """The CJK font must be installed, or Chinese would be drawn as boxes."""
    from lecture.palette import CJK_FONT
    try:
        out = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True,
                             timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        raise UserError("fontconfig (fc-list) is missing: run 'make setup' "
                        "(installs fontconfig and fonts-noto-cjk)") from None
    if CJK_FONT not in out:
        raise UserError(f"the font '{CJK_FONT}' is not installed: run 'make setup' "
                        "(Debian/Ubuntu package fonts-noto-cjk, Homebrew font-noto-sans-cjk)")


def check_out_dir(path: Path):
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / f".write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as e:
        raise UserError(f"cannot write to the output folder {path}: {e.strerror or e}") from None


# --- jobs ----------------------------------------------------------------------------------

@dataclass
class Job:
    target: Target
    out: Path
    cmd: list[str]
    options: dict
    log: Path
    params: dict | None = None   # the lecturer's own choices (lecture.params), JSON via env


def _progress(done: int, total: int, msg: str):
    width = 24
    filled = int(width * done / max(total, 1))
    bar = "#" * filled + "-" * (width - filled)
    print(f"[{bar}] {done}/{total} {msg}", flush=True)


def run_jobs(jobs: list[Job], build: Path, force: bool, n_jobs: int) -> dict:
    """Run the jobs that are not up to date, ``n_jobs`` processes at a time."""
    todo, fresh = [], []
    fps = {}
    for j in jobs:
        fps[j.out] = fingerprint(j.target, j.options)
        if not force and up_to_date(j.out, build, fps[j.out]):
            fresh.append(j)
        else:
            todo.append(j)
    done, failed, times = [], [], {}
    total = len(todo)
    if fresh:
        print(f"up to date: {', '.join(j.out.name for j in fresh)}", flush=True)
    procs: dict = {}

    def one(j: Job):
        t0 = time.time()
        j.log.parent.mkdir(parents=True, exist_ok=True)
        with open(j.log, "w") as logf:
            env = dict(os.environ)
            env.pop(PARAMS_ENV, None)
            if j.params:
                env[PARAMS_ENV] = json.dumps(j.params, sort_keys=True)
            p = subprocess.Popen(j.cmd, stdout=logf, stderr=subprocess.STDOUT, cwd=ROOT,
                                 start_new_session=True, env=env)
            procs[j.out] = p
            rc = p.wait()
        times[j.out] = time.time() - t0
        return j, rc

    counter = 0
    if todo:
        _progress(0, total, "rendering with %d process(es)" % min(n_jobs, total))
    pool = ThreadPoolExecutor(max_workers=max(1, n_jobs))
    try:
        for j, rc in pool.map(one, todo):
            counter += 1
            if rc == 0 and j.out.exists():
                write_stamp(j.out, build, fps[j.out], {"seconds": round(times[j.out], 2)})
                done.append(j)
                _progress(counter, total, f"{j.out.name} ({times[j.out]:.1f} s)")
            else:
                failed.append(j)
                _progress(counter, total, f"{j.out.name} FAILED: {_last_error(j.log)}")
    except KeyboardInterrupt:
        for p in procs.values():
            if p.poll() is None:
                try:
                    os.killpg(p.pid, signal.SIGTERM)
                except OSError:
                    pass
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown()
    return {"done": done, "fresh": fresh, "failed": failed, "times": times}


def _last_error(log: Path) -> str:
    try:
        lines = [ln.strip() for ln in log.read_text(errors="replace").splitlines() if ln.strip()]
    except OSError:
        return "no log"
    for ln in reversed(lines):
        if ln.startswith("error:"):
            return ln[len("error:"):].strip() + f" (log: {log})"
    return (lines[-1][:200] if lines else "no output") + f" (log: {log})"


# --- commands ------------------------------------------------------------------------------

def _build_dir(args) -> Path:
    return Path(args.out).resolve()


def _langs(value: str) -> list[str]:
    if value == "all":
        return list(strings.LANGS)
    return [strings.check_lang(value)]


def _jobs_count(v) -> int:
    return max(1, int(v)) if v else max(1, os.cpu_count() or 1)


def custom_params(args, targets) -> dict:
    """target name -> its checked options ({} for the lecture's own example)."""
    from lecture.sections import SURFACE_TARGETS
    from tools import options
    raw = {k: getattr(args, k, None) for k in CUSTOM_OPTIONS}
    if not any(v is not None for v in raw.values()):
        return {t.name: {} for t in targets}
    if not args.targets:
        raise UserError("name the target(s) the options are for, e.g. "
                        "python render.py scenes tangent_2d --function \"x**3 - 2*x\"")
    out = {}
    for t in targets:
        values = options.resolve(raw, t.options, t.name, t.name in SURFACE_TARGETS)
        warn = options.descent_warning(values, t.name in SURFACE_TARGETS)
        if warn:
            print(f"{t.name}: {warn}", file=sys.stderr, flush=True)
        out[t.name] = values
    return out


def _stem(t: Target, params: dict) -> str:
    """The lecture's own example keeps the plain name; a lecturer's variant gets a short hash."""
    if not params:
        return t.name
    return f"{t.name}-custom-{hashlib.sha1(json.dumps(params, sort_keys=True).encode()).hexdigest()[:8]}"


def scene_jobs(targets, build: Path, quality: str, lang: str, debug: bool,
               custom: dict | None = None) -> list[Job]:
    w, h, fps = QUALITIES[quality]
    jobs = []
    for t in targets:
        params = (custom or {}).get(t.name) or {}
        out = build / "videos" / lang / quality / f"{_stem(t, params)}.mp4"
        opts = {"quality": quality, "lang": lang, "size": [w, h, fps], "params": params}
        cmd = [sys.executable, str(ROOT / "render.py"), "_scene", t.module, t.attr,
               "--out-file", str(out), "--quality", quality, "--lang", lang,
               "--media-dir", str(build / "cache" / "manim" / f"{lang}-{quality}-{out.stem}")]
        jobs.append(Job(t, out, cmd + (["--debug"] if debug else []), opts,
                        build / "cache" / "logs" / f"{lang}-{quality}-{out.stem}.log", params))
    return jobs


def gif_jobs(targets, build: Path, lang: str, width: int, debug: bool,
             custom: dict | None = None) -> list[Job]:
    jobs = []
    for t in targets:
        params = (custom or {}).get(t.name) or {}
        out = build / "gifs" / lang / f"{_stem(t, params)}.gif"
        cmd = [sys.executable, str(ROOT / "render.py"), "_gif", t.module, "--out-file", str(out),
               "--lang", lang, "--width", str(width)]
        jobs.append(Job(t, out, cmd + (["--debug"] if debug else []),
                        {"lang": lang, "width": width, "params": params},
                        build / "cache" / "logs" / f"gif-{lang}-{width}-{out.stem}.log", params))
    return jobs


def _summary(res: dict, t0: float, where: list[Path]):
    n_done, n_fresh, n_fail = len(res["done"]), len(res["fresh"]), len(res["failed"])
    print(f"rendered {n_done}, up to date {n_fresh}, failed {n_fail} "
          f"in {time.time() - t0:.1f} s; output in {', '.join(sorted({str(p) for p in where}))}",
          flush=True)
    if n_fail:
        raise UserError(f"{n_fail} target(s) failed: "
                        + ", ".join(j.out.name for j in res["failed"]))


def cmd_list(args):
    lang = strings.check_lang(args.lang)
    print(f"{'target':<24} {'kind':<6} {'sec':>3}  {'title':<32} options")
    for t in SCENE_TARGETS + GIF_TARGETS:
        opts = " ".join(f"--{o}" for o in CUSTOM_OPTIONS if o in t.options)
        title = t.title(lang)
        pad = 32 - sum(2 if ord(c) > 0x2E80 else 1 for c in title)  # CJK is double width
        print(f"{t.name:<24} {t.kind:<6} {t.section:>3}  {title}{' ' * max(pad, 1)}{opts}")


def cmd_backprop(args):
    from tools import backprop_table
    from tools import options
    lang = strings.check_lang(args.lang)
    values = options.parse_raw({k: getattr(args, k) for k in ("w1", "w2", "x", "y", "lr")},
                               surface=False)
    print(backprop_table.table(values, lang))


def cmd_scenes(args, assemble: bool = False):
    if args.quality not in QUALITIES:
        raise UserError(f"unknown quality {args.quality!r}; allowed: {', '.join(QUALITIES)}")
    targets = resolve(args.targets, SCENE_TARGETS, "scene")
    custom = custom_params(args, targets)
    build = _build_dir(args)
    check_out_dir(build)
    check_font()
    t0 = time.time()
    where = []
    for lang in _langs(args.lang):
        jobs = scene_jobs(targets, build, args.quality, lang, args.debug, custom)
        res = run_jobs(jobs, build, args.force, _jobs_count(args.jobs))
        where += [j.out.parent for j in jobs]
        _summary(res, t0, where)
        if assemble:
            from tools import assemble as asm
            videos = [j.out for j in jobs]
            out = build / "lecture" / lang / args.quality / "lecture.mp4"
            titles = [f"{t.section}. {t.title(lang)}" for t in targets]
            asm.concat_with_chapters(videos, titles, out, strings.text("lecture.title", lang))
            print(f"lecture: {out}", flush=True)


def cmd_gifs(args):
    if not 160 <= args.width <= 3840:
        raise UserError(f"--width must be between 160 and 3840 pixels, got {args.width}")
    targets = resolve(args.targets, GIF_TARGETS, "gif")
    custom = custom_params(args, targets)
    build = _build_dir(args)
    check_out_dir(build)
    check_font()
    t0 = time.time()
    where = []
    for lang in _langs(args.lang):
        jobs = gif_jobs(targets, build, lang, args.width, args.debug, custom)
        res = run_jobs(jobs, build, args.force, _jobs_count(args.jobs))
        where += [j.out.parent for j in jobs]
        _summary(res, t0, where)


# --- workers (one per process) -------------------------------------------------------------

def worker_scene(args):
    import importlib
    import tempfile
    os.environ[LANG_ENV] = strings.check_lang(args.lang)
    w, h, fps = QUALITIES[args.quality]
    from manim import tempconfig
    mod = importlib.import_module(args.module)
    cls = getattr(mod, args.attr)
    out = Path(args.out_file)
    out.parent.mkdir(parents=True, exist_ok=True)
    media = Path(args.media_dir)
    media.mkdir(parents=True, exist_ok=True)
    with tempconfig({"pixel_width": w, "pixel_height": h, "frame_rate": fps,
                     "media_dir": str(media), "output_file": args.attr,
                     "disable_caching": True, "progress_bar": "none", "verbosity": "WARNING",
                     "write_to_movie": True, "format": "mp4"}):
        scene = cls()
        scene.render()
        movie = Path(scene.renderer.file_writer.movie_file_path)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(fd)
    try:
        shutil.copyfile(movie, tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    print(f"wrote {out}")


def worker_gif(args):
    import importlib
    os.environ[LANG_ENV] = strings.check_lang(args.lang)
    from animations import writer
    mod = importlib.import_module(args.module)
    src = mod.build(args.lang, width=args.width)
    out = Path(args.out_file)
    out.parent.mkdir(parents=True, exist_ok=True)
    res = writer.write_gif(src, out, fps=getattr(src, "fps", 20),
                           hold_last_s=getattr(src, "hold_last_s", 1.0))
    if hasattr(mod, "extra_outputs"):
        mod.extra_outputs(args.lang, out.parent, width=args.width)
    print(f"wrote {out} ({res.gif_bytes} bytes, {res.n_frames} frames)")


# --- the command line ----------------------------------------------------------------------

EPILOG = """examples:
  python render.py list
  python render.py scenes                       # every section, preview quality, Chinese
  python render.py scenes 1 derivative --quality preview --lang en
  python render.py lecture --quality 1080p      # every section, then build/lecture/.../lecture.mp4
  python render.py gifs --lang all --width 960
"""


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line on stderr and exit code 2."""

    def error(self, message):
        print(f"error: {message} (see: {self.prog} --help)", file=sys.stderr)
        raise SystemExit(2)


# options whose values may start with '-' (a negative point or range)
_VALUE_OPTIONS = {"--function", "--point", "--range", "--lr", "--steps", "--momentum", "--w1",
                  "--w2", "--x", "--y"}


def _glue_values(argv: list[str]) -> list[str]:
    out, i = [], 0
    while i < len(argv):
        if argv[i] in _VALUE_OPTIONS and i + 1 < len(argv):
            out.append(f"{argv[i]}={argv[i + 1]}")
            i += 2
        else:
            out.append(argv[i])
            i += 1
    return out


def parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="render.py", description="Render the calculus lecture: Manim videos, slide GIFs, "
        "the assembled lecture.", epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--debug", action="store_true", help="show full tracebacks on errors")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def common(sp, lang_all=False):
        sp.add_argument("--lang", default=strings.DEFAULT_LANG,
                        help="lecture language: zh (default) or en" + (", or all" if lang_all else ""))
        sp.add_argument("--out", default=str(ROOT / "build"),
                        help="output folder (default: build/ in the project)")
        sp.add_argument("--jobs", "-j", type=int, default=0,
                        help="processes in parallel (default: one per CPU core)")
        sp.add_argument("--force", action="store_true", help="render even when up to date")
        sp.add_argument("--debug", action="store_true", help="show full tracebacks on errors")

    def own(sp):
        g = sp.add_argument_group(
            "your own example (for the targets that take it; see 'list --options')")
        g.add_argument("--function", metavar="TEXT",
                       help='a function of x, e.g. "x**3 - 2*x" or "sin(x)*exp(-x/3)"; of x and y '
                            'for 12_gradient_descent_3d, e.g. "x**2 + 3*y**2"')
        g.add_argument("--point", metavar="X", help="tangent point or descent start (x, or x,y)")
        g.add_argument("--range", metavar="A,B", help="x range drawn or integrated (default -3,3)")
        g.add_argument("--lr", metavar="ETA", help="learning rate (default 0.1)")
        g.add_argument("--steps", metavar="N", help="gradient-descent steps (default 30)")
        g.add_argument("--momentum", metavar="MU", help="momentum in [0, 1) (default 0)")
        g.add_argument("--w1", metavar="W", help="backprop: layer-1 weights (1 or 6 numbers)")
        g.add_argument("--w2", metavar="W", help="backprop: layer-2 weights (1 or 3 numbers)")
        g.add_argument("--x", metavar="X1,X2", help="backprop: the two inputs")
        g.add_argument("--y", metavar="Y", help="backprop: the target output")

    sp = sub.add_parser("list", help="list every target with its section, kind and title")
    sp.add_argument("--lang", default=strings.DEFAULT_LANG, help="zh (default) or en")
    sp.set_defaults(func=cmd_list)

    for name, helptext in (("scenes", "render section videos (all when no target is named)"),
                           ("lecture", "render every section, then assemble the whole lecture")):
        sp = sub.add_parser(name, help=helptext, epilog=EPILOG,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
        if name == "scenes":
            sp.add_argument("targets", nargs="*",
                            help="section numbers (1, 01), names (derivative, 01_derivative) "
                                 "or scene classes; default: all")
        sp.add_argument("--quality", "-q", default=DEFAULT_QUALITY,
                        help=f"one of {', '.join(QUALITIES)} (default {DEFAULT_QUALITY}): "
                        + "; ".join(f"{k} = {w}x{h} at {f} fps" for k, (w, h, f) in QUALITIES.items()))
        common(sp, lang_all=True)
        if name == "scenes":
            own(sp)
        sp.set_defaults(func=cmd_scenes if name == "scenes" else
                        (lambda a: (setattr(a, "targets", []), cmd_scenes(a, assemble=True))))

    sp = sub.add_parser("gifs", help="render slide GIFs (and an MP4 beside each)", epilog=EPILOG,
                        formatter_class=argparse.RawDescriptionHelpFormatter)
    sp.add_argument("targets", nargs="*", help="GIF names from 'list'; default: all")
    sp.add_argument("--width", type=int, default=DEFAULT_GIF_WIDTH,
                    help=f"GIF width in pixels (default {DEFAULT_GIF_WIDTH})")
    common(sp, lang_all=True)
    own(sp)
    sp.set_defaults(func=cmd_gifs)

    sp = sub.add_parser("backprop", help="print the lecture's backpropagation example as a table",
                        epilog="examples:\n  python render.py backprop\n"
                        "  python render.py backprop --lang en --w1 0.3 --x 1,2 --y 3 --lr 0.01",
                        formatter_class=argparse.RawDescriptionHelpFormatter)
    sp.add_argument("--lang", default=strings.DEFAULT_LANG, help="zh (default) or en")
    sp.add_argument("--w1", help="layer-1 weights: one number for all, or 6 (w11,w12,w13,w21,w22,w23)")
    sp.add_argument("--w2", help="layer-2 weights: one number for all, or 3 (w11,w21,w31)")
    sp.add_argument("--x", help="the inputs x1,x2 (default 40,80)")
    sp.add_argument("--y", help="the target output (default 60)")
    sp.add_argument("--lr", help="the learning rate (default 1e-5)")
    sp.add_argument("--debug", action="store_true", help="show full tracebacks on errors")
    sp.set_defaults(func=cmd_backprop)

    sp = sub.add_parser("_scene")  # internal: one scene in this process
    sp.add_argument("module"), sp.add_argument("attr")
    for a in ("--out-file", "--quality", "--lang", "--media-dir"):
        sp.add_argument(a, required=True)
    sp.add_argument("--debug", action="store_true")
    sp.set_defaults(func=worker_scene)
    sp = sub.add_parser("_gif")  # internal: one GIF in this process
    sp.add_argument("module")
    sp.add_argument("--out-file", required=True)
    sp.add_argument("--lang", required=True)
    sp.add_argument("--width", type=int, required=True)
    sp.add_argument("--debug", action="store_true")
    sp.set_defaults(func=worker_gif)
    return p


def main(argv=None) -> int:
    argv = _glue_values(list(sys.argv[1:] if argv is None else argv))
    args = parser().parse_args(argv)
    if not getattr(args, "func", None):
        parser().print_help()
        return 0
    try:
        args.func(args)
        return 0
    except KeyboardInterrupt:
        print("error: interrupted; no partial file was left in the output folder", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into head, say: nothing more to say
        sys.stderr.close()
        return 0
    except (UserError, ValueError) as e:
        if args.debug:
            traceback.print_exc()
        print(f"error: {e}", file=sys.stderr)
        return 2
    except Exception as e:  # noqa: BLE001 - one line for the user, the traceback with --debug
        if args.debug:
            traceback.print_exc()
        msg = str(e).strip().splitlines()[-1] if str(e).strip() else type(e).__name__
        print(f"error: {type(e).__name__}: {msg} (run with --debug for the traceback)",
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())

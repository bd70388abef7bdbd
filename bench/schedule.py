#!/usr/bin/env python3
"""How long the lecture would take on more cores: a schedule simulation over measured times.

The input is the CPU seconds each section took in one process (``build/cache/bench/
sections.json``, written by bench_sections.py) and the seconds of that which every process pays
before its first frame (imports and setup: a piece of a split section pays them again).

Policy simulated: longest processing time first (LPT): sort the jobs longest first, give each to
the core that becomes free first (list scheduling). Two variants:

- ``whole``: one job per section;
- ``split``: a section longer than CPU/cores is cut into k = ceil(t / (CPU/cores)) pieces of equal
  length; each piece costs ``setup + (t - setup) / k`` (the setup is paid once per piece).

The figure of merit is wall / (CPU / cores), CPU being the unsplit total: 1.0 is a perfect share,
the goal of issue 13 is at most 1.25.

    python bench/schedule.py [--quality preview] [--cores 1,2,16,64]
"""

from __future__ import annotations

import argparse
import heapq
import json
import math
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "build" / "cache" / "bench" / "sections.json"
CORES = (1, 2, 16, 64)
GOAL = 1.25


def lpt(times, cores: int) -> tuple[float, list[list[int]]]:
    """Wall time of longest-first list scheduling of ``times`` on ``cores`` identical cores,
    and which job indices each core ran (in order)."""
    if cores < 1:
        raise ValueError("cores must be at least 1")
    order = sorted(range(len(times)), key=lambda i: (-times[i], i))
    free = [(0.0, c) for c in range(cores)]   # (time the core becomes free, core)
    runs: list[list[int]] = [[] for _ in range(cores)]
    for i in order:
        t, c = heapq.heappop(free)
        runs[c].append(i)
        heapq.heappush(free, (t + float(times[i]), c))
    return max((t for t, _ in free), default=0.0), runs


def pieces(times, setups, cores: int) -> tuple[list[float], list[int]]:
    """The jobs after splitting every section longer than CPU/cores into equal pieces: the
    piece times, and each section's number of pieces k."""
    total = float(sum(times))
    target = total / cores if cores else total
    out, ks = [], []
    for t, s in zip(times, setups):
        k = max(1, math.ceil(t / target - 1e-9)) if target > 0 else 1
        s = min(max(float(s), 0.0), float(t))
        out += [s + (t - s) / k] * k
        ks.append(k)
    return out, ks


def simulate(times, setups=None, cores=CORES) -> list[dict]:
    """One row per core count: the simulated wall time, whole and split, and its ratio to
    CPU/cores."""
    setups = list(setups) if setups is not None else [0.0] * len(times)
    total = float(sum(times))
    rows = []
    for c in cores:
        whole, _ = lpt(times, c)
        split_times, ks = pieces(times, setups, c)
        split, _ = lpt(split_times, c)
        ideal = total / c
        rows.append({"cores": c, "cpu_per_core": ideal,
                     "whole": whole, "whole_ratio": whole / ideal if ideal else 1.0,
                     "split": split, "split_ratio": split / ideal if ideal else 1.0,
                     "pieces": len(split_times), "k": ks})
    return rows


def table(rows, names=None) -> str:
    lines = [f"  {'cores':>5}{'CPU/cores s':>13}{'LPT whole s':>13}{'ratio':>7}"
             f"{'LPT split s':>13}{'ratio':>7}{'pieces':>8}  split sections (k)"]
    for r in rows:
        split = ", ".join(f"{names[i] if names else i}x{k}" for i, k in enumerate(r["k"]) if k > 1)
        lines.append(f"  {r['cores']:>5}{r['cpu_per_core']:>13.1f}{r['whole']:>13.1f}"
                     f"{r['whole_ratio']:>6.2f}x{r['split']:>13.1f}{r['split_ratio']:>6.2f}x"
                     f"{r['pieces']:>8}  {split or '-'}")
    return "\n".join(lines)


def from_results(run: dict, cores=CORES) -> tuple[list[dict], list[str]]:
    """Rows for one quality's results (as bench_sections.py stores them): the time of a section
    is its CPU seconds (user + system of its process), its setup the profile's import share."""
    secs = sorted(run["sections"].values(), key=lambda s: s["number"])
    times = [s["cpu_s"] for s in secs]
    setups = [s["cpu_s"] * s.get("shares", {}).get("import", 0.0) for s in secs]
    return simulate(times, setups, cores), [f"{s['number']:02d}" for s in secs]


def report(run: dict, cores=CORES) -> str:
    rows, names = from_results(run, cores)
    n = len(names)
    total = sum(s["cpu_s"] for s in run["sections"].values())
    head = (f"schedule simulation, {n} section(s) at {run['quality']}: {total:.1f} CPU s in all "
            f"(goal: wall within {GOAL}x of CPU/cores)")
    return head + "\n" + table(rows, names)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quality", help="which stored run (default: 1080p if measured, else any)")
    ap.add_argument("--cores", default=",".join(map(str, CORES)))
    ap.add_argument("--results", default=str(RESULTS))
    a = ap.parse_args()
    data = json.loads(Path(a.results).read_text())
    q = a.quality or ("1080p" if "1080p" in data else next(iter(data)))
    print(report(data[q], [int(c) for c in a.cores.split(",")]))


if __name__ == "__main__":
    main()

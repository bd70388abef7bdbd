"""The benchmark's arithmetic: the schedule simulation and the profile classifier (no rendering,
no timing)."""

from __future__ import annotations

import cProfile
import importlib.util
import json
import pstats
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load(name):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


schedule = _load("schedule")
sections = _load("bench_sections")


# --- schedule -----------------------------------------------------------------------------

def test_lpt_one_core_is_the_sum():
    wall, runs = schedule.lpt([3, 1, 2], 1)
    assert wall == 6
    assert runs == [[0, 2, 1]]          # longest first


def test_lpt_classic_example():
    # LPT is not optimal: 3,3,2,2,2 on 2 cores gives 7 (3+2+2 | 3+2), the best is 6 (3+3 | 2+2+2)
    wall, runs = schedule.lpt([3, 3, 2, 2, 2], 2)
    assert wall == 7
    assert sorted(sorted(r) for r in runs) == [[0, 2, 4], [1, 3]]


def test_lpt_more_cores_than_jobs_is_the_longest_job():
    assert schedule.lpt([5, 1, 2], 64)[0] == 5
    assert schedule.lpt([], 4)[0] == 0


def test_lpt_refuses_no_cores():
    with pytest.raises(ValueError):
        schedule.lpt([1], 0)


def test_pieces_split_long_sections_and_pay_the_setup_again():
    # total 20 on 4 cores: target 5; 12 -> 3 pieces of 2 + 10/3, 6 -> 2 pieces of 2 + 4/2
    times, ks = schedule.pieces([12, 6, 2], [2, 2, 2], 4)
    assert ks == [3, 2, 1]
    assert times == pytest.approx([2 + 10 / 3] * 3 + [4.0, 4.0] + [2.0])


def test_pieces_without_setup_are_equal_parts():
    times, ks = schedule.pieces([8, 8], [0, 0], 4)
    assert ks == [2, 2] and times == [4.0] * 4


def test_simulate_rows():
    rows = schedule.simulate([10, 10, 10, 10], [0] * 4, cores=(1, 2, 8))
    by = {r["cores"]: r for r in rows}
    assert by[1]["whole"] == 40 and by[1]["whole_ratio"] == 1.0
    assert by[2]["whole"] == 20 and by[2]["split_ratio"] == 1.0
    assert by[8]["whole"] == 10 and by[8]["whole_ratio"] == 2.0   # 4 jobs, 8 cores
    assert by[8]["split"] == 5 and by[8]["split_ratio"] == 1.0    # each cut in two
    assert by[8]["pieces"] == 8


def test_split_never_worse_without_setup():
    times = [42, 7, 30, 3, 11, 25, 9, 60, 14, 5, 18, 21]
    for r in schedule.simulate(times, None, cores=(1, 2, 16, 64)):
        assert r["split"] <= r["whole"] + 1e-9
        assert r["split_ratio"] >= 1.0 - 1e-9


def test_report_reads_stored_results():
    run = {"quality": "test", "sections": {
        "01_a": {"number": 1, "cpu_s": 4.0, "shares": {"import": 0.25}},
        "02_b": {"number": 2, "cpu_s": 2.0}}}
    rows, names = schedule.from_results(run, cores=(1, 2))
    assert names == ["01", "02"]
    assert rows[0]["whole"] == 6.0
    # target 3: 01 -> 2 pieces of 1 + 3/2; LPT of 2.5, 2.5, 2 on 2 cores
    assert rows[1]["split"] == pytest.approx(4.5)
    assert "schedule simulation" in schedule.report(run, cores=(1, 2))


# --- the classifier -------------------------------------------------------------------------

def _stats(edges, own):
    """pstats-like stats from a call tree: edges {(caller, callee): ct}, own {func: tottime}.
    Functions are keys (file, 1, name); a function's ct is what its callers spent in it."""
    funcs = set(own) | {f for e in edges for f in e}
    out = {}
    for f in funcs:
        callers = {g: (1, 1, 0.0, ct) for (g, h), ct in edges.items() if h == f}
        ct = sum(c[3] for c in callers.values()) or own.get(f, 0.0)
        out[f] = (1, 1, own.get(f, 0.0), ct, callers)
    return out


def F(name, file="x.py"):
    return (file, 1, name)


def _cat(func):
    return {"text": "text", "become": "become", "draw": "draw", "imp": "import"}.get(func[2])


def test_classifier_nested_calls_count_once_for_the_outer_category():
    main, upd, text, become, helper, draw = (F(n) for n in
                                             ("main", "upd", "text", "become", "helper", "draw"))
    edges = {(main, upd): 7.0, (upd, text): 5.0, (upd, become): 2.0, (text, helper): 3.0,
             (become, helper): 1.0, (main, draw): 2.0}
    own = {main: 1.0, upd: 0.0, text: 2.0, become: 1.0, helper: 4.0, draw: 2.0}
    secs = sections.classify(_stats(edges, own), _cat)
    assert sum(secs.values()) == pytest.approx(sum(own.values()))
    # helper's 4 s: 3 s under text, 1 s under become (by its callers' cumulative times)
    assert secs["text"] == pytest.approx(2.0 + 3.0)
    assert secs["become"] == pytest.approx(1.0 + 1.0)
    assert secs["draw"] == pytest.approx(2.0)
    assert secs["other"] == pytest.approx(1.0)


def test_classifier_outermost_category_wins_and_imports_take_all():
    main, text, become, imp, inner = (F(n) for n in ("main", "text", "become", "imp", "inner"))
    # become() called inside text building counts as text; text built during an import is import
    edges = {(main, text): 6.0, (text, become): 2.0, (main, imp): 3.0, (imp, inner): 2.0}
    own = {main: 0.0, text: 4.0, become: 2.0, imp: 1.0, inner: 2.0}
    secs = sections.classify(_stats(edges, own),
                             lambda f: "text" if f == inner else _cat(f))
    assert secs["text"] == pytest.approx(6.0)
    assert secs["become"] == pytest.approx(0.0)
    assert secs["import"] == pytest.approx(3.0)


def test_classifier_recursion_and_roots():
    main, ex, rec, text = F("main"), F("<built-in method builtins.exec>", "~"), F("rec"), F("text")
    imp = F("imp")
    # exec runs both the script and imported modules: as a root it passes on no import
    edges = {(ex, main): 5.0, (imp, ex): 1.0, (main, rec): 4.0, (rec, rec): 3.0,
             (rec, text): 2.0}
    own = {ex: 0.0, imp: 0.0, main: 1.0, rec: 2.0, text: 2.0}
    stats = _stats(edges, own)
    secs = sections.classify(stats, _cat, roots=[ex])
    assert secs["import"] == pytest.approx(0.0)
    assert secs["text"] == pytest.approx(2.0) and secs["other"] == pytest.approx(3.0)
    secs = sections.classify(stats, _cat)       # followed, exec's caller (an import) takes all
    assert secs["import"] == pytest.approx(5.0)


def test_category_of_real_functions():
    site = "/v/lib/python3.11/site-packages/"
    cat = sections.category
    assert cat((site + "manim/mobject/text/text_mobject.py", 448, "__init__")) == "text"
    assert cat((site + "svgelements/svgelements.py", 1, "parse")) == "text"
    assert cat((site + "manim/mobject/mobject.py", 3312, "become")) == "become"
    assert cat((site + "manim/mobject/types/vectorized_mobject.py", 1818, "align_points")) == "become"
    assert cat((site + "manim/camera/camera.py", 1, "capture_mobjects")) == "draw"
    assert cat((site + "manim/renderer/cairo_renderer.py", 139, "update_frame")) == "draw"
    assert cat((site + "manim/renderer/cairo_renderer.py", 197, "add_frame")) == "encode"
    assert cat((site + "manim/scene/scene_file_writer.py", 1, "write_frame")) == "encode"
    assert cat(("<frozen importlib._bootstrap>", 1, "_find_and_load")) == "import"
    assert cat(("/p/mod.py", 1, "<module>")) == "import"
    assert cat(("/p/main.py", 1, "<module>"), main=("/p/main.py", 1, "<module>")) is None
    assert cat((site + "manim/mobject/mobject.py", 1, "shift")) is None
    lines = sections._glyph_lines()
    assert lines, "scenes/style.py has Glyph* classes"
    assert cat((str(ROOT / "scenes" / "style.py"), min(lines), "x"), frozenset(lines)) == "text"


def test_analyse_a_real_profile(tmp_path):
    """A real cProfile file: the shares add up to one and a function that only imports counts
    as import."""
    def work():
        import importlib
        sum(i * i for i in range(20000))
        importlib.import_module("json.tool")

    prof = cProfile.Profile()
    prof.runcall(work)
    path = tmp_path / "p.prof"
    prof.dump_stats(str(path))
    res = sections.analyse(path)
    assert sum(res["shares"].values()) == pytest.approx(1.0, abs=1e-3)
    assert res["profile_s"] == pytest.approx(sum(v[2] for v in pstats.Stats(str(path)).stats.values()),
                                             abs=1e-3)
    assert res["shares"]["import"] > 0
    assert set(res["top"]) == {"own", "entries"}


def test_store_merges_sections_of_the_same_quality(tmp_path):
    path = tmp_path / "sections.json"
    a = {"quality": "test", "profiled": True, "sections": {"01_a": {"number": 1}},
         "reference": {"fps_cpu": 9.0}, "errors": {}}
    b = {"quality": "test", "profiled": True, "sections": {"07_b": {"number": 7}},
         "reference": None, "errors": {}}
    sections.store(a, path)
    merged = sections.store(b, path)
    assert set(merged["sections"]) == {"01_a", "07_b"}
    assert merged["reference"] == {"fps_cpu": 9.0}
    assert set(json.loads(path.read_text())) == {"test"}


def test_table_prints_ratios_to_the_reference():
    r = {"frames": 100, "cpu_s": 10.0, "wall_s": 12.0, "fps_cpu": 10.0, "profile_s": 10.0,
         "shares": dict.fromkeys(sections.STATES, 1 / 6), "number": 7, "name": "07_x"}
    run = {"quality": "test", "lang": "zh", "profiled": True, "sections": {"07_x": r},
           "reference": {**r, "fps_cpu": 20.0, "seconds_of_video": 20.0}}
    text = sections.table(run)
    assert "0.50x" in text and "07_x" in text and "reference" in text

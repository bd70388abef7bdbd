"""Colours every viewer can tell apart (issue 12).

lecture/colorvision.py is checked against published data (Sharma, Wu & Dalal 2005 for
CIEDE2000; Lindbloom's sRGB to CIELAB values; Machado et al. 2009's matrices); then every pair
of colours that appear together in a scene (dark theme) or a GIF (light theme) must differ by a
CIEDE2000 of at least 10 for normal vision and under simulated protanopia, deuteranopia and
tritanopia, and every line colour must stand out from its background.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import numpy as np
import pytest

from lecture import colorvision as cv
from lecture import palette
from lecture.sections import GIFS, SECTIONS

ROOT = Path(__file__).resolve().parents[1]
MIN_DELTA_E = 10.0
LINE_CONTRAST = 3.0      # WCAG 2.1 SC 1.4.11, non-text graphics
TEXT_CONTRAST = 4.5      # WCAG 2.1 SC 1.4.3, text

# Sharma, Wu & Dalal (2005), Table 1: all 34 pairs (L1, a1, b1, L2, a2, b2, dE00)
SHARMA = np.array([
    [50.0000, 2.6772, -79.7751, 50.0000, 0.0000, -82.7485, 2.0425],
    [50.0000, 3.1571, -77.2803, 50.0000, 0.0000, -82.7485, 2.8615],
    [50.0000, 2.8361, -74.0200, 50.0000, 0.0000, -82.7485, 3.4412],
    [50.0000, -1.3802, -84.2814, 50.0000, 0.0000, -82.7485, 1.0000],
    [50.0000, -1.1848, -84.8006, 50.0000, 0.0000, -82.7485, 1.0000],
    [50.0000, -0.9009, -85.5211, 50.0000, 0.0000, -82.7485, 1.0000],
    [50.0000, 0.0000, 0.0000, 50.0000, -1.0000, 2.0000, 2.3669],
    [50.0000, -1.0000, 2.0000, 50.0000, 0.0000, 0.0000, 2.3669],
    [50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0009, 7.1792],
    [50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0010, 7.1792],
    [50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0011, 7.2195],
    [50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0012, 7.2195],
    [50.0000, -0.0010, 2.4900, 50.0000, 0.0009, -2.4900, 4.8045],
    [50.0000, -0.0010, 2.4900, 50.0000, 0.0010, -2.4900, 4.8045],
    [50.0000, -0.0010, 2.4900, 50.0000, 0.0011, -2.4900, 4.7461],
    [50.0000, 2.5000, 0.0000, 50.0000, 0.0000, -2.5000, 4.3065],
    [50.0000, 2.5000, 0.0000, 73.0000, 25.0000, -18.0000, 27.1492],
    [50.0000, 2.5000, 0.0000, 61.0000, -5.0000, 29.0000, 22.8977],
    [50.0000, 2.5000, 0.0000, 56.0000, -27.0000, -3.0000, 31.9030],
    [50.0000, 2.5000, 0.0000, 58.0000, 24.0000, 15.0000, 19.4535],
    [50.0000, 2.5000, 0.0000, 50.0000, 3.1736, 0.5854, 1.0000],
    [50.0000, 2.5000, 0.0000, 50.0000, 3.2972, 0.0000, 1.0000],
    [50.0000, 2.5000, 0.0000, 50.0000, 1.8634, 0.5757, 1.0000],
    [50.0000, 2.5000, 0.0000, 50.0000, 3.2592, 0.3350, 1.0000],
    [60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644],
    [63.0109, -31.0961, -5.8663, 62.8187, -29.7946, -4.0864, 1.2630],
    [61.2901, 3.7196, -5.3901, 61.4292, 2.2480, -4.9620, 1.8731],
    [35.0831, -44.1164, 3.7933, 35.0232, -40.0716, 1.5901, 1.8645],
    [22.7233, 20.0904, -46.6940, 23.0331, 14.9730, -42.5619, 2.0373],
    [36.4612, 47.8580, 18.3852, 36.2715, 50.5065, 21.2231, 1.4146],
    [90.8027, -2.0831, 1.4410, 91.1528, -1.6435, 0.0447, 1.4441],
    [90.9257, -0.5406, -0.9208, 88.6381, -0.8985, -0.7239, 1.5381],
    [6.7747, -0.2908, -2.4247, 5.8714, -0.0985, -2.2286, 0.6377],
    [2.0776, 0.0795, -1.1350, 0.9033, -0.0636, -0.5514, 0.9082],
])


# ---------------------------------------------------------------- colour science, against oracles

def test_ciede2000_matches_sharma_wu_dalal_all_34_pairs():
    got = cv.ciede2000(SHARMA[:, :3], SHARMA[:, 3:6])
    np.testing.assert_allclose(got, SHARMA[:, 6], atol=1e-4, rtol=0)
    # symmetric, and one pair at a time gives the same as the vectorised call
    np.testing.assert_allclose(cv.ciede2000(SHARMA[:, 3:6], SHARMA[:, :3]), SHARMA[:, 6],
                               atol=1e-4, rtol=0)
    for row, want in zip(SHARMA, got):
        assert float(cv.ciede2000(row[:3], row[3:6])) == pytest.approx(want, abs=1e-12)


def test_ciede2000_of_a_colour_with_itself_is_zero():
    for lab in ([0, 0, 0], [50, 2.5, 0], [100, -86, 83], [32.3, 79.2, -107.9]):
        assert float(cv.ciede2000(lab, lab)) == 0.0


def test_srgb_to_lab_matches_lindbloom():
    # Bruce Lindbloom's calculator, sRGB with D65 reference white
    cases = {"#FFFFFF": (100.0, 0.0, 0.0), "#000000": (0.0, 0.0, 0.0),
             "#FF0000": (53.2408, 80.0925, 67.2032), "#00FF00": (87.7347, -86.1827, 83.1793),
             "#0000FF": (32.2970, 79.1875, -107.8602)}
    for hex_, want in cases.items():
        np.testing.assert_allclose(cv.srgb_to_lab(cv.hex_to_srgb(hex_)), want, atol=2e-3)
    # greys are neutral and get lighter with the code
    greys = cv.srgb_to_lab(np.repeat(np.arange(256)[:, None] / 255, 3, axis=1))
    assert np.abs(greys[:, 1:]).max() < 1e-9
    assert np.all(np.diff(greys[:, 0]) > 0)


def test_srgb_transfer_function():
    # IEC 61966-2-1: 0.5 encodes 0.2140 linear; the two pieces meet at 0.04045
    assert float(cv.srgb_to_linear(0.5)) == pytest.approx(0.214041, abs=1e-6)
    assert float(cv.srgb_to_linear(0.04045)) == pytest.approx(0.04045 / 12.92)
    x = np.linspace(0, 1, 1001)
    np.testing.assert_allclose(cv.linear_to_srgb(cv.srgb_to_linear(x)), x, atol=1e-12)
    assert cv.srgb_to_hex(cv.hex_to_srgb("#12AbEF")) == "#12ABEF"
    with pytest.raises(ValueError):
        cv.hex_to_srgb("#12345")


def test_machado_matrices():
    m = cv.MACHADO
    # values from the paper's table (severity 1.0)
    assert m["protanopia"][0].tolist() == [0.152286, 1.052583, -0.204868]
    assert m["deuteranopia"][1, 1] == 0.672501
    assert m["tritanopia"][2].tolist() == [0.004733, 0.691367, 0.303900]
    for name, mat in m.items():
        # each row sums to 1: white stays white, greys stay grey
        np.testing.assert_allclose(mat.sum(axis=1), 1.0, atol=2e-6)
        for hex_ in ("#FFFFFF", "#000000", "#777777"):
            rgb = cv.hex_to_srgb(hex_)
            np.testing.assert_allclose(cv.simulate(rgb, name), rgb, atol=2e-3)
    # a dichromat (red- or green-blind) sees a plane of colours: the matrix is singular
    assert abs(np.linalg.det(m["protanopia"])) < 1e-5
    assert abs(np.linalg.det(m["deuteranopia"])) < 1e-5


def test_simulation_confuses_the_classic_confusion_pairs():
    # red and green collapse for protan- and deuteranopes, not for tritanopes; blue and green
    # collapse for tritanopes more than for the others
    red, green = "#D62728", "#2CA02C"
    assert cv.delta_e(red, green) > 50
    for v in ("protanopia", "deuteranopia"):
        assert cv.delta_e(red, green, v) < 0.4 * cv.delta_e(red, green)
    assert cv.delta_e(red, green, "tritanopia") > 0.8 * cv.delta_e(red, green)
    blue, teal = "#58C4DD", "#5CD0B3"
    assert cv.delta_e(blue, teal, "tritanopia") < cv.delta_e(blue, teal, "deuteranopia")
    with pytest.raises(KeyError):
        cv.simulate(cv.hex_to_srgb("#FFFFFF"), "achromatopsia")


def test_wcag_contrast():
    assert cv.contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert cv.contrast_ratio("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert cv.contrast_ratio("#3A7BD5", "#3A7BD5") == pytest.approx(1.0)
    # the well-known threshold greys on white: #767676 passes 4.5:1, #777777 does not
    assert cv.contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.005)
    assert cv.contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.005)


# ---------------------------------------------------------------- the tables match the code

def _scene_source(module: str) -> str:
    return (ROOT / "scenes" / f"{module}.py").read_text(encoding="utf-8")


def _gif_source(module: str) -> str:
    return (ROOT / "animations" / f"{module}.py").read_text(encoding="utf-8")


def _meanings_in(src: str) -> set:
    return set(re.findall(r"""\bC\(\s*["'](\w+)["']\s*\)""", src))


def test_uses_cover_every_scene_and_gif():
    assert set(palette.SCENE_USES) == {s.module for s in SECTIONS}
    assert set(palette.GIF_USES) == {g.module for g in GIFS}
    for table in palette.USES.values():
        for names in table.values():
            for name in names:
                for theme in palette.THEMES:
                    palette.named_color(name, theme)      # every name resolves


@pytest.mark.parametrize("module", sorted(palette.SCENE_USES))
def test_scene_uses_are_what_the_scene_draws(module):
    src = _scene_source(module)
    found = (_meanings_in(src) | {"text"}) - {"background"}   # text: labels' default colour
    assert found == set(palette.SCENE_USES[module]), (
        f"scenes/{module}.py draws with {sorted(found)}; lecture/palette.py SCENE_USES "
        f"says {sorted(palette.SCENE_USES[module])}")
    # no colour of its own: every colour comes from the palette
    assert not re.findall(r"#[0-9A-Fa-f]{6}\b", src)
    manim_colours = re.findall(r"\b(?:WHITE|BLACK|RED|BLUE|GREEN|YELLOW|ORANGE|PURPLE|PINK|TEAL|"
                               r"GOLD|MAROON|GREY|GRAY)(?:_[A-E])?\b", src)
    assert not manim_colours, f"scenes/{module}.py uses Manim colours {manim_colours}"


@pytest.mark.parametrize("module", sorted(palette.GIF_USES))
def test_gif_uses_are_what_the_gif_draws(module):
    src = _gif_source(module)
    found = _meanings_in(src) - {"background"}
    if "optimizer_color(" in src:
        from animations import optimizers
        found |= {f"optimizer:{m}" for m, _ in optimizers.RUNS}
    assert found == set(palette.GIF_USES[module]), (
        f"animations/{module}.py draws with {sorted(found)}; lecture/palette.py GIF_USES "
        f"says {sorted(palette.GIF_USES[module])}")
    # its own hex colours are neutrals only (greys, near-whites): meaning comes from the palette
    for hex_ in re.findall(r"#[0-9A-Fa-f]{6}\b", src):
        L, a, b = cv.srgb_to_lab(cv.hex_to_srgb(hex_))
        assert np.hypot(a, b) < 5, f"animations/{module}.py defines the colour {hex_}"


# ---------------------------------------------------------------- the palette

def close_pairs(uses: dict, color_of, minimum: float = MIN_DELTA_E) -> list:
    """(target, name1, name2, vision, dE) for every pair drawn together closer than minimum;
    names declared one colour in palette.ALIASES must be exactly one colour instead."""
    bad = []
    for target, names in uses.items():
        for n1, n2 in itertools.combinations(sorted(set(names)), 2):
            c1, c2 = color_of(n1), color_of(n2)
            if palette.ALIASES.get(n1) == n2 or palette.ALIASES.get(n2) == n1:
                if c1 != c2:
                    bad.append((target, n1, n2, "alias differs", 0.0))
                continue
            for vision in cv.VISIONS:
                d = cv.delta_e(c1, c2, vision)
                if d < minimum:
                    bad.append((target, n1, n2, vision, round(d, 2)))
    return bad


@pytest.mark.parametrize("theme", palette.THEMES)
def test_colours_drawn_together_differ_for_every_viewer(theme):
    bad = close_pairs(palette.USES[theme], lambda n: palette.named_color(n, theme))
    assert not bad, "\n".join(map(str, bad))


def test_the_check_finds_the_pairs_the_issue_reported():
    # the palette before issue 12: near 3 for loss vs function and rmsprop vs adam on the light
    # theme, gradient vs update on the dark one
    old = {"dark": {"function": "#58C4DD", "forward": "#58C4DD", "gradient": "#FC6255",
                    "update": "#83C167", "loss": "#C77DDB", "muted": "#888888",
                    "text": "#FFFFFF"},
           "light": {"function": "#1F77B4", "forward": "#1F77B4", "loss": "#8E44AD",
                     "derivative": "#E8590C", "update": "#2F9E44", "muted": "#8A8A8A",
                     "text": "#222222", "optimizer:rmsprop": "#8E44AD",
                     "optimizer:adam": "#1F77B4", "optimizer:gd": "#D62728",
                     "optimizer:momentum": "#C99A06"}}
    dark = close_pairs({"s10_backprop": palette.SCENE_USES["s10_backprop"]}, old["dark"].get)
    assert ("s10_backprop", "gradient", "update", "deuteranopia") in [b[:4] for b in dark]
    light = close_pairs({k: palette.GIF_USES[k] for k in ("backprop_training", "optimizers")},
                        old["light"].get)
    found = {b[:3] for b in light}
    assert ("backprop_training", "forward", "loss") in found
    assert ("optimizers", "optimizer:adam", "optimizer:rmsprop") in found
    assert min(b[4] for b in light if b[1:3] == ("forward", "loss")) < 5


@pytest.mark.parametrize("theme", palette.THEMES)
def test_every_colour_stands_out_from_its_background(theme):
    bg = palette.color("background", theme)
    drawn = {n for names in palette.USES[theme].values() for n in names}
    for name in sorted(drawn):
        if name in palette.FILLS:
            continue
        need = TEXT_CONTRAST if name in palette.TEXT_LIKE else LINE_CONTRAST
        ratio = cv.contrast_ratio(palette.named_color(name, theme), bg)
        assert ratio >= need, f"{name} on {theme}: {ratio:.2f}:1 < {need}:1"


def test_aliases_and_optimizers_follow_their_meanings():
    for theme in palette.THEMES:
        for name, same in palette.ALIASES.items():
            assert palette.color(name, theme) == palette.color(same, theme)
        for method, meaning in palette.OPTIMIZER_MEANINGS.items():
            assert palette.optimizer_color(method, theme) == palette.color(meaning, theme)
    with pytest.raises(KeyError):
        palette.color("function", "sepia")
    with pytest.raises(KeyError):
        palette.color("colour")

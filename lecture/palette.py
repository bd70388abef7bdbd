"""Colours with meaning, one hue per idea, in a dark (video) and a light (slide) variant.

The hues start from Okabe & Ito's colour-blind-safe set (#E69F00 #56B4E9 #009E73 #F0E442
#0072B2 #D55E00 #CC79A7). On the white slides the light ones are darkened (yellow to a dark
gold, orange to a burnt orange, vermilion to a crimson) so that every line has at least a 3:1
contrast (WCAG 2, non-text) against its background; the red turns crimson because a
vermilion and a dark gold look alike to a deuteranope. Muted and text reach 4.5:1.

The rule, checked by tests/test_palette_cvd.py with lecture/colorvision.py: any two colours
that appear together in one scene (dark) or one GIF (light), as listed in SCENE_USES and
GIF_USES, differ by a CIEDE2000 of at least 10 for normal vision and under simulated
protanopia, deuteranopia and tritanopia (Machado et al. 2009). Names that share a colour on
purpose are listed in ALIASES; other names may share a colour only if they never appear
together (secant, update and, on the dark theme, area are one green).
"""

from __future__ import annotations

# meaning: (on a dark background, on a white background)
_PALETTE = {
    "function":   ("#56B4E9", "#0072B2"),  # the curve or surface itself
    "derivative": ("#E69F00", "#9E5A00"),  # f'(x)
    "tangent":    ("#F0E442", "#A68A00"),  # tangent line / plane
    "secant":     ("#339E68", "#299F6C"),  # secant, finite difference
    "gradient":   ("#D55E00", "#B3261E"),  # gradients and backward flow
    "loss":       ("#C26BAC", "#CC79A7"),  # loss values
    "area":       ("#339E68", "#009E73"),  # integrals, Riemann rectangles
    "area_fill":  ("#1C4233", "#BFE7DC"),  # inside the rectangles: "area" at 35 % / 25 % opacity
    "update":     ("#339E68", "#299F6C"),  # updated weights, descent steps
    "muted":      ("#888888", "#767676"),  # axes, labels, grid, asides
    "text":       ("#FFFFFF", "#222222"),
    "background": ("#0F1117", "#FFFFFF"),
}
# one colour with two names, on purpose: the point is drawn in ink, the forward pass in the
# function's colour (its values are the function's values)
ALIASES = {"point": "text", "forward": "function"}
for _name, _same in ALIASES.items():
    _PALETTE[_name] = _PALETTE[_same]

# not lines: no contrast requirement against the background (an edge in "area" bounds it)
FILLS = ("area_fill",)
# drawn as text as well as lines: WCAG 4.5:1 against the background
TEXT_LIKE = ("text", "muted")

# optimizers compared on one surface take the hues of the meanings they resemble most
OPTIMIZER_MEANINGS = {"gd": "gradient", "momentum": "tangent", "nesterov": "secant",
                      "rmsprop": "loss", "adam": "function"}
OPTIMIZER_COLORS = {m: _PALETTE[k] for m, k in OPTIMIZER_MEANINGS.items()}
MEANINGS = tuple(_PALETTE)

THEMES = ("dark", "light")

# Which colours appear together, read from the code (every C("...") of the module, "text" being
# the default colour of labels and formulas; "optimizer:<method>" for animations/optimizers.py's
# RUNS). The backgrounds are left out: they are checked by contrast, not by difference.
# tests/test_palette_cvd.py checks these tables against the modules' source.
SCENE_USES = {   # scenes/<module>.py, on the dark theme
    "s01_derivative": ("function", "secant", "tangent", "point", "muted", "text"),
    "s02_common_derivatives": ("function", "derivative", "tangent", "muted", "text"),
    "s03_activations": ("function", "derivative", "forward", "gradient", "tangent", "muted",
                        "text"),
    "s04_differential": ("function", "tangent", "gradient", "point", "muted", "text"),
    "s05_rules": ("function", "derivative", "secant", "gradient", "tangent", "point", "muted",
                  "text"),
    "s06_integral": ("function", "area", "gradient", "muted", "text"),
    "s07_tangent_2d": ("function", "derivative", "tangent", "point", "muted", "text"),
    "s08_tangent_plane": ("function", "derivative", "tangent", "point", "muted", "text"),
    "s09_chain_rule": ("function", "forward", "derivative", "secant", "tangent", "muted",
                       "text"),
    "s10_backprop": ("forward", "loss", "gradient", "update", "muted", "text"),
    "s11_gradient_descent": ("function", "gradient", "update", "tangent", "point", "muted",
                             "text"),
    "s12_gradient_descent_3d": ("function", "gradient", "update", "point", "muted", "text"),
}
GIF_USES = {     # animations/<module>.py, on the light theme
    "activations": ("function", "derivative", "tangent", "point", "muted", "text"),
    "backprop_training": ("forward", "derivative", "update", "loss", "muted", "text"),
    "differential": ("function", "tangent", "gradient", "point", "text"),
    "gradient_descent": ("function", "gradient", "point", "text"),
    "gradient_descent_3d": ("function", "gradient", "tangent", "point", "text"),
    "optimizers": ("optimizer:gd", "optimizer:momentum", "optimizer:rmsprop", "optimizer:adam",
                   "muted", "text"),
    "riemann": ("function", "area", "area_fill", "point", "text"),
    "secant_tangent": ("function", "secant", "tangent", "point", "muted", "text"),
    "tangent_line": ("function", "derivative", "tangent", "point", "muted", "text"),
    "tangent_plane": ("function", "tangent", "point", "text"),
}
USES = {"dark": SCENE_USES, "light": GIF_USES}


def _index(theme: str) -> int:
    if theme not in THEMES:
        raise KeyError(f"unknown theme {theme!r}; known: {', '.join(THEMES)}")
    return THEMES.index(theme)


def color(meaning: str, theme: str = "dark") -> str:
    """The hex colour for ``meaning`` ("function", "derivative", ...) on ``theme`` dark or light."""
    if meaning not in _PALETTE:
        raise KeyError(f"unknown colour meaning {meaning!r}; known: {', '.join(_PALETTE)}")
    return _PALETTE[meaning][_index(theme)]


def optimizer_color(method: str, theme: str = "dark") -> str:
    return OPTIMIZER_COLORS[method][_index(theme)]


def named_color(name: str, theme: str) -> str:
    """A meaning or ``"optimizer:<method>"`` (the names in SCENE_USES and GIF_USES) as hex."""
    if name.startswith("optimizer:"):
        return optimizer_color(name.split(":", 1)[1], theme)
    return color(name, theme)


CJK_FONT = "Noto Sans CJK SC"

"""Colours with meaning, one hue per idea, in a dark (video) and a light (slide) variant."""

from __future__ import annotations

# meaning: (on a dark background, on a white background)
_PALETTE = {
    "function":   ("#58C4DD", "#1F77B4"),  # the curve or surface itself
    "derivative": ("#FF862F", "#E8590C"),  # f'(x)
    "tangent":    ("#F4D345", "#C99A06"),  # tangent line / plane
    "secant":     ("#83C167", "#2F9E44"),  # secant, finite difference
    "gradient":   ("#FC6255", "#D62728"),  # gradients and backward flow
    "loss":       ("#C77DDB", "#8E44AD"),  # loss values
    "area":       ("#5CD0B3", "#12A594"),  # integrals, Riemann rectangles
    "point":      ("#FFFFFF", "#222222"),  # the moving point
    "muted":      ("#888888", "#8A8A8A"),  # axes labels, grid, asides
    "forward":    ("#58C4DD", "#1F77B4"),  # forward-pass values
    "update":     ("#83C167", "#2F9E44"),  # updated weights
    "text":       ("#FFFFFF", "#222222"),
    "background": ("#0F1117", "#FFFFFF"),
}
# optimizers compared on one surface, in the legend's order
OPTIMIZER_COLORS = {"gd": ("#FC6255", "#D62728"), "momentum": ("#F4D345", "#C99A06"),
                    "nesterov": ("#83C167", "#2F9E44"), "rmsprop": ("#C77DDB", "#8E44AD"),
                    "adam": ("#58C4DD", "#1F77B4")}
MEANINGS = tuple(_PALETTE)


def color(meaning: str, theme: str = "dark") -> str:
    """The hex colour for ``meaning`` ("function", "derivative", ...) on ``theme`` dark or light."""
    if meaning not in _PALETTE:
        raise KeyError(f"unknown colour meaning {meaning!r}; known: {', '.join(_PALETTE)}")
    return _PALETTE[meaning][0 if theme == "dark" else 1]


def optimizer_color(method: str, theme: str = "dark") -> str:
    return OPTIMIZER_COLORS[method][0 if theme == "dark" else 1]


CJK_FONT = "Noto Sans CJK SC"

"""Section 6, the integral: rectangles under a curve refine toward the area. The lecturer may
type her own function and bounds (the area may then be signed): no example-specific number is
named.

Placeholders: none.
"""

NARRATION = {
    "show_title": (
        "导数研究变化率；积分则把许许多多的小量加起来。",
        "The derivative is about rates of change; the integral adds up many small pieces."),
    "show_integral": (
        "这是 f(x) 从 a 到 b 的积分：积分号下是 f(x) dx，下限是 a，上限是 b。",
        "This is the integral of f from a to b: f(x) dx under the integral sign, with a "
        "below and b above."),
    "show_curve": (
        "这是积分示意图：积分就是曲线与 x 轴在 a 和 b 之间围成的面积。",
        "Here is the picture: the integral is the area between the curve and the x axis, "
        "from a to b."),
    "show_table_head": (
        "我们用矩形来近似这块面积：每个矩形取左端点的函数值作为高度。",
        "We approximate that area with rectangles, each as tall as the function at its left "
        "end."),
    "refine_rectangles": (
        "矩形越来越多、越来越窄，它们的面积之和，也就是黎曼和，越来越接近积分，误差越来越小。",
        "With more and narrower rectangles, their total, the Riemann sum, comes closer to the "
        "integral, and the error shrinks."),
    "show_exact_area": (
        "当 n 趋于无穷，黎曼和的极限就是积分，也就是曲线下的面积；x 轴下方的部分记为负。",
        "As n goes to infinity, the sum tends to the integral: the area under the curve, with "
        "the parts below the x axis counted negative."),
}

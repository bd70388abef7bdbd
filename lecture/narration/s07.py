"""Section 7, tangent lines in 2D: a tangent travels along a curve, its slope read out and
drawn as the graph of f' below. The tangent travels to each zero-slope point in a loop whose
length depends on the lecturer's function (``travel_to:0`` and ``mark_zero_slope`` are said at
every stop, so their texts bear repeating; with no such point they are not said at all), then
on to the end of the range (``travel_to:1``). No example-specific number is named.

Placeholders: none.
"""

NARRATION = {
    "show_title": (
        "案例：展示二维图像的切线。",
        "An example: the tangent lines of a curve in 2D."),
    "show_formulas": (
        "右上方是函数 f(x)，下面是它的导数 f'(x)。",
        "At the top right, the function f(x); below it, its derivative f'(x)."),
    "show_graphs": (
        "左边上图是 f 的图像，下图是 f' 的图像，两者共用同一条 x 轴。",
        "On the left, the graph of f, and under it the graph of f', on the same x axis."),
    "show_tangent": (
        "在曲线上取一点作切线：切线的斜率就是这一点的导数，也就是下图中对应的高度。",
        "Draw the tangent at a point of the curve: its slope is the derivative there, the "
        "height of the lower graph."),
    "travel_to:0": (
        "切点沿曲线移动，切线随之转动，斜率不断变化。",
        "The point moves along the curve; the tangent turns with it, and its slope changes."),
    "mark_zero_slope": (
        "在这里斜率为 0：切线是水平的，f' 的图像碰到 x 轴。",
        "Here the slope is 0: the tangent lies flat, and the graph of f' meets the x axis."),
    "travel_to:1": (
        "切线继续移动，一直走到范围的末端。",
        "The tangent travels on to the end of the range."),
    "show_summary": (
        "导数的图像记录了每一点切线的斜率：导数为正，函数上升；导数为负，函数下降。",
        "The graph of f' records the tangent's slope at every point: where it is positive f "
        "rises, where it is negative f falls."),
}

"""Section 4, the differential: dy = f'(x) dx along the tangent against the change along the
curve as dx shrinks, first as it is, then magnified 1/|dx| times. The two sweeps of dx are the
call sites ``shrink_dx:0`` (before the inset) and ``shrink_dx:1`` (after it). The lecturer may
type her own function, point and range: no example-specific number is named.

Placeholders: none.
"""

NARRATION = {
    "show_title": (
        "微分回答一个问题：x 有一个小变化时，函数值大约变化多少？",
        "The differential answers one question: when x changes a little, by about how much "
        "does the function change?"),
    "show_definition": (
        "函数 f(x) 在点 x 的微分记作 df，写作 df(x) = f'(x) dx，其中 f'(x) 是 f 在 x 处的导数。",
        "The differential of f at x, written df, is df(x) = f'(x) dx, where f'(x) is the "
        "derivative of f at x."),
    "show_graph": (
        "在几何上，微分对应于函数图像在 x 点的切线。",
        "Geometrically, the differential lives on the tangent to the graph at x."),
    "show_triangle": (
        "x 的一个小变化 dx，沿切线引起的变化是 dy，沿曲线引起的真实变化是 Δy。",
        "A small change dx in x moves along the tangent by dy, while the curve itself "
        "moves by delta y."),
    "show_readout": (
        "右边读出 dx、dy、Δy，它们的差，以及差与 dx 的比值。",
        "On the right we read dx, dy, delta y, the gap between them, and the gap divided "
        "by dx."),
    "shrink_dx:0": (
        "让 dx 变小：dy 和 Δy 越来越接近。",
        "Now let dx shrink: dy and delta y come closer together."),
    "show_magnified": (
        "把这一小块放大 1/dx 倍来看：dx 和 dy 在画面上保持大小不变。",
        "Magnify this small corner 1/dx times: dx and dy then keep their size on screen."),
    "shrink_dx:1": (
        "继续缩小 dx，放大图里的曲线越来越贴近切线：差比 dx 更快地趋于 0。",
        "As dx keeps shrinking, the magnified curve straightens onto the tangent: the gap "
        "vanishes faster than dx."),
    "show_conclusion": (
        "所以 dy 是 Δy 的线性主部：dx 很小时，Δy 约等于 f'(x) dx。",
        "So dy is the linear part of delta y: for a small dx, delta y is about f'(x) dx."),
}

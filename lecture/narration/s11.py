"""Section 11, gradient descent finding a minimum: a run that reaches the minimum (or, with the
lecturer's own settings, ends elsewhere), then a learning rate that is too large. The runs are
the call sites ``descend:0`` and ``descend:1``; after the first run the scene says either
``show_minimum`` or ``show_outcome:0`` (one of the two); ``show_outcome:1`` ends the second run.
Function, start, learning rate, steps and momentum may be the lecturer's: no number is named,
and what the too-large rate does is hedged (it may swing or diverge).

Placeholders: none.
"""

NARRATION = {
    "show_title": (
        "代码实战：制作梯度下降求最小值的动画。",
        "In code: an animation of gradient descent finding a minimum."),
    "show_curve_and_rule": (
        "梯度下降的每一步，都沿着导数的反方向走，步长由学习率控制。",
        "Each step of gradient descent goes against the derivative, and the learning rate "
        "sets how far."),
    "descend:0": (
        "从起点出发：箭头是导数指向的上坡方向，点就往反方向走一步。坡越陡，步子越大；"
        "越接近最低点，步子越小。",
        "From the start, the arrow shows the uphill direction the derivative points to, and "
        "the point steps the other way. Steep slopes give big steps; near the bottom the "
        "steps get small."),
    "show_minimum": (
        "点停在了最低点附近，这里导数为 0。",
        "The point settles near the minimum, where the derivative is 0."),
    "show_outcome:0": (
        "看这一次走到了哪里：点没有停在一个最低点上。",
        "See where this run ended: it did not settle at a minimum."),
    "descend:1": (
        "换一个太大的学习率：每一步都越过了最低点，在两侧来回震荡。",
        "Now a learning rate that is too large: each step overshoots the minimum, and the "
        "point swings from side to side."),
    "show_outcome:1": (
        "学习率太大时，梯度下降会来回震荡，甚至发散，找不到最小值。",
        "With a learning rate that large, gradient descent swings back and forth or even "
        "diverges, and misses the minimum."),
}

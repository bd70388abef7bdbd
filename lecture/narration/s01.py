"""Section 1, what a derivative is: a secant through (a, f(a)) and (a+h, f(a+h)) turns into the
tangent as h -> 0. The lecturer may type her own function, point and range, so the narration
names no example-specific number.

Placeholders: none.
"""

NARRATION = {
    "show_title": (
        "导数是数学中的一个基本概念，主要用于研究函数随变量变化的快慢，即变化率。",
        "The derivative is a basic idea of mathematics: it measures how fast a function "
        "changes as its variable changes, its rate of change."),
    "show_definition": (
        "更正式地说，函数 f(x) 在点 x = a 处的导数，定义为 h 趋于 0 时差商的极限。",
        "Formally, the derivative of f at x = a is the limit of the difference quotient "
        "as h goes to 0."),
    "show_curve": (
        "给出一个函数 f(x)，我们考虑在 x 接近 a 时，函数的变化情况。",
        "Take a function f, and look at how it changes as x comes close to a."),
    "show_secant_shrinking": (
        "过点 a 和点 a+h 作一条割线，它的斜率就是差商。让 h 越来越小，第二个点滑向第一个点，"
        "割线的斜率也随之稳定下来。",
        "The secant through the points at a and a+h has the difference quotient as its "
        "slope. As h shrinks, the second point slides toward the first, and the slope settles."),
    "show_limit": (
        "割线变成了切线，斜率的极限就是 f'(a)。如果这个极限存在，我们就说函数在点 a 是可导的。",
        "The secant has become the tangent, and the limit of its slope is f'(a). If this "
        "limit exists, we say the function is differentiable at a."),
}

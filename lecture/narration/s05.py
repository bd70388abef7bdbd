"""Section 5, the sum, product and quotient rules: each stated, then checked with numbers on a
pair u, v against a numerical derivative; the product rule also as a growing rectangle. One
step per rule, keyed by the rule's name as the scene passes it (``show_rule:sum`` ...). The
pair and the point are on screen and not read out.

Placeholders: none.
"""

NARRATION = {
    "show_title": (
        "有了常见导数，再用几条法则，就能求出由它们组合而成的函数的导数。",
        "With the common derivatives and a few rules, we can differentiate the functions "
        "built from them."),
    "show_example_pair": (
        "先取一对具体的函数 u(x) 和 v(x)，用它们来检验每一条法则。",
        "We take a concrete pair of functions, u(x) and v(x), to check each rule with "
        "numbers."),
    "show_rule:sum": (
        "加法法则：两个函数之和的导数，是这两个函数导数的和。法则给出的值与数值导数一致。",
        "The sum rule: the derivative of a sum is the sum of the derivatives. The rule's "
        "value agrees with a numerical derivative."),
    "show_rule:product": (
        "乘法法则：uv 的导数等于 u 乘 v' 加上 v 乘 u'。把 uv 看成矩形的面积，两边各增加一点，"
        "面积的增量主要是两条长条；角上的 du dv 是二阶小量。数值验算同样一致。",
        "The product rule: the derivative of uv is u times v' plus v times u'. Think of uv "
        "as a rectangle: when both sides grow a little, the new area is two thin strips, and "
        "the corner du dv is second-order small. The numbers agree again."),
    "show_rule:quotient": (
        "除法法则：u/v 的导数，等于 v 乘 u' 减去 u 乘 v'，再除以 v 的平方。数值验算同样一致。",
        "The quotient rule: the derivative of u over v is v times u' minus u times v', all "
        "over v squared. Once more the numbers agree."),
}

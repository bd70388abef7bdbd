"""Section 9, the chain rule on the lecture's own example h(x) = (3x + 2)^2 in its four steps,
then checked at a point against a finite difference. The example is fixed, so its formulas are
read out (g'(x) = 3, f'(u) = 2u, f'(g(x)) = 2(3x + 2), h'(x) = 2(3x + 2) * 3: the tests check
them against mathcore.chain); the point of the check is the scene's and is not.

Placeholders: none.
"""

NARRATION = {
    "show_title": (
        "链式求导法则：复合函数怎样求导。",
        "The chain rule: how to differentiate a composite function."),
    "show_example": (
        "假设有复合函数 h(x) = (3x + 2)²，对它进行求导。",
        "Take the composite function h(x) = (3x + 2) squared, and differentiate it."),
    "show_machine": (
        "令内函数 g(x) = 3x + 2，外函数 f(u) = u²：x 先经过 g 得到 u，u 再经过 f 得到 y。",
        "Let the inner function be g(x) = 3x + 2 and the outer one f(u) = u squared: x goes "
        "through g to give u, and u goes through f to give y."),
    "show_values_flowing": (
        "代入一个具体的 x，看数值怎样一层一层向前传递。",
        "Put in a number for x, and watch the values pass forward, one function after the "
        "other."),
    "show_chain_rule": (
        "设 y = f(u)，u = g(x)，都在相应的点可导，那么 dy/dx = dy/du · du/dx："
        "外函数的导数乘以内函数的导数。",
        "If y = f(u) and u = g(x) are both differentiable, then dy/dx = dy/du times du/dx: "
        "the outer derivative times the inner one."),
    "show_steps": (
        "首先求内函数的导数：g'(x) 等于 3。然后求外函数对 u 的导数：f'(u) 等于 2u。"
        "将 g(x) 代入，得到 f'(g(x)) 等于 2(3x + 2)。最后两者相乘：h'(x) 等于 2(3x + 2) 乘以 3。",
        "First, g'(x) = 3. Then f'(u) = 2u. Putting g(x) into it gives f'(g(x)) = 2(3x + 2). "
        "Finally, multiply by g'(x): h'(x) = 2(3x + 2) times 3."),
    "check_at_point": (
        "最后在一个点上验算：四个步骤给出一个数，有限差分求出的导数与它一致。",
        "Finally, a check at one point: the four steps give a number, and a finite-difference "
        "derivative agrees with it."),
}

"""Section 3, activation functions and their derivatives: the six activations of
mathcore.functions.ACTIVATIONS one by one (keyed by name), then softmax. The remarks follow
the lecture's table ("特点"); the numbers quoted are the lecture's own facts, which the tests
check against mathcore: sigmoid in (0, 1) with sigmoid' at most 1/4, tanh in (-1, 1),
ReLU' = 1 or 0, LeakyReLU' = 0.01 on the left, ELU -> -alpha, six activations.

Placeholders: none.
"""

NARRATION = {
    "show_title": (
        "这一节看常见的激活函数，以及它们的导数。",
        "This section looks at the common activation functions and their derivatives."),
    "show_legend": (
        "每张小图画出函数和它的导数；阴影是导数几乎为 0 的区域，梯度在那里几乎消失。",
        "Each panel shows a function and its derivative; the shaded band is where the "
        "derivative is nearly 0 and the gradient vanishes."),
    "show_activation:sigmoid": (
        "Sigmoid 将输入压缩到 (0, 1) 区间，用于二分类问题。它的导数最大只有 1/4，"
        "在深层网络中容易产生梯度消失。",
        "Sigmoid squashes its input into (0, 1), for binary classification. Its slope is at "
        "most 1/4, so deep networks suffer vanishing gradients."),
    "show_activation:tanh": (
        "Tanh 将输入压缩到 (−1, 1) 区间，比 sigmoid 有更大的输出范围；但两端的导数同样趋于 0，"
        "也可能导致梯度消失。",
        "Tanh squashes its input into (-1, 1), a wider range than sigmoid, but its slope too "
        "fades at both ends."),
    "show_activation:relu": (
        "ReLU 在正区间内梯度保持为 1，解决了梯度消失问题；但在负区间梯度为 0。",
        "ReLU keeps the gradient at 1 for positive inputs, so it does not vanish there; for "
        "negative inputs it is 0."),
    "show_activation:leaky_relu": (
        "Leaky ReLU 在负区间保留 0.01 的小梯度，解决了 ReLU 在负区间梯度为 0 的问题。",
        "Leaky ReLU keeps a small gradient of 0.01 for negative inputs, fixing ReLU's zero "
        "gradient there."),
    "show_activation:prelu": (
        "PReLU 是 ReLU 的泛化形式：负区间的斜率 α 是一个可学习的参数。",
        "PReLU generalises ReLU: the slope alpha for negative inputs is a parameter the "
        "network learns."),
    "show_activation:elu": (
        "ELU 试图结合 sigmoid 和 ReLU 的优点：正区间与 ReLU 相同，对负值有平滑的小幅响应，"
        "趋于 −α。",
        "ELU tries to combine the strengths of sigmoid and ReLU: like ReLU for positive "
        "inputs, with a small, smooth response to negative ones that tends to minus alpha."),
    "clear_grid": (
        "六个激活函数看完了，最后看 Softmax。",
        "Those are the six; last comes softmax."),
    "show_softmax": (
        "Softmax 把一组输入变成一组概率：每个输出都在 0 和 1 之间，总和为 1。",
        "Softmax turns a list of inputs into probabilities: every output lies between 0 and "
        "1, and together they sum to 1."),
    "show_shift_invariance": (
        "给所有输入加上同一个常数，输出不变：分子和分母都乘上了同一个因子。",
        "Add the same constant to every input and the output does not change: numerator "
        "and denominator are multiplied by the same factor."),
}

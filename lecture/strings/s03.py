STRINGS = {
    "s03.saturated": ("阴影：|f′| < {t}，梯度几乎消失", "shaded: |f′| < {t}, the gradient vanishes"),
    "s03.at0": ("f′(0) = {v}", "f′(0) = {v}"),
    "s03.sigmoid": ("把输入压缩到 ({lo}, {hi})，用于二分类；两端饱和，深层网络中容易梯度消失",
                    "squashes inputs into ({lo}, {hi}), used for binary classification; "
                    "saturates at both ends: vanishing gradients in deep networks"),
    "s03.tanh": ("输出在 ({lo}, {hi})，比 sigmoid 的输出范围更大；也可能导致梯度消失",
                 "outputs in ({lo}, {hi}), a wider range than sigmoid; "
                 "it can also make gradients vanish"),
    "s03.relu": ("正区间梯度保持为 {one}，解决了梯度消失；但负区间梯度为 {zero}",
                 "the gradient stays {one} for x > 0, so it does not vanish there; "
                 "but it is {zero} for x ≤ 0"),
    "s03.leaky_relu": ("负区间保留小梯度 {slope}，解决了 ReLU 在负区间梯度为 0 的问题",
                       "keeps a small gradient {slope} for x ≤ 0, "
                       "fixing ReLU's zero gradient there"),
    "s03.prelu": ("ReLU 的泛化形式：负区间斜率 α 是可学习的参数（这里 α = {alpha}）",
                  "a generalised ReLU: the negative slope α is a learned parameter "
                  "(here α = {alpha})"),
    "s03.elu": ("结合 sigmoid 和 ReLU 的优点：对负值有平滑的小幅响应，趋于 −α = {low}",
                "combines sigmoid and ReLU: a smooth, small response to negative inputs, "
                "tending to −α = {low}"),
    "s03.softmax_input": ("输入 x", "input x"),
    "s03.softmax_output": ("输出 Softmax(x)，总和 = {s}", "output Softmax(x), sum = {s}"),
    "s03.shift": ("x + c，c = {c}", "x + c, c = {c}"),
    "s03.invariant": ("所有输入加同一个常数，输出不变", "adding one constant to every input "
                      "changes nothing"),
}

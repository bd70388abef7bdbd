"""Strings of the slide GIFs tangent_plane, backprop_training, gradient_descent,
gradient_descent_3d and optimizers.

Numbers are ``str.format`` fields filled in by the animation with values from mathcore
(so a string with fields doubles the braces of its mathtext: ``$w^{{1}}$``).
"""

STRINGS = {
    # --- tangent_plane ---------------------------------------------------------------------------
    "gif.tangent_plane.title": ("曲面 $z = {formula}$ 与它的切平面",
                                "The surface $z = {formula}$ and its tangent plane"),
    "gif.tangent_plane.surface": ("曲面", "surface"),
    "gif.tangent_plane.plane": ("切平面", "tangent plane"),
    "gif.tangent_plane.point": ("切点 ({x0:.2f}, {y0:.2f}, {z0:.2f})",
                                "point ({x0:.2f}, {y0:.2f}, {z0:.2f})"),
    "gif.tangent_plane.equation": (
        "切平面：$z = {z0:.2f}$\n    ${fx:+.2f}\\,(x {mx0:+.2f}) {fy:+.2f}\\,(y {my0:+.2f})$",
        "plane: $z = {z0:.2f}$\n    ${fx:+.2f}\\,(x {mx0:+.2f}) {fy:+.2f}\\,(y {my0:+.2f})$"),
    "gif.tangent_plane.partials": (
        "$\\partial f/\\partial x$ = {fx:.2f}    $\\partial f/\\partial y$ = {fy:.2f}",
        "$\\partial f/\\partial x$ = {fx:.2f}    $\\partial f/\\partial y$ = {fy:.2f}"),

    # --- backprop_training -----------------------------------------------------------------------
    "gif.backprop_training.title": ("训练 2-3-1 网络：损失下降，权重移动",
                                    "Training the 2-3-1 network: the loss falls, the weights move"),
    "gif.backprop_training.loss_axis": ("损失 $L = \\frac{1}{2}(y - y')^2$（对数刻度）",
                                        "loss $L = \\frac{1}{2}(y - y')^2$ (log scale)"),
    "gif.backprop_training.weights_axis": ("权重", "weights"),
    "gif.backprop_training.step_axis": ("训练步数", "training step"),
    "gif.backprop_training.w1_x1": ("$w^{1}_{1j}$（来自 $x_1$）", "$w^{1}_{1j}$ (from $x_1$)"),
    "gif.backprop_training.w1_x2": ("$w^{1}_{2j}$（来自 $x_2$）", "$w^{1}_{2j}$ (from $x_2$)"),
    "gif.backprop_training.w2": ("$w^{2}_{j1}$（第 2 层）", "$w^{2}_{j1}$ (layer 2)"),
    "gif.backprop_training.first_step": ("第 1 步：{before:.0f} → {after:.0f}",
                                         "step 1: {before:.0f} → {after:.0f}"),
    "gif.backprop_training.readout": ("第 {k} 步\n$L$ = {loss:.4g}\n$\\eta$ = {lr}",
                                      "step {k}\n$L$ = {loss:.4g}\n$\\eta$ = {lr}"),

    # --- gradient_descent ------------------------------------------------------------------------
    "gif.gradient_descent.title": ("梯度下降：$x \\leftarrow x - \\eta\\, f'(x)$，$f(x) = {formula}$",
                                   "Gradient descent: $x \\leftarrow x - \\eta\\, f'(x)$, $f(x) = {formula}$"),
    "gif.gradient_descent.good": ("学习率合适：走向最小值", "a good learning rate: it converges"),
    "gif.gradient_descent.bad": ("学习率太大：越过最小值", "too large: it overshoots"),
    "gif.gradient_descent.readout": ("第 {k} 步\n$\\eta$ = {lr:g}\n$x$ = {x:.3f}\n$f(x)$ = {fx:.3g}",
                                     "step {k}\n$\\eta$ = {lr:g}\n$x$ = {x:.3f}\n$f(x)$ = {fx:.3g}"),

    # --- gradient_descent_3d ---------------------------------------------------------------------
    "gif.gradient_descent_3d.title": ("曲面 $f(x, y) = {formula}$ 上的梯度下降",
                                      "Gradient descent on $f(x, y) = {formula}$"),
    "gif.gradient_descent_3d.surface": ("曲面与路径", "surface and path"),
    "gif.gradient_descent_3d.contour": ("等高线与路径", "contour map and path"),
    "gif.gradient_descent_3d.readout": (
        "第 {k} 步   $\\eta$ = {lr:g}   $(x, y)$ = ({x:.2f}, {y:.2f})   $f$ = {f:.3f}",
        "step {k}   $\\eta$ = {lr:g}   $(x, y)$ = ({x:.2f}, {y:.2f})   $f$ = {f:.3f}"),
    "gif.gradient_descent_3d.minimum": ("最小值", "minimum"),

    # --- optimizers ------------------------------------------------------------------------------
    "gif.optimizers.title": ("优化器比较：$f(x, y) = {formula}$",
                             "Optimizers compared on $f(x, y) = {formula}$"),
    "gif.optimizers.gd": ("梯度下降", "gradient descent"),
    "gif.optimizers.momentum": ("动量", "momentum"),
    "gif.optimizers.nesterov": ("Nesterov 动量", "Nesterov"),
    "gif.optimizers.rmsprop": ("RMSProp", "RMSProp"),
    "gif.optimizers.adam": ("Adam", "Adam"),
    "gif.optimizers.legend": ("{name}  $\\eta$ = {lr:g}", "{name}  $\\eta$ = {lr:g}"),
    "gif.optimizers.value": ("$f$ = {v:.2g}", "$f$ = {v:.2g}"),
    "gif.optimizers.readout": ("第 {k} 步", "step {k}"),
    "gif.optimizers.start": ("起点", "start"),
    "gif.optimizers.minimum": ("最小值", "minimum"),
}

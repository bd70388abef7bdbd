"""Section 12, gradient descent on a 3D surface: the surface, its contour map, a descent drawn
on both, and what the learning rate did. The lecture runs two learning rates; the lecturer's
own settings run one: the narration fits both and names no number.

Placeholders: none.
"""

NARRATION = {
    "show_title": (
        "代码实战：实现三维平面的梯度下降。",
        "In code: gradient descent on a 3D surface."),
    "show_surface": (
        "损失函数有两个参数时，它的图像是一张曲面，我们要找的是曲面的最低点。",
        "When the loss has two parameters, its graph is a surface, and we look for its "
        "lowest point."),
    "show_contour_map": (
        "旁边是从上往下看的等高线图：同一条线上函数值相等，梯度总是垂直于等高线。",
        "Beside it, the contour map seen from above: f is constant along each line, and the "
        "gradient crosses them at right angles."),
    "descend": (
        "每一步都沿着负梯度方向走，路径同时画在曲面上和等高线图上。",
        "Every step goes along minus the gradient; the path is drawn on the surface and on "
        "the map at once."),
    "show_valley_floor": (
        "学习率决定了路径的样子：太小走得慢，太大会在山谷两侧来回震荡，甚至发散。",
        "The learning rate shapes the path: too small and it crawls, too large and it "
        "zig-zags across the valley or even diverges."),
}

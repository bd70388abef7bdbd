STRINGS = {
    "s06.sum": ("黎曼和", "Riemann sum"),
    "s06.error": ("误差", "error"),
    "s06.exact": ("积分（数值求积）", "integral (quadrature)"),
    "s06.left_rule": ("每个矩形取左端点的高度", "each rectangle takes its left end's height"),
    "s06.area": ("n → ∞：矩形之和 → 曲线下的面积", "n → ∞: the sum → the area under the curve"),
    "s06.signed": ("n → ∞：矩形之和 → 有向面积（x 轴下方记为负）",
                   "n → ∞: the sum → the signed area (below the x axis counts negative)"),
}

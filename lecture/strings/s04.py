STRINGS = {
    "s04.dy": ("dy（沿切线）", "dy (along the tangent)"),
    "s04.delta": ("Δy（沿曲线）", "Δy (along the curve)"),
    "s04.gap": ("差 Δy − dy", "gap Δy − dy"),
    "s04.ratio": ("差 / dx", "gap / dx"),
    "s04.zoom": ("放大 1/dx 倍：dx 看起来不变", "magnified 1/dx times: dx looks fixed"),
    "s04.conclusion": ("差比 dx 更快趋于 0", "the gap vanishes faster than dx"),
    "s04.linear_part": ("dy 是 Δy 的线性主部", "dy is the linear part of Δy"),
}

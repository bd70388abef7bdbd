STRINGS = {
    "s07.zero_slope": ("斜率为 0：切线水平", "slope 0: the tangent is horizontal"),
    "s07.where": ("f'(x) = 0 的点：", "where f'(x) = 0:"),
    "s07.none": ("这段范围内没有 f'(x) = 0 的点", "no point with f'(x) = 0 in this range"),
}

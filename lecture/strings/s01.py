STRINGS = {
    "s01.secant_slope": ("割线斜率", "secant slope"),
    "s01.limit_exists": ("极限存在：f 在 a 处可导", "the limit exists: f is differentiable at a"),
}

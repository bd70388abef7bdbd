STRINGS = {
    "s09.inner": ("内函数", "inner function"),
    "s09.outer": ("外函数", "outer function"),
    "s09.step1": ("1. 首先求 g(x) 的导数", "1. differentiate g(x)"),
    "s09.step2": ("2. 然后求 f(u) 对 u 的导数", "2. differentiate f(u) in u"),
    "s09.step3": ("3. 将 g(x) 代入 f'(u)", "3. put g(x) into f'(u)"),
    "s09.step4": ("4. 将 f'(g(x)) 与 g'(x) 相乘", "4. multiply f'(g(x)) by g'(x)"),
    "s09.check": ("在 x = {x} 处验算", "check at x = {x}"),
    "s09.fd": ("有限差分：", "finite difference:"),
    "s09.agree": ("一致，相差", "they agree; difference"),
}

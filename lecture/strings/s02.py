STRINGS = {
    "s02.col_f": ("初等函数", "function"),
    "s02.col_df": ("导数", "derivative"),
    "s02.domain": ("定义域 {d}", "domain {d}"),
    "s02.domains": ("定义域：f {d}，f′ {dd}", "domain: f {d}, f′ {dd}"),
    "s02.closing": ("每个函数都画在它的实定义域上", "each function drawn on its real domain"),
}

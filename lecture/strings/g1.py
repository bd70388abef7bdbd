"""Strings of the slide GIFs activations, secant_tangent, tangent_line, differential, riemann.

Numbers are ``str.format`` fields filled in by the animation with values from mathcore.
"""

STRINGS = {
    # --- activations ---------------------------------------------------------------------------
    "gif.activations.title": ("激活函数及其导数", "Activations and their derivatives"),
    "gif.activations.legend_f": ("函数 $f(x)$", "$f(x)$"),
    "gif.activations.legend_df": ("导数 $f'(x)$", "$f'(x)$"),
    "gif.activations.legend_tangent": ("切线", "tangent"),
    "gif.activations.with_alpha": ("{name}  ($\\alpha$ = {alpha})",
                                   "{name}  ($\\alpha$ = {alpha})"),
    "gif.activations.slope": ("$f'$ =", "$f'$ ="),
    # no format fields: single braces
    "gif.activations.softmax": ("Softmax：$s = \\mathrm{softmax}(z)$",
                                "Softmax: $s = \\mathrm{softmax}(z)$"),
    "gif.activations.softmax_s": ("$s_i$", "$s_i$"),
    "gif.activations.softmax_ds": ("$\\partial s_i / \\partial z_{k}$",
                                   "$\\partial s_i / \\partial z_{k}$"),
    "gif.activations.softmax_z": ("$z_{k}$ =", "$z_{k}$ ="),
    "gif.activations.softmax_sk": ("   $s_{k}$ =", "   $s_{k}$ ="),
    "gif.activations.softmax_dk": ("   $\\partial s_{k}/\\partial z_{k}$ =",
                                   "   $\\partial s_{k}/\\partial z_{k}$ ="),
    # --- secant_tangent ------------------------------------------------------------------------
    "gif.secant_tangent.title": ("割线变成切线：$h \\to 0$", "The secant becomes the tangent: $h \\to 0$"),
    "gif.secant_tangent.curve": ("$f(x) = x^{{{n}}}$", "$f(x) = x^{{{n}}}$"),
    "gif.secant_tangent.secant": ("割线", "secant"),
    "gif.secant_tangent.tangent": ("切线", "tangent"),
    "gif.secant_tangent.h": ("$h$ =", "$h$ ="),
    "gif.secant_tangent.slope": ("割线斜率 =", "secant slope ="),
    "gif.secant_tangent.derivative": ("$f'({a})$ = {d}", "$f'({a})$ = {d}"),
    "gif.secant_tangent.slope_axis": ("割线斜率", "secant slope"),
    "gif.secant_tangent.h_axis": ("$h$（对数刻度）", "$h$ (log scale)"),
    # --- tangent_line --------------------------------------------------------------------------
    "gif.tangent_line.title": ("切线沿曲线移动", "A tangent line travelling along the curve"),
    "gif.tangent_line.curve": ("$f(x) = x^{{{n}}} {a} x$", "$f(x) = x^{{{n}}} {a} x$"),
    "gif.tangent_line.dcurve": ("$f'(x) = {n}x^{{{m}}} {a}$", "$f'(x) = {n}x^{{{m}}} {a}$"),
    "gif.tangent_line.x": ("$x$ =", "$x$ ="),
    "gif.tangent_line.slope": ("切线斜率 $f'(x)$ =", "tangent slope $f'(x)$ ="),
    "gif.tangent_line.tangent": ("切线", "tangent"),
    # --- differential --------------------------------------------------------------------------
    "gif.differential.title": ("微分 $dy$ 与增量 $\\Delta y$",
                               "The differential $dy$ and the change $\\Delta y$"),
    "gif.differential.curve": ("$f(x) = e^x$，$x$ = {x}", "$f(x) = e^x$,  $x$ = {x}"),
    "gif.differential.dy_label": ("$dy$ 沿切线", "$dy$ along the tangent"),
    "gif.differential.Dy_label": ("$\\Delta y$ 沿曲线", "$\\Delta y$ along the curve"),
    "gif.differential.dx": ("$dx$ =", "$dx$ ="),
    "gif.differential.dy": ("$dy = f'(x)\\,dx$ =", "$dy = f'(x)\\,dx$ ="),
    "gif.differential.Dy": ("$\\Delta y = f(x+dx) - f(x)$ =", "$\\Delta y = f(x+dx) - f(x)$ ="),
    "gif.differential.gap": ("$\\Delta y - dy$ =", "$\\Delta y - dy$ ="),
    "gif.differential.loglog_dy": ("$dy \\propto dx$", "$dy \\propto dx$"),
    "gif.differential.loglog_gap": ("$\\Delta y - dy \\propto dx^2$",
                                    "$\\Delta y - dy \\propto dx^2$"),
    "gif.differential.loglog_x": ("$dx$（对数刻度）", "$dx$ (log scale)"),
    # --- riemann -------------------------------------------------------------------------------
    "gif.riemann.title": ("黎曼和逼近积分", "Riemann sums approach the integral"),
    "gif.riemann.subtitle": ("$f(x) = x^{{{f}}}$，积分 {integral} = {v}（数值积分）",
                             "$f(x) = x^{{{f}}}$,  integral {integral} = {v} (quadrature)"),
    "gif.riemann.integral": ("$\\int_{{{a}}}^{{{b}}} f(x)\\,dx$",
                             "$\\int_{{{a}}}^{{{b}}} f(x)\\,dx$"),
    "gif.riemann.left": ("左端点", "left"),
    "gif.riemann.right": ("右端点", "right"),
    "gif.riemann.midpoint": ("中点", "midpoint"),
    "gif.riemann.n": ("$n$ = {n}", "$n$ = {n}"),
    "gif.riemann.sum": ("和 = {s}", "sum = {s}"),
    "gif.riemann.error": ("误差 = {e}", "error = {e}"),
}

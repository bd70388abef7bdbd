"""Section 2, common derivatives: the lecture's table, each function beside its derivative and
its graph. The table is fixed (mathcore.functions.TABLE), one step per row, keyed by the row's
name; the graphs' parameters are the scene's choice and are not read out.

Placeholders: none.
"""

NARRATION = {
    "show_title": (
        "这一节是常见初等函数的导数表。",
        "This section is the table of derivatives of the common elementary functions."),
    "show_header": (
        "左边一列是初等函数，右边一列是它的导数。",
        "On the left, each elementary function; beside it, its derivative."),
    "show_function:power": (
        "幂函数 x 的 n 次方，导数是 n 乘以 x 的 n−1 次方。",
        "The power x to the n has derivative n times x to the n minus 1."),
    "show_function:exp": (
        "e 的 x 次方很特别：它的导数就是它自己，两条曲线重合。",
        "e to the x is special: it is its own derivative, and the two curves coincide."),
    "show_function:exp_base": (
        "a 的 x 次方，导数是 a 的 x 次方再乘以 ln a。",
        "a to the x has derivative a to the x times ln a."),
    "show_function:ln": (
        "自然对数 ln x 的导数是 1/x，只在 x > 0 上有定义。",
        "The natural logarithm ln x has derivative 1/x, defined for x > 0 only."),
    "show_function:log_base": (
        "以 a 为底的对数，导数是 1 除以 x 与 ln a 的乘积。",
        "The logarithm to base a has derivative 1 over the product of x and ln a."),
    "show_function:sin": (
        "正弦函数 sin x 的导数，是余弦函数 cos x。",
        "The derivative of sin x is cos x."),
    "turn_page": (
        "接下来是表格的后半部分。",
        "Now the second half of the table."),
    "show_function:cos": (
        "cos x 的导数是 −sin x，注意这个负号。",
        "The derivative of cos x is minus sin x: mind the sign."),
    "show_function:tan": (
        "tan x 的导数是 sec x 的平方，总是正的，所以 tan x 始终在递增。",
        "tan x has derivative sec squared x, which is always positive: tan x keeps rising."),
    "show_function:arcsin": (
        "arcsin x 的导数是 1 除以根号下 1−x²，在 x 趋于 ±1 时趋于无穷。",
        "arcsin x has derivative 1 over the square root of 1 minus x squared; it grows without "
        "bound near plus and minus 1."),
    "show_function:arccos": (
        "反余弦函数 arccos x 的导数，与 arcsin x 的导数只差一个负号。",
        "arccos x has the same derivative as arcsin x, with a minus sign."),
    "show_function:arctan": (
        "arctan x 的导数是 1 除以 1+x²，在整条实数轴上都有定义。",
        "arctan x has derivative 1 over 1 plus x squared, defined on the whole real line."),
    "show_closing": (
        "每个函数都画在它的实定义域上。",
        "Each function is drawn on its real domain."),
}

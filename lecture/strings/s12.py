STRINGS = {
    "s12.surface": ("损失曲面", "the loss surface"),
    "s12.contours": ("等高线图（俯视）", "contour map (from above)"),
    "s12.small": ("小学习率：平稳但慢", "small η: smooth but slow"),
    "s12.large": ("大学习率：在山谷两侧来回震荡", "large η: zig-zags across the valley"),
    "s12.done": ("每一步都沿 −∇f 走，最终到达谷底", "every step goes along −∇f, down to the valley floor"),
}

"""Section 10, backpropagation on the lecture's 2-3-1 network (no biases, no activations):
forward pass, loss, gradients flowing backward, the update, and the forward pass again. The
lecturer may give her own weights, inputs, target and learning rate, so the only numbers read
out are the two losses, formatted by the caller as the scene shows them; and the narration
does not promise that the loss went down (with her numbers it may not).

Placeholders:
    show_loss: {loss}
    show_second_forward_pass: {loss}, {loss_after}
({loss} is the loss before the update, {loss_after} the loss after it.)
"""

NARRATION = {
    "show_title": (
        "反向传播算法：用链式法则，从输出到输入，逐层算出损失对每个参数的梯度。",
        "Backpropagation: with the chain rule, we compute the gradient of the loss for every "
        "weight, layer by layer from the output back."),
    "show_network": (
        "这是一个两个输入、三个隐藏单元、一个输出的小网络，没有偏置，也没有激活函数。"
        "两层参数的初始值、输入、目标输出和学习率都已给定。",
        "A small network: two inputs, three hidden units and one output, with no biases and "
        "no activations. Both layers' weights, the inputs, the target and the learning rate "
        "are given."),
    "show_forward_pass": (
        "前向传播：每个隐藏单元把输入按第一层参数加权求和，"
        "输出 y' 再把隐藏单元按第二层参数加权求和。",
        "Forward pass: each hidden unit sums the inputs weighted by layer one, and the output "
        "y' sums the hidden units weighted by layer two."),
    "show_loss": (
        "计算误差：损失是目标 y 与输出 y' 之差的平方的一半，这里等于 {loss}。",
        "The loss is half the squared difference between the target y and the output y': "
        "here {loss}."),
    "show_output_gradient": (
        "反向传播从损失开始：损失对输出的梯度是 y' − y。",
        "Backward, starting from the loss: its gradient with respect to the output is y' "
        "minus y."),
    "show_layer2_gradients": (
        "计算第 2 层的梯度：按链式法则，每个参数的梯度是输出梯度乘以它所连接的隐藏单元的值 z。",
        "Layer two: by the chain rule, each weight's gradient is the output gradient times "
        "the hidden value z it multiplies."),
    "show_layer1_gradients": (
        "计算第 1 层的梯度：梯度继续往回传，输出梯度乘以第二层的参数，再乘以这条边上的输入 x。",
        "Layer one: the gradient flows further back, the output gradient times the layer-two "
        "weight, times the input x on that edge."),
    "show_update": (
        "梯度更新：每个参数都减去学习率乘以它的梯度，W = W − η ∂L/∂W。",
        "The update: every weight moves against its gradient, W minus the learning rate times "
        "dL/dW."),
    "show_second_forward_pass": (
        "用更新后的参数重新进行前向传播，重新计算误差：损失从 {loss} 变为 {loss_after}。",
        "Forward again with the new weights, and the loss again: it went from {loss} to "
        "{loss_after}."),
}

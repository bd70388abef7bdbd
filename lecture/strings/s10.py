STRINGS = {
    "s10.no_bias": ("无偏置、无激活函数", "no biases, no activations"),
    "s10.target": ("目标", "target"),
    "s10.forward": ("前向传播", "Forward pass"),
    "s10.loss": ("计算误差", "The loss"),
    "s10.grad_output": ("反向传播：计算损失函数的梯度", "Backward: the loss gradient"),
    "s10.grad_layer2": ("反向传播：计算第 2 层的梯度", "Backward: layer 2 gradients"),
    "s10.grad_layer1": ("反向传播：计算第 1 层的梯度", "Backward: layer 1 gradients"),
    "s10.update": ("梯度更新", "Gradient update"),
    "s10.forward_again": ("重新进行前向传播", "Forward pass again"),
    "s10.loss_again": ("重新计算误差", "The loss again"),
    "s10.before": ("更新前", "before the update"),
    "s10.smaller": ("一步更新后，损失变小了", "The loss went down"),
}

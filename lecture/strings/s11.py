STRINGS = {
    "s11.small_lr": ("学习率合适：一步步走向最低点", "Good learning rate: steady descent"),
    "s11.large_lr": ("学习率太大：越过最低点，来回震荡", "Too large: it overshoots and swings"),
    "s11.reached": ("到达最低点附近", "close to the minimum"),
}

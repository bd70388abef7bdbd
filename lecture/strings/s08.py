STRINGS = {
    "s08.tangent_plane": ("切平面", "tangent plane"),
    "s08.point": ("切点", "point"),
    "s08.slope_x": ("沿 x 方向的斜率", "slope along x"),
    "s08.slope_y": ("沿 y 方向的斜率", "slope along y"),
    "s08.moving": ("切点沿曲面移动，切平面随之转动", "the point moves; the plane turns with it"),
    "s08.level": ("两个偏导数都为 0：切平面是水平的", "both partial derivatives are 0: the plane is level"),
}

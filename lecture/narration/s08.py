"""Section 8, the tangent plane in 3D: a surface z = f(x, y) with its tangent plane at a point
that walks around it. The scene's path ends where both partial derivatives are 0 (the tests
check this with mathcore), where ``show_level_plane`` says the plane is level.

Placeholders: none.
"""

NARRATION = {
    "show_title": (
        "案例：展示三维函数的切面。",
        "An example: the tangent plane of a surface in 3D."),
    "show_surface": (
        "二元函数 z = f(x, y) 的图像，是三维空间中的一张曲面。",
        "A function of two variables, z = f(x, y), draws a surface in space."),
    "show_tangent_plane": (
        "在曲面上取一点，过这一点的切平面由两个偏导数决定：沿 x 方向的斜率和沿 y 方向的斜率。",
        "At a point of the surface, the tangent plane is set by the two partial derivatives: "
        "the slope along x and the slope along y."),
    "move_point_around": (
        "切点沿曲面移动，切平面随之转动。在每一点附近，切平面都是曲面最好的平面近似。",
        "The point moves over the surface and the plane turns with it. Near each point, the "
        "tangent plane is the best flat approximation of the surface."),
    "show_level_plane": (
        "在这里两个偏导数都为 0，切平面是水平的。",
        "Here both partial derivatives are 0, and the tangent plane is level."),
}

"""Section 12: gradient descent walks down a surface, seen in 3D and on its contour map."""

from __future__ import annotations

import numpy as np
from manim import (DEGREES, DOWN, LEFT, RIGHT, UP, Axes, Create, Dot, FadeIn, Line, ManimColor,
                   Surface, ThreeDAxes, ThreeDCamera, VGroup, VMobject, Write, linear, smooth)

from mathcore import optimize, surfaces

from .style import SMALL_SIZE, C, LectureScene3D, fmt, formula, label, tick_labels, tr

SURFACE = surfaces.get("ellipse")              # f = 0.5 x^2 + 2.5 y^2: a long, narrow valley
START = (-2.6, 1.5)
ETAS = (0.1, 0.36)                             # a small and a large learning rate
STEPS = 16
LEVELS = (0.25, 1.0, 2.5, 5.0, 9.0, 13.0)      # contour heights
GRID = 61                                      # grid points per side for the contours
MESH = 18                                      # surface faces per side
Z_RANGE = (0.0, 15.0)
LIFT = 8                                       # samples per path segment lifted onto the surface


def trajectories() -> list:
    return [optimize.gradient_descent(SURFACE.grad_xy, START, eta, STEPS, f=SURFACE.f_xy)
            for eta in ETAS]


def level_segments(X, Y, Z, level) -> list[tuple]:
    """Marching squares: the pieces ((x, y), (x, y)) of the curve Z = level across the grid.

    Each grid cell whose corners straddle ``level`` contributes one or two segments between the
    points where its edges cross the level (linear interpolation along the edge)."""
    segs = []
    ny, nx = Z.shape
    for i in range(ny - 1):
        for j in range(nx - 1):
            # corners counter-clockwise: (i, j), (i, j+1), (i+1, j+1), (i+1, j)
            c = [(i, j), (i, j + 1), (i + 1, j + 1), (i + 1, j)]
            v = [Z[a, b] - level for a, b in c]
            above = [x > 0 for x in v]
            if all(above) or not any(above):
                continue
            cuts = []
            for e in range(4):
                a, b = e, (e + 1) % 4
                if above[a] != above[b]:
                    t = v[a] / (v[a] - v[b])
                    (ia, ja), (ib, jb) = c[a], c[b]
                    cuts.append((X[ia, ja] + t * (X[ib, jb] - X[ia, ja]),
                                 Y[ia, ja] + t * (Y[ib, jb] - Y[ia, ja])))
            if len(cuts) == 2:
                segs.append((cuts[0], cuts[1]))
            else:  # a saddle cell: the centre's side (mean of the corners) says which two
                # opposite corners it joins; the cuts then cut off the other two corners
                if (np.mean(v) > 0) == above[0]:   # corners 0 and 2 joined: cut off 1 and 3
                    segs += [(cuts[0], cuts[1]), (cuts[2], cuts[3])]
                else:                               # corners 1 and 3 joined: cut off 0 and 2
                    segs += [(cuts[3], cuts[0]), (cuts[1], cuts[2])]
    return segs


def contours() -> dict:
    X, Y, Z = surfaces.grid(SURFACE, SURFACE.x_range, SURFACE.y_range, GRID)
    return {lv: level_segments(X, Y, Z, lv) for lv in LEVELS}


def data() -> dict:
    """What the scene shows: each path's points and values, the learning rates, the contours."""
    runs = trajectories()
    return {"etas": ETAS, "start": START, "steps": STEPS,
            "points": [t.points for t in runs], "values": [t.values for t in runs],
            "contours": contours()}


class ShiftedCamera(ThreeDCamera):
    """A 3D camera whose picture is moved on screen by SCREEN_SHIFT (fixed-in-frame mobjects are
    not): the surface sits in the left half, beside the contour map, wherever the camera turns."""

    SCREEN_SHIFT = np.array([-3.5, -0.7, 0.0])

    def __init__(self, **kwargs):
        # the surface is lit once, by light_surface: the camera's own shading costs per frame
        super().__init__(**{**kwargs, "should_apply_shading": False})

    def project_points(self, points):
        return super().project_points(points) + self.SCREEN_SHIFT


LIGHT = np.array([-1.0, -2.0, 3.0]) / np.sqrt(14.0)


def light_surface(surface, light=LIGHT, ambient=0.45):
    """Shade each face once by how squarely it faces a fixed light, and pin its depth-sorting
    point: the surface never moves, so neither changes while the camera turns."""
    for face in surface:
        a = face.get_anchors()
        n = np.cross(a[2] - a[0], a[3] - a[1])
        n = n / (np.linalg.norm(n) or 1.0)
        k = ambient + (1 - ambient) * abs(float(np.dot(n, light)))
        face.set_fill(ManimColor.from_rgb(np.clip(face.get_fill_color().to_rgb() * k, 0, 1)))
        centre = face.get_center()
        face.get_z_index_reference_point = lambda c=centre: c
    return surface


def path_colors():
    return (C("update"), C("gradient"))


class DescentOnSurfaceAndContours(LectureScene3D):
    SECTION = 12

    def __init__(self, **kwargs):
        super().__init__(camera_class=ShiftedCamera, **kwargs)

    def construct(self):
        self.d = data()
        self.contours = self.d["contours"]
        self.show_title()
        self.show_surface()
        self.show_contour_map()
        self.descend()
        self.show_valley_floor()

    # --- helpers -------------------------------------------------------------------------

    def fixed(self, *mobs):
        """Add mobjects fixed in the frame (not turned by the camera) without drawing them yet."""
        self.add_fixed_in_frame_mobjects(*mobs)
        self.remove(*mobs)
        return mobs[0] if len(mobs) == 1 else mobs

    def on_surface(self, x, y):
        return self.axes.c2p(x, y, SURFACE.f(x, y))

    def lifted_segment(self, p, q, color):
        """The straight step p -> q in the plane, drawn on the surface above it."""
        ts = np.linspace(0, 1, LIFT)
        pts = [self.on_surface(*(np.asarray(p) + t * (np.asarray(q) - np.asarray(p)))) for t in ts]
        return VMobject(color=color, stroke_width=3).set_points_as_corners(pts)

    # --- steps ---------------------------------------------------------------------------

    def show_surface(self):
        self.set_camera_orientation(phi=55 * DEGREES, theta=-125 * DEGREES, zoom=0.75)
        (x0, x1), (y0, y1) = SURFACE.x_range, SURFACE.y_range
        z0, z1 = Z_RANGE
        # the axes map coordinates; plain lines draw them (ThreeDAxes' own shading is slow)
        self.axes = ThreeDAxes(x_range=[x0, x1, 1], y_range=[y0, y1, 1], z_range=[z0, z1, 5],
                               x_length=x1 - x0, y_length=y1 - y0, z_length=3)
        c2p = self.axes.c2p
        lines = VGroup(Line(c2p(x0, 0, 0), c2p(x1, 0, 0)), Line(c2p(0, y0, 0), c2p(0, y1, 0)),
                       Line(c2p(0, 0, z0), c2p(0, 0, z1)))
        lines.set_stroke(C("muted"), 2, opacity=0.8)
        names = VGroup(label("x", SMALL_SIZE, C("muted")).move_to(c2p(x1 + 0.35, 0, 0)),
                       label("y", SMALL_SIZE, C("muted")).move_to(c2p(0, y1 + 0.35, 0)),
                       label("z", SMALL_SIZE, C("muted")).move_to(c2p(0, 0, z1 + 1.5)))
        self.add_fixed_orientation_mobjects(*names)
        self.remove(*names)
        self.surface = Surface(lambda u, v: self.on_surface(u, v), u_range=[x0, x1],
                               v_range=[y0, y1], resolution=(MESH, MESH),
                               checkerboard_colors=[C("function"), C("function").darker(0.25)],
                               fill_opacity=0.6, stroke_width=0)
        light_surface(self.surface)
        self.rings3d = VGroup()
        for lv, segs in self.contours.items():
            ring = VMobject(color=C("point"), stroke_width=1.5, stroke_opacity=0.6)
            for (p, q) in segs:
                ring.start_new_path(c2p(*p, lv))
                ring.add_line_to(c2p(*q, lv))
            self.rings3d.add(ring)
        f_text = self.fixed(formula(f"f(x, y) = {SURFACE.formula}", 30, C("function")))
        f_text.next_to(self.corner, DOWN, buff=0.3).align_to(self.corner, LEFT)
        self.play(Create(lines), FadeIn(names), Write(f_text), run_time=1.2)
        self.play(Create(self.surface), run_time=1.8)
        self.play(Create(self.rings3d), run_time=1)

    def show_contour_map(self):
        (x0, x1), (y0, y1) = SURFACE.x_range, SURFACE.y_range
        ax = Axes(x_range=[x0, x1, 1], y_range=[y0, y1, 1], x_length=5.4, y_length=3.6,
                  tips=False, axis_config={"color": C("muted"), "stroke_width": 2})
        ax.move_to(RIGHT * 3.75 + DOWN * 0.05)
        ticks = tick_labels(ax, xs=[x0, x1], ys=[y0, y1], size=16)
        ticks.add(label("x", 18, C("muted")).next_to(ax.c2p(x1, 0), UP + LEFT, buff=0.08),
                  label("y", 18, C("muted")).next_to(ax.c2p(0, y1), RIGHT, buff=0.12)
                  .shift(DOWN * 0.18))
        rings = VGroup()
        for lv, segs in self.contours.items():
            ring = VMobject(color=C("function"), stroke_width=2)
            for (p, q) in segs:
                ring.start_new_path(ax.c2p(*p))
                ring.add_line_to(ax.c2p(*q))
            rings.add(ring)
        heading = label(tr("s12.contours"), SMALL_SIZE, C("muted")).next_to(ax, UP, buff=0.15)
        rule = formula("bold(x)_(k+1) = bold(x)_k - eta nabla f(bold(x)_k)", 30, C("gradient"))
        rule.to_corner(UP + RIGHT, buff=0.3)
        self.fixed(ax, ticks, rings, heading, rule)
        self.map_axes, self.rule = ax, rule
        self.play(Create(ax), FadeIn(ticks), FadeIn(heading), Write(rule), run_time=1)
        self.play(Create(rings), run_time=1.2)

    def readouts(self, k):
        d = self.d
        rows = VGroup()
        for (eta, vals, col) in zip(ETAS, d["values"], path_colors()):
            kk = min(k, len(vals) - 1)
            rows.add(label(f"η = {fmt(eta)}    {tr('step', k=kk)}    f = {fmt(vals[kk], 3)}",
                           SMALL_SIZE + 2, col))
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        return rows.next_to(self.map_axes, DOWN, buff=0.45).align_to(self.map_axes, LEFT)

    def descend(self):
        d = self.d
        cols = path_colors()
        starts = VGroup()
        for pts, col in zip(d["points"], cols):
            starts.add(self.fixed(Dot(self.map_axes.c2p(*pts[0]), radius=0.06, color=col)))
        start3d = Dot(self.on_surface(*d["points"][0][0]), radius=0.07, color=C("point"))
        self.add_fixed_orientation_mobjects(start3d)
        self.remove(start3d)
        self.panel = self.fixed(self.readouts(0))
        self.play(FadeIn(starts), FadeIn(start3d), FadeIn(self.panel), run_time=0.6)
        for k in range(1, STEPS + 1):
            anims, dots3d, dots2d = [], [], []
            for pts, col in zip(d["points"], cols):
                if k >= len(pts):
                    continue
                seg3d = self.lifted_segment(pts[k - 1], pts[k], col)
                seg2d = self.fixed(Line(self.map_axes.c2p(*pts[k - 1]),
                                        self.map_axes.c2p(*pts[k]), color=col, stroke_width=3))
                anims += [Create(seg3d), Create(seg2d)]
                dots3d.append(Dot(self.on_surface(*pts[k]), radius=0.05, color=col))
                dots2d.append(Dot(self.map_axes.c2p(*pts[k]), radius=0.045, color=col))
            self.play(*anims, run_time=0.9 if k <= 4 else 0.45, rate_func=linear)
            self.add_fixed_orientation_mobjects(*dots3d)
            self.add_fixed_in_frame_mobjects(*dots2d)
            self.remove(self.panel)
            self.panel = self.fixed(self.readouts(k))
            self.add(self.panel)
            self.wait(0.25 if k <= 4 else 0.1)
        self.wait(0.5)

    def show_valley_floor(self):
        notes = VGroup(label(tr("s12.small"), SMALL_SIZE, path_colors()[0]),
                       label(tr("s12.large"), SMALL_SIZE, path_colors()[1]),
                       label(tr("s12.done"), SMALL_SIZE, C("muted")))
        notes.arrange(DOWN, aligned_edge=LEFT, buff=0.12).to_corner(DOWN + LEFT, buff=0.35)
        self.fixed(notes)
        for n in notes:
            self.play(FadeIn(n), run_time=0.6)
            self.wait(0.5)
        self.move_camera(phi=46 * DEGREES, theta=-100 * DEGREES, run_time=3, rate_func=smooth)
        self.wait(1)

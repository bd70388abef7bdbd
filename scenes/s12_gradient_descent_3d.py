"""Section 12: gradient descent walks down a surface, seen in 3D and on its contour map.

Everything drawn comes from the lesson's ``video`` (``lessons.gradient_descent_3d``): the
lecture's example runs two learning rates on an elongated bowl; a lecturer's own example is one
run with her settings, on her surface (its contour levels and z range from its values) or the
lecture's. Her run of more than SHOW_EACH steps is shown one step at a time up to SHOW_EACH,
then the rest at once; a run that left the range drawn says so at the end.
"""

from __future__ import annotations

import numpy as np
from manim import (DEGREES, DOWN, LEFT, RIGHT, UP, Axes, Create, Dot, FadeIn, Line, Surface,
                   ThreeDAxes, VGroup, VMobject, Write, config, linear, smooth)

from .style import (SMALL_SIZE, C, LectureScene3D, fmt, formula, label, light_surface,
                    shifted_camera, tick_labels, tr, typst_number)

MESH = 18                                      # surface faces per side
LIFT = 8                                       # samples per path segment lifted onto the surface
SHOW_EACH = 20                                 # a longer run: this many steps, then the rest
# the surface sits in the left half, beside the contour map (a typed one a little lower,
# below a formula that may be two lines tall)
SCREEN_SHIFT, TYPED_SCREEN_SHIFT = (-3.5, -0.7), (-3.5, -0.85)


def path_colors():
    return (C("update"), C("gradient"))


def nice_step(width: float, most: int = 10) -> float:
    """A tick step of 1, 2 or 5 times a power of ten giving at most ``most`` steps."""
    e = 10.0 ** np.floor(np.log10(width / most))
    return float(next(m * e for m in (1, 2, 5, 10) if width / (m * e) <= most))


def clamp(v, lo, hi):
    return min(max(v, lo), hi)


class DescentOnSurfaceAndContours(LectureScene3D):
    SECTION = 12
    # the surface sits in the left half, beside the contour map (a typed one a little lower,
    # below a formula that may be two lines tall)
    LESSON = "gradient_descent_3d"
    SCREEN_SHIFT = SCREEN_SHIFT          # the lecture's; a typed surface's in __init__

    def __init__(self, lang: str | None = None, options: dict | None = None, **kwargs):
        typed = "function" in (options or {})
        kwargs.setdefault("camera_class",
                          shifted_camera(TYPED_SCREEN_SHIFT if typed else self.SCREEN_SHIFT))
        super().__init__(lang, options, **kwargs)

    def construct(self):
        self.v = self.lesson.video
        self.show_title()
        self.show_surface()
        self.show_contour_map()
        self.descend()
        self.show_valley_floor()

    # --- helpers -------------------------------------------------------------------------

    def paths(self) -> list:
        """Each run's points (the lesson's trajectories)."""
        return [t.points for t in self.v.runs]

    def values(self) -> list:
        return [t.values for t in self.v.runs]

    def fixed(self, *mobs):
        """Add mobjects fixed in the frame (not turned by the camera) without drawing them yet."""
        self.add_fixed_in_frame_mobjects(*mobs)
        self.remove(*mobs)
        return mobs[0] if len(mobs) == 1 else mobs

    def on_surface(self, x, y):
        return self.axes.c2p(x, y, self.v.surface.f(x, y))

    def lifted_path(self, pts, color, lift=LIFT):
        """The straight steps between ``pts`` in the plane, drawn on the surface above them."""
        pts = np.asarray(pts, dtype=float)
        ts = np.linspace(0, 1, lift)[:-1]
        xy = [p + t * (q - p) for p, q in zip(pts[:-1], pts[1:]) for t in ts] + [pts[-1]]
        return VMobject(color=color, stroke_width=3).set_points_as_corners(
            [self.on_surface(*v) for v in xy])

    def lifted_segment(self, p, q, color):
        """The straight step p -> q in the plane, drawn on the surface above it."""
        ts = np.linspace(0, 1, LIFT)
        pts = [self.on_surface(*(np.asarray(p) + t * (np.asarray(q) - np.asarray(p)))) for t in ts]
        return VMobject(color=color, stroke_width=3).set_points_as_corners(pts)

    # --- steps ---------------------------------------------------------------------------

    def show_surface(self):
        self.set_camera_orientation(phi=55 * DEGREES, theta=-125 * DEGREES, zoom=0.75)
        (x0, x1), (y0, y1) = self.v.x_range, self.v.y_range
        z0, z1 = self.v.z_range
        if self.lesson.typed:   # her range, whatever its size, drawn 5 x 5 x 2.6
            lengths = (5.0, 5.0, 2.6)
            steps = (nice_step(x1 - x0), nice_step(y1 - y0), (z1 - z0) / 3)
        else:
            lengths = (x1 - x0, y1 - y0, 3)
            steps = (1, 1, 5)
        # the axes map coordinates; plain lines draw them (ThreeDAxes' own shading is slow)
        self.axes = ThreeDAxes(x_range=[x0, x1, steps[0]], y_range=[y0, y1, steps[1]],
                               z_range=[z0, z1, steps[2]], x_length=lengths[0],
                               y_length=lengths[1], z_length=lengths[2])
        c2p = self.axes.c2p
        xc, yc, zc = clamp(0, x0, x1), clamp(0, y0, y1), clamp(0, z0, z1)
        lines = VGroup(Line(c2p(x0, yc, zc), c2p(x1, yc, zc)),
                       Line(c2p(xc, y0, zc), c2p(xc, y1, zc)),
                       Line(c2p(xc, yc, z0), c2p(xc, yc, z1)))
        lines.set_stroke(C("muted"), 2, opacity=0.8)
        ux, uy = (x1 - x0) / lengths[0], (y1 - y0) / lengths[1]   # coordinates per unit
        names = VGroup(*(label(t, SMALL_SIZE, C("muted")) for t in "xyz"))
        names[0].move_to(c2p(x1 + 0.35 * ux, yc, zc))
        names[1].move_to(c2p(xc, y1 + 0.35 * uy, zc))
        names[2].move_to(c2p(xc, yc, z1 + 0.1 * (z1 - z0)))
        self.add_fixed_orientation_mobjects(*names)
        self.remove(*names)
        self.surface = Surface(lambda u, v: self.on_surface(u, v), u_range=[x0, x1],
                               v_range=[y0, y1], resolution=(MESH, MESH),
                               checkerboard_colors=[C("function"), C("function").darker(0.25)],
                               fill_opacity=0.6, stroke_width=0)
        light_surface(self.surface)
        self.rings3d = VGroup()
        for lv, segs in self.v.contours.items():
            ring = VMobject(color=C("point"), stroke_width=1.5, stroke_opacity=0.6)
            for (p, q) in segs:
                ring.start_new_path(c2p(*p, lv))
                ring.add_line_to(c2p(*q, lv))
            self.rings3d.add(ring)
        f_text = self.fixed(formula(f"f(x, y) = {self.v.surface.formula}", 30, C("function")))
        if f_text.width > 6.4:          # a long typed formula: shrunk to stay clear of the rule
            f_text.scale_to_fit_width(6.4)
        if f_text.height > 0.62:        # ... and of the surface (fractions are two lines tall)
            f_text.scale_to_fit_height(0.62)
        f_text.next_to(self.corner, DOWN, buff=0.3).align_to(self.corner, LEFT)
        self.play(Create(lines), FadeIn(names), Write(f_text), run_time=1.2)
        self.play(Create(self.surface), run_time=1.8)
        self.play(Create(self.rings3d), run_time=1)

    def show_contour_map(self):
        (x0, x1), (y0, y1) = self.v.x_range, self.v.y_range
        if self.lesson.typed:
            ax = Axes(x_range=[x0, x1, nice_step(x1 - x0)], y_range=[y0, y1, nice_step(y1 - y0)],
                      x_length=3.7, y_length=3.7, tips=False,
                      axis_config={"color": C("muted"), "stroke_width": 2})
        else:
            ax = Axes(x_range=[x0, x1, 1], y_range=[y0, y1, 1], x_length=5.4, y_length=3.6,
                      tips=False, axis_config={"color": C("muted"), "stroke_width": 2})
        ax.move_to(RIGHT * 3.75 + DOWN * 0.05)
        xc, yc = clamp(0, x0, x1), clamp(0, y0, y1)
        ticks = tick_labels(ax, xs=[x0, x1], ys=[y0, y1], size=16)
        ticks.add(label("x", 18, C("muted")).next_to(ax.c2p(x1, yc), UP + LEFT, buff=0.08),
                  label("y", 18, C("muted")).next_to(ax.c2p(xc, y1), RIGHT, buff=0.12)
                  .shift(DOWN * 0.18))
        rings = VGroup()
        for lv, segs in self.v.contours.items():
            ring = VMobject(color=C("function"), stroke_width=2)
            for (p, q) in segs:
                ring.start_new_path(ax.c2p(*p))
                ring.add_line_to(ax.c2p(*q))
            rings.add(ring)
        heading = label(tr("s12.contours"), SMALL_SIZE, C("muted")).next_to(ax, UP, buff=0.15)
        if self.v.momentum:   # PyTorch's SGD with momentum
            rule = VGroup(formula("bold(v)_(k+1) = mu bold(v)_k + nabla f(bold(x)_k)", 28,
                                  C("gradient")),
                          formula("bold(x)_(k+1) = bold(x)_k - eta bold(v)_(k+1)", 28,
                                  C("gradient"))).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        else:
            rule = formula("bold(x)_(k+1) = bold(x)_k - eta nabla f(bold(x)_k)", 30,
                           C("gradient"))
        rule.to_corner(UP + RIGHT, buff=0.3)
        self.fixed(ax, ticks, rings, heading, rule)
        self.map_axes, self.rule = ax, rule
        self.play(Create(ax), FadeIn(ticks), FadeIn(heading), Write(rule), run_time=1)
        self.play(Create(rings), run_time=1.2)

    def readout_text(self, eta, vals, k) -> str:
        kk = min(k, len(vals) - 1)
        mu = f"μ = {fmt(self.v.momentum)}    " if self.v.momentum else ""
        return f"η = {fmt(eta)}    {mu}{tr('step', k=kk)}    f = {fmt(vals[kk], 3)}"

    def readouts(self, k):
        rows = VGroup()
        for (eta, vals, col) in zip(self.v.etas, self.values(), path_colors()):
            rows.add(label(self.readout_text(eta, vals, k), SMALL_SIZE + 2, col))
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        rows.next_to(self.map_axes, DOWN, buff=0.45).align_to(self.map_axes, LEFT)
        if self.lesson.custom:   # one left edge for every step: the widest row still fits
            rows.shift(RIGHT * (self.panel_left - rows.get_left()[0]))
        return rows

    def place_panel(self, ks):
        """The readout's left edge: under the map, moved left if a row at a step in ``ks``
        would leave the frame."""
        widest = max(label(self.readout_text(eta, vals, k), SMALL_SIZE + 2).width
                     for eta, vals in zip(self.v.etas, self.values()) for k in ks)
        right = config.frame_width / 2 - 0.3
        self.panel_left = min(self.map_axes.get_left()[0], right - widest)

    def show_step(self, k):
        """Step k of every run: its segment on the surface and on the map, dots, the readout."""
        anims, dots3d, dots2d = [], [], []
        for pts, col in zip(self.paths(), path_colors()):
            if k >= len(pts):
                continue
            seg3d = self.lifted_segment(pts[k - 1], pts[k], col)
            seg2d = self.fixed(Line(self.map_axes.c2p(*pts[k - 1]),
                                    self.map_axes.c2p(*pts[k]), color=col, stroke_width=3))
            anims += [Create(seg3d), Create(seg2d)]
            dots3d.append(Dot(self.on_surface(*pts[k]), radius=0.05, color=col))
            dots2d.append(Dot(self.map_axes.c2p(*pts[k]), radius=0.045, color=col))
        if anims:
            self.play(*anims, run_time=0.9 if k <= 4 else 0.45, rate_func=linear)
        self.add_fixed_orientation_mobjects(*dots3d)
        self.add_fixed_in_frame_mobjects(*dots2d)
        self.remove(self.panel)
        self.panel = self.fixed(self.readouts(k))
        self.add(self.panel)
        self.wait(0.25 if k <= 4 else 0.1)

    def show_rest(self, k0):
        """Every step after k0 at once (a long run): the rest of each path, its end dot."""
        anims, dots3d, dots2d = [], [], []
        for pts, col in zip(self.paths(), path_colors()):
            if len(pts) - 1 <= k0:
                continue
            rest = pts[k0:]
            lift = max(2, min(LIFT, 4000 // len(rest)))
            anims.append(Create(self.lifted_path(rest, col, lift)))
            anims.append(Create(self.fixed(VMobject(color=col, stroke_width=3)
                                           .set_points_as_corners([self.map_axes.c2p(*p)
                                                                   for p in rest]))))
            dots3d.append(Dot(self.on_surface(*pts[-1]), radius=0.05, color=col))
            dots2d.append(Dot(self.map_axes.c2p(*pts[-1]), radius=0.045, color=col))
        if not anims:
            return
        self.play(*anims, run_time=1.5, rate_func=smooth)
        self.add_fixed_orientation_mobjects(*dots3d)
        self.add_fixed_in_frame_mobjects(*dots2d)
        self.remove(self.panel)
        self.panel = self.fixed(self.readouts(max(len(p) for p in self.paths()) - 1))
        self.add(self.panel)

    def descend(self):
        custom, steps = self.lesson.custom, self.v.steps
        cols = path_colors()
        starts = VGroup()
        for pts, col in zip(self.paths(), cols):
            starts.add(self.fixed(Dot(self.map_axes.c2p(*pts[0]), radius=0.06, color=col)))
        start3d = Dot(self.on_surface(*self.v.start), radius=0.07, color=C("point"))
        self.add_fixed_orientation_mobjects(start3d)
        self.remove(start3d)
        each = steps if not custom else min(steps, SHOW_EACH)
        if custom:
            last = max(len(p) for p in self.paths()) - 1
            self.place_panel([*range(min(each, last) + 1), last])    # the steps shown
        self.panel = self.fixed(self.readouts(0))
        self.play(FadeIn(starts), FadeIn(start3d), FadeIn(self.panel), run_time=0.6)
        for k in range(1, each + 1):
            if custom and all(k >= len(pts) for pts in self.paths()):
                break       # her run stopped early (it left the range)
            self.show_step(k)
        if custom:
            self.show_rest(each)
        self.wait(0.5)

    def end_notes(self) -> VGroup:
        if not self.lesson.custom:
            return VGroup(label(tr("s12.small"), SMALL_SIZE, path_colors()[0]),
                          label(tr("s12.large"), SMALL_SIZE, path_colors()[1]),
                          label(tr("s12.done"), SMALL_SIZE, C("muted")))
        if self.lesson.diverged:
            return VGroup(label(tr("diverged"), SMALL_SIZE + 2, C("gradient")))
        pts = self.paths()[0]
        x, y = self.v.shown_point(pts[-1])
        return VGroup(formula(f"bold(x)_({len(pts) - 1}) = ({typst_number(x, 3)}, "
                              f"{typst_number(y, 3)})", 28, C("point")))

    def show_valley_floor(self):
        notes = self.end_notes()
        notes.arrange(DOWN, aligned_edge=LEFT, buff=0.12).to_corner(DOWN + LEFT, buff=0.35)
        self.fixed(notes)
        for n in notes:
            self.play(FadeIn(n), run_time=0.6)
            self.wait(0.5)
        self.move_camera(phi=46 * DEGREES, theta=-100 * DEGREES, run_time=3, rate_func=smooth)
        self.wait(1)

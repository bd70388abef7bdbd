"""Section 8: the tangent plane of z = f(x, y) follows a point around the surface."""

from __future__ import annotations

import math

import numpy as np
from manim import (DEGREES, DOWN, LEFT, RIGHT, UP, Create, Dot, FadeIn, FadeOut, Line,
                   ParametricFunction, Polygon, Surface, ThreeDAxes, ValueTracker, VGroup, Write,
                   always_redraw, config, linear, smooth)

from mathcore import surfaces

from .style import (BODY_SIZE, SMALL_SIZE, C, GlyphFont, GlyphLine, LectureScene3D, fmt, formula,
                    label, light_surface, tr)

DIGITS = 3                     # the readouts show 3 decimals
MOVE_TIME = 14                 # seconds of the walk around the surface


def shown(v: float) -> str:
    """A number as the readout shows it (rounded first, so 1e-17 reads as 0)."""
    return fmt(round(float(v), DIGITS) + 0.0, DIGITS)


def signed(v: float) -> str:
    r = round(float(v), DIGITS) + 0.0
    return ("− " if r < 0 else "+ ") + fmt(abs(r), DIGITS)


def plane_text(p: surfaces.TangentPlane) -> list[str]:
    """The plane with its numbers, one term per line: z = z0 +- fx(x -+ x0) +- fy(y -+ y0)."""
    def shifted(var, c):
        r = round(float(c), DIGITS) + 0.0
        return var if r == 0 else f"({var} {'+' if r < 0 else '−'} {fmt(abs(r), DIGITS)})"
    return [f"z = {shown(p.z0)}", f"{signed(p.fx)} · {shifted('x', p.x0)}",
            f"{signed(p.fy)} · {shifted('y', p.y0)}"]


def readout(p: surfaces.TangentPlane) -> list[str]:
    """The readout lines for the plane ``p``: the point, its height, the two slopes, the plane."""
    return [f"{tr('s08.point')}  (x₀, y₀) = ({shown(p.x0)}, {shown(p.y0)})",
            f"z₀ = f(x₀, y₀) = {shown(p.z0)}", shown(p.fx), shown(p.fy), *plane_text(p)]


class TangentPlaneOnSurface(LectureScene3D):
    SECTION = 8
    LESSON = "tangent_plane"
    SCREEN_SHIFT = (-1.7, -0.45)   # the surface sits left of and below the readouts

    def construct(self):
        # one plane per frame of the walk, computed first; the tracker holds the frame index
        self.walk = self.lesson.walk(round(MOVE_TIME * config.frame_rate) + 1)
        self.k = ValueTracker(0)
        self.show_title()
        self.show_surface()
        self.show_tangent_plane()
        self.move_point_around()
        self.show_level_plane()

    def p3(self, x, y, z):
        return self.axes.c2p(x, y, z)

    def frame(self) -> int:
        """The index into the walk shown now."""
        return int(round(self.k.get_value()))

    def fixed(self, *mobs):
        """Register mobjects as fixed in the frame without drawing them yet."""
        self.add_fixed_in_frame_mobjects(*mobs)
        self.remove(*mobs)
        return mobs[0] if len(mobs) == 1 else mobs

    # --- steps ---------------------------------------------------------------------------

    def show_surface(self):
        self.set_camera_orientation(phi=62 * DEGREES, theta=-60 * DEGREES, zoom=0.82)
        surface = self.lesson.surface
        (x0, x1), (y0, y1) = surface.x_range, surface.y_range
        # the axes map coordinates; plain lines draw them (ThreeDAxes' own shading is slow)
        self.axes = ThreeDAxes(x_range=[x0, x1, 1], y_range=[y0, y1, 1], z_range=[-1.5, 1.5, 0.5],
                               x_length=x1 - x0, y_length=y1 - y0, z_length=3)
        lines = VGroup(Line(self.p3(x0, 0, 0), self.p3(x1, 0, 0)),
                       Line(self.p3(0, y0, 0), self.p3(0, y1, 0)),
                       Line(self.p3(0, 0, -1.5), self.p3(0, 0, 1.5)))
        lines.set_stroke(C("muted"), 2, opacity=0.8)
        names = VGroup(*(label(t, SMALL_SIZE, C("muted")) for t in "xyz"))
        names[0].move_to(self.p3(x1 + 0.4, 0, 0))
        names[1].move_to(self.p3(0, y1 + 0.4, 0))
        names[2].move_to(self.p3(0, 0, 1.8))
        mesh = self.lesson.mesh
        self.surface = Surface(lambda u, v: self.p3(u, v, surface.f(u, v)),
                               u_range=[x0, x1], v_range=[y0, y1], resolution=(mesh, mesh),
                               checkerboard_colors=[C("function"), C("function").darker(0.25)],
                               fill_opacity=0.8, stroke_width=0)
        light_surface(self.surface)
        f_text = self.fixed(formula(f"f(x, y) = {surface.formula}", 32, C("function")))
        f_text.next_to(self.corner, DOWN, buff=0.35).align_to(self.corner, LEFT)
        self.add_fixed_orientation_mobjects(*names)
        self.remove(*names)
        self.play(Create(lines), FadeIn(names), Write(f_text), run_time=1.2)
        self.play(Create(self.surface), run_time=2)

    def plane_patch(self):
        w, k = self.walk, self.frame()
        sheet = Polygon(*(self.p3(*c) for c in w.sheet[k]), color=C("tangent"),
                        fill_opacity=0.55, stroke_width=2)
        along_x = Line(self.p3(*w.along_x[k, 0]), self.p3(*w.along_x[k, 1]),
                       color=C("derivative"), stroke_width=4)
        along_y = Line(self.p3(*w.along_y[k, 0]), self.p3(*w.along_y[k, 1]),
                       color=C("derivative"), stroke_width=4)
        return VGroup(sheet, along_x, along_y)

    def build_readout(self):
        """Static labels plus glyph lines re-set each frame from the plane at the current point."""
        general = self.fixed(formula("z = z_0 + (partial f)/(partial x) (x - x_0) + "
                                     "(partial f)/(partial y) (y - y_0)", 28, C("tangent")))
        general.to_corner(UP + RIGHT, buff=0.35)
        point = GlyphLine(SMALL_SIZE, C("point"), len(tr("s08.point")) + 28)
        height = GlyphLine(SMALL_SIZE, C("function"), 24)
        fx = GlyphLine(SMALL_SIZE, C("derivative"), 8)
        fy = GlyphLine(SMALL_SIZE, C("derivative"), 8)
        plane = [GlyphLine(BODY_SIZE, C("tangent"), 24) for _ in range(3)]
        lines = [point, height, fx, fy, *plane]

        def refresh(_=None):
            self.shown = readout(self.walk.plane(self.frame()))   # what the lines show now
            for line, t in zip(lines, self.shown):
                if len(t.replace(" ", "")) > len(line):
                    raise ValueError(f"readout {t!r} needs more than {len(line)} glyph slots")
                line.set(t)

        refresh()
        before = [line.get_center() for line in lines]
        # lay out with the first frame's text, then keep each line's pen where it landed
        slope_rows = VGroup()
        for var, line, why in (("x", fx, "s08.slope_x"), ("y", fy, "s08.slope_y")):
            slope_rows.add(VGroup(formula(f"(partial f)/(partial {var}) =", 26, C("derivative")),
                                  line, label(tr(why), SMALL_SIZE - 4, C("muted"))))
        for row in slope_rows:
            row.arrange(RIGHT, buff=0.15)
        slope_rows.arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        col = max(r[0].get_right()[0] for r in slope_rows) + 0.15
        for row in slope_rows:  # the numbers in one column, the notes in another
            row[1].shift(RIGHT * (col - row[1].get_left()[0]))
            note_x = col + GlyphFont.of(SMALL_SIZE).width("−0.000") + 0.3
            row[2].shift(RIGHT * (note_x - row[2].get_left()[0]))
        name = label(tr("s08.tangent_plane"), SMALL_SIZE - 4, C("muted"))
        layout = VGroup(point, height, slope_rows, name, *plane).arrange(
            DOWN, aligned_edge=LEFT, buff=0.22)
        name.shift(DOWN * 0.12)
        for ln in plane:
            ln.shift(DOWN * 0.12)
        plane[1].shift(RIGHT * 0.4)
        plane[2].shift(RIGHT * 0.4)
        layout.next_to(general, DOWN, buff=0.45).align_to(general, LEFT)
        for line, c0 in zip(lines, before):
            line.pen = line.pen + line.get_center() - c0
        refresh()
        live = VGroup(*lines)
        live.add_updater(refresh)
        static = VGroup(*(r[0] for r in slope_rows), *(r[2] for r in slope_rows), name)
        self.fixed(live, static)
        return general, static, live

    def show_tangent_plane(self):
        track = ParametricFunction(lambda s: self.p3(*self.lesson.track(s)),
                                   t_range=[0, 2 * math.pi],
                                   color=C("point"), stroke_width=2, stroke_opacity=0.5)
        self.dot = Dot(radius=0.09, color=C("point"))
        self.dot.add_updater(lambda d: d.move_to(self.p3(*self.walk.plane(self.frame()).point)))
        self.dot.update()
        self.add_fixed_orientation_mobjects(self.dot)
        self.remove(self.dot)
        self.patch = always_redraw(self.plane_patch)
        general, static, live = self.build_readout()
        self.play(Create(track), FadeIn(self.dot), run_time=1)
        self.play(FadeIn(self.patch), Write(general), FadeIn(static), FadeIn(live), run_time=1.5)
        self.wait(0.5)

    def move_point_around(self):
        note = self.fixed(label(tr("s08.moving"), SMALL_SIZE, C("muted")))
        note.to_corner(DOWN + LEFT, buff=0.35)
        self.play(FadeIn(note), run_time=0.5)
        self.begin_ambient_camera_rotation(rate=0.12)
        self.play(self.k.animate.set_value(len(self.walk) - 1), run_time=MOVE_TIME,
                  rate_func=linear)
        self.stop_ambient_camera_rotation()
        self.play(FadeOut(note), run_time=0.4)

    def show_level_plane(self):
        if self.lesson.ends_level:  # true at the path's end
            level = self.fixed(label(tr("s08.level"), SMALL_SIZE, C("tangent")))
            level.to_corner(DOWN + LEFT, buff=0.35)
            self.play(FadeIn(level), run_time=0.6)
        self.move_camera(phi=76 * DEGREES, run_time=1.5, rate_func=smooth)
        self.wait(2)

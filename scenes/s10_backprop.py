"""Section 10: one step of backpropagation on the lecture's 2-3-1 network, every number from
the lesson (``lessons.backprop``, from ``mlp.step``) — forward pass, loss, gradients flowing
backward edge by edge, the update, and the second forward pass with its smaller loss.

The lecture's slide reads 1/2 (60 - 140.3156)^2 ~ 3225.157: typos for 140.3136 and 3225.137,
which is what mathcore computes and what the scene shows.

The nodes, edges and readouts are laid out from the lesson's layer sizes (the lecture's 2-3-1,
or another shape with one hidden layer and one output). The lecturer's own network
(--w1/--w2/--x/--y/--lr) replaces the lecture's. Then numbers are cut shorter where space is
short (CUSTOM_NODE_DIGITS inside nodes, CUSTOM_EDGE_DIGITS on edges, and scaled down should one
still not fit), an update whose weights differ from unit to unit is written one vector per
layer row, and a step that makes the loss larger says so (">" and "diverged") instead of "the
loss went down".
"""

from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, BackgroundRectangle, Circle, Create, FadeIn, FadeOut,
                   FadeTransform, Line, ShowPassingFlash, SurroundingRectangle, VGroup, Write)

from lecture import strings

from .style import SMALL_SIZE, C, LectureScene, fits, fmt, formula, label, lang, say, tr

DIGITS = 8                        # exact values (140.3136) are shown in full
LOSS_DIGITS = 6                   # the loss after the step is rounded: ≈ 3225.14
NODE_DIGITS = 5                   # inside a node: 140.31 (the panel shows 140.3136)
CUSTOM_NODE_DIGITS = 3            # her numbers can be any length: shorter in nodes
CUSTOM_EDGE_DIGITS = 4            # and on edges
CUSTOM_VECTOR_DIGITS = 5          # an update written as vectors

# layout: the network on the left, the current formula on the right
IN_X, HID_X, OUT_X = -5.8, -2.95, -0.75
COLUMN_HALF = 1.9                 # a column's node centres lie within +-COLUMN_HALF
GAPS = {1: 0.0, 2: 2.4, 3: 1.9}   # the lecture's spacing: 2 inputs 2.4 apart, 3 hidden 1.9
R, R_OUT = 0.4, 0.5
W1_AT, G1_AT = 0.25, 0.75         # where along a layer-1 edge its weight and gradient sit
W2_AT, G2_AT = 0.33, 0.64         # the same for layer 2
PANEL_LEFT, PANEL_RIGHT, PANEL_TOP = 2.0, 6.9, 3.05
EDGE_SIZE, NODE_SIZE, OUT_SIZE, STACK_SIZE = 16, 22, 19, 22


def column(n: int) -> tuple[np.ndarray, float]:
    """The y of ``n`` node centres, centred on 0, and their radius (smaller when crowded)."""
    gap = GAPS.get(n, 2 * COLUMN_HALF / max(n - 1, 1))
    return gap * ((n - 1) / 2 - np.arange(n)), min(R, 0.42 * gap) if n > 1 else R


def node_digits(lesson) -> int:
    return CUSTOM_NODE_DIGITS if lesson.custom else NODE_DIGITS


def edge_digits(lesson) -> int:
    return CUSTOM_EDGE_DIGITS if lesson.custom else DIGITS


def num(v: float, digits: int = DIGITS) -> str:
    """A number as Text shows it."""
    return fmt(v, digits)


def approx(v: float, digits: int) -> tuple[str, str]:
    """``("=", s)`` when ``s`` is the exact value, else ``("≈", s)``."""
    s = fmt(v, digits)
    back = float(s.replace("−", "-").replace("×10^", "e"))
    return ("=" if abs(back - v) <= 1e-9 * max(1.0, abs(v)) else "≈"), s


def typ(v: float, digits: int = DIGITS) -> str:
    """A number as Typst math source: 1e-05 becomes 10^(-5)."""
    s = fmt(v, digits).replace("−", "-")
    if "×10^" in s:
        m, e = s.split("×10^")
        return f"10^({e})" if m == "1" else f"{m} times 10^({e})"
    return s


def labels(d, lang: str = strings.DEFAULT_LANG) -> dict:
    """The text of every number on screen for the lesson ``d``, keyed by what it is (lists
    follow the weights' shapes: ``grad_w1[i][j]`` is the gradient on the edge from x_{i+1} to
    z_{j+1})."""
    strings.check_lang(lang)
    nd = node_digits(d)
    rel, loss_after = approx(d.loss_after, LOSS_DIGITS)
    return {
        "x": [num(v) for v in d.x], "y": num(d.y), "lr": num(d.lr),
        "nodes_x": [num(v, nd) if d.custom else num(v) for v in d.x],
        "w1": [[num(v) for v in row] for row in d.w1],
        "w2": [num(v) for v in d.w2[:, 0]],
        "z": [num(v) for v in d.z], "y_hat": num(d.y_hat), "loss": num(d.loss),
        "dL_dyhat": num(d.dL_dyhat),
        "grad_w2": [num(v) for v in d.grad_w2[:, 0]],
        "grad_w1": [[num(v) for v in row] for row in d.grad_w1],
        "factors_w2": [[num(v) for v in f] for f in d.factors_w2],
        "factors_w1": [[[num(v) for v in f] for f in row] for row in d.factors_w1],
        "w1_after": [[num(v) for v in row] for row in d.w1_after],
        "w2_after": [num(v) for v in d.w2_after[:, 0]],
        "z_after": [num(v) for v in d.z_after], "y_hat_after": num(d.y_hat_after),
        "nodes_z": [num(v, nd) for v in d.z],
        "nodes_z_after": [num(v, nd) for v in d.z_after],
        "node_y_hat": num(d.y_hat, nd),
        "node_y_hat_after": num(d.y_hat_after, nd),
        "loss_after": loss_after, "loss_after_relation": rel,
        "before": strings.text("s10.before", lang),
    }


def _on_edge(text: str, a, b, t: float, color) -> VGroup:
    """A small label sitting on the segment a -> b at fraction t, on a patch of background."""
    s = label(text, EDGE_SIZE, color)
    s.move_to(a + t * (b - a))
    g = VGroup(BackgroundRectangle(s, color=C("background"), fill_opacity=1, buff=0.05), s)
    return g.set_z_index(2)   # above the flashes running along the edges


def _uniform(a: np.ndarray, axis=None) -> bool:
    return bool(np.allclose(a, a.take([0], axis=axis) if axis is not None else a.flat[0]))


class BackpropOnTinyNetwork(LectureScene):
    SECTION = 10
    LESSON = "backprop"

    def construct(self):
        self.d = self.lesson
        self.n_in, self.n_hid, _ = self.lesson.sizes
        self.lab = labels(self.d, lang())
        # the numbers the narration reads out: the ones on screen
        self.narration_fields = {"loss": self.lab["loss"], "loss_after": self.lab["loss_after"]}
        self.show_title()
        self.show_network()
        self.show_forward_pass()
        self.show_loss()
        self.show_output_gradient()
        self.show_layer2_gradients()
        self.show_layer1_gradients()
        self.show_update()
        self.show_second_forward_pass()

    # --- building blocks ---------------------------------------------------------------------

    def panel(self, header_key: str, *items, buff: float = 0.32) -> VGroup:
        """The right-hand panel: a header, then ``items`` stacked and left-aligned, each scaled
        to the panel's width. Replaces the previous panel."""
        head = say(header_key, SMALL_SIZE + 2, C("muted"))
        group = VGroup(head, *items)
        for m in (head, *items):
            if m.width > PANEL_RIGHT - PANEL_LEFT:
                m.scale_to_fit_width(PANEL_RIGHT - PANEL_LEFT)
        group.arrange(DOWN, aligned_edge=LEFT, buff=buff)
        group.move_to([PANEL_LEFT, PANEL_TOP, 0], aligned_edge=UP + LEFT)
        assert fits(group), f"panel {header_key} leaves the frame"
        old = getattr(self, "current_panel", None)
        anims = [FadeOut(old)] if old is not None else []
        self.play(*anims, FadeIn(head), run_time=0.5)
        self.current_panel = group
        return group

    def node_value(self, node, text: str, color):
        size = OUT_SIZE if node is self.output else NODE_SIZE
        t = label(text, size, color).move_to(node)
        if self.d.custom and t.width >= 2 * node.radius - 0.1:     # her number: smaller, not out
            t.scale_to_fit_width(2 * node.radius - 0.12)
        assert t.width < 2 * node.radius - 0.1, f"{text} does not fit in its node"
        return t

    def stack_line(self, mob, row: int):
        """One line of the readout right of y': target, loss, dL/dy' on rows 0, 1, 2."""
        mob.move_to([OUT_X + R_OUT + 0.2, 0.62 - 0.62 * row, 0], aligned_edge=LEFT)
        room = PANEL_LEFT - 0.12 - (OUT_X + R_OUT + 0.2)
        if self.d.custom and mob.width > room:                     # her number: smaller, not over
            mob.scale_to_fit_width(room).move_to([OUT_X + R_OUT + 0.2, 0.62 - 0.62 * row, 0],
                                                 aligned_edge=LEFT)
        assert mob.get_right()[0] < PANEL_LEFT - 0.1, "readout runs into the panel"
        return mob

    def edge_flash(self, edge, color, backward=False):
        a, b = edge.get_start(), edge.get_end()
        path = Line(b, a) if backward else Line(a, b)
        return ShowPassingFlash(path.set_stroke(color, 5), time_width=0.6)

    # --- steps -------------------------------------------------------------------------------

    def show_network(self):
        d = self.d

        def node(x, y, r=R):
            return Circle(radius=r, color=C("muted"), stroke_width=3).set_fill(
                C("background"), 1).move_to([x, y, 0])

        (in_y, r_in), (hid_y, r_hid) = column(self.n_in), column(self.n_hid)
        self.inputs = [node(IN_X, y, r_in) for y in in_y]
        self.hidden = [node(HID_X, y, r_hid) for y in hid_y]
        self.output = node(OUT_X, 0.0, R_OUT)

        def edge(a, b):
            u = (b.get_center() - a.get_center()) / np.linalg.norm(b.get_center() - a.get_center())
            return Line(a.get_center() + a.radius * u, b.get_center() - b.radius * u,
                        color=C("muted"),
                        stroke_width=2.5)

        self.e1 = [[edge(a, b) for b in self.hidden] for a in self.inputs]
        self.e2 = [edge(h, self.output) for h in self.hidden]
        names = VGroup(
            *[formula(f"x_{i + 1}", 30).next_to(n, LEFT, buff=0.18) for i, n in enumerate(self.inputs)],
            *[formula(f"z_{j + 1}", 30).next_to(n, UP, buff=0.1) for j, n in enumerate(self.hidden)],
            formula("y'", 30).next_to(self.output, UP, buff=0.1))
        self.w1_labels = [[self._w1_label(i, j, d.w1[i, j], C("text"))
                           for j in range(self.n_hid)] for i in range(self.n_in)]
        self.w2_labels = [self._w2_label(j, d.w2[j, 0], C("text")) for j in range(self.n_hid)]
        given = VGroup(say("learning_rate", SMALL_SIZE, C("muted")),
                       formula(f"eta = {typ(d.lr)}", 28, C("muted")),
                       label("·  " + tr("s10.no_bias"), SMALL_SIZE, C("muted"))
                       ).arrange(RIGHT, buff=0.2)
        given.to_corner(DOWN + LEFT, buff=0.35)
        notation = formula("w_(i j)^l : i -> j", 26, C("muted")).next_to(given, UP, buff=0.25)
        notation.align_to(given, LEFT)
        edges = VGroup(*[e for row in self.e1 for e in row], *self.e2)
        nodes = VGroup(*self.inputs, *self.hidden, self.output)
        self.network = VGroup(edges, nodes, names)
        assert fits(self.network) and fits(given)
        self.play(Create(edges), FadeIn(nodes), FadeIn(names), run_time=1.5)
        self.play(*[FadeIn(m) for row in self.w1_labels for m in row],
                  *[FadeIn(m) for m in self.w2_labels], FadeIn(given), FadeIn(notation),
                  run_time=1.0)
        self.wait(0.6)

    def _w1_label(self, i, j, v, color):
        return _on_edge(num(v, edge_digits(self.d)), self.inputs[i].get_center(),
                        self.hidden[j].get_center(), W1_AT, color)

    def _w2_label(self, j, v, color):
        return _on_edge(num(v, edge_digits(self.d)), self.hidden[j].get_center(),
                        self.output.get_center(), W2_AT, color)

    def _forward(self, header_key, w1, w2, z, y_hat, node_texts, x_values=True):
        """One forward pass: the z_1 and y' formulas, values lighting up in the nodes."""
        d, fw = self.d, C("forward")
        zs = [typ(v) for v in z]
        z_rest = (" = ".join(f"z_{j + 1}" for j in range(1, len(z))) + f" = {zs[-1]}"
                  if _uniform(z) else ", quad ".join(f"z_{j + 1} = {zs[j]}" for j in range(1, len(z))))
        terms_z = " + ".join(f"w_({i + 1}1)^1 x_{i + 1}" for i in range(self.n_in))
        prods_z = " + ".join(f"{typ(w1[i, 0])} times {typ(d.x[i])}" for i in range(self.n_in))
        f_z = formula(f"z_1 &= {terms_z} \\ &= {prods_z} = {zs[0]}", 30)
        f_rest = formula(z_rest, 30) if len(z) > 1 else VGroup()   # one hidden unit: no rest
        terms = " + ".join(f"w_({j + 1}1)^2 z_{j + 1}" for j in range(len(z)))
        prods = [f"{typ(w2[j, 0])} times {zs[j]}" for j in range(len(z))]
        f_y = formula(f"y' &= {terms} \\ &= {' + '.join(prods)} \\ &= {typ(y_hat)}", 30)
        if f_y.width > PANEL_RIGHT - PANEL_LEFT:   # too wide: two products a line
            rows = [" + ".join(prods[k:k + 2]) for k in range(0, len(prods), 2)]
            f_y = formula(f"y' &= {terms} \\ &= " + " \\ & quad class(\"binary\", +) ".join(rows)
                          + f" \\ &= {typ(y_hat)}", 30)
        self.panel(header_key, f_z, f_rest, f_y, buff=0.4)
        if x_values:
            self.x_vals = [self.node_value(n, s, fw)
                           for n, s in zip(self.inputs, self.lab["nodes_x"])]
            self.play(*[FadeIn(m) for m in self.x_vals], run_time=0.6)
        self.play(*[self.edge_flash(e, fw) for row in self.e1 for e in row], Write(f_z),
                  run_time=1.6)
        new_z = [self.node_value(n, s, fw) for n, s in zip(self.hidden, node_texts[0])]
        if hasattr(self, "z_vals"):
            self.play(*[FadeTransform(a, b) for a, b in zip(self.z_vals, new_z)],
                      FadeIn(f_rest), run_time=0.8)
            self.z_vals = new_z
        else:
            self.z_vals = new_z
            self.play(*[FadeIn(m) for m in new_z], FadeIn(f_rest), run_time=0.8)
        self.play(*[self.edge_flash(e, fw) for e in self.e2], Write(f_y), run_time=1.6)
        new_y = self.node_value(self.output, node_texts[1], fw)
        if hasattr(self, "y_val"):
            self.play(FadeTransform(self.y_val, new_y), run_time=0.6)
            self.y_val = new_y
        else:
            self.y_val = new_y
            self.play(FadeIn(new_y), run_time=0.6)
        self.wait(0.8)

    def show_forward_pass(self):
        d = self.d
        self._forward("s10.forward", d.w1, d.w2, d.z, d.y_hat,
                      (self.lab["nodes_z"], self.lab["node_y_hat"]))

    def show_loss(self):
        d = self.d
        f = formula(f"L &= 1/2 (y - y')^2 \\ &= 1/2 ({typ(d.y)} - {typ(d.y_hat)})^2 \\ "
                    f"&= {typ(d.loss)}", 32, C("loss"))
        self.panel("s10.loss", f)
        self.target = self.stack_line(
            label(f"{tr('s10.target')} y = {num(d.y)}", STACK_SIZE, C("muted")), 0)
        self.loss_val = self.stack_line(label(f"L = {num(d.loss)}", STACK_SIZE, C("loss")), 1)
        self.play(FadeIn(self.target), run_time=0.5)
        self.play(Write(f), run_time=1.5)
        self.play(FadeIn(self.loss_val, shift=RIGHT * 0.2), run_time=0.6)
        self.wait(1.2)

    def show_output_gradient(self):
        d = self.d
        f = formula(f"(partial L)/(partial y') &= 1/2 dot 2 dot (y - y') dot (-1) \\ &= y' - y "
                    f"\\ &= {typ(d.y_hat)} - {typ(d.y)} \\ &= {typ(d.dL_dyhat)}", 32,
                    C("gradient"))
        self.panel("s10.grad_output", f)
        self.dout = self.stack_line(
            formula(f"partial L \\/ partial y' = {typ(d.dL_dyhat)}", 26, C("gradient")), 2)
        self.play(Write(f), run_time=1.6)
        self.play(FadeIn(self.dout, shift=RIGHT * 0.2),
                  self.output.animate.set_stroke(C("gradient")), run_time=0.6)
        self.wait(1.0)

    def show_layer2_gradients(self):
        d, g = self.d, C("gradient")
        general = formula("(partial L)/(partial w_(j 1)^2) = (partial L)/(partial y') dot "
                          "(partial y')/(partial w_(j 1)^2) = (partial L)/(partial y') dot z_j", 30)
        lines = [formula(f"partial L \\/ partial w_({j + 1}1)^2 = "
                         + " times ".join(typ(v) for v in d.factors_w2[j])
                         + f" = {typ(d.grad_w2[j, 0])}", 28, g) for j in range(self.n_hid)]
        self.panel("s10.grad_layer2", general, *lines)
        self.play(FadeIn(general), run_time=0.8)
        self.g2_labels = []
        for j, e in enumerate(self.e2):
            lab = _on_edge(num(d.grad_w2[j, 0], edge_digits(d)), self.hidden[j].get_center(),
                           self.output.get_center(), G2_AT, g)
            self.g2_labels.append(lab)
            self.play(self.edge_flash(e, g, backward=True), e.animate.set_stroke(g, opacity=0.6),
                      FadeIn(lab), FadeIn(lines[j]), run_time=0.9)
        self.wait(0.8)

    def show_layer1_gradients(self):
        d, g = self.d, C("gradient")
        general = formula("(partial L)/(partial w_(i j)^1) &= (partial L)/(partial y') dot "
                          "(partial y')/(partial z_j) dot (partial z_j)/(partial w_(i j)^1) \\ "
                          "&= (partial L)/(partial y') dot w_(j 1)^2 dot x_i", 30)
        order = [(i, j) for j in range(self.n_hid) for i in range(self.n_in)]  # z_j back to x_i
        lines = {(i, j): formula(f"partial L \\/ partial w_({i + 1}{j + 1})^1 = "
                                 + " times ".join(typ(v) for v in d.factors_w1[i][j])
                                 + f" = {typ(d.grad_w1[i, j])}", 26, g) for i, j in order}
        self.panel("s10.grad_layer1", general, *[lines[k] for k in order], buff=0.22)
        self.play(FadeIn(general), run_time=0.8)
        self.g1_labels = {}
        for i, j in order:
            e = self.e1[i][j]
            lab = _on_edge(num(d.grad_w1[i, j], edge_digits(d)), self.inputs[i].get_center(),
                           self.hidden[j].get_center(), G1_AT, g)
            self.g1_labels[i, j] = lab
            self.play(self.edge_flash(e, g, backward=True), e.animate.set_stroke(g, opacity=0.6),
                      FadeIn(lab), FadeIn(lines[i, j]), run_time=0.75)
        self.wait(0.8)

    def show_update(self):
        d, up = self.d, C("update")
        eta = typ(d.lr)
        w1, w2, g1, g2 = d.w1, d.w2, d.grad_w1, d.grad_w2
        # the view groups equal updates on one line, as the lecture does; updates that differ
        # from unit to unit (a lecturer's own weights) are written as one vector per row
        rule = formula("W <- W - eta (partial L)/(partial W)", 34, up)

        def vec(a):
            return "(" + ", ".join(typ(v, CUSTOM_VECTOR_DIGITS) for v in a) + ")"

        if _uniform(w2) and _uniform(g2):
            l2 = formula(f"w_(j 1)^2 = {typ(w2[0, 0])} - {eta} times {typ(g2[0, 0])} = "
                         f"{typ(d.w2_after[0, 0])}", 28)
        else:
            l2 = formula(f"w_(j 1)^2 = {vec(w2[:, 0])} - {eta} times {vec(g2[:, 0])} \\ "
                         f"quad = {vec(d.w2_after[:, 0])}", 28)
        l1 = [formula(f"w_({i + 1} j)^1 = {typ(w1[i, 0])} - {eta} times {typ(g1[i, 0])} = "
                      f"{typ(d.w1_after[i, 0])}", 28)
              if _uniform(w1[i]) and _uniform(g1[i]) else
              formula(f"w_({i + 1} j)^1 = {vec(w1[i])} - {eta} times {vec(g1[i])} \\ "
                      f"quad = {vec(d.w1_after[i])}", 28) for i in range(self.n_in)]
        self.panel("s10.update", rule, l2, *l1, buff=0.4)
        self.play(Write(rule), run_time=1.0)
        self.play(FadeOut(self.dout), self.output.animate.set_stroke(C("muted")), run_time=0.4)
        new2 = [self._w2_label(j, d.w2_after[j, 0], up) for j in range(self.n_hid)]
        self.play(FadeIn(l2), *[FadeTransform(a, b) for a, b in zip(self.w2_labels, new2)],
                  *[FadeOut(m) for m in self.g2_labels],
                  *[e.animate.set_stroke(up, opacity=1) for e in self.e2], run_time=1.2)
        self.wait(0.4)
        for i in range(self.n_in):
            new1 = [self._w1_label(i, j, d.w1_after[i, j], up) for j in range(self.n_hid)]
            self.play(FadeIn(l1[i]),
                      *[FadeTransform(a, b) for a, b in zip(self.w1_labels[i], new1)],
                      *[FadeOut(self.g1_labels[i, j]) for j in range(self.n_hid)],
                      *[e.animate.set_stroke(up, opacity=1) for e in self.e1[i]], run_time=1.2)
            self.wait(0.4)
        self.wait(0.8)

    def show_second_forward_pass(self):
        d = self.d
        edges = [e for row in self.e1 for e in row] + self.e2
        self.play(*[e.animate.set_stroke(C("muted"), opacity=1) for e in edges], run_time=0.4)
        self._forward("s10.forward_again", d.w1_after, d.w2_after, d.z_after,
                      d.y_hat_after, (self.lab["nodes_z_after"], self.lab["node_y_hat_after"]),
                      x_values=False)
        rel, loss_after = self.lab["loss_after_relation"], self.lab["loss_after"]
        rel_typ = "approx" if rel == "≈" else "="
        # the lecture's step lowers the loss; a lecturer's lr may be too large for that
        went_down = d.loss_after < d.loss
        order = "<" if went_down else (">" if d.loss_after > d.loss else "=")
        f = formula(f"L &= 1/2 ({typ(d.y)} - {typ(d.y_hat_after)})^2 \\ "
                    f"&{rel_typ} {loss_after} {order} {typ(d.loss)} "
                    f"\" ({tr('s10.before')})\"", 32, C("loss"))
        note = (say("s10.smaller", SMALL_SIZE + 2, C("loss")) if went_down or not d.custom else
                say("diverged", SMALL_SIZE + 2, C("gradient")))
        self.panel("s10.loss_again", f, note, buff=0.45)
        new_loss = self.stack_line(label(f"L {rel} {loss_after}", STACK_SIZE, C("loss")), 1)
        self.play(Write(f), run_time=1.5)
        self.play(FadeTransform(self.loss_val, new_loss), run_time=0.8)
        box = SurroundingRectangle(new_loss, color=C("loss"), buff=0.08)
        self.play(Create(box), FadeIn(note), run_time=0.8)
        self.wait(2.0)

"""mathcore.surfaces against sympy expressions written here and against finite differences."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy.parsing.sympy_parser import (convert_xor, implicit_multiplication_application,
                                        parse_expr, standard_transformations)

from mathcore import surfaces
from oracles import EPS, assert_close

x, y = sp.symbols("x y", real=True)

# the surfaces of the lecture's 3-D sections, written again from their formulas
EXPRS = {
    "bowl": x ** 2 + y ** 2,
    "ellipse": sp.Rational(1, 2) * x ** 2 + sp.Rational(5, 2) * y ** 2,
    "saddle": x ** 2 - y ** 2,
    "waves": sp.sin(x) * sp.cos(y),
    "rosenbrock": (1 - x) ** 2 + 100 * (y - x ** 2) ** 2,
    "himmelblau": (x ** 2 + y - 11) ** 2 + (x + y ** 2 - 7) ** 2,
}


class Oracle:
    def __init__(self, expr):
        self.f = sp.lambdify((x, y), expr, "numpy")
        grad = [sp.diff(expr, v) for v in (x, y)]
        self.grad = sp.lambdify((x, y), grad, "numpy")
        self.hess = sp.lambdify((x, y), sp.hessian(expr, (x, y)), "numpy")


ORACLES = {name: Oracle(e) for name, e in EXPRS.items()}


def test_every_surface_has_an_oracle():
    assert set(surfaces.names()) == set(EXPRS)


def _points(s, n=40, seed=0):
    rng = np.random.default_rng(seed)
    return rng.uniform(*s.x_range, n), rng.uniform(*s.y_range, n)


@pytest.mark.parametrize("name", sorted(EXPRS))
def test_surface_f_matches_its_formula(name):
    s, o = surfaces.get(name), ORACLES[name]
    px, py = _points(s)
    assert_close(s.f(px, py), o.f(px, py), rtol=1e-13, atol=1e-13, what=name)
    assert_close(s(px, py), o.f(px, py), rtol=1e-13, atol=1e-13, what=f"{name} __call__")
    assert s.f_xy((px[0], py[0])) == pytest.approx(float(o.f(px[0], py[0])), rel=1e-13)


@pytest.mark.parametrize("name", ["bowl", "ellipse", "saddle", "rosenbrock", "himmelblau"])
def test_formula_text_is_the_function(name):
    T = standard_transformations + (implicit_multiplication_application, convert_xor)
    s = surfaces.get(name)
    shown = parse_expr(s.formula, transformations=T, local_dict={"x": x, "y": y})
    assert sp.simplify(shown - EXPRS[name]) == 0, s.formula


@pytest.mark.parametrize("name", sorted(EXPRS))
def test_closed_form_gradient_matches_sympy_and_central_differences(name):
    s, o = surfaces.get(name), ORACLES[name]
    px, py = _points(s, seed=1)
    g = surfaces.gradient(s, px, py)
    assert g.shape == (2, len(px))
    assert_close(g, np.array(o.grad(px, py), dtype=float), rtol=1e-12, atol=1e-11,
                 what=f"{name} gradient vs sympy")
    # central differences of the surface's own f: the gradient belongs to this f
    h = 1e-6
    fd = np.array([(s.f(px + h, py) - s.f(px - h, py)) / (2 * h),
                   (s.f(px, py + h) - s.f(px, py - h)) / (2 * h)])
    scale = 1 + np.abs(s.f(px, py))
    assert np.all(np.abs(g - fd) <= 1e-6 * scale), f"{name}: max gap {np.max(np.abs(g - fd))}"
    # grad_xy at one point, as the optimizers take it
    assert_close(s.grad_xy((px[3], py[3])), g[:, 3], rtol=1e-15)


@pytest.mark.parametrize("name", sorted(EXPRS))
def test_gradient_with_a_step_uses_differences_of_f(name):
    s, o = surfaces.get(name), ORACLES[name]
    px, py = _points(s, seed=2)
    g = surfaces.gradient(s, px, py, h=1e-6)
    exact = np.array(o.grad(px, py), dtype=float)
    assert_close(g, exact, rtol=1e-6, atol=1e-6 * (1 + np.max(np.abs(o.f(px, py)))),
                 what=f"{name} gradient(h=1e-6)")


def test_numeric_gradient_of_a_lambda_matches_its_closed_form():
    f = lambda u, v: u ** 2 * v + np.sin(u * v) + np.exp(0.3 * v)
    fx = lambda u, v: 2 * u * v + v * np.cos(u * v)
    fy = lambda u, v: u ** 2 + u * np.cos(u * v) + 0.3 * np.exp(0.3 * v)
    rng = np.random.default_rng(3)
    px, py = rng.uniform(-3, 3, 50), rng.uniform(-3, 3, 50)
    g = surfaces.gradient(f, px, py)
    assert g.shape == (2, 50)
    assert_close(g, np.array([fx(px, py), fy(px, py)]), rtol=1e-9, atol=1e-9,
                 what="central differences of a lambda")
    g0 = surfaces.gradient(f, 0.5, -1.0)
    assert g0.shape == (2,)
    assert_close(g0, [fx(0.5, -1.0), fy(0.5, -1.0)], rtol=1e-9, atol=1e-10)


@pytest.mark.parametrize("name", [n for n in sorted(EXPRS) if n != "saddle"])
def test_the_listed_minimum_is_a_minimum(name):
    s, o = surfaces.get(name), ORACLES[name]
    mx, my = s.minimum
    assert_close(surfaces.gradient(s, mx, my), [0.0, 0.0], rtol=0, atol=1e-12, what=name)
    H = np.array(o.hess(mx, my), dtype=float)
    assert np.all(np.linalg.eigvalsh(H) > 0), f"{name}: Hessian at the minimum {H}"
    assert surfaces.get("saddle").minimum is None


# --- tangent planes ----------------------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(EXPRS)), st.floats(0, 1), st.floats(0, 1),
       st.floats(0, 2 * math.pi))
def test_tangent_plane_matches_the_surface_to_first_order(name, u, v, angle):
    s, o = surfaces.get(name), ORACLES[name]
    x0 = s.x_range[0] + u * (s.x_range[1] - s.x_range[0])
    y0 = s.y_range[0] + v * (s.y_range[1] - s.y_range[0])
    plane = surfaces.tangent_plane(s, x0, y0)
    z0 = float(o.f(x0, y0))
    assert plane(x0, y0) == pytest.approx(z0, rel=1e-13, abs=1e-13)
    assert plane.point == (x0, y0, plane.z0)
    assert (plane.fx, plane.fy) == pytest.approx(tuple(o.grad(x0, y0)), rel=1e-12, abs=1e-11)
    d = np.array([math.cos(angle), math.sin(angle)])
    ratios = []
    for r in (1e-1, 1e-2, 1e-3, 1e-4):
        px, py = x0 + r * d[0], y0 + r * d[1]
        err = abs(float(o.f(px, py)) - plane(px, py))
        # Taylor: err = ½ dᵀ H(ξ) d r² for ξ on the segment; bound |dᵀHd| by sampling it there
        q = max(abs(d @ np.array(o.hess(x0 + t * r * d[0], y0 + t * r * d[1]), float) @ d)
                for t in np.linspace(0, 1, 6))
        rounding = 16 * EPS * (1 + abs(z0) + abs(plane.fx * r) + abs(plane.fy * r))
        assert err <= 0.55 * q * r * r + 1e-9 * r ** 3 + rounding, (name, x0, y0, r, err, q)
        ratios.append(err / r)
    # error / r -> 0
    assert ratios[-1] <= 1e-4 * (1 + q) + rounding / 1e-4


def test_tangent_plane_of_a_lambda_uses_the_numeric_gradient():
    f = lambda u, v: np.exp(u) * np.cos(v)
    p = surfaces.tangent_plane(f, 0.3, 1.1)
    assert p.z0 == pytest.approx(math.exp(0.3) * math.cos(1.1), rel=1e-15)
    assert p.fx == pytest.approx(math.exp(0.3) * math.cos(1.1), rel=1e-9)
    assert p.fy == pytest.approx(-math.exp(0.3) * math.sin(1.1), rel=1e-9)


def test_tangent_plane_uses_a_given_gradient_and_its_normal_is_perpendicular():
    p = surfaces.tangent_plane(lambda u, v: u * v, 2.0, 3.0, grad=lambda u, v: (v, u))
    assert (p.z0, p.fx, p.fy) == (6.0, 3.0, 2.0)
    assert p(0.0, 0.0) == 6.0 - 6.0 - 6.0
    n = p.normal
    assert np.linalg.norm(n) == pytest.approx(1.0, rel=1e-15)
    for t in (np.array([1.0, 0.0, p.fx]), np.array([0.0, 1.0, p.fy])):
        assert abs(n @ t) < 1e-15
    assert n[2] > 0


def test_tangent_plane_bad_input():
    with pytest.raises(ValueError):
        surfaces.tangent_plane(surfaces.get("bowl"), math.nan, 0.0)
    with pytest.raises(ValueError), np.errstate(all="ignore"):
        surfaces.tangent_plane(lambda u, v: np.sqrt(u) + v, 0.0, 0.0)


# --- grids ---------------------------------------------------------------------

def test_grid_shapes_and_values():
    f = lambda u, v: u + 10 * v
    X, Y, Z = surfaces.grid(f, (0.0, 1.0), (-2.0, 2.0), (5, 3))
    assert X.shape == Y.shape == Z.shape == (3, 5)   # rows follow y, columns follow x
    assert_close(X[0], [0, 0.25, 0.5, 0.75, 1.0], rtol=0, atol=1e-15)
    assert_close(Y[:, 0], [-2.0, 0.0, 2.0], rtol=0, atol=1e-15)
    assert np.all(X == X[0]) and np.all(Y.T == Y[:, 0])
    for i in range(3):
        for j in range(5):
            assert Z[i, j] == f(X[i, j], Y[i, j])


@pytest.mark.parametrize("name", sorted(EXPRS))
def test_grid_of_a_surface(name):
    s, o = surfaces.get(name), ORACLES[name]
    X, Y, Z = surfaces.grid(s, s.x_range, s.y_range, 7)
    assert X.shape == (7, 7)
    assert X[0, 0] == s.x_range[0] and X[0, -1] == s.x_range[1]
    assert Y[0, 0] == s.y_range[0] and Y[-1, 0] == s.y_range[1]
    assert_close(Z, o.f(X, Y), rtol=1e-13, atol=1e-13, what=name)


def test_grid_of_a_constant_broadcasts():
    X, Y, Z = surfaces.grid(lambda u, v: 2.0, (0, 1), (0, 1), 4)
    assert Z.shape == (4, 4) and np.all(Z == 2.0)
    Z[0, 0] = 5.0  # a writable copy, not a broadcast view
    assert Z[1, 1] == 2.0


@pytest.mark.parametrize("args", [
    ((0, 1), (0, 1), 0), ((0, 1), (0, 1), (3, 0)), ((0, 1), (0, 1), 2.5),
    ((1, 0), (0, 1), 4), ((0, 1), (1, 1), 4), ((0, math.inf), (0, 1), 4),
    ((0, math.nan), (0, 1), 4)])
def test_grid_bad_input(args):
    with pytest.raises(ValueError):
        surfaces.grid(surfaces.get("bowl"), *args)


def test_unknown_surface_names_the_allowed_ones():
    with pytest.raises(ValueError, match="bowl"):
        surfaces.get("volcano")

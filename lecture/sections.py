"""The lecture's sections and the render targets they make, in lecture order (pure data)."""

from __future__ import annotations

from dataclasses import dataclass

from .strings import text


@dataclass(frozen=True)
class Section:
    number: int
    slug: str          # file-name part: 01_<slug>.mp4
    module: str        # scenes.<module>
    scene: str         # the Scene class, named for what the viewer sees
    options: frozenset = frozenset()   # the lecturer's own choices it takes (lessons.<slug>)

    @property
    def name(self) -> str:
        return f"{self.number:02d}_{self.slug}"

    def title(self, lang: str) -> str:
        return text(f"sec{self.number:02d}", lang)


CURVE = frozenset({"function", "point", "range"})
SWEEP = frozenset({"function", "range"})
DESCENT = frozenset({"function", "point", "range", "lr", "steps", "momentum"})
NETWORK = frozenset({"w1", "w2", "x", "y", "lr"})
SURFACE_TARGETS = {"12_gradient_descent_3d", "gradient_descent_3d"}  # the function is f(x, y)

SECTIONS = (
    Section(1, "derivative", "s01_derivative", "SecantBecomesTangent", CURVE),
    Section(2, "common_derivatives", "s02_common_derivatives", "DerivativeTable"),
    Section(3, "activations", "s03_activations", "ActivationsAndTheirSlopes"),
    Section(4, "differential", "s04_differential", "DifferentialAgainstChange", CURVE),
    Section(5, "rules", "s05_rules", "SumProductQuotientRules"),
    Section(6, "integral", "s06_integral", "RectanglesFillTheArea", SWEEP),
    Section(7, "tangent_2d", "s07_tangent_2d", "TangentTravelsAlongCurve", SWEEP),
    Section(8, "tangent_plane", "s08_tangent_plane", "TangentPlaneOnSurface"),
    Section(9, "chain_rule", "s09_chain_rule", "ChainRuleFourSteps"),
    Section(10, "backprop", "s10_backprop", "BackpropOnTinyNetwork", NETWORK),
    Section(11, "gradient_descent", "s11_gradient_descent", "PointRollsDownhill", DESCENT),
    Section(12, "gradient_descent_3d", "s12_gradient_descent_3d", "DescentOnSurfaceAndContours", DESCENT),
)


@dataclass(frozen=True)
class Gif:
    slug: str          # build/gifs/<lang>/<slug>.gif
    module: str        # animations.<module>
    section: int       # the lecture section it illustrates
    options: frozenset = frozenset()


GIFS = (
    Gif("activations", "activations", 3),
    Gif("secant_tangent", "secant_tangent", 1, CURVE),
    Gif("tangent_line", "tangent_line", 7, SWEEP),
    Gif("differential", "differential", 4, CURVE),
    Gif("riemann", "riemann", 6, SWEEP),
    Gif("tangent_plane", "tangent_plane", 8),
    Gif("backprop_training", "backprop_training", 10, NETWORK | {"steps"}),
    Gif("gradient_descent", "gradient_descent", 11, DESCENT),
    Gif("gradient_descent_3d", "gradient_descent_3d", 12, DESCENT),
    Gif("optimizers", "optimizers", 12),
)

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

    @property
    def name(self) -> str:
        return f"{self.number:02d}_{self.slug}"

    def title(self, lang: str) -> str:
        return text(f"sec{self.number:02d}", lang)


SECTIONS = (
    Section(1, "derivative", "s01_derivative", "SecantBecomesTangent"),
    Section(2, "common_derivatives", "s02_common_derivatives", "DerivativeTable"),
    Section(3, "activations", "s03_activations", "ActivationsAndTheirSlopes"),
    Section(4, "differential", "s04_differential", "DifferentialAgainstChange"),
    Section(5, "rules", "s05_rules", "SumProductQuotientRules"),
    Section(6, "integral", "s06_integral", "RectanglesFillTheArea"),
    Section(7, "tangent_2d", "s07_tangent_2d", "TangentTravelsAlongCurve"),
    Section(8, "tangent_plane", "s08_tangent_plane", "TangentPlaneOnSurface"),
    Section(9, "chain_rule", "s09_chain_rule", "ChainRuleFourSteps"),
    Section(10, "backprop", "s10_backprop", "BackpropOnTinyNetwork"),
    Section(11, "gradient_descent", "s11_gradient_descent", "PointRollsDownhill"),
    Section(12, "gradient_descent_3d", "s12_gradient_descent_3d", "DescentOnSurfaceAndContours"),
)


@dataclass(frozen=True)
class Gif:
    slug: str          # build/gifs/<lang>/<slug>.gif
    module: str        # animations.<module>
    section: int       # the lecture section it illustrates


GIFS = (
    Gif("activations", "activations", 3),
    Gif("secant_tangent", "secant_tangent", 1),
    Gif("tangent_line", "tangent_line", 7),
    Gif("differential", "differential", 4),
    Gif("riemann", "riemann", 6),
    Gif("tangent_plane", "tangent_plane", 8),
    Gif("backprop_training", "backprop_training", 10),
    Gif("gradient_descent", "gradient_descent", 11),
    Gif("gradient_descent_3d", "gradient_descent_3d", 12),
    Gif("optimizers", "optimizers", 12),
)

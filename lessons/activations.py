"""Section 3: the activation functions beside their derivatives, and softmax.

Both renderers draw the same six activations with the same parameters (PReLU's alpha = 0.25, a
typical initial value of a learnable parameter; ELU's alpha = 1). The video draws each on a fine
grid with its saturated regions (|f'| below a threshold) and then softmax of a small vector,
unchanged when the input is shifted; the slide GIF (``slide(n_frames)``) sweeps a point along
every curve with its tangent, and one component of a longer softmax input with the Jacobian
column. The section takes no options.

>>> lesson = from_options()
>>> [a.name for a in lesson.activations][:3], lesson.activation("prelu").df0
(['sigmoid', 'tanh', 'relu'], 0.25)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mathcore import calculus, functions

from .common_derivatives import Named, fixed_example

OPTIONS = frozenset()

PARAMS = {"prelu": {"alpha": 0.25}, "elu": {"alpha": 1.0}}
SATURATION = 0.05                 # |f'| below this counts as a vanishing gradient
X_VIEW = (-4.0, 4.0)              # every graph's x window (video and GIF)
Y_VIEW = (-1.3, 1.7)              # the video's y window
SAMPLES = 801                     # the video's curve samples
SOFTMAX_INPUT = (2.0, 1.0, 0.1)   # the video's softmax example
SHIFT = 3.0                       # ... and the constant added to it

SLIDE_SAMPLES = 401               # the GIF's curve samples (x = 0 is one of them)
SWEEP = (-3.5, 3.5)               # where the GIF's moving point travels
SLIDE_SOFTMAX = (2.0, 1.0, 0.1, -1.0)
SLIDE_K = 0                       # the component of z that sweeps in the GIF
TANGENT_LEN = 0.32                # tangent segment, as a fraction of the axes' diagonal


def activation_functions() -> list:
    """The six scalar activations of the lecture, in its order, with the parameters shown."""
    return [functions.get(n, **PARAMS.get(n, {})) for n in functions.ACTIVATIONS]


def grid(samples: int = SAMPLES, view=X_VIEW) -> np.ndarray:
    """``samples`` points across the view, the kink x = 0 always among them."""
    return np.union1d(np.linspace(*view, samples), [0.0])


def runs(mask: np.ndarray) -> list:
    """The runs of consecutive True indices of ``mask``."""
    idx = np.flatnonzero(mask)
    if idx.size == 0:
        return []
    return np.split(idx, np.flatnonzero(np.diff(idx) > 1) + 1)


def saturated(fn, xs: np.ndarray, threshold: float = SATURATION) -> list[tuple[float, float]]:
    """The x intervals of the samples ``xs`` where |f'| < threshold."""
    d = np.abs(np.asarray(fn.df(xs)))
    return [(float(xs[r[0]]), float(xs[r[-1]])) for r in runs(d < threshold)]


def remark_numbers(fn) -> dict:
    """The numbers a remark quotes: ranges as limits, slopes at sample points, alpha."""
    if fn.name in ("sigmoid", "tanh"):
        return {"lo": float(fn.f(-np.inf)), "hi": float(fn.f(np.inf))}
    if fn.name == "relu":
        return {"one": float(fn.df(1.0)), "zero": float(fn.df(-1.0))}
    if fn.name == "leaky_relu":
        return {"slope": float(fn.df(-1.0))}
    if fn.name == "prelu":
        return {"alpha": float(fn.params["alpha"])}
    return {"low": float(fn.f(-np.inf))}


@dataclass(frozen=True)
class Activation(Named):
    """One activation sampled with its derivative: f'(0) (the lecture's value at a kink), the
    one-sided limit of f' at 0 from the right, the saturated intervals, the remark's numbers."""

    fn: functions.Function = field(repr=False)
    x: np.ndarray = field(repr=False)
    f: np.ndarray = field(repr=False)
    df: np.ndarray = field(repr=False)
    df0: float
    df0_right: float
    saturated: tuple
    remark: dict


@dataclass(frozen=True)
class Softmax:
    """softmax of ``x`` and of ``x + shift`` (the same: softmax forgets a constant)."""

    x: np.ndarray
    shift: float
    p: np.ndarray
    p_shifted: np.ndarray

    @property
    def sum(self) -> float:
        return float(np.sum(self.p))

    def shifted(self, c: float) -> tuple[np.ndarray, np.ndarray]:
        """(x + c, softmax(x + c)): the bars while the input slides by c."""
        z = self.x + float(c)
        return z, functions.softmax(z)


@dataclass(frozen=True, repr=False)
class Panel(Named):
    """One activation on the slide: curves, the swept point (x, f(x), f'(x)), the tangents'
    slopes (calculus.tangent_line), the segments drawn for them and the y window."""

    fn: functions.Function
    x: np.ndarray
    f: np.ndarray
    df: np.ndarray
    xs: np.ndarray
    ys: np.ndarray
    slopes: np.ndarray
    dys: np.ndarray
    seg: np.ndarray                       # n_frames x 2 (x, y) x 2 (ends)
    ylim: tuple


@dataclass(frozen=True)
class SoftmaxSweep:
    """z with component k swept over the frames: s = softmax(z) and the column ds/dz_k."""

    k: int
    z: np.ndarray
    s: np.ndarray
    jac: np.ndarray
    zs: np.ndarray
    ss: np.ndarray
    jacs: np.ndarray


@dataclass(frozen=True)
class Slide:
    """What the GIF draws over ``len(xs)`` frames."""

    xs: np.ndarray
    panels: tuple
    softmax: SoftmaxSweep


def sweep(n_frames: int, ends=SWEEP) -> np.ndarray:
    """Positions of the moving point: eased at both ends; an even count never lands on 0."""
    t = np.linspace(0.0, 1.0, n_frames)
    return ends[0] + (ends[1] - ends[0]) * (1.0 - np.cos(np.pi * t)) / 2.0


def panel(fn, x: np.ndarray, xs: np.ndarray) -> Panel:
    f, df = np.asarray(fn.f(x)), np.asarray(fn.df(x))
    lines = [calculus.tangent_line(fn, a) for a in xs]
    slopes = np.array([ln.slope for ln in lines])
    ys = np.array([ln.fa for ln in lines])
    lo, hi = min(f.min(), df.min()), max(f.max(), df.max())
    pad = 0.1 * (hi - lo)
    ylim = (float(lo - pad), float(hi + pad))
    # a segment of fixed on-screen length: scale dx by the axes' data ranges
    xr, yr = X_VIEW[1] - X_VIEW[0], ylim[1] - ylim[0]
    half = 0.5 * TANGENT_LEN * np.sqrt(2.0) / np.sqrt(1.0 / xr**2 + (slopes / yr) ** 2)
    x0, x1 = xs - half, xs + half
    seg = np.stack([np.stack([x0, x1], 1),
                    np.stack([[ln(a) for ln, a in zip(lines, x0)],
                              [ln(b) for ln, b in zip(lines, x1)]], 1)], 1)
    return Panel(fn, x, f, df, xs, ys, slopes, np.asarray(fn.df(xs)), seg, ylim)


def softmax_sweep(xs: np.ndarray, z=SLIDE_SOFTMAX, k: int = SLIDE_K) -> SoftmaxSweep:
    z = np.array(z, dtype=float)
    zs = np.tile(z, (len(xs), 1))
    zs[:, k] = xs
    jacs = np.array([functions.softmax_jacobian(row)[:, k] for row in zs])
    return SoftmaxSweep(k, z, functions.softmax(z), functions.softmax_jacobian(z)[:, k], zs,
                        functions.softmax(zs, axis=-1), jacs)


@dataclass(frozen=True)
class ActivationsLesson:
    """The six activations (``activations``, sampled for the video), the threshold of a
    vanishing gradient, the video's windows and softmax example; ``slide(n)`` for the GIF."""

    activations: tuple
    softmax: Softmax
    threshold: float = SATURATION
    x_view: tuple = X_VIEW
    y_view: tuple = Y_VIEW
    custom: bool = False

    def activation(self, name: str) -> Activation:
        return next(a for a in self.activations if a.name == name)

    def slide(self, n_frames: int, samples: int = SLIDE_SAMPLES) -> Slide:
        """Every array of the GIF over ``n_frames`` frames (the same functions)."""
        xs = sweep(n_frames)
        x = np.linspace(*self.x_view, samples)
        return Slide(xs, tuple(panel(a.fn, x, xs) for a in self.activations), softmax_sweep(xs))

    def parameters(self) -> dict:
        return {"activations": [a.name for a in self.activations],
                "params": {a.name: a.params for a in self.activations if a.params},
                "threshold": self.threshold, "x_view": list(self.x_view),
                "y_view": list(self.y_view), "samples": SAMPLES,
                "softmax_input": self.softmax.x.tolist(), "shift": self.softmax.shift,
                "slide": {"samples": SLIDE_SAMPLES, "sweep": list(SWEEP),
                          "softmax_input": list(SLIDE_SOFTMAX), "k": SLIDE_K,
                          "tangent_len": TANGENT_LEN}}


def activation(fn, xs: np.ndarray, threshold: float = SATURATION) -> Activation:
    return Activation(fn, xs, np.asarray(fn.f(xs)), np.asarray(fn.df(xs)), float(fn.df(0.0)),
                      float(fn.df(np.nextafter(0.0, 1.0))), tuple(saturated(fn, xs, threshold)),
                      remark_numbers(fn))


def complete(values: dict) -> dict:
    """The section takes no options: nothing to fill in."""
    return dict(values)


def from_options(values: dict | None = None) -> ActivationsLesson:
    fixed_example(values, "the activations")
    xs = grid()
    x = np.array(SOFTMAX_INPUT)
    soft = Softmax(x, SHIFT, functions.softmax(x), functions.softmax(x + SHIFT))
    return ActivationsLesson(tuple(activation(fn, xs) for fn in activation_functions()), soft)

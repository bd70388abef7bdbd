"""Plot the lecture's activation functions and their derivatives (section 3).
Run:  python activations.py [activations.png]"""
import sys

import matplotlib
matplotlib.use("Agg")  # no window needed: we only write a file
import matplotlib.pyplot as plt
import numpy as np

ALPHA_PRELU = 0.25   # PReLU's alpha is learned in a network; here we fix one value
ALPHA_ELU = 1.0
FLAT = 0.05          # |f'(x)| below this: the gradient has (almost) vanished, as in the video


def sigmoid(x): return 1 / (1 + np.exp(-x))
def d_sigmoid(x): return sigmoid(x) * (1 - sigmoid(x))
def d_tanh(x): return 1 - np.tanh(x) ** 2
def relu(x): return np.maximum(0, x)
def d_relu(x): return np.where(x > 0, 1.0, 0.0)       # the lecture takes ReLU'(0) = 0
def leaky(x, a=0.01): return np.where(x > 0, x, a * x)
def d_leaky(x, a=0.01): return np.where(x > 0, 1.0, a)
def prelu(x): return leaky(x, ALPHA_PRELU)            # Leaky ReLU with a chosen slope
def d_prelu(x): return d_leaky(x, ALPHA_PRELU)
def elu(x, a=ALPHA_ELU): return np.where(x > 0, x, a * (np.exp(x) - 1))
def d_elu(x, a=ALPHA_ELU): return np.where(x > 0, 1.0, elu(x, a) + a)
def softmax(v): return np.exp(v - v.max()) / np.exp(v - v.max()).sum()  # shift: no overflow


# name -> (f, f'), in the lecture's order
ACTIVATIONS = {"Sigmoid": (sigmoid, d_sigmoid), "Tanh": (np.tanh, d_tanh),
               "ReLU": (relu, d_relu), "Leaky ReLU": (leaky, d_leaky),
               f"PReLU (α = {ALPHA_PRELU:g})": (prelu, d_prelu),
               f"ELU (α = {ALPHA_ELU:g})": (elu, d_elu)}


def main(out="activations.png"):
    x = np.linspace(-5, 5, 1001)
    fig, axes = plt.subplots(2, 3, figsize=(12, 7), sharex=True, constrained_layout=True)
    for ax, (name, (f, df)) in zip(axes.flat, ACTIVATIONS.items()):
        # shade where the slope is nearly zero: learning stalls there
        ax.fill_between(x, -1.5, 2, where=np.abs(df(x)) < FLAT, color="0.88", label="|f'| < 0.05")
        ax.plot(x, f(x), lw=2.5, label="f(x)")
        ax.plot(x, df(x), "--", lw=2.5, label="f'(x)")
        ax.axhline(0, color="k", lw=0.6)
        ax.axvline(0, color="k", lw=0.6)
        ax.set(title=name, ylim=(-1.5, 2))
    axes[0, 0].legend(loc="upper left")
    fig.savefig(out, dpi=100)
    print("softmax([2, 1, 0.1]) =", softmax(np.array([2.0, 1.0, 0.1])).round(3), "| saved", out)


if __name__ == "__main__":
    try:  # a wrong argument or a path we cannot write: one line, no traceback
        if len(sys.argv) > 2 or sys.argv[-1].startswith("-"):
            raise ValueError("usage: python activations.py [OUT.png]")
        main(*sys.argv[1:])
    except (OSError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(2)

"""mathcore: the lecture's mathematics as plain numpy arrays.

Imports numpy, scipy and the standard library only (``expr`` may use sympy):
scenes and animations ask this package for numbers and only draw them.
"""

from . import backprop, calculus, chain, functions, optimize, rules, surfaces

__all__ = ["backprop", "calculus", "chain", "functions", "optimize", "rules", "surfaces"]

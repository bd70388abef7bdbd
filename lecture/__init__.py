"""What scenes and animations share: sections, targets, strings, colours.

Imports neither manim nor matplotlib, so a GIF never needs manim and ``render.py list``
starts in milliseconds.
"""

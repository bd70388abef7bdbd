"""Manim scenes for the lecture videos, one module per section (see lecture.sections)."""

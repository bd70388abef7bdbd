"""Slide GIFs: one matplotlib animation per module (see lecture.sections.GIFS)."""

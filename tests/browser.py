"""Headless Chromium (the system's, from Debian's package) driven by playwright, with every
http(s) request blocked and recorded, and console errors collected."""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
        "--autoplay-policy=no-user-gesture-required"]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise AssertionError("Chromium is not installed: run 'make setup' (tools/setup.sh deck)")
    return path


@contextmanager
def page(viewport=(1280, 720)):
    """A page; ``page.blocked`` lists the network requests refused, ``page.errors`` the console
    errors and uncaught exceptions."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=ARGS)
        try:
            pg = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
            pg.blocked, pg.errors = [], []
            pg.route("http*://**", lambda r: (pg.blocked.append(r.request.url), r.abort()))
            pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
            pg.on("pageerror", lambda e: pg.errors.append(str(e)))
            yield pg
        finally:
            browser.close()

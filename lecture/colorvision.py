"""Colour science for telling colours apart: numpy only, no drawing.

- sRGB (IEC 61966-2-1) to and from linear RGB, hex strings to either;
- colour vision deficiency simulated with the matrices of Machado, Oliveira & Fernandes (2009),
  "A Physiologically-based Model for Simulation of Color Vision Deficiency", IEEE TVCG 15(6),
  at severity 1.0 (protanopia, deuteranopia, tritanopia), applied in linear RGB;
- sRGB to CIELAB under D65;
- the CIEDE2000 colour difference (Sharma, Wu & Dalal 2005, "The CIEDE2000 color-difference
  formula: implementation notes, supplementary test data, and mathematical observations");
- the WCAG 2 relative luminance and contrast ratio.

Arrays broadcast: a colour is the last axis of length 3, with values in [0, 1] for RGB.
"""

from __future__ import annotations

import numpy as np

# Machado et al. 2009, Table (supplementary, severity 1.0): linear RGB -> simulated linear RGB.
MACHADO = {
    "protanopia": np.array([[0.152286, 1.052583, -0.204868],
                            [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968],
                              [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "tritanopia": np.array([[1.255528, -0.076749, -0.178779],
                            [-0.078411, 0.930809, 0.147602],
                            [0.004733, 0.691367, 0.303900]]),
}
# "normal" is the identity: every check runs over VISIONS
VISIONS = ("normal",) + tuple(MACHADO)

# sRGB primaries, D65 white: linear RGB -> XYZ (IEC 61966-2-1)
_RGB_TO_XYZ = np.array([[0.4124564, 0.3575761, 0.1804375],
                        [0.2126729, 0.7151522, 0.0721750],
                        [0.0193339, 0.1191920, 0.9503041]])
_WHITE_D65 = _RGB_TO_XYZ.sum(axis=1)        # XYZ of RGB (1, 1, 1): (0.95047, 1, 1.08883)


def hex_to_srgb(color: str) -> np.ndarray:
    """``"#RRGGBB"`` (or ``"RRGGBB"``) as sRGB in [0, 1]."""
    s = color.lstrip("#")
    if len(s) != 6:
        raise ValueError(f"not a #RRGGBB colour: {color!r}")
    return np.array([int(s[i:i + 2], 16) for i in (0, 2, 4)], dtype=float) / 255.0


def srgb_to_hex(rgb) -> str:
    v = np.clip(np.round(np.asarray(rgb, dtype=float) * 255.0), 0, 255).astype(int)
    return "#{:02X}{:02X}{:02X}".format(*v)


def srgb_to_linear(rgb) -> np.ndarray:
    c = np.asarray(rgb, dtype=float)
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def linear_to_srgb(lin) -> np.ndarray:
    c = np.clip(np.asarray(lin, dtype=float), 0.0, 1.0)
    return np.where(c <= 0.0031308, 12.92 * c, 1.055 * c ** (1 / 2.4) - 0.055)


def simulate(rgb, vision: str) -> np.ndarray:
    """sRGB as a viewer with ``vision`` ("normal", "protanopia", ...) sees it, as sRGB in [0, 1].

    The matrix applies to linear RGB; results outside the gamut are clipped, as a display would.
    """
    rgb = np.asarray(rgb, dtype=float)
    if vision == "normal":
        return rgb.copy()
    if vision not in MACHADO:
        raise KeyError(f"unknown vision {vision!r}; known: {', '.join(VISIONS)}")
    lin = srgb_to_linear(rgb) @ MACHADO[vision].T
    return linear_to_srgb(np.clip(lin, 0.0, 1.0))


def srgb_to_lab(rgb) -> np.ndarray:
    """sRGB in [0, 1] to CIELAB (L*, a*, b*) with the D65 white of sRGB."""
    xyz = srgb_to_linear(rgb) @ _RGB_TO_XYZ.T / _WHITE_D65
    eps, kappa = 216 / 24389, 24389 / 27
    f = np.where(xyz > eps, np.cbrt(xyz), (kappa * xyz + 16) / 116)
    L = 116 * f[..., 1] - 16
    a = 500 * (f[..., 0] - f[..., 1])
    b = 200 * (f[..., 1] - f[..., 2])
    return np.stack([L, a, b], axis=-1)


def ciede2000(lab1, lab2, kL: float = 1.0, kC: float = 1.0, kH: float = 1.0) -> np.ndarray:
    """CIEDE2000 difference between CIELAB colours (Sharma, Wu & Dalal 2005, eqs. 1-22)."""
    lab1, lab2 = np.asarray(lab1, dtype=float), np.asarray(lab2, dtype=float)
    L1, a1, b1 = lab1[..., 0], lab1[..., 1], lab1[..., 2]
    L2, a2, b2 = lab2[..., 0], lab2[..., 1], lab2[..., 2]
    C1, C2 = np.hypot(a1, b1), np.hypot(a2, b2)
    Cbar7 = ((C1 + C2) / 2) ** 7
    G = 0.5 * (1 - np.sqrt(Cbar7 / (Cbar7 + 25.0 ** 7)))
    a1p, a2p = (1 + G) * a1, (1 + G) * a2
    C1p, C2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p = np.degrees(np.arctan2(b1, a1p)) % 360
    h2p = np.degrees(np.arctan2(b2, a2p)) % 360
    h1p = np.where((a1p == 0) & (b1 == 0), 0.0, h1p)
    h2p = np.where((a2p == 0) & (b2 == 0), 0.0, h2p)

    dLp = L2 - L1
    dCp = C2p - C1p
    prod = C1p * C2p
    dh = h2p - h1p
    dh = np.where(dh > 180, dh - 360, np.where(dh < -180, dh + 360, dh))
    dh = np.where(prod == 0, 0.0, dh)
    dHp = 2 * np.sqrt(prod) * np.sin(np.radians(dh) / 2)

    Lbp = (L1 + L2) / 2
    Cbp = (C1p + C2p) / 2
    hsum = h1p + h2p
    hbp = np.where(np.abs(h1p - h2p) <= 180, hsum / 2,
                   np.where(hsum < 360, (hsum + 360) / 2, (hsum - 360) / 2))
    hbp = np.where(prod == 0, hsum, hbp)
    T = (1 - 0.17 * np.cos(np.radians(hbp - 30)) + 0.24 * np.cos(np.radians(2 * hbp))
         + 0.32 * np.cos(np.radians(3 * hbp + 6)) - 0.20 * np.cos(np.radians(4 * hbp - 63)))
    dtheta = 30 * np.exp(-(((hbp - 275) / 25) ** 2))
    Cbp7 = Cbp ** 7
    RC = 2 * np.sqrt(Cbp7 / (Cbp7 + 25.0 ** 7))
    SL = 1 + 0.015 * (Lbp - 50) ** 2 / np.sqrt(20 + (Lbp - 50) ** 2)
    SC = 1 + 0.045 * Cbp
    SH = 1 + 0.015 * Cbp * T
    RT = -np.sin(np.radians(2 * dtheta)) * RC
    tl, tc, th = dLp / (kL * SL), dCp / (kC * SC), dHp / (kH * SH)
    return np.sqrt(tl ** 2 + tc ** 2 + th ** 2 + RT * tc * th)


def delta_e(color1: str, color2: str, vision: str = "normal") -> float:
    """CIEDE2000 between two hex colours as a viewer with ``vision`` sees them."""
    lab1 = srgb_to_lab(simulate(hex_to_srgb(color1), vision))
    lab2 = srgb_to_lab(simulate(hex_to_srgb(color2), vision))
    return float(ciede2000(lab1, lab2))


def relative_luminance(rgb) -> np.ndarray:
    """WCAG 2 relative luminance of sRGB in [0, 1]."""
    return srgb_to_linear(rgb) @ np.array([0.2126, 0.7152, 0.0722])


def contrast_ratio(color1: str, color2: str) -> float:
    """WCAG 2 contrast ratio (1 to 21) between two hex colours."""
    y = sorted(float(relative_luminance(hex_to_srgb(c))) for c in (color1, color2))
    return (y[1] + 0.05) / (y[0] + 0.05)

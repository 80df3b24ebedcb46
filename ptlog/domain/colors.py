"""Colours shared by the screen and the PDF charts, so left is the same blue everywhere.

The left/right pair is the Okabe–Ito blue/vermillion, distinguishable with colour-blindness;
lines also differ in marker shape, never by colour alone.
"""

LEFT = "#0072B2"
RIGHT = "#D55E00"
NORMAL_BAND = "#009E73"  # drawn translucent
GOAL = "#6A3D9A"
TARGET = "#999999"
TREATMENT = "#E69F00"
MDC_BAND = "#56B4E9"
WINDOW = {"short": "#E69F00", "medium": "#0072B2", "long": "#009E73"}
OK = "#1B7F3B"
WARN = "#B26B00"
ALERT = "#B3261E"
INFO = "#555555"
ON_FILL = "#FFFFFF"  # text on a filled bar of one of the colours above


def side_color(side: str) -> str:
    return LEFT if side == "L" else RIGHT

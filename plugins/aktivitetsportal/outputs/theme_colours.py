"""The municipality's colours as a stylesheet of their own (``PORTAL_COLOURS``).

The pages' Content-Security-Policy allows no inline styles, so the colours reach the CSS as a
file: custom properties linked after ``theme/static/css/portal.css``, whose ``:root`` they
override. Each value is checked to be ``#rrggbb`` by settings.py, so nothing else gets in.
"""

from __future__ import annotations

from aktivitetsportal.settings import PortalSettings

__all__ = ["COLOURS_STYLESHEET", "colours_stylesheet"]

#: Where the stylesheet is written in the output, beside the theme's own.
COLOURS_STYLESHEET = "theme/css/municipality.css"


def colours_stylesheet(settings: PortalSettings) -> str:
    """``:root { --brand: #7b1e3a; ... }`` for the colours set; "" when none is."""
    if not settings.colours:
        return ""
    properties = "".join(f"  --{name}: {colour};\n" for name, colour in settings.colours)
    return (f"/* {settings.municipality}: PORTAL_COLOURS over theme/static/css/portal.css. */\n"
            f":root {{\n{properties}}}\n")

"""Pelican plugin: the municipality's own look, its colours and logo (PORTAL_COLOURS, PORTAL_LOGO).

Thin adapter: writes the colours stylesheet the core makes (``theme/css/municipality.css``),
tells the templates where it and the logo are (``portal_colours_stylesheet``, ``portal_logo``:
"" when not set) and stops the build, before anything is written, when the logo is not in the
content folder.
"""

from __future__ import annotations

import logging
import os

from aktivitetsportal.outputs.theme_colours import COLOURS_STYLESHEET, colours_stylesheet
from aktivitetsportal.settings import PortalSettings
from pelican import signals
from pelican.utils import sanitised_join

logger = logging.getLogger(__name__)


class MissingLogoError(Exception):
    """PORTAL_LOGO names a picture that is not in the content folder."""

    exitcode = 2


class PortalThemeGenerator:
    """Checks the logo while the content is read; writes the colours with the pages."""

    def __init__(self, context, settings, path, theme, output_path, *args, **kwargs):
        self.context = context
        self.settings = settings
        self.path = path
        self.output_path = output_path
        self.stylesheet = ""

    def generate_context(self):
        settings = PortalSettings.from_mapping(self.settings)
        if settings.logo and not os.path.isfile(sanitised_join(self.path, settings.logo)):
            raise MissingLogoError(
                f"PORTAL_LOGO: fant ikke {settings.logo} i {self.path}. Legg logoen der (PNG, WebP "
                "eller JPEG), eller la PORTAL_LOGO stå tom. / The logo is not in the content folder.")
        self.stylesheet = colours_stylesheet(settings)
        self.context["portal_logo"] = settings.logo
        self.context["portal_colours_stylesheet"] = COLOURS_STYLESHEET if self.stylesheet else ""

    def generate_output(self, writer):
        if not self.stylesheet:
            return
        path = sanitised_join(self.output_path, COLOURS_STYLESHEET)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(self.stylesheet)
        logger.info('Writing "%s"', path)


def get_generators(pelican_object):
    return PortalThemeGenerator


def register():
    signals.get_generators.connect(get_generators)

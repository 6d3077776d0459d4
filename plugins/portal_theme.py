"""Pelican plugin: the municipality's own look, its colours and logo (PORTAL_COLOURS, PORTAL_LOGO).

Thin adapter: writes the colours stylesheet the core makes (``theme/css/municipality.css``),
tells the templates where it and the logo are (``portal_colours_stylesheet``, ``portal_logo``:
"" when not set) and stops the build, before anything is written, when the logo is not in the
content folder. With PORTAL_CACHE on, it also keeps the templates compiled between builds.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from pathlib import Path

import jinja2
from aktivitetsportal.outputs.fingerprints import files_digest
from aktivitetsportal.outputs.theme_colours import COLOURS_STYLESHEET, colours_stylesheet
from aktivitetsportal.settings import PortalSettings, portal_cache_dir
from aktivitetsportal.submissions.parse_cache import code_version
from jinja2 import FileSystemBytecodeCache
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


def keep_compiled_templates(generator) -> None:
    """Let each generator's Jinja load templates compiled by an earlier build (keyed by their
    source: about half a second a build, in every process that renders) and not look at each
    template file again on every page (a build's templates do not change while it runs; `make
    serve` makes new generators for each build)."""
    env = getattr(generator, "env", None)
    cache_dir = portal_cache_dir(generator.settings, generator.output_path)
    if env is None or cache_dir is None:
        return
    # Jinja keys compiled templates by name and source only. How they compile names the folder:
    # Jinja's version and options, and the code of the filters and tests (a compiled template
    # fixes how each is called, and the result of a filter on a constant).
    settings = generator.settings
    how = repr((jinja2.__version__, sorted(settings["JINJA_ENVIRONMENT"].items(), key=str), code_version(),
                files_digest(Path(__file__).parent.glob("*.py")),
                sorted((name, _code_name(f)) for kind in ("JINJA_FILTERS", "JINJA_TESTS", "JINJA_GLOBALS")
                       for name, f in settings.get(kind, {}).items())))
    templates = cache_dir / "templates"
    folder = templates / hashlib.sha256(how.encode()).hexdigest()[:16]
    if templates.is_dir():  # those compiled with other code are of no more use
        for other in templates.iterdir():
            if other != folder:
                shutil.rmtree(other, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    env.auto_reload = False


def _code_name(value) -> str:
    return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__name__)}"


def register():
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(keep_compiled_templates)

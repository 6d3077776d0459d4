"""Pelican plugin: writes sitemap.xml and robots.txt, and gives the theme canonical URLs.

Thin adapter only. Which pages are listed and how comes from
:mod:`aktivitetsportal.outputs.sitemap`; this plugin

* adds :class:`PortalSitemapGenerator`, which writes ``sitemap.xml`` (every planned page and
  every page of content/pages, in every language) and ``robots.txt`` at the site root;
* gives every Jinja environment ``canonical_url()`` (the absolute URL of the page being
  written, in the language being written) and ``og_locale()`` for the ``<head>`` of base.html.

Absolute URLs follow the one rule, :class:`aktivitetsportal.outputs.addresses.PublicUrls`.
"""

from __future__ import annotations

import logging
import os

from aktivitetsportal.outputs.addresses import PublicUrls
from aktivitetsportal.outputs.sitemap import (
    ROBOTS_PATH,
    SITEMAP_PATH,
    indexed_paths,
    og_locale,
    robots_txt,
    sitemap_xml,
)
from aktivitetsportal.text.translations import active_language, language
from jinja2 import pass_context
from pelican import signals
from pelican.utils import sanitised_join

logger = logging.getLogger(__name__)

#: Google reads at most this many URLs from one sitemap file.
_SITEMAP_LIMIT = 50_000


class PortalSitemapGenerator:
    """Writes sitemap.xml and robots.txt (Pelican calls ``generate_output`` after all contexts)."""

    def __init__(self, context, settings, path, theme, output_path, *args, **kwargs):
        self.context = context
        self.settings = settings
        self.output_path = output_path

    def generate_output(self, writer):
        site = self.context.get("portal")
        if site is None:  # portal_site did not run (not in PLUGINS)
            logger.warning("portal_sitemap: no portal site in the context, no sitemap written")
            return
        codes = site.settings.languages
        languages = [language(code, codes[0]) for code in codes]
        urls = PublicUrls.of(site.settings)
        paths = indexed_paths(self.context["portal_plan"], (page.url for page in self.context.get("pages", [])))
        if len(paths) * len(languages) > _SITEMAP_LIMIT:
            logger.warning("sitemap.xml has %d URLs, more than search engines read (%d)",
                           len(paths) * len(languages), _SITEMAP_LIMIT)
        self._write(SITEMAP_PATH, sitemap_xml(paths, languages, urls))
        self._write(ROBOTS_PATH, robots_txt(languages, urls).encode("utf-8"))
        logger.info("Wrote sitemap.xml (%d pages in %d languages) and robots.txt",
                    len(paths), len(languages))

    def _write(self, path: str, data: bytes) -> None:
        # Bytes, not Pelican's writer: a content_written receiver expects HTML pages.
        target = sanitised_join(self.output_path, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as fh:
            fh.write(data)


def get_generators(pelican_object):
    return PortalSitemapGenerator


def add_template_helpers(generator):
    """``canonical_url()`` and ``og_locale()`` for base.html's ``<head>``."""
    urls = PublicUrls.from_settings(generator.settings)

    @pass_context
    def canonical_url(context) -> str:
        """Absolute URL of the page being written, in the language being written."""
        path = context.get("page_path")
        if path is None:
            page = context.get("page")
            path = page.url if page is not None else ""
        site = context.get("portal")
        default = site.settings.languages[0] if site else context.get("DEFAULT_LANG", "nb")
        return urls.absolute(language(active_language(), default).prefix + path)

    generator.env.globals.update({
        "canonical_url": canonical_url,
        "og_locale": lambda: og_locale(active_language()),
    })


def register():
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(add_template_helpers)

"""Pelican plugin: builds the portal's pages from the domain core.

Thin adapter only: it reads settings, asks :mod:`aktivitetsportal.catalog` to
load and validate content/, stops the build on invalid files (unless
``PORTAL_SKIP_INVALID``), and renders :func:`aktivitetsportal.site.plan_pages`
with the theme's templates. The loaded site is shared with the other
``portal_*`` plugins through ``context["portal"]``.
"""

from __future__ import annotations

import logging

from aktivitetsportal import dates
from aktivitetsportal.catalog import load_catalog
from aktivitetsportal.html import sanitize_html
from aktivitetsportal.problems import format_problems
from aktivitetsportal.search import search_entry
from aktivitetsportal.settings import PortalSettings
from aktivitetsportal.site import PortalSite, plan_pages
from aktivitetsportal.urls import url_for
from aktivitetsportal.vocabulary import audience_heading
from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator

logger = logging.getLogger(__name__)


class InvalidContentError(Exception):
    """Raised to stop a build that has invalid submissions; lists all of them."""

    exitcode = 2


class PortalGenerator(Generator):
    """Loads events, associations and grants, and writes their pages."""

    def generate_context(self):
        settings = PortalSettings.from_mapping(self.settings)
        catalog = load_catalog(self.path)
        report = format_problems(catalog.problems)
        if catalog.errors and not settings.skip_invalid:
            raise InvalidContentError(
                f"{len(catalog.invalid_files)} fil(er) med feil i {self.path} "
                f"(rett dem, eller bygg med PORTAL_SKIP_INVALID = True):\n{report}"
            )
        if catalog.errors:
            logger.warning("Hopper over %d ugyldige filer:\n%s", len(catalog.invalid_files), report)
        elif catalog.warnings:
            logger.warning("Advarsler i innholdet:\n%s", report)
        site = PortalSite.build(catalog, settings)
        self.context["portal"] = site
        self.context["portal_today"] = settings.today

    def generate_output(self, writer):
        site = self.context["portal"]
        for page in plan_pages(site):
            writer.write_file(
                page.save_as,
                self.get_template(page.template),
                self.context,
                relative_urls=False,
                override_output=True,
                url=page.url,
                search=search_entry(page, site),
                **page.context,
            )


def get_generators(pelican_object):
    return PortalGenerator


def _safe_html(html: str) -> Markup:
    """Mark HTML that the core already sanitised (with nh3) as safe for Jinja."""
    return Markup(html)


def _clean_html(html: str) -> Markup:
    """Sanitise HTML Pelican rendered (pages in content/pages) before showing it."""
    return Markup(sanitize_html(str(html)))


FILTERS = {
    "day_heading": dates.day_heading,
    "long_date": dates.long_date,
    "long_date_with_year": dates.long_date_with_year,
    "short_date": dates.short_date,
    "time_label": dates.time_label,
    "time_range": dates.time_range,
    "relative_days": dates.relative_days,
    "trusted_html": _safe_html,
    "clean_html": _clean_html,
}


def add_template_helpers(generator):
    """Give every generator's Jinja environment the portal's filters and ``url()``."""
    generator.env.filters.update(FILTERS)
    generator.env.globals["url"] = url_for
    generator.env.globals["audience_heading"] = audience_heading


def register():
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(add_template_helpers)

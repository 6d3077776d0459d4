"""Pelican plugin: builds the portal's pages from the domain core, in every language.

Thin adapter only: it reads settings, asks the core to load and validate
content/ (once, whatever the number of languages), stops the build on invalid
files (unless ``PORTAL_SKIP_INVALID``), plans the pages once and renders the
plan in each language of ``PORTAL_LANGUAGES`` under its prefix (``/``,
``/nn/``, ``/en/``...). Pelican's own pages (content/pages) get a copy in
every other language too: the translation if there is one, else the bokmål
text marked ``lang="nb"``. The loaded site is shared with the other
``portal_*`` plugins through ``context["portal"]``.
"""

from __future__ import annotations

import logging

from aktivitetsportal.domain.portal import PortalSite
from aktivitetsportal.outputs.addresses import url_for
from aktivitetsportal.outputs.freshness import build_stamp, ends_after_build
from aktivitetsportal.outputs.navigation import breadcrumbs, main_menu
from aktivitetsportal.outputs.pages import NavLink
from aktivitetsportal.outputs.search import search_entry
from aktivitetsportal.outputs.site_plan import plan_pages
from aktivitetsportal.settings import PortalSettings
from aktivitetsportal.submissions.catalog import load_catalog
from aktivitetsportal.submissions.html import sanitize_html
from aktivitetsportal.text import phrases
from aktivitetsportal.text.contact_details import contact_parts
from aktivitetsportal.text.problem_messages import format_problems
from aktivitetsportal.text.translations import (
    Lazy,
    active_language,
    language,
    lazy_text,
    translator,
    use_language,
)
from jinja2 import pass_context
from markupsafe import Markup, escape
from pelican import signals
from pelican.generators import Generator

logger = logging.getLogger(__name__)


class InvalidContentError(Exception):
    """Raised to stop a build that has invalid submissions; lists all of them."""

    exitcode = 2


class PortalGenerator(Generator):
    """Loads events, associations and grants, and writes their pages in every language."""

    def generate_context(self):
        settings = PortalSettings.from_mapping(self.settings)
        for code in settings.languages:
            translator(code)  # fail early, before anything is written, on a missing catalogue
        catalog = load_catalog(self.path, places=dict(settings.places))
        report = format_problems(catalog.problems)
        if catalog.errors and (catalog.blocking or not settings.skip_invalid):
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
        # Planned once per build; the sitemap plugin reads the same plan.
        self.context["portal_plan"] = plan_pages(site)

    def generate_output(self, writer):
        site = self.context["portal"]
        plan = self.context["portal_plan"]
        for code in site.settings.languages:
            prefix = _language_of(site, code).prefix
            with use_language(code):
                for page in plan:
                    writer.write_file(
                        prefix + page.save_as,
                        self.get_template(page.template),
                        self.context,
                        relative_urls=False,
                        override_output=True,
                        url=prefix + page.url,
                        page_path=page.url,
                        search=search_entry(page, site, code),
                        page_kind=page.kind,
                        breadcrumbs=breadcrumbs(page),
                        **page.context,
                    )
                if code != site.settings.languages[0]:
                    self._write_content_pages(writer, code, prefix)

    def _write_content_pages(self, writer, code: str, prefix: str) -> None:
        """content/pages in another language: its translation, or the default text."""
        for page in self.context.get("pages", []):
            shown = next((t for t in page.translations if t.lang == code), page)
            writer.write_file(
                prefix + page.save_as,
                self.get_template(page.template),
                self.context,
                relative_urls=False,
                override_output=True,
                page=shown,
                url=prefix + page.url,
                page_path=page.url,
            )


def _language_of(site: PortalSite, code: str):
    return language(code, site.settings.languages[0])


def get_generators(pelican_object):
    return PortalGenerator


def _languages(context) -> list:
    site = context.get("portal")
    codes = site.settings.languages if site else (context.get("DEFAULT_LANG", "nb"),)
    return [language(code, codes[0]) for code in codes]


@pass_context
def _current_language(context):
    """The language being written (Pelican renders its own pages in the default one)."""
    return next((lang for lang in _languages(context) if lang.code == active_language()), _languages(context)[0])


@pass_context
def _alternates(context) -> list[tuple]:
    """(language, URL of this page in it) for every language: the switch and hreflang links."""
    path = context.get("page_path")
    if path is None:
        page = context.get("page")
        path = page.url if page is not None else ""
    return [(lang, lang.prefix + path) for lang in _languages(context)]


@pass_context
def _url(context, kind: str, key: str = "") -> str:
    """Site-relative URL of a page in the language being written."""
    return _current_language(context).prefix + url_for(kind, key)


@pass_context
def _main_menu(context) -> list:
    """The main menu with the current section marked (aria-current)."""
    path = context.get("page_path")
    if path is None:
        page = context.get("page")
        path = page.url if page is not None else ""
    return main_menu(context.get("page_kind"), path)


@pass_context
def _breadcrumb_trail(context) -> list:
    """Links above the page: planned for the portal's pages, "Forside" for content pages."""
    if "breadcrumbs" in context:
        return context["breadcrumbs"]
    return [NavLink(lazy_text("Forside"), "")] if context.get("page") is not None else []


@pass_context
def _build_stamp(context):
    """When the site was built, in the language being written: the footer, <body data-built>."""
    settings = context["portal"].settings
    return build_stamp(settings.today, settings.build_time, active_language())


@pass_context
def _lang_prefix(context) -> str:
    return _current_language(context).prefix


def _gettext(message: str) -> str:
    return translator(active_language()).gettext(message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return translator(active_language()).ngettext(singular, plural, n)


def _in_language(function):
    """A template filter that calls a text-layer function in the language being written."""
    def filter_(*args):
        return function(*args, lang=active_language())
    filter_.__name__ = function.__name__
    return filter_


def _translate(value) -> str:
    """A label from the core (a vocabulary label, a lazy text) in the language being written."""
    if isinstance(value, Lazy):
        return str(value)
    return _gettext(str(value)) if value else ""


def _safe_html(html: str) -> Markup:
    """Mark HTML that the core already sanitised (with nh3) as safe for Jinja."""
    return Markup(html)


def _contact_links(text: str) -> Markup:
    """Free text with its phone numbers and e-mail addresses as tel:/mailto: links, escaped."""
    return Markup("").join(Markup('<a href="{}">{}</a>').format(part.href, part.text) if part.href
                           else escape(part.text) for part in contact_parts(text))


def _join_list(items) -> Markup:
    """Words or links as a list in the page's language ("a, b og c", "a، b و c"), escaped."""
    escaped = [item if isinstance(item, Markup) else escape(str(item)) for item in items]
    return Markup(phrases.join([str(item) for item in escaped], active_language()))


def _clean_html(html: str) -> Markup:
    """Sanitise HTML Pelican rendered (pages in content/pages) before showing it."""
    return Markup(sanitize_html(str(html)))


FILTERS = {
    "day_heading": _in_language(phrases.day_heading),
    "long_date": _in_language(phrases.long_date),
    "long_date_with_year": _in_language(phrases.long_date_with_year),
    "short_date": _in_language(phrases.short_date),
    "time_label": _in_language(phrases.time_label),
    "time_range": _in_language(phrases.time_range),
    "relative_days": _in_language(phrases.relative_days),
    "rule": _in_language(phrases.event_rule),
    "price": _in_language(phrases.price_label),
    "price_detail": _in_language(phrases.price_detail),
    "term": _in_language(phrases.term_label),
    "audience_heading": _in_language(phrases.audience_heading),
    "grant_state": _in_language(phrases.grant_state_label),
    "own": _in_language(phrases.own_text),
    "heading_date": _in_language(phrases.heading_date),
    "ends_after_build": ends_after_build,
    "contact_links": _contact_links,
    "join_list": _join_list,
    "tr": _translate,
    "trusted_html": _safe_html,
    "clean_html": _clean_html,
}


def add_template_helpers(generator):
    """Give every generator's Jinja environment the portal's filters, ``url()`` and gettext."""
    generator.env.filters.update(FILTERS)
    generator.env.globals.update({
        "url": _url,
        "lang_prefix": _lang_prefix,
        "current_language": _current_language,
        "alternates": _alternates,
        "main_menu": _main_menu,
        "breadcrumb_trail": _breadcrumb_trail,
        "build_stamp": _build_stamp,
    })
    generator.env.install_gettext_callables(_gettext, _ngettext, newstyle=True)
    # `|tojson` on planned data: lazy texts become words in the language being written.
    generator.env.policies["json.dumps_kwargs"] = {"sort_keys": True, "default": str}


def register():
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(add_template_helpers)

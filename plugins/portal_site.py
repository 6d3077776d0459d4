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
import os
from functools import cache, lru_cache
from importlib import metadata
from pathlib import Path

from aktivitetsportal.domain.portal import PortalSite
from aktivitetsportal.keys import PageKind
from aktivitetsportal.outputs.addresses import url_for
from aktivitetsportal.outputs.fingerprints import Unfingerprintable, files_digest, fingerprint
from aktivitetsportal.outputs.fragments import Fragments
from aktivitetsportal.outputs.freshness import build_stamp, ends_after_build
from aktivitetsportal.outputs.navigation import breadcrumbs, main_menu
from aktivitetsportal.outputs.output_cache import FEEDS_FILE, PAGES_FILE, SEARCH_FILE, OutputCache
from aktivitetsportal.outputs.pagefind_index import bundle_label
from aktivitetsportal.outputs.pages import NavLink, PlannedPage
from aktivitetsportal.outputs.search import INDEXED_KINDS, search_entry
from aktivitetsportal.outputs.site_plan import plan_pages
from aktivitetsportal.parallel import processes_for, share_work, stop_group, wait_for_group
from aktivitetsportal.settings import LOCALES_DIR, PortalSettings, SettingsError, portal_cache_dir
from aktivitetsportal.submissions.catalog import load_catalog
from aktivitetsportal.submissions.html import sanitize_html
from aktivitetsportal.submissions.parse_cache import ParseCache, code_version
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
from blinker import signal
from jinja2 import pass_context
from markupsafe import Markup, escape
from pelican import signals
from pelican.generators import Generator
from pelican.utils import sanitised_join

logger = logging.getLogger(__name__)

#: Sent with the generator before anything is read or deleted.
build_started = signal("portal_build_started")
#: Sent with the generator when every portal page (all that search indexes) is written.
pages_written = signal("portal_pages_written")

#: Pages rendered as one unit of work: small enough to share out evenly between processes,
#: large enough that taking the next one costs nothing.
RENDER_BLOCK = 40
#: In a build after another, this many changed pages are rendered in this process as they are
#: found, and only those after them shared out: a forked process would first render the
#: events' rows and cards again, which this one has done (measured at M).
SHARED_FROM_PAGES = 200
#: Settings that change how a build runs, not what it writes: kept pages stay valid.
HOW_NOT_WHAT = frozenset({"PORTAL_PROCESSES"})


class InvalidContentError(Exception):
    """Raised to stop a build that has invalid submissions; lists all of them."""

    exitcode = 2


class PortalGenerator(Generator):
    """Loads events, associations and grants, and writes their pages in every language."""

    def generate_context(self):
        build_started.send(self)
        stop_group(str(self.output_path))  # left by a build that failed before its end
        settings = PortalSettings.from_mapping(self.settings)
        for code in settings.languages:
            translator(code)  # fail early, before anything is written, on a missing catalogue
        cache_dir = portal_cache_dir(self.settings, self.output_path)
        parse_cache = ParseCache.load(cache_dir / "parsed.pickle") if cache_dir else None
        catalog = load_catalog(self.path, places=dict(settings.places), cache=parse_cache,
                               processes=_processes(self.settings))
        if parse_cache is not None:
            parse_cache.save(cache_dir / "parsed.pickle")
        self.edited_files = parse_cache.missed if parse_cache is not None else set()
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
        # Fingerprints of dataclasses by identity, for the page keys and the calendar files.
        self.context["portal_fingerprints"] = memo = {}
        self.context["portal_fragments"] = Fragments(memo=memo, wrap=Markup)  # see _once
        # Planned once per build; the sitemap plugin reads the same plan.
        self.context["portal_plan"] = plan = plan_pages(site)
        self.page_cache = None
        if cache_dir:
            self.build_key = self._build_key(settings)
            self.context["portal_build_key"] = self.build_key  # kept open data records
            self.context["portal_fragments"] = Fragments(cache_dir, self.build_key, memo, wrap=Markup)
            self.page_cache = OutputCache.load(cache_dir / PAGES_FILE)
            if self.page_cache.build != self.build_key:  # every page changes: nothing to look up
                self.page_cache = OutputCache()
            planned = {_language_of(site, code).prefix + page.save_as for code in settings.languages for page in plan}
            # Every calendar file of the last build stays for now: portal_feeds keeps those
            # whose keys are unchanged, and deletes those this build does not plan.
            feeds = OutputCache.load(cache_dir / FEEDS_FILE).keys.keys()
            output, content = Path(self.output_path).resolve(), Path(self.path).resolve()
            # The search fragments as the last build left them stay for now (portal_search keeps
            # those of unchanged pages for Pagefind).
            search = OutputCache.load(cache_dir / SEARCH_FILE)
            index = (search.files_as_left(output)
                     if self.settings.get("PORTAL_SEARCH", True) and search.build == bundle_label() else set())
            if not content.is_relative_to(output):  # Pelican's guard for DELETE_OUTPUT_DIRECTORY
                empty_output(output, keep=self.page_cache.files_to_keep(planned) | feeds | index,
                             retention=self.settings.get("OUTPUT_RETENTION", []))

    def _build_key(self, settings: PortalSettings) -> str:
        """What every page depends on besides its own data: code, theme, texts, settings, register."""
        content = Path(self.path)
        register = [p for p in content.rglob("*") if p.is_file() and p.relative_to(content).parts[0] != "events"]
        return OutputCache.key(
            code_version(), files_digest(Path(__file__).parent.glob("*.py")),
            files_digest(p for p in Path(self.theme).rglob("*") if p.is_file()),
            files_digest(p for p in LOCALES_DIR.rglob("*") if p.is_file()),
            _settings_fingerprint(self.settings), repr(settings), files_digest(register),
        )

    def generate_output(self, writer):
        site = self.context["portal"]
        plan = self.context["portal_plan"]
        cache, memo, output = self.page_cache, self.context["portal_fingerprints"], Path(self.output_path)
        fragments = self.context["portal_fragments"]
        languages = site.settings.languages
        planned_prints: dict[int, str] = {}

        def describe(code: str, page: PlannedPage) -> tuple[str, str | None]:
            """The page's file name and its cache key: the language, the address, the template
            and the planned data (fingerprinted once for every language); None if it cannot be
            told (rendered every time). What write() adds is made from these and the build's
            constants only."""
            name = _language_of(site, code).prefix + page.save_as
            if cache is None:
                return name, None
            try:
                if id(page) not in planned_prints:
                    planned_prints[id(page)] = fingerprint(page.context, memo)
                return name, OutputCache.key(self.build_key, code, name, page.url, page.template,
                                             planned_prints[id(page)])
            except Unfingerprintable:
                return name, None

        def write(code: str, page: PlannedPage, name: str) -> None:
            prefix = _language_of(site, code).prefix
            writer.write_file(name, self.get_template(page.template), self.context,
                              relative_urls=False, override_output=True, url=prefix + page.url,
                              page_path=page.url, search=search_entry(page, site.settings, code),
                              page_kind=page.kind, breadcrumbs=breadcrumbs(page), **page.context)

        def render(block: tuple[str, list[PlannedPage]]) -> tuple[list[tuple[str, str | None, bool]], dict]:
            """Write the block's pages that changed: (file name, cache key, kept) of each, and
            the fragments made for them (a forked process's are lost to this one otherwise)."""
            code, pages = block
            with use_language(code):
                records = [render_page(code, page, may_write=True)[:3] for page in pages]
            return records, fragments.take_new()

        def shared(blocks: list) -> list[list[tuple[str, str | None, bool]]]:
            """render() the blocks, shared between processes."""
            done = []
            for records, made in share_work(blocks, render, _processes(self.settings), group=_block_language):
                fragments.add(made)
                done.append(records)
            return done

        def render_page(code: str, page: PlannedPage, may_write: bool) -> tuple[str, str | None, bool, bool]:
            """(file name, cache key, kept, written) of a page: written if it changed and may be."""
            name, key = describe(code, page)
            kept = cache is not None and cache.unchanged(name, key, output)
            if not kept and may_write:
                write(code, page, name)
            return name, key, kept, kept or may_write

        def render_changed(pages: list[PlannedPage]) -> list[list[tuple[str, str | None, bool]]]:
            """render() every page in every language, shared between processes.

            With the last build's keys (and the same build constants), this process goes through
            the pages first and renders the first SHARED_FROM_PAGES that changed at once: a
            one-event edit (about 80 pages at M) is written without forking, its event page
            within a second or two in `make serve`; the changed pages after those are shared out.
            """
            if cache is None or not cache.keys:
                return shared(_blocks(languages, pages))
            done, later, rendered = [], [], 0
            # The pages of events whose files changed go first: in `make serve`, the page being
            # edited is written before the other pages are looked at (the order changes no byte).
            pages = sorted(pages, key=lambda page: _source_of(page) not in self.edited_files)
            for code in languages:
                changed = []
                with use_language(code):
                    for page in pages:
                        name, key, kept, done_here = render_page(code, page, rendered < SHARED_FROM_PAGES)
                        if not done_here:
                            changed.append(page)
                            continue
                        rendered += not kept
                        done.append((name, key, kept))
                later += _blocks([code], changed)
            return [done, *shared(later)]

        # The pages search indexes first: Pagefind starts on them while the calendar's pages,
        # the feeds and the open data are written.
        blocks = render_changed([page for page in plan if page.kind in INDEXED_KINDS])
        pages_written.send(self, unchanged=frozenset(name for block in blocks for name, _key, kept in block if kept))
        blocks += render_changed([page for page in plan if page.kind not in INDEXED_KINDS])
        pages = [page for block in blocks for page in block]
        # Pelican's writer refuses to write a file twice (a content page at a portal page's
        # address); it saw only the pages written in this process, so tell it the others.
        written = {sanitised_join(self.output_path, name) for name, _key, kept in pages if not kept}
        writer._written_files |= written
        writer._overridden_files |= written  # written with override_output, as in the serial case
        for code in site.settings.languages[1:]:
            with use_language(code):
                self._write_content_pages(writer, code, _language_of(site, code).prefix)
        if cache is not None:
            for name, key, kept in pages:
                cache.record(name, key, kept, output)
            cache.save(portal_cache_dir(self.settings, self.output_path) / PAGES_FILE, self.build_key)
            fragments.save()
            logger.info("%d pages unchanged since the last build, %d rendered", cache.kept,
                        len(cache.written) - cache.kept)

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


def _settings_fingerprint(settings) -> str:
    """Every Pelican setting that is data (functions and modules left out), as one fingerprint."""
    simple = {}
    for name, value in settings.items():
        if name in HOW_NOT_WHAT:
            continue
        try:
            simple[name] = fingerprint(value, {})
        except Unfingerprintable:
            continue  # functions, modules: not data a page shows
    return fingerprint(simple, {})


def drop_stale_read_pages(pelican_object) -> None:
    """Empty Pelican's content cache (CACHE_CONTENT) when the settings or versions that made it changed.

    Pelican keeps what its readers made of each file in content/pages and checks only the
    file (CHECK_MODIFIED_METHOD), not the settings (MARKDOWN...) or the Pelican, Markdown and
    Pygments that read it: a build with other ones would show pages as the old ones made them.
    Settings that are not data (functions, extension objects) are not in the stamp, as in
    the page keys.
    """
    settings = pelican_object.settings
    if not (settings.get("CACHE_CONTENT") or settings.get("LOAD_CONTENT_CACHE")):
        return
    cache = Path(settings["CACHE_PATH"])
    stamp_file = cache / "portal" / "read_pages.stamp"
    stamp = OutputCache.key(_settings_fingerprint(settings),
                            *(f"{name} {metadata.version(name)}" for name in ("pelican", "markdown", "pygments")))
    try:
        if settings.get("LOAD_CONTENT_CACHE") and stamp_file.read_text(encoding="utf-8") == stamp:
            return
    except OSError:
        pass  # no stamp yet: what is there was made by an unknown build
    # Not loaded (--ignore-cache) but saved: Pelican writes it anew with these settings, so the
    # stamp must name them. Pelican's files: "PagesGenerator-Readers" (reader layer) or
    # "PagesGenerator" (CONTENT_CACHING_LAYER = "generator").
    for kept in [*cache.glob("*Generator-Readers"), *cache.glob("*Generator")]:
        if kept.is_file():
            kept.unlink()
    stamp_file.parent.mkdir(parents=True, exist_ok=True)
    stamp_file.write_text(stamp, encoding="utf-8")


def _source_of(page: PlannedPage) -> str | None:
    """The content file an event's page shows (None for other pages)."""
    event = page.context.get("event") if page.kind is PageKind.EVENT else None
    return getattr(event, "source_path", None)


def _blocks(codes, pages: list) -> list[tuple[str, list]]:
    """Units of rendering work: up to RENDER_BLOCK pages in one language."""
    return [(code, pages[start:start + RENDER_BLOCK]) for code in codes for start in range(0, len(pages), RENDER_BLOCK)]


def _block_language(block: tuple[str, list]) -> str:
    """Blocks are shared out by language: a process renders the rows and cards of the
    languages it starts on, not of every language (see :func:`share_work`)."""
    return block[0]


def _processes(settings) -> int:
    """PORTAL_PROCESSES, or every core this build may use (see :mod:`aktivitetsportal.parallel`)."""
    try:
        return processes_for(settings.get("PORTAL_PROCESSES"))
    except ValueError as error:
        raise SettingsError(str(error)) from None


def empty_output(output: Path, keep: set[str], retention) -> None:
    """Delete what the last build wrote, except the files in ``keep`` (names relative to output).

    With PORTAL_CACHE the portal does this instead of Pelican's DELETE_OUTPUT_DIRECTORY (and
    with its guard: never when the output folder holds the content); files and folders named
    in OUTPUT_RETENTION stay.
    """
    if not output.is_dir():
        return
    removed: set[str] = set()
    for folder, subfolders, names in os.walk(output, topdown=False):
        relative = Path(folder).relative_to(output)
        if relative.parts and relative.parts[0] in retention:
            continue
        prefix = "".join(part + "/" for part in relative.parts)  # plain strings: 10,000s of files
        left = False
        for name in names:
            if prefix + name not in keep and not (not prefix and name in retention):
                os.unlink(os.path.join(folder, name))
            else:
                left = True
        # Empty now if nothing was kept in it or below it (the walk went through its subfolders first).
        if relative.parts and not left and all(os.path.join(folder, sub) in removed for sub in subfolders):
            os.rmdir(folder)
            removed.add(folder)


def _language_of(site: PortalSite, code: str):
    return language(code, site.settings.languages[0])


def get_generators(pelican_object):
    return PortalGenerator


def _languages(context) -> tuple:
    return _languages_of(_language_codes(context))


def _language_codes(context) -> tuple[str, ...]:
    site = context.get("portal")
    return site.settings.languages if site else (context.get("DEFAULT_LANG", "nb"),)


@cache
def _languages_of(codes: tuple[str, ...]) -> tuple:
    return tuple(language(code, codes[0]) for code in codes)


@cache
def _language_among(codes: tuple[str, ...], code: str):
    languages = _languages_of(codes)
    return next((lang for lang in languages if lang.code == code), languages[0])


@pass_context
def _current_language(context):
    """The language being written (Pelican renders its own pages in the default one)."""
    return _language_among(_language_codes(context), active_language())


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
def _once(context, name: str, *key, caller):
    """A fragment that is the same on every page (an event's row or card): rendered once.

    ``{% call once("occurrence_row", occ, show_date) %}...{% endcall %}``: ``key`` must name
    everything the fragment shows besides the language, SITEURL and what is fixed for the whole
    build (today, the site's register and settings): kept fragments are reused in the next
    build by the key's fingerprint (see :mod:`aktivitetsportal.outputs.fragments`).
    """
    store = context.get("portal_fragments")
    if store is None:  # a template rendered outside the portal's build
        return caller()
    # SITEURL too: with RELATIVE_URLS, Pelican's own pages each get their own.
    return store.get(active_language(), context.get("SITEURL"), name, key, caller)


@pass_context
def _lang_prefix(context) -> str:
    return _current_language(context).prefix


def _gettext(message: str) -> str:
    return translator(active_language()).gettext(message)


@pass_context
def _template_gettext(context, message: str, /, **variables):
    """``_("...")`` and ``{% trans %}``: Jinja's new-style gettext (the text is a format string,
    its arguments are escaped), with each fixed text looked up and escaped once per language;
    templates ask for the same few hundred texts on every page."""
    if not context.eval_ctx.autoescape:
        return _gettext(message) % variables
    if variables:
        return Markup(_gettext(message)) % variables
    return _translated_markup(active_language(), message)


@lru_cache(maxsize=8192)
def _translated_markup(code: str, message: str) -> Markup:
    return Markup(translator(code).gettext(message)) % {}


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
        "once": _once,
    })
    generator.env.install_gettext_callables(_gettext, _ngettext, newstyle=True)
    generator.env.globals.update({"gettext": _template_gettext, "_": _template_gettext})
    # `|tojson` on planned data: lazy texts become words in the language being written.
    generator.env.policies["json.dumps_kwargs"] = {"sort_keys": True, "default": str}


def wait_for_writers(pelican_object) -> None:
    """The build ends when the files the portal's plugins write in the background (feeds, open
    data, the form's files) are written, or fails with their error."""
    wait_for_group(str(pelican_object.output_path))


def register():
    signals.initialized.connect(drop_stale_read_pages)
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(add_template_helpers)
    signals.finalized.connect(wait_for_writers)

"""Pelican plugin: writes the calendar (iCal) and news (RSS/Atom) feeds.

Thin adapter only. What feeds exist and their content come from
:mod:`aktivitetsportal.feed_pages` (with :mod:`~aktivitetsportal.ical` and
:mod:`~aktivitetsportal.syndication`); this plugin

* adds :class:`PortalFeedsGenerator`, which writes every feed file from the
  ``PortalSite`` that ``portal_site`` put in ``context["portal"]`` (with PORTAL_CACHE, a
  calendar file whose key is unchanged since the last build is kept as it is), in a forked
  process while the build goes on (PORTAL_PROCESSES above 1), waited for by portal_site at the end;
* gives every Jinja environment the helpers the theme uses: ``feed_path``,
  ``absolute_feed_url``, ``webcal_feed_url``, ``event_jsonld``, ``google_calendar_url`` and
  ``outlook_calendar_url``.

Absolute links in feeds use ``PORTAL_PUBLIC_URL`` if set, else ``SITEURL`` if
it is absolute, else ``http://localhost:8000`` (what ``make serve`` serves),
see :class:`aktivitetsportal.feed_pages.PublicUrls` and docs/feeds.md.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from aktivitetsportal.outputs.addresses import PublicUrls, feed_path
from aktivitetsportal.outputs.feed_pages import plan_feed_files
from aktivitetsportal.outputs.ical import (
    CalendarFileWriter,
    google_calendar_url,
    outlook_calendar_url,
)
from aktivitetsportal.outputs.output_cache import FEEDS_FILE, OutputCache
from aktivitetsportal.outputs.structured_data import event_jsonld, jsonld_script_text
from aktivitetsportal.parallel import in_background, processes_for
from aktivitetsportal.settings import portal_cache_dir
from aktivitetsportal.submissions.stored import load_kept, save_kept
from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals
from pelican.utils import sanitised_join

logger = logging.getLogger(__name__)


class PortalFeedsGenerator:
    """Writes the .ics and .xml feeds, in the background from when the site is planned."""

    def __init__(self, context, settings, path, theme, output_path, *args, **kwargs):
        self.context = context
        self.settings = settings
        self.output_path = output_path

    def generate_context(self):
        # Started once the site is planned (portal_site's generate_context ran before this):
        # in a build after an edit, beside the pages being looked up and rendered.
        site = self.context.get("portal")
        if site is None:  # portal_site did not run (not in PLUGINS): nothing to publish
            logger.warning("portal_feeds: no portal site in the context, no feeds written")
            return
        in_background(lambda: self._write_feeds(site), processes_for(self.settings.get("PORTAL_PROCESSES")),
                      group=str(self.output_path))

    def _write_feeds(self, site) -> None:
        urls = PublicUrls.from_settings(self.settings)
        output = Path(os.path.abspath(self.output_path))  # as sanitised_join gives it
        folder = portal_cache_dir(self.settings, self.output_path)
        if folder is None:
            self._write(plan_feed_files(site, urls, CalendarFileWriter(site, urls)))
            return
        stored = load_kept(folder / "calendar.pickle", {})
        if not isinstance(stored, dict):  # a file of something else: start empty
            stored = {}
        writer = CalendarFileWriter(site, urls, stored=stored, memo=self.context.get("portal_fingerprints"))
        kept = OutputCache.load(folder / FEEDS_FILE)
        files = plan_feed_files(site, urls, writer, lambda path, key: kept.unchanged(path, key, output))
        save_kept(folder / "calendar.pickle", writer.used)
        # portal_site left the last build's calendar files in place: remove those not planned now.
        for gone in kept.keys.keys() - {feed.path for feed in files}:
            try:
                _remove(output, Path(sanitised_join(self.output_path, gone)))
            except RuntimeError:  # not a name inside the output folder: not one the build wrote
                continue
        self._write(files)
        for feed in files:
            kept.record(feed.path, feed.key, feed.data is None, output)
        kept.save(folder / FEEDS_FILE)

    def _write(self, files) -> None:
        """Write the files that were made (``data`` not None)."""
        for feed in files:
            if feed.data is None:
                continue
            target = sanitised_join(self.output_path, feed.path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            # Bytes, not Pelican's text writer: iCalendar needs exact CRLF line ends,
            # and a content_written receiver (minifiers, sitemaps) expects HTML pages.
            with open(target, "wb") as fh:
                fh.write(feed.data)
        logger.info(
            "Wrote %d feeds (iCal, RSS, Atom), %d unchanged since the last build",
            sum(feed.data is not None for feed in files),
            sum(feed.data is None for feed in files),
        )


def _remove(output: Path, path: Path) -> None:
    """Delete a file of the last build, and its folders up to ``output`` once they are empty."""
    path.unlink(missing_ok=True)
    for folder in path.parents:
        if folder == output or not folder.is_relative_to(output):
            return
        try:
            folder.rmdir()
        except FileNotFoundError:  # gone already (removed by hand, or the whole output)
            continue
        except OSError:  # not empty: other files of this build are in it
            return


def get_generators(pelican_object):
    return PortalFeedsGenerator


def add_template_helpers(generator):
    """Feed links, JSON-LD and "add to calendar" links for the theme's templates."""
    urls = PublicUrls.from_settings(generator.settings)
    # JSON-LD and calendar links are the same in every language: made once per event and
    # occurrence in a build (slugs are unique; a generator lives for one build).
    made: dict[tuple, str] = {}

    def once_per_build(kind: str, event, occurrence, make) -> str:
        key = (kind, event.slug, occurrence and (occurrence.start, occurrence.end))
        if key not in made:
            made[key] = make()
        return made[key]

    def feed_url(kind: str, key: str = "", fmt: str = "ics") -> str:
        return urls.absolute(feed_path(kind, key, fmt))

    def webcal_url(kind: str, key: str = "", fmt: str = "ics") -> str:
        return urls.webcal(feed_path(kind, key, fmt))

    @pass_context
    def event_jsonld_script(context, event, occurrence=None) -> Markup:
        """The whole ``<script type="application/ld+json">`` element, or nothing."""
        return Markup(once_per_build("jsonld", event, occurrence, lambda: _jsonld_script(context, event, occurrence)))

    def _jsonld_script(context, event, occurrence) -> Markup:
        site = context.get("portal")
        organizer = site.catalog.associations.get(event.organizer) if site else None
        if occurrence is None and site is not None:
            occurrence = site.calendar.summary(event).next
        data = event_jsonld(
            event,
            urls=urls,
            occurrence=occurrence,
            organizer=organizer,
            municipality=site.settings.municipality if site else "",
        )
        if data is None:
            return Markup("")
        # Safe: jsonld_script_text escapes <, > and & itself.
        return Markup('<script type="application/ld+json">%s</script>') % Markup(
            jsonld_script_text(data)
        )

    generator.env.globals.update(
        {
            "feed_path": feed_path,
            "absolute_feed_url": feed_url,
            "webcal_feed_url": webcal_url,
            "event_jsonld": event_jsonld_script,
            "google_calendar_url": lambda occ: once_per_build(
                "google", occ.event, occ, lambda: google_calendar_url(occ, urls)),
            "outlook_calendar_url": lambda occ: once_per_build(
                "outlook", occ.event, occ, lambda: outlook_calendar_url(occ, urls)),
        }
    )


def register():
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(add_template_helpers)

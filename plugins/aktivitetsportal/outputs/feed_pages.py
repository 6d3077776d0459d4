"""The feed plan: which calendar (iCal) and news (RSS/Atom) feeds exist, and where.

Like :mod:`aktivitetsportal.site` does for HTML pages, this module decides
*what* is published; :mod:`aktivitetsportal.ical` and
:mod:`aktivitetsportal.syndication` turn each feed into bytes.

* :func:`calendar_feeds` and :func:`news_feeds` list the feeds with their titles;
* :func:`plan_feed_pages` is the "Abonner på kalender" page, and
  :func:`plan_feed_files` every feed file with its content, sorted by path.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from aktivitetsportal.domain.portal import PortalSite
from aktivitetsportal.keys import N_, Audience, FeedKind, PageKind
from aktivitetsportal.outputs.addresses import PublicUrls, feed_path, url_for
from aktivitetsportal.outputs.ical import (
    CalendarFileWriter,
    calendar_bytes,
    grant_deadline_calendar,
)
from aktivitetsportal.outputs.pages import PlannedPage, page_at
from aktivitetsportal.outputs.syndication import build_news_feed
from aktivitetsportal.submissions.models import Event, Grant
from aktivitetsportal.submissions.vocabulary import AUDIENCES, EVENT_CATEGORIES
from aktivitetsportal.text.translations import lazy_text

__all__ = [
    "CalendarFeed",
    "NewsFeed",
    "FeedFile",
    "calendar_feeds",
    "news_feeds",
    "feed_events",
    "deadline_grants",
    "plan_feed_pages",
    "plan_feed_files",
]

@dataclass(frozen=True, slots=True)
class CalendarFeed:
    """One iCal subscription: its events and how calendar apps should name it."""

    kind: FeedKind  # ALL, CATEGORY, AUDIENCE, ORGANIZER or FREE
    key: str  # slug, "" for "all" and "free"
    label: str  # e.g. "Barn", shown on the feeds page
    name: str  # NAME / X-WR-CALNAME, e.g. "Aktiviteter i Vestre Toten – Barn"
    description: str
    page_url: str  # the HTML page with the same events (site-relative)
    events: tuple[Event, ...]

    @property
    def path(self) -> str:
        return feed_path(self.kind, self.key)


@dataclass(frozen=True, slots=True)
class NewsFeed:
    """One RSS + Atom pair (same entries in both formats)."""

    kind: FeedKind  # NEWS, CATEGORY or GRANTS
    key: str
    title: str
    description: str
    page_url: str

    def path(self, fmt: str) -> str:
        return feed_path(self.kind, self.key, fmt)

    @property
    def rss_path(self) -> str:
        return self.path("rss")

    @property
    def atom_path(self) -> str:
        return self.path("atom")


@dataclass(frozen=True, slots=True)
class FeedFile:
    """A feed file ready to write: path relative to the output folder, exact bytes.

    ``data`` is None for a file the output folder already holds as it is (``unchanged``
    of :func:`plan_feed_files`); ``key`` is what the file is made from, for the next build.
    """

    path: str
    data: bytes | None
    media_type: str
    key: str | None = None


def feed_events(site: PortalSite) -> list[Event]:
    """Events that belong in subscription feeds: those with an occurrence in the window.

    The window is the calendar's (``days_back`` before today to ``days_ahead``
    after). A series is kept whole as one RRULE; only the membership test uses
    the window, which keeps feeds small without cutting series short.
    """
    cal = site.calendar
    return [e for e in cal.events if cal.occurrences_of(e)]


def calendar_feeds(site: PortalSite) -> list[CalendarFeed]:
    """Every subscription feed: all, one per category, audience and organizer, and free.

    Feeds are written even when empty (a valid calendar with only the time
    zone), so a subscription never breaks when a category has a quiet period.
    """
    municipality = site.settings.municipality
    events = feed_events(site)
    window = (
        f"Viser arrangementer fra {site.settings.days_back} dager tilbake "
        f"til {site.settings.days_ahead} dager fram, og oppdateres flere ganger i døgnet."
    )

    def feed(
        kind: FeedKind, key: str, label: str, page_url: str, chosen: list[Event], what: str
    ) -> CalendarFeed:
        name = f"Aktiviteter i {municipality}" + (f" – {label}" if kind != FeedKind.ALL else "")
        description = f"{what} i {municipality}, fra Aktivitetsportalen. {window}"
        return CalendarFeed(kind, key, label, name, description, page_url, tuple(chosen))

    feeds = [feed(FeedKind.ALL, "", N_("Alle aktiviteter"), url_for(PageKind.CALENDAR), events, "Alle aktiviteter")]
    for term in EVENT_CATEGORIES:
        feeds.append(
            feed(
                FeedKind.CATEGORY,
                term.slug,
                term.label,
                url_for(PageKind.CATEGORY, term.slug),
                [e for e in events if e.category == term.value],
                f"Aktiviteter i kategorien «{term.label}»",
            )
        )
    for term in AUDIENCES:
        # Same rule as the audience pages: events for this audience, and events for everyone.
        label = N_("For alle") if term.value == Audience.EVERYONE else term.label
        feeds.append(
            feed(
                FeedKind.AUDIENCE,
                term.slug,
                label,
                url_for(PageKind.AUDIENCE, term.slug),
                [e for e in events if e.is_for(term.value)],
                f"Aktiviteter for {term.label.lower()}",
            )
        )
    associations = sorted(site.catalog.associations.values(), key=lambda a: a.sort_key)
    for association in associations:
        feeds.append(
            feed(
                FeedKind.ORGANIZER,
                association.slug,
                association.name,
                url_for(PageKind.ASSOCIATION, association.slug),
                [e for e in events if e.organizer == association.slug],
                f"Aktiviteter arrangert av {association.name}",
            )
        )
    feeds.append(
        feed(
            FeedKind.FREE,
            "",
            N_("Gratis"),
            url_for(PageKind.FREE),
            [e for e in events if e.is_free],
            N_("Gratis aktiviteter"),
        )
    )
    return feeds


def news_feeds(site: PortalSite) -> list[NewsFeed]:
    """Every RSS/Atom feed: new events, new events per category, grants closing soon."""
    name = site.settings.municipality
    feeds = [
        NewsFeed(
            FeedKind.NEWS,
            "",
            N_("Nye arrangementer"),
            f"Arrangementer som nylig er lagt inn i Aktivitetsportalen for {name}.",
            url_for(PageKind.FRONT),
        )
    ]
    for term in EVENT_CATEGORIES:
        feeds.append(
            NewsFeed(
                FeedKind.CATEGORY,
                term.slug,
                f"Nye arrangementer: {term.label}",
                f"Nye arrangementer i kategorien «{term.label}» i {name}.",
                url_for(PageKind.CATEGORY, term.slug),
            )
        )
    feeds.append(
        NewsFeed(
            FeedKind.GRANTS,
            "",
            N_("Tilskudd med frist snart"),
            f"Tilskuddsordninger for lag og foreninger i {name} som har søknadsfrist "
            "framover, den nærmeste først.",
            url_for(PageKind.GRANTS),
        )
    )
    feeds.append(
        NewsFeed(
            FeedKind.ASSIGNMENTS,
            "",
            N_("Nye frivillige oppdrag"),
            f"Lag og foreninger i {name} som trenger frivillige: åpne oppdrag, det nyeste først.",
            url_for(PageKind.VOLUNTEERING),
        )
    )
    return feeds


def deadline_grants(site: PortalSite) -> list[Grant]:
    """Grants in the deadline calendar (``kalender/tilskuddsfrister.ics``): those with a
    fixed or yearly deadline; rolling-only grants have no date to put in a calendar."""
    return [g for g in site.catalog.grants if g.deadline.dates or g.deadline.yearly]


def plan_feed_pages(site: PortalSite) -> list[PlannedPage]:
    """The "Abonner på kalender" page: every feed, grouped, with subscribe links."""
    feeds = calendar_feeds(site)
    by_kind = {
        kind: [f for f in feeds if f.kind == kind]
        for kind in (FeedKind.ALL, FeedKind.CATEGORY, FeedKind.AUDIENCE, FeedKind.ORGANIZER, FeedKind.FREE)
    }
    groups = [
        (lazy_text("Hele kalenderen"), by_kind[FeedKind.ALL] + by_kind[FeedKind.FREE]),
        (lazy_text("Etter kategori"), [f for f in by_kind[FeedKind.CATEGORY] if f.events]),
        (lazy_text("Etter målgruppe"), [f for f in by_kind[FeedKind.AUDIENCE] if f.events]),
        # Every association has a feed file; the page lists those with events now.
        (lazy_text("Etter lag og forening"), [f for f in by_kind[FeedKind.ORGANIZER] if f.events]),
    ]
    news = news_feeds(site)
    return [
        page_at(
            PageKind.FEEDS,
            "",
            "feeds",
            page_title=lazy_text("Abonner på kalender"),
            calendar_groups=[(heading, items) for heading, items in groups if items],
            news_feeds=[f for f in news if f.kind != FeedKind.CATEGORY],
            category_news_feeds=[f for f in news if f.kind == FeedKind.CATEGORY],
            grant_deadline_count=len(deadline_grants(site)),
        )
    ]


def plan_feed_files(
    site: PortalSite,
    urls: PublicUrls,
    writer: CalendarFileWriter | None = None,
    unchanged: Callable[[str, str | None], bool] | None = None,
) -> list[FeedFile]:
    """Every feed file of the site with its exact bytes, sorted by path (deterministic).

    ``writer``: one with the calendar bytes of the last build (PORTAL_CACHE). ``unchanged(path,
    key)``: True if the last build wrote the calendar file ``path`` from the same ``key`` and it
    is still there; its bytes are then not made again (``data`` None).
    """
    writer = writer or CalendarFileWriter(site, urls)
    refresh = timedelta(hours=site.settings.feed_refresh_hours)
    files: list[FeedFile] = []

    def calendar_file(path: str, events: Sequence[Event], **calendar_props) -> FeedFile:
        key = writer.file_key(events, **calendar_props) if unchanged else None
        if unchanged and unchanged(path, key):
            return FeedFile(path, None, "text/calendar", key)
        return FeedFile(path, writer.calendar_file(events, **calendar_props), "text/calendar", key)

    for feed in calendar_feeds(site):
        files.append(calendar_file(
            feed.path,
            feed.events,
            name=feed.name,
            description=feed.description,
            url=urls.absolute(feed.page_url),
            source=urls.absolute(feed.path),
            refresh=refresh,
        ))
    for event in site.calendar.events:
        # Every event page links its own .ics, also events outside the window.
        files.append(calendar_file(feed_path(FeedKind.EVENT, event.slug), [event]))
    deadlines_path = feed_path(FeedKind.GRANT_DEADLINES)
    deadlines = grant_deadline_calendar(
        deadline_grants(site),
        urls=urls,
        today=site.today,
        days_back=site.settings.days_back,
        name=f"Søknadsfrister for tilskudd i {site.settings.municipality}",
        description=(
            f"Søknadsfrister for tilskuddsordninger for lag og foreninger i {site.settings.municipality}, "
            "fra Aktivitetsportalen. Med en påminnelse 14 dager før hver frist."
        ),
        url=urls.absolute(url_for(PageKind.GRANTS)),
        source=urls.absolute(deadlines_path),
        refresh=refresh,
    )
    files.append(FeedFile(deadlines_path, calendar_bytes(deadlines), "text/calendar"))
    for feed in news_feeds(site):
        rss, atom = build_news_feed(site, feed, urls)
        files.append(FeedFile(feed.rss_path, rss, "application/rss+xml"))
        files.append(FeedFile(feed.atom_path, atom, "application/atom+xml"))
    return sorted(files, key=lambda f: f.path)

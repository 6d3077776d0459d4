"""RSS 2.0 and Atom feeds, built with feedgen: new events, and grants closing soon.

* "Nye arrangementer" (and one per category): events that still have a date
  ahead, newest *submission* first (``Added:``), not soonest first.
* "Tilskudd med frist snart": grants whose next deadline is ahead (status
  "frist snart" or "åpen"), the nearest deadline first.

Every entry has a stable id (the absolute page URL, or for grants the page URL
plus the deadline, so a new deadline is a new entry), an absolute link and a
date with its Oslo UTC offset. Summaries are HTML built from escaped plain
text, and their first line is date, time and place. Feed dates come from the
content (feedgen would otherwise stamp "now" into every build). See
docs/feeds.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from html import escape
from typing import TYPE_CHECKING

from feedgen.feed import FeedGenerator

from aktivitetsportal.domain.grant_deadlines import GrantStatus, grant_status
from aktivitetsportal.domain.volunteering import open_assignments
from aktivitetsportal.keys import FeedKind, GrantState, PageKind
from aktivitetsportal.outputs.addresses import url_for
from aktivitetsportal.outputs.structured_data import plain_text
from aktivitetsportal.submissions.models import Event, Grant, Occurrence
from aktivitetsportal.submissions.values import OSLO, shorten
from aktivitetsportal.submissions.vocabulary import EVENT_CATEGORIES
from aktivitetsportal.text.phrases import (
    assignment_when,
    event_rule,
    grant_state_label,
    long_date_with_year,
    price_label,
    relative_days,
    time_range,
)

if TYPE_CHECKING:
    from aktivitetsportal.domain.portal import PortalSite
    from aktivitetsportal.outputs.addresses import PublicUrls
    from aktivitetsportal.outputs.feed_pages import NewsFeed

__all__ = [
    "NEWS_LIMIT",
    "FeedItem",
    "submitted_on",
    "occurrence_line",
    "event_items",
    "grant_items",
    "assignment_items",
    "items_for",
    "build_news_feed",
]

#: Most entries in one news feed (readers only show the newest anyway).
NEWS_LIMIT = 50
#: Longest description excerpt in a summary, in characters.
EXCERPT_CHARS = 400
GENERATOR = "Aktivitetsportalen"


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry of a news feed, independent of RSS or Atom."""

    id: str
    link: str
    title: str
    published: datetime  # aware, Europe/Oslo
    updated: datetime
    summary_lines: tuple[str, ...]  # plain text; the first is date, time and place
    category: str = ""
    author: str = ""
    permalink: bool = True  # the id is the page URL (RSS isPermaLink)

    @property
    def summary_html(self) -> str:
        """The summary as HTML paragraphs; every line is escaped (submitted text is untrusted)."""
        return "".join(f"<p>{escape(line)}</p>" for line in self.summary_lines if line)


def _oslo_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, OSLO)


def _plain_title(text: str) -> str:
    """Titles without markup (some readers render titles as HTML); never empty."""
    return plain_text(text) or "Uten tittel"


def submitted_on(event: Event, today: date) -> date:
    """When the event was submitted: ``Added:``, else ``Modified:``, else its first day.

    Never after ``today``: a feed entry dated in the future would sit on top
    of every reader's list (and is a sign of a missing ``Added:``).
    """
    return min(event.added or event.modified or event.first_day, today)


def occurrence_line(occ: Occurrence, *, next_time: bool = False) -> str:
    """``tirsdag 1. desember 2026, 18:00–20:00, Frivilligsentralen, Storgata 1, 2830 Raufoss``."""
    when = time_range(occ.start, occ.end)
    if not isinstance(occ.start, datetime):
        when = when[0].lower() + when[1:]  # "hele dagen" mid-sentence
    line = f"{long_date_with_year(occ.day)}, {when}, {occ.event.location}"
    if occ.cancelled:
        line = "AVLYST " + line
    return ("Neste gang: " + line) if next_time else line[0].upper() + line[1:]


def event_items(site: PortalSite, urls: PublicUrls, category: str | None = None) -> list[FeedItem]:
    """Events with a date ahead, newest submission first (ties: slug), at most NEWS_LIMIT."""
    cal = site.calendar
    chosen = [
        e
        for e in cal.events
        if cal.summary(e).next is not None and (category is None or e.category == category)
    ]
    chosen.sort(key=lambda e: e.slug)
    chosen.sort(key=lambda e: submitted_on(e, site.today), reverse=True)
    items = []
    for event in chosen[:NEWS_LIMIT]:
        occ = cal.summary(event).next
        page = urls.absolute(url_for(PageKind.EVENT, event.slug))
        lines = [occurrence_line(occ, next_time=event.recurrence is not None)]
        if event.recurrence:
            rule = event_rule(event)
            if event.recurrence.until:
                rule += f", til og med {long_date_with_year(event.recurrence.until)}"
            lines.append(rule + ".")
        facts = [f"Arrangør: {site.organizer_name(event.organizer)}"]
        if event.price is not None:
            facts.append(f"Pris: {price_label(event.price)}")
        lines.append(". ".join(facts) + ".")
        if event.cancelled:
            lines.insert(0, "Arrangementet er avlyst.")
        if event.body_text:
            lines.append(shorten(event.body_text, EXCERPT_CHARS))
        published = _oslo_midnight(submitted_on(event, site.today))
        updated = max(published, _oslo_midnight(event.modified)) if event.modified else published
        items.append(
            FeedItem(
                id=page,
                link=page,
                title=("AVLYST: " if event.cancelled else "") + _plain_title(event.title),
                published=published,
                updated=updated,
                summary_lines=tuple(lines),
                category=event.category_term.label,
                author=site.organizer_name(event.organizer),
            )
        )
    return items


def grant_items(site: PortalSite, urls: PublicUrls) -> list[FeedItem]:
    """Grants with a deadline ahead ("frist snart" or "åpen"), nearest deadline first.

    The entry id is the grant page URL plus ``#frist-<date>``: when the next
    deadline moves on (a yearly grant), readers get a new entry. The entry date
    is the day the deadline came within the closing-soon setting's number of days, or the
    build's today while it is further away than that.
    """
    today = site.today
    listed: list[tuple[GrantStatus, Grant]] = []
    for grant in site.catalog.grants:
        status = grant_status(grant.deadline, today, site.settings.closing_soon_days)
        if status.state in (GrantState.CLOSING_SOON, GrantState.OPEN):
            listed.append((status, grant))
    listed.sort(key=lambda pair: (pair[0].next_deadline, pair[1].name.casefold(), pair[1].slug))
    items = []
    for status, grant in listed[:NEWS_LIMIT]:
        deadline = status.next_deadline
        page = urls.absolute(url_for(PageKind.GRANT, grant.slug))
        announced = _oslo_midnight(
            min(today, date.fromordinal(deadline.toordinal() - site.settings.closing_soon_days))
        )
        lines = [
            f"Søknadsfrist {long_date_with_year(deadline)} ({relative_days(deadline, today)})"
            + (f", {grant.giver}" if grant.giver else "")
        ]
        if grant.amount:
            lines.append(f"Beløp: {grant.amount}")
        if grant.body_text:
            lines.append(shorten(grant.body_text, EXCERPT_CHARS))
        items.append(
            FeedItem(
                id=f"{page}#frist-{deadline.isoformat()}",
                link=page,
                title=f"{_plain_title(grant.name)} – frist {long_date_with_year(deadline)}",
                published=announced,
                updated=announced,
                summary_lines=tuple(lines),
                category=grant_state_label(status.state),
                author=grant.giver,
                permalink=False,
            )
        )
    return items


def assignment_items(site: PortalSite, urls: PublicUrls) -> list[FeedItem]:
    """Open volunteer assignments, newest first (``Added:``, never later than today)."""
    today = site.today
    listed = sorted(open_assignments(site.catalog.assignments, today),
                    key=lambda a: (-min(a.added or today, today).toordinal(), a.title.casefold(), a.slug))
    items = []
    for assignment in listed[:NEWS_LIMIT]:
        page = urls.absolute(url_for(PageKind.ASSIGNMENT, assignment.slug))
        added = _oslo_midnight(min(assignment.added or today, today))
        lines = [f"{assignment_when(assignment)}, {assignment.location}"]
        if assignment.open_until:
            lines.append(f"Meld deg innen {long_date_with_year(assignment.open_until)}")
        if assignment.body_text:
            lines.append(shorten(assignment.body_text, EXCERPT_CHARS))
        items.append(FeedItem(
            id=page, link=page, title=_plain_title(assignment.title), published=added, updated=added,
            summary_lines=tuple(lines), category=EVENT_CATEGORIES.get(assignment.category).label,
            author=site.organizer_name(assignment.organizer),
        ))
    return items


def items_for(site: PortalSite, feed: NewsFeed, urls: PublicUrls) -> list[FeedItem]:
    """The entries of one news feed."""
    if feed.kind == FeedKind.GRANTS:
        return grant_items(site, urls)
    if feed.kind == FeedKind.ASSIGNMENTS:
        return assignment_items(site, urls)
    if feed.kind == FeedKind.CATEGORY:
        return event_items(site, urls, category=EVENT_CATEGORIES.get(feed.key).value)
    return event_items(site, urls)


def build_news_feed(site: PortalSite, feed: NewsFeed, urls: PublicUrls) -> tuple[bytes, bytes]:
    """(RSS 2.0 bytes, Atom bytes) of one feed; byte-identical for the same content and today."""
    items = items_for(site, feed, urls)
    # The feed's own date is its newest entry's; an empty feed takes the build's today.
    updated = max((i.updated for i in items), default=_oslo_midnight(site.today))
    municipality = site.settings.municipality
    outputs = []
    for fmt in ("rss", "atom"):
        fg = FeedGenerator()
        self_url = urls.absolute(feed.path(fmt))
        fg.id(self_url)
        fg.title(f"{feed.title} – Aktivitetsportalen {municipality}")
        fg.subtitle(feed.description)  # also the RSS <description>
        fg.link(
            href=self_url,
            rel="self",
            type="application/rss+xml" if fmt == "rss" else "application/atom+xml",
        )
        # feedgen uses the last link as the RSS <link>: the page, not the feed itself.
        fg.link(href=urls.absolute(feed.page_url), rel="alternate", type="text/html")
        fg.language("nb")
        fg.author(name=f"Aktivitetsportalen {municipality}")
        fg.generator(GENERATOR)  # feedgen's default embeds its version: not ours to publish
        fg.updated(updated)
        fg.lastBuildDate(updated)
        for item in items:
            entry = fg.add_entry(order="append")
            entry.id(item.id)
            entry.guid(item.id, permalink=item.permalink)
            entry.title(item.title)
            entry.link(href=item.link, rel="alternate", type="text/html")
            entry.published(item.published)
            entry.updated(item.updated)  # feedgen defaults this to now()
            entry.summary(item.summary_html, type="html")
            if item.category:
                entry.category(term=item.category)
            if item.author:
                entry.author(name=item.author)
        outputs.append(fg.rss_str(pretty=True) if fmt == "rss" else fg.atom_str(pretty=True))
    return outputs[0], outputs[1]

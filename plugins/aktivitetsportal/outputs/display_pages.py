"""Pages for paper, screens and other websites: the weekly poster, the info screen and embeds.

* The **weekly poster** (``ukeplakat/``): this week's activities (the ISO week of the build's
  "today") on one A4 sheet for a notice board, with a QR code to the portal's front page. Long
  weeks get a more compact layout (:func:`poster_density`) instead of losing days.
* The **info screen** (``infoskjerm/``): today and tomorrow in very large type for a screen in
  the lobby. The page holds the coming :data:`INFO_SCREEN_DAYS` days, so
  ``theme/static/js/info-screen.js`` can roll over at midnight without a rebuild.
* **Embeds** (``innebygd/...``): the next :data:`EMBED_OCCURRENCES` activities of everything, of
  a category, an audience or an association, made to sit in an ``<iframe>`` on the
  municipality's or an association's own website; ``innebygd/`` explains how.

QR codes are drawn by segno as inline SVG (presentation attributes only, nothing the
Content-Security-Policy blocks), one per language: each leads to that language's front page at
the public address (:class:`~aktivitetsportal.outputs.addresses.PublicUrls`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import segno

from aktivitetsportal.domain.calendar import Week
from aktivitetsportal.domain.portal import PortalSite
from aktivitetsportal.keys import PageKind
from aktivitetsportal.outputs.addresses import PublicUrls, display_url, url_for
from aktivitetsportal.outputs.pages import PlannedPage, page_at
from aktivitetsportal.submissions.models import Association, Event, Occurrence
from aktivitetsportal.submissions.vocabulary import AUDIENCES, EVENT_CATEGORIES
from aktivitetsportal.text.phrases import (
    audience_heading,
    own_text,
    term_label,
)
from aktivitetsportal.text.translations import Lazy, language, lazy, lazy_text

__all__ = [
    "QrCode",
    "EmbedTarget",
    "plan_display_pages",
    "qr_code",
    "poster_density",
    "short_place",
    "POSTER_LAYOUTS",
    "INFO_SCREEN_DAYS",
    "EMBED_OCCURRENCES",
    "EMBED_KINDS",
    "embed_targets",
]

#: Days the info screen page carries: today and the next seven (rolls over for a week).
INFO_SCREEN_DAYS = 8
#: How many coming activities an embed lists.
EMBED_OCCURRENCES = 10
#: The embeddable kinds of page, in the order the help page lists them.
EMBED_KINDS = (PageKind.EMBED_ALL, PageKind.EMBED_CATEGORY, PageKind.EMBED_AUDIENCE,
               PageKind.EMBED_PLACE, PageKind.EMBED_ORGANIZER)

#: Poster layouts, largest first: (name, characters of an activity (time, title and place)
#: that fit on one printed line, a day's heading in lines, lines that fit under the poster's heading),
#: measured in Chromium with DejaVu Sans, a wide font (poster.css sets the sizes). "large" is
#: 14 pt; "small" and "tiny" have two columns. A week gets the largest layout it fits in.
POSTER_LAYOUTS = (
    ("large", 66, 1.4, 43),
    ("medium", 80, 1.4, 46),
    ("small", 44, 1.4, 100),
    ("tiny", 56, 1.7, 120),
)
_POSTER_TIME = 12  # "18:00–19:30 " in characters
_POSTER_CANCELLED = 7  # "AVLYST "


@dataclass(frozen=True, slots=True)
class QrCode:
    """A QR code for one address: the address, how people read it, and its SVG markup."""

    url: str  # what the code encodes, e.g. "https://aktiviteter.example/en/"
    shown: str  # e.g. "aktiviteter.example/en"
    svg: str  # inline <svg> (viewBox, no size, no style attributes), aria-hidden


@dataclass(frozen=True, slots=True)
class EmbedTarget:
    """One embeddable list: its page, its name and its next activities."""

    kind: PageKind
    key: str  # slug, "" for everything
    label: Lazy | str  # "Kultur", "For barn"; for an association see ``association``
    association: Association | None  # the organizer (its name is shown as written)
    listing_url: str  # the portal's own page with the same activities (site-relative)
    occurrences: tuple[Occurrence, ...]

    @property
    def url(self) -> str:
        return url_for(self.kind, self.key)


def qr_code(url: str) -> QrCode:
    """The QR code of ``url`` as inline SVG, black on white, with the standard quiet zone."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=4, omitsize=True, svgclass="qr-code", lineclass=None,
                          dark="#000", light="#fff")
    # Presentation attributes, not style: crisp modules at any size, hidden from screen
    # readers (the template labels the code and prints the address next to it).
    svg = svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" shape-rendering="crispEdges" ', 1)
    return QrCode(url, display_url(url), svg)


def poster_density(days: list[list[int]]) -> str:
    """The poster's layout for a week: per day with activities, each activity's length in
    characters (time, title and place). The largest layout the week fits in, else "tiny".

    A week too long even for "tiny" (some 70 activities) runs onto a second sheet.
    """
    for name, per_line, heading, lines in POSTER_LAYOUTS:
        needed = sum(heading + sum(-(-length // per_line) for length in day) for day in days)
        if needed <= lines:
            return name
    return POSTER_LAYOUTS[-1][0]


def short_place(location: str) -> str:
    """A place without its street address and postcode, for the poster: ``Korpsrommet, Raufoss
    ungdomsskole, Skolevegen 15, 2830 Raufoss`` -> ``Korpsrommet, Raufoss ungdomsskole``.

    Parts are kept up to the first one with a digit (a house number or postcode); a place that
    starts with its address keeps that part (``Storgata 5, 2830 Raufoss`` -> ``Storgata 5``).
    """
    kept: list[str] = []
    for part in (p.strip() for p in location.split(",")):
        if kept and any(ch.isdigit() for ch in part):
            break
        if part:
            kept.append(part)
    return ", ".join(kept) or location.strip()


def plan_display_pages(site: PortalSite) -> list[PlannedPage]:
    """The weekly poster, the info screen, every embed and the page about embedding."""
    urls = PublicUrls.of(site.settings)
    default = site.settings.languages[0]
    # One code per language: the poster in English leads to the English front page.
    front_page_qr = {code: qr_code(urls.absolute(language(code, default).prefix + url_for(PageKind.FRONT)))
                     for code in site.settings.languages}
    targets = embed_targets(site)
    return [
        _poster_page(site, front_page_qr),
        _info_screen_page(site, front_page_qr),
        *(_embed_page(target) for target in targets),
        _embed_help_page(targets, urls),
    ]


def _poster_page(site: PortalSite, front_page_qr: dict[str, QrCode]) -> PlannedPage:
    week = Week.of(site.today)
    shown = [(day, occurrences) for day in week.days if (occurrences := site.calendar.on(day))]
    places = {occ.event.slug: short_place(occ.event.location) for _, occs in shown for occ in occs}

    def lengths(lang: str) -> list[list[int]]:  # titles as shown in ``lang`` (organizers' own)
        return [[_POSTER_TIME + len(str(own_text(occ.event, "title", lang))) + len(places[occ.event.slug])
                 + 2 + (_POSTER_CANCELLED if occ.cancelled else 0) for occ in occurrences]
                for _, occurrences in shown]

    return page_at(
        PageKind.POSTER, "", "poster",
        page_title=lazy_text("Ukeplakat"),
        week=week,
        heading=lazy_text("Hva skjer i uke {week}?", week=week.number),
        days=shown,
        places=places,
        density={code: poster_density(lengths(code)) for code in site.settings.languages},
        qr_codes=front_page_qr,
    )


def _info_screen_page(site: PortalSite, front_page_qr: dict[str, QrCode]) -> PlannedPage:
    today = site.today
    days = site.calendar.days(today, INFO_SCREEN_DAYS)
    return page_at(
        PageKind.INFO_SCREEN, "", "info_screen",
        page_title=lazy_text("Infoskjerm"),
        days=days,
        places={occ.event.slug: short_place(occ.event.location) for _, occs in days for occ in occs},
        shown_days=(today, today + timedelta(days=1)),
        qr_codes=front_page_qr,
    )


def embed_targets(site: PortalSite) -> list[EmbedTarget]:
    """Every embeddable list, also the empty ones (an embedded page must not disappear)."""
    chosen: dict[tuple[PageKind, str], list[Occurrence]] = {}
    targets: list[tuple[PageKind, str, Lazy | str, Association | None, str]] = [
        (PageKind.EMBED_ALL, "", lazy_text("Alle aktiviteter"), None, url_for(PageKind.CALENDAR)),
    ]
    targets += [(PageKind.EMBED_CATEGORY, term.slug, lazy(term_label, term), None,
                 url_for(PageKind.CATEGORY, term.slug)) for term in EVENT_CATEGORIES]
    targets += [(PageKind.EMBED_AUDIENCE, term.slug, lazy(audience_heading, term), None,
                 url_for(PageKind.AUDIENCE, term.slug)) for term in AUDIENCES]
    targets += [(PageKind.EMBED_PLACE, place.slug, place.name, None, url_for(PageKind.PLACE, place.slug))
                for place in site.places.places]
    associations = sorted(site.catalog.associations.values(), key=lambda a: (a.sort_key, a.slug))
    targets += [(PageKind.EMBED_ORGANIZER, a.slug, a.name, a, url_for(PageKind.ASSOCIATION, a.slug))
                for a in associations]
    for kind, key, *_ in targets:
        chosen[(kind, key)] = []
    lists_of: dict[str, list[tuple[PageKind, str]]] = {}  # by event: the same for all its occurrences
    # One pass over the calendar, soonest first: each occurrence goes into every list it belongs to.
    for occ in _upcoming(site.calendar.occurrences, site.today):
        event = occ.event
        if (keys := lists_of.get(event.slug)) is None:
            keys = lists_of[event.slug] = _embed_lists_of(event, site)
        for key in keys:
            bucket = chosen.get(key)
            if bucket is not None and len(bucket) < EMBED_OCCURRENCES:
                bucket.append(occ)
    return [EmbedTarget(kind, key, label, association, listing, tuple(chosen[(kind, key)]))
            for kind, key, label, association, listing in targets]


def _embed_lists_of(event: Event, site: PortalSite) -> list[tuple[PageKind, str]]:
    keys = [(PageKind.EMBED_ALL, ""), (PageKind.EMBED_CATEGORY, event.category_term.slug),
            (PageKind.EMBED_ORGANIZER, event.organizer)]
    keys += [(PageKind.EMBED_AUDIENCE, term.slug) for term in AUDIENCES if event.is_for(term.value)]
    if place := site.place_of(event):
        keys.append((PageKind.EMBED_PLACE, place.slug))
    return keys


def _upcoming(occurrences: list[Occurrence], today: date):
    return (occ for occ in occurrences if occ.last_day >= today)


def _embed_page(target: EmbedTarget) -> PlannedPage:
    return page_at(target.kind, target.key, "embed", page_title=target.label, target=target)


def _embed_help_page(targets: list[EmbedTarget], urls: PublicUrls) -> PlannedPage:
    by_kind = {kind: [t for t in targets if t.kind == kind] for kind in EMBED_KINDS}
    groups = [
        (lazy_text("Hele kalenderen"), by_kind[PageKind.EMBED_ALL]),
        (lazy_text("Etter kategori"), by_kind[PageKind.EMBED_CATEGORY]),
        (lazy_text("Etter målgruppe"), by_kind[PageKind.EMBED_AUDIENCE]),
        (lazy_text("Etter sted"), by_kind[PageKind.EMBED_PLACE]),
        (lazy_text("Etter lag og forening"), by_kind[PageKind.EMBED_ORGANIZER]),
    ]
    return page_at(
        PageKind.EMBED_HELP, "", "embed_help",
        page_title=lazy_text("Vis kalenderen på deres nettside"),
        groups=[(heading, items) for heading, items in groups if items],
        example=by_kind[PageKind.EMBED_ALL][0],
        public_base=urls.base,
        embed_count=EMBED_OCCURRENCES,
    )

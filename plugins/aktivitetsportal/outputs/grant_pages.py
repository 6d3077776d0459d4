"""Pages of the grant overview (tilskuddsordninger).

* ``tilskudd/``: every grant in sections Frist snart (within 30 days, shown
  first and highlighted), Åpen, Løpende and Stengt, soonest deadline first;
* ``tilskudd/type/<kind>/`` and ``tilskudd/for/<target>/``: the same list
  filtered by kind (fixed list) and by target (free words, slugified);
* ``tilskudd/<slug>/``: one page per grant with every field and its deadlines.

The order and the sections come from :func:`aktivitetsportal.grants.sort_grants`;
templates only loop over what is planned here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from aktivitetsportal.domain.grant_deadlines import (
    STATUS_ORDER,
    GrantStatus,
    TargetGroup,
    grant_targets,
    previous_deadline,
    sort_grants,
    upcoming_deadlines,
)
from aktivitetsportal.domain.portal import PortalSite
from aktivitetsportal.keys import FeedKind, GrantState, PageKind
from aktivitetsportal.outputs.addresses import display_url, feed_path, url_for
from aktivitetsportal.outputs.pages import PlannedPage, page_at
from aktivitetsportal.submissions.models import Grant
from aktivitetsportal.submissions.values import slugify
from aktivitetsportal.submissions.vocabulary import GRANT_KINDS, Term
from aktivitetsportal.text.phrases import deadline_rule, term_label
from aktivitetsportal.text.translations import lazy, lazy_text

__all__ = [
    "plan_grant_pages",
    "GrantEntry",
    "GrantSection",
    "TargetLink",
    "KindLink",
    "grant_entries",
    "grant_sections",
    "SECTION_HEADINGS",
]

def section_heading(state: GrantState, closing_soon_days: int):
    """Heading of one section of the overview."""
    if state is GrantState.CLOSING_SOON:
        return lazy_text("Frist snart – innen {days} dager", days=closing_soon_days)
    return SECTION_HEADINGS[state]


#: Section headings of the overview that do not depend on settings.
SECTION_HEADINGS = {
    GrantState.OPEN: lazy_text("Åpne for søknad"),
    GrantState.ROLLING: lazy_text("Løpende søknad – ingen fast frist"),
    GrantState.CLOSED: lazy_text("Stengt – fristen er ute"),
}
#: How many coming deadlines a grant page lists.
GRANT_PAGE_DEADLINES = 4


@dataclass(frozen=True, slots=True)
class TargetLink:
    """A target word of a grant, linked to its filter page."""

    label: str
    slug: str
    url: str


@dataclass(frozen=True, slots=True)
class GrantEntry:
    """A grant with everything its listing and its page show on a given day."""

    grant: Grant
    status: GrantStatus
    kind: Term
    targets: tuple[TargetLink, ...]
    deadline_rule: str  # "Hvert år 1. april"
    upcoming: tuple[date, ...]  # next deadlines, soonest first
    previous: date | None  # the last deadline before today (shown for closed grants)
    link_label: str  # "www.frifond.no"
    form_label: str


@dataclass(frozen=True, slots=True)
class GrantSection:
    """One status section of a listing (only sections with grants are planned)."""

    key: GrantState
    heading: str
    entries: tuple[GrantEntry, ...]


@dataclass(frozen=True, slots=True)
class KindLink:
    """A grant kind in the overview's filter list."""

    term: Term
    count: int
    url: str
    current: bool


def grant_entries(grants: list[Grant], today: date, closing_soon_days: int) -> list[GrantEntry]:
    """Every grant as a :class:`GrantEntry`, in overview order."""
    entries = []
    for grant, status in sort_grants(grants, today, closing_soon_days):
        targets = tuple(
            TargetLink(t, slugify(t), url_for(PageKind.GRANT_TARGET, slugify(t))) for t in grant.targets
        )
        entries.append(GrantEntry(
            grant=grant,
            status=status,
            kind=GRANT_KINDS.get(grant.kind),
            targets=targets,
            deadline_rule=lazy(deadline_rule, grant.deadline),
            upcoming=tuple(upcoming_deadlines(grant.deadline, today, GRANT_PAGE_DEADLINES)),
            previous=previous_deadline(grant.deadline, today),
            link_label=display_url(grant.link) if grant.link else "",
            form_label=display_url(grant.form) if grant.form else "",
        ))
    return entries


def grant_sections(entries: list[GrantEntry], closing_soon_days: int) -> list[GrantSection]:
    """Entries split by status, in :data:`STATUS_ORDER`; empty sections left out."""
    return [
        GrantSection(state, section_heading(state, closing_soon_days),
                     tuple(e for e in entries if e.status.state is state))
        for state in STATUS_ORDER
        if any(e.status.state is state for e in entries)
    ]


def _listing(kind: PageKind, key: str, title: str, lead: str, entries: list[GrantEntry],
             all_entries: list[GrantEntry], targets: list[TargetGroup], closing_soon_days: int,
             current_kind: Term | None = None, current_target: str = "") -> PlannedPage:
    kind_links = [
        KindLink(term, sum(1 for e in all_entries if e.kind == term),
                 url_for(PageKind.GRANT_KIND, term.slug), term == current_kind)
        for term in GRANT_KINDS
    ]
    return page_at(
        kind, key, "grants",
        page_title=title,
        lead=lead,
        sections=grant_sections(entries, closing_soon_days),
        entry_count=len(entries),
        closing_soon_count=sum(1 for e in entries if e.status.state is GrantState.CLOSING_SOON),
        kinds=kind_links,
        targets=targets,
        current_kind=current_kind,
        current_target=current_target,
        is_filtered=kind is not PageKind.GRANTS,
        rss_url=feed_path(FeedKind.GRANTS, "", "rss"),
        closing_soon_days=closing_soon_days,
    )


def plan_grant_pages(site: PortalSite) -> list[PlannedPage]:
    """Overview, one page per kind and per target, and one page per grant."""
    today = site.today
    days = site.settings.closing_soon_days
    entries = grant_entries(site.catalog.grants, today, days)
    targets = grant_targets(site.catalog.grants)
    pages = [_listing(
        PageKind.GRANTS, "", lazy_text("Tilskudd og søknadsfrister"),
        lazy_text("Tilskudd og støtteordninger som lag og foreninger kan søke på: kommunale, "
                  "fylkeskommunale og statlige ordninger, stiftelser og fond. Sortert etter neste søknadsfrist."),
        entries, entries, targets, days,
    )]
    for term in GRANT_KINDS:
        chosen = [e for e in entries if e.kind == term]
        pages.append(_listing(
            PageKind.GRANT_KIND, term.slug, lazy(term_label, term),
            lazy_text("{kind}, sortert etter neste søknadsfrist.", kind=lazy(term_label, term)),
            chosen, entries, targets, days, current_kind=term,
        ))
    for group in targets:
        slugs = {g.slug for g in group.grants}
        chosen = [e for e in entries if e.grant.slug in slugs]
        pages.append(_listing(
            PageKind.GRANT_TARGET, group.slug, lazy_text("Tilskudd til {target}", target=group.label),
            lazy_text("Tilskudd som gjelder «{target}», sortert etter neste søknadsfrist.", target=group.label),
            chosen, entries, targets, days, current_target=group.slug,
        ))
    # For the search entries: a target group by the spelling the overview uses for it.
    target_labels = {group.slug: group.label for group in targets}
    for entry in entries:
        pages.append(page_at(
            PageKind.GRANT, entry.grant.slug, "grant",
            page_title=entry.grant.name,
            entry=entry,
            grant=entry.grant,
            target_labels=target_labels,
        ))
    return pages

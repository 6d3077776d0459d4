"""Where grant deadlines are computed: the next deadline, the status on a day, the order.

:func:`next_deadline` and :func:`grant_status` are the rules the grant overview
is sorted and labelled by (:func:`sort_grants` gives the order: closing soon,
open, rolling, closed). A yearly 29 February falls on 28 February in years
without it. Targets (``Target:``) are free words; grants are grouped by their
slug (:func:`grant_targets`), so ``Barn og unge`` and ``barn og unge`` land on
the same filter page.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from aktivitetsportal.keys import GrantState
from aktivitetsportal.submissions.models import Deadline, Grant
from aktivitetsportal.submissions.values import slugify, sort_key_nb

__all__ = [
    "next_deadline",
    "upcoming_deadlines",
    "previous_deadline",
    "grant_status",
    "sort_grants",
    "grant_targets",
    "TargetGroup",
    "STATUS_ORDER",
    "GrantStatus",
    "GrantState",
]

def _in_year(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def next_deadline(deadline: Deadline, today: date) -> date | None:
    """The first deadline on or after ``today``; None if there is none (rolling or closed)."""
    candidates = [d for d in deadline.dates if d >= today]
    for month, day in deadline.yearly:
        this_year = _in_year(today.year, month, day)
        candidates.append(this_year if this_year >= today else _in_year(today.year + 1, month, day))
    return min(candidates, default=None)


def upcoming_deadlines(deadline: Deadline, today: date, limit: int = 4) -> list[date]:
    """Coming deadlines, soonest first: fixed dates from ``today`` on, and the next
    occurrence of each yearly date (not the years after it), at most ``limit``."""
    candidates = {d for d in deadline.dates if d >= today}
    for month, day in deadline.yearly:
        this_year = _in_year(today.year, month, day)
        candidates.add(this_year if this_year >= today else _in_year(today.year + 1, month, day))
    return sorted(candidates)[:limit]


def previous_deadline(deadline: Deadline, today: date) -> date | None:
    """The last deadline before ``today`` (shown as "Fristen var ..." on closed grants)."""
    candidates = [d for d in deadline.dates if d < today]
    for month, day in deadline.yearly:
        this_year = _in_year(today.year, month, day)
        candidates.append(this_year if this_year < today else _in_year(today.year - 1, month, day))
    return max(candidates, default=None)


#: The order of the grant overview: closing soon first, closed last.
STATUS_ORDER = (GrantState.CLOSING_SOON, GrantState.OPEN, GrantState.ROLLING, GrantState.CLOSED)


@dataclass(frozen=True, slots=True)
class GrantStatus:
    """Where a grant stands on a given day."""

    state: GrantState
    next_deadline: date | None
    days_left: int | None

    @property
    def key(self) -> str:
        """The state as written in URLs, CSS classes and exports (``frist-snart``)."""
        return self.state.value

    @property
    def sort_key(self) -> tuple:
        return (STATUS_ORDER.index(self.state), self.next_deadline or date.max)


def grant_status(deadline: Deadline, today: date, closing_soon_days: int) -> GrantStatus:
    """Closing soon (next deadline within ``closing_soon_days``), open, rolling or closed."""
    upcoming = next_deadline(deadline, today)
    if upcoming is not None:
        days = (upcoming - today).days
        state = GrantState.CLOSING_SOON if days <= closing_soon_days else GrantState.OPEN
        return GrantStatus(state, upcoming, days)
    if deadline.rolling:
        return GrantStatus(GrantState.ROLLING, None, None)
    return GrantStatus(GrantState.CLOSED, None, None)


def sort_grants(grants: list[Grant], today: date, closing_soon_days: int) -> list[tuple[Grant, GrantStatus]]:
    """Every grant with its status, in overview order.

    Frist snart, then Åpen (both soonest deadline first), then Løpende, then
    Stengt; ties in A–Å order of the name, then by slug so the order is total.
    """
    with_status = [(g, grant_status(g.deadline, today, closing_soon_days)) for g in grants]
    return sorted(with_status, key=lambda gs: (*gs[1].sort_key, sort_key_nb(gs[0].name), gs[0].slug))


@dataclass(frozen=True, slots=True)
class TargetGroup:
    """One target (``Target:`` word) and the grants that name it."""

    slug: str
    label: str
    grants: tuple[Grant, ...]


def grant_targets(grants: list[Grant]) -> list[TargetGroup]:
    """Grants grouped by target slug, in A–Å order of the label.

    The label is the spelling most grants use (ties: the first in A–Å order),
    so one odd capitalisation does not rename the filter page.
    """
    spellings: dict[str, dict[str, int]] = {}
    members: dict[str, list[Grant]] = {}
    for grant in grants:
        for target in grant.targets:
            slug = slugify(target)
            if not slug:
                continue
            spellings.setdefault(slug, {}).setdefault(target, 0)
            spellings[slug][target] += 1
            members.setdefault(slug, []).append(grant)
    groups = []
    for slug, counts in spellings.items():
        label = min(counts, key=lambda text: (-counts[text], sort_key_nb(text)))
        ordered = sorted(members[slug], key=lambda g: (sort_key_nb(g.name), g.slug))
        groups.append(TargetGroup(slug, label, tuple(ordered)))
    return sorted(groups, key=lambda g: (sort_key_nb(g.label), g.slug))



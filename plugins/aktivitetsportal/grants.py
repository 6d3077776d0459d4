"""Grant schemes (tilskuddsordninger): parsing, and where deadlines are computed.

``Deadline:`` is a date (``2027-04-01``), a yearly date (``årlig 1. april`` or
``yearly 04-01``), several of those separated by commas, or ``løpende``
(rolling). :func:`next_deadline` and :func:`grant_status` are the rules the
grant overview is sorted and labelled by (:func:`sort_grants` gives the
order: Frist snart, Åpen, Løpende, Stengt). A yearly 29 February falls on
28 February in years without it. Targets (``Target:``) are free words; grants
are grouped by their slug (:func:`grant_targets`), so ``Barn og unge`` and
``barn og unge`` land on the same filter page.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from babel.dates import format_date

from .dates import LOCALE, MONTH_NUMBERS, sort_key_nb
from .fields import FieldReader
from .html import html_to_text, render_markdown
from .models import Deadline, Grant
from .sourcefile import SourceFile
from .values import parse_date, slugify, split_list
from .vocabulary import GRANT_KINDS

__all__ = [
    "parse_grant",
    "parse_deadline",
    "next_deadline",
    "upcoming_deadlines",
    "previous_deadline",
    "describe_deadline",
    "grant_status",
    "sort_grants",
    "grant_targets",
    "TargetGroup",
    "STATUS_ORDER",
    "GrantStatus",
    "GRANT_FIELDS",
    "CLOSING_SOON_DAYS",
]

GRANT_FIELDS = {
    "name", "title", "giver", "kind", "deadline", "target", "audience", "amount", "link", "form",
    "contact", "slug", "modified", "date",
}
CLOSING_SOON_DAYS = 30
_ROLLING = {"løpende", "lopende", "fortløpende", "rolling", "ongoing", "ingen frist", "hele året"}
_YEARLY_WORD = r"(?:årlig|arlig|hvert år|yearly|annually|every year)"


_MONTHS = MONTH_NUMBERS


def _valid_month_day(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2024, month)[1]  # 2024: leap year


def _yearly(text: str) -> tuple[int, int] | None:
    """``årlig 1. april`` / ``1. april hvert år`` / ``yearly 04-01`` -> (4, 1)."""
    m = re.fullmatch(rf"{_YEARLY_WORD}\s+(.+)|(.+?)\s+{_YEARLY_WORD}", text)
    if not m:
        return None
    rest = (m.group(1) or m.group(2)).strip()
    if mm := re.fullmatch(r"(\d{1,2})-(\d{1,2})", rest):  # MM-DD
        month, day = int(mm.group(1)), int(mm.group(2))
    elif mm := re.fullmatch(r"(\d{1,2})\.?\s*([a-zæøå]+)\.?", rest):  # 1. april
        day, month = int(mm.group(1)), _MONTHS.get(mm.group(2), 0)
    elif mm := re.fullmatch(r"([a-z]+)\s+(\d{1,2})", rest):  # April 1
        month, day = _MONTHS.get(mm.group(1), 0), int(mm.group(2))
    elif mm := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.?", rest):  # 1.4.
        day, month = int(mm.group(1)), int(mm.group(2))
    else:
        return None
    return (month, day) if _valid_month_day(month, day) else None


def parse_deadline(text: str) -> Deadline | None:
    """Parse a Deadline field; None if any part is not understood."""
    folded = " ".join(text.casefold().split())
    if folded in _ROLLING:
        return Deadline(rolling=True)
    dates, yearly, rolling = [], [], False
    for item in split_list(folded):
        if item in _ROLLING:
            rolling = True
        elif (day := parse_date(item)) is not None:
            dates.append(day)
        elif (md := _yearly(item)) is not None:
            yearly.append(md)
        else:
            return None
    if not (dates or yearly or rolling):
        return None
    return Deadline(tuple(sorted(set(dates))), tuple(sorted(set(yearly))), rolling)


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


def _join_nb(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " og " + words[-1]


def describe_deadline(deadline: Deadline) -> str:
    """The rule in plain Norwegian: ``Hvert år 1. april``, ``1. mars 2027 og 1. september 2027``,
    ``Løpende (ingen fast frist)``, or a combination of those."""
    parts = []
    if deadline.yearly:
        # 2024 is a leap year, so a yearly 29 February can be written out.
        days = [format_date(date(2024, m, d), "d. MMMM", locale=LOCALE) for m, d in deadline.yearly]
        parts.append("hvert år " + _join_nb(days))
    if deadline.dates:
        parts.append(_join_nb([format_date(d, "d. MMMM y", locale=LOCALE) for d in deadline.dates]))
    if deadline.rolling:
        parts.append("ellers løpende" if parts else "løpende (ingen fast frist)")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


#: The order of the grant overview: closing soon first, closed last.
STATUS_ORDER = ("frist-snart", "apen", "lopende", "stengt")


@dataclass(frozen=True, slots=True)
class GrantStatus:
    """Where a grant stands on a given day."""

    key: str  # "frist-snart", "apen", "lopende", "stengt"
    label: str  # "Frist snart", "Åpen", "Løpende", "Stengt"
    next_deadline: date | None
    days_left: int | None

    @property
    def sort_key(self) -> tuple:
        return (STATUS_ORDER.index(self.key), self.next_deadline or date.max)


def grant_status(deadline: Deadline, today: date) -> GrantStatus:
    """Frist snart (next deadline within 30 days), Åpen, Løpende or Stengt."""
    upcoming = next_deadline(deadline, today)
    if upcoming is not None:
        days = (upcoming - today).days
        if days <= CLOSING_SOON_DAYS:
            return GrantStatus("frist-snart", "Frist snart", upcoming, days)
        return GrantStatus("apen", "Åpen", upcoming, days)
    if deadline.rolling:
        return GrantStatus("lopende", "Løpende", None, None)
    return GrantStatus("stengt", "Stengt", None, None)


def sort_grants(grants: list[Grant], today: date) -> list[tuple[Grant, GrantStatus]]:
    """Every grant with its status, in overview order.

    Frist snart, then Åpen (both soonest deadline first), then Løpende, then
    Stengt; ties in A–Å order of the name, then by slug so the order is total.
    """
    with_status = [(g, grant_status(g.deadline, today)) for g in grants]
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


def parse_grant(source: SourceFile, *, render: bool = True) -> tuple[Grant | None, list]:
    """Parse one grant file. Returns the grant (None on errors) and all problems."""
    r = FieldReader(source, GRANT_FIELDS)
    if not source.fields:
        return None, r.problems
    slug = r.slug()
    name = r.text("name") or r.text("title")
    if not name:
        r.text("name", required=True, example="Name: Kommunalt tilskudd til aktivitet")
    kind = r.choice("kind", GRANT_KINDS, required=False, example="Kind: kommunal") or "annet"
    deadline_text = r.text("deadline", required=True, example="Deadline: årlig 1. april")
    deadline = parse_deadline(deadline_text) if deadline_text else None
    if deadline_text and deadline is None:
        r.error("bad_deadline", "deadline", value=deadline_text)
    targets = []
    target_field = "target" if r.text("target") else "audience"
    for target in split_list(r.text(target_field)):
        if not slugify(target):  # no letters or digits: it could not get a filter page
            r.warning("bad_target", target_field, value=target)
        elif slugify(target) not in {slugify(t) for t in targets}:  # "Idrett, idrett" once
            targets.append(target)
    link = r.link("link")
    form = r.link("form")
    if r.has_errors:
        return None, r.problems
    body_html = render_markdown(source.body) if render else ""
    return Grant(
        slug=slug,
        source_path=source.path,
        name=name,
        giver=r.text("giver"),
        kind=kind,
        deadline=deadline,
        deadline_text=deadline_text,
        targets=tuple(targets),
        amount=r.text("amount"),
        link=link,
        form=form,
        contact=r.text("contact"),
        body_html=body_html,
        body_text=html_to_text(body_html) if render else "",
    ), r.problems

"""Grant schemes (tilskuddsordninger): reading and checking a grant file.

``Deadline:`` is a date (``2027-04-01``), a yearly date (``årlig 1. april`` or
``yearly 04-01``), several of those separated by commas, or ``løpende``
(rolling). What a deadline means on a given day is computed in
:mod:`aktivitetsportal.domain.grant_deadlines`.
"""

from __future__ import annotations

import calendar
import re

from aktivitetsportal.submissions.fields import FieldReader
from aktivitetsportal.submissions.models import Deadline, Grant
from aktivitetsportal.submissions.sourcefile import SourceFile
from aktivitetsportal.submissions.values import MONTH_NUMBERS, parse_date, slugify, split_list
from aktivitetsportal.submissions.vocabulary import GRANT_KINDS

__all__ = [
    "parse_grant",
    "parse_deadline",
    "GRANT_FIELDS",
]

GRANT_FIELDS = {
    "name", "title", "giver", "kind", "deadline", "target", "audience", "amount", "link", "form",
    "contact", "slug", "modified", "date",
}
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
    giver, amount, contact = r.text("giver"), r.text("amount"), r.free_text("contact")
    description = r.description(render)
    if r.has_errors or description is None:
        return None, r.problems
    body_html, body_text = description
    return Grant(
        slug=slug,
        source_path=source.path,
        name=name,
        giver=giver,
        kind=kind,
        deadline=deadline,
        deadline_text=deadline_text,
        targets=tuple(targets),
        amount=amount,
        link=link,
        form=form,
        contact=contact,
        body_html=body_html,
        body_text=body_text,
    ), r.problems

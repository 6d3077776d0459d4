"""Write a submission file: the inverse of :func:`sourcefile.parse_source_text`.

The importer, ``make new-event`` and the tests write files through here, so a
file they produce is read back field for field. The form on the site writes
the same layout in JavaScript from the field order in the build's schema
(``outputs/submission_form.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from aktivitetsportal.submissions.field_names import field_label
from aktivitetsportal.submissions.values import clean_text

__all__ = ["EVENT_FIELD_ORDER", "ASSOCIATION_FIELD_ORDER", "source_text", "one_line"]

#: The order fields are written in, as the guide shows them (``Title-en`` right after ``Title``).
EVENT_FIELD_ORDER = (
    "title", "start", "end", "duration", "repeat", "except", "cancelled-dates", "status",
    "location", "venue", "step-free", "organizer", "category", "audience", "price", "registration", "accessibility",
    "contact", "image", "summary", "added", "modified", "slug", "import-uid",
)
ASSOCIATION_FIELD_ORDER = (
    "name", "category", "orgnr", "email", "phone", "website", "address", "audience",
    "membership", "contact", "logo", "summary", "modified", "slug",
)


def one_line(value: str) -> str:
    """A field value on one line: the header format joins continuation lines with a space."""
    return " ".join(clean_text(value).split())


def source_text(fields: Mapping[str, str] | Iterable[tuple[str, str]], body: str = "",
                order: Iterable[str] = EVENT_FIELD_ORDER) -> str:
    """``Key: value`` lines in ``order`` (unknown names after, as given), a blank line, the body.

    Empty values are left out; names are written as submitters write them (``Title``,
    ``Summary-en``). The text ends with exactly one newline.
    """
    pairs = list(fields.items() if isinstance(fields, Mapping) else fields)
    rank = {name: index for index, name in enumerate(order)}
    pairs.sort(key=lambda pair: (rank.get(pair[0], rank.get(pair[0].split("-", 1)[0], len(rank))),
                                 pair[0] not in rank))
    lines = [f"{field_label(name)}: {text}" for name, value in pairs if (text := one_line(value))]
    body = clean_text(body).replace("\r\n", "\n").strip()
    return "\n".join(lines) + "\n\n" + (body + "\n" if body else "")

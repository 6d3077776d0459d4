"""A validation report in Markdown, short enough for a comment on a pull request.

``make validate FORMAT=markdown`` (``--format markdown``) prints it, and the
workflow posts it on the pull request. The verdict comes first, then one
section per file with its errors and warnings apart.

The comment shows submitted text (a value quoted in a message, a file name),
so everything that is not the report's own markup goes through
:func:`markdown_text` or :func:`fenced`: a submitter cannot add links, HTML,
headings, mentions or issue references to the comment.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Sequence
from itertools import groupby

from aktivitetsportal.keys import N_
from aktivitetsportal.submissions.field_names import field_label
from aktivitetsportal.submissions.problems import Problem
from aktivitetsportal.text.problem_messages import problem_message
from aktivitetsportal.text.translations import translator

__all__ = ["markdown_report", "markdown_text", "fenced", "MAX_PROBLEMS", "MAX_CHARS"]

#: Problems shown in one report; the rest are counted ("… og 12 til").
MAX_PROBLEMS = 50
#: Characters in one report before the rest is counted (GitHub refuses comments over 65,536).
MAX_CHARS = 40_000

_OK = N_("Alt i orden")
_OK_WITH_WARNINGS = N_("Alt i orden, men se over advarslene ({count})")
_INVALID = N_("{invalid} av {files} filer har feil")
_NOTHING = N_("Ingen innsendte filer å sjekke i denne endringen.")
_CHECKED = N_("Filer sjekket: {count}.")
_FIX = N_("Filer med feil blir ikke publisert. Rett feilene under og lagre filen på nytt, så sjekkes den igjen.")
_PUBLISHED = N_("Filene blir publisert når endringen er godkjent og slått sammen.")
_ERRORS = N_("Feil")
_WARNINGS = N_("Advarsler")
_AFFECTED = N_("Disse filene er ikke endret her, men får feil på grunn av endringen:")
_UNTOUCHED = N_("Andre filer med feil fra før: {count}. De er ikke en del av denne endringen.")
_MORE = N_("… og {count} til. Kjør «make validate» for å se alle.")
_LINE = N_("linje {line}")
_FIELD = N_("feltet {field}")

# CommonMark lets a backslash escape any ASCII punctuation character (spec 2.4). Escaped are
# all that can start or end Markdown or HTML anywhere in a line; left as they are, for a
# readable source, those that never can: , : ; ? ' " / % $ = and @ (see below). GitHub then
# turns "@name" and "#12" in plain text into mentions and links, which an invisible space
# after the sign stops.
_PUNCTUATION = re.compile("[" + re.escape(string.punctuation.translate(str.maketrans("", "", ",:;?'\"/%$=@"))) + "]")
_REFERENCE_SIGNS = re.compile("([@#])")
_BACKTICKS = re.compile("`+")


def markdown_text(text: str) -> str:
    """``text`` as it is written, on one line, with no Markdown, HTML, mention or reference in it."""
    one_line = " ".join(text.split())
    escaped = _PUNCTUATION.sub(lambda match: "\\" + match.group(0), one_line)
    return _REFERENCE_SIGNS.sub("\\1\u200b", escaped)


def fenced(text: str, indent: str = "") -> str:
    """``text`` in a fenced code block whose fence is longer than any run of backticks in it."""
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    fence = "`" * max(3, longest + 1)
    return "\n".join(indent + line for line in [fence, *text.splitlines(), fence])


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _problem_item(problem: Problem, lang: str) -> str:
    """``- **Linje 6, feltet Category:** message``; lines after the first in a code block."""
    gettext = translator(lang).gettext
    place = []
    if problem.line:
        place.append(gettext(_LINE).format(line=problem.line))
    if problem.field:
        place.append(gettext(_FIELD).format(field=field_label(problem.field)))
    first, _, example = problem_message(problem, lang).partition("\n")
    item = f"- **{markdown_text(_capitalised(', '.join(place)))}:** " if place else "- "
    item += markdown_text(first)
    if example.strip():
        item += "\n\n" + fenced(example.rstrip("\n"), indent="  ")
    return item


class _Room:
    """What is left of a report's size: problems and characters."""

    def __init__(self, problems: int, chars: int):
        self.problems, self.chars = problems, chars
        self.shown = 0
        self.full = False

    def take(self, text: str) -> bool:
        """Room for one more problem shown as ``text``? Once one is left out, so is the rest."""
        self.full = self.full or self.shown >= self.problems or len(text) > self.chars
        if self.full:
            return False
        self.shown += 1
        self.chars -= len(text)
        return True


def _file_sections(problems: Sequence[Problem], room: _Room, lang: str) -> list[str]:
    """One section per file: its name, then its errors and its warnings, as long as there is room."""
    gettext = translator(lang).gettext
    ordered = sorted(problems, key=lambda p: (p.path, not p.is_error, p.line or 0, p.code))
    sections = []
    for path, in_file in groupby(ordered, key=lambda p: p.path):
        in_file = list(in_file)
        lines = []
        for heading, group in ((_ERRORS, [p for p in in_file if p.is_error]),
                               (_WARNINGS, [p for p in in_file if not p.is_error])):
            items = [item for p in group if room.take(item := _problem_item(p, lang))]
            if items:
                lines += [f"**{markdown_text(gettext(heading))}**", "\n".join(items)]
        if lines:
            sections.append("\n\n".join([f"### {markdown_text(path)}", *lines]))
    return sections


def markdown_report(problems: Iterable[Problem], *, files: int, affected: Iterable[Problem] = (),
                    untouched_invalid: int = 0, lang: str = "nb") -> str:
    """The report on ``files`` checked files with ``problems``; ``affected``: problems the
    change causes in other files; ``untouched_invalid``: other files that were invalid already."""
    gettext = translator(lang).gettext
    problems, affected = list(problems), list(affected)
    everything = problems + affected
    invalid = len({p.path for p in everything if p.is_error})
    warnings = sum(not p.is_error for p in everything)
    if invalid:
        verdict = "❌ " + gettext(_INVALID).format(invalid=invalid,
                                                   files=files + len({p.path for p in affected}))
    elif warnings:
        verdict = "✅ " + gettext(_OK_WITH_WARNINGS).format(count=warnings)
    else:
        verdict = "✅ " + gettext(_OK)
    blocks = [f"## {markdown_text(verdict)}"]
    if files:
        summary = gettext(_CHECKED).format(count=files)
        blocks.append(markdown_text(f"{summary} {gettext(_FIX if invalid else _PUBLISHED)}"))
    else:
        blocks.append(markdown_text(gettext(_NOTHING)))
    room = _Room(MAX_PROBLEMS, MAX_CHARS)
    blocks += _file_sections(problems, room, lang)
    if shown_affected := _file_sections(affected, room, lang):
        blocks += [markdown_text(gettext(_AFFECTED)), *shown_affected]
    if hidden := len(everything) - room.shown:
        blocks.append(markdown_text(gettext(_MORE).format(count=hidden)))
    if untouched_invalid:
        blocks.append(markdown_text(gettext(_UNTOUCHED).format(count=untouched_invalid)))
    return "\n\n".join(blocks) + "\n"

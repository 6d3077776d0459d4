"""Read one submitted Markdown file: its ``Key: value`` header and its body.

The header is parsed by Python-Markdown's ``meta`` extension, the same parser
Pelican's Markdown reader uses, so a file means the same thing to the portal
as to Pelican. We add what submitters need on top: the line of every field,
a clear report for non-UTF-8 files, and a warning when the header stops early
(for example at a key written with æøå, which the meta syntax does not allow).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import markdown
from markdown.extensions.meta import META_MORE_RE, META_RE, MetaPreprocessor

from aktivitetsportal.submissions.problems import Problem
from aktivitetsportal.submissions.values import clean_text

__all__ = ["Field", "SourceFile", "read_source", "parse_source_text", "MAX_FILE_BYTES"]

#: The largest submitted file read, in bytes (256 KiB: an event with a long description is
#: under 10 KiB; anything near this is a pasted document or a mistake, not an announcement).
MAX_FILE_BYTES = 256 * 1024

# A line that looks like a field but that the meta syntax rejects, e.g. "Arrangør: x".
_LOOKS_LIKE_FIELD = re.compile(r"^\s{0,3}(?P<key>[^\s:][^:]{0,30}?)\s*:\s*(?P<value>.*)$")


@dataclass(frozen=True, slots=True)
class Field:
    """One header field as written: its name (lower case), value and line number."""

    name: str
    value: str
    line: int


@dataclass(slots=True)
class SourceFile:
    """A submitted file split into header fields and Markdown body."""

    path: str  # relative to the content folder, with forward slashes
    fields: dict[str, Field]
    body: str
    body_line: int  # line number where the body starts
    problems: list[Problem] = field(default_factory=list)

    def get(self, name: str) -> Field | None:
        return self.fields.get(name)

    def value(self, name: str, default: str = "") -> str:
        f = self.fields.get(name)
        return f.value if f else default


#: Python-Markdown's own header rule (the "meta" extension) splits header from body; one
#: instance for every file, as building a Markdown converter costs more than the split.
_HEADER_SPLITTER = MetaPreprocessor(markdown.Markdown(extensions=["meta"]))


def read_source(path: Path, content_root: Path) -> SourceFile:
    """Read ``path`` (relative names are reported against ``content_root``)."""
    rel = path.relative_to(content_root).as_posix() if path.is_relative_to(content_root) else str(path)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return SourceFile(path=rel, fields={}, body="", body_line=1, problems=[Problem(
            rel, "file_too_large", params={"size": size // 1024, "limit": MAX_FILE_BYTES // 1024})])
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Notepad's "Unicode" is UTF-16 with a byte order mark: unambiguous, so read it.
        raw = raw.decode("utf-16", errors="replace").encode("utf-8")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return SourceFile(
            path=rel,
            fields={},
            body="",
            body_line=1,
            problems=[Problem(rel, "not_utf8", line=line, params={"byte": f"0x{raw[exc.start]:02x}"})],
        )
    return parse_source_text(text, rel)


def parse_source_text(text: str, rel_path: str) -> SourceFile:
    """Split already-decoded ``text`` into fields and body.

    Invisible and control characters are removed here, once, so every field and
    the body are cleaned by the same rule (:func:`clean_text`).
    """
    text = clean_text(text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = text.split("\n")
    body_lines = _HEADER_SPLITTER.run(list(lines))
    header_count = len(lines) - len(body_lines)
    problems: list[Problem] = []
    fields: dict[str, Field] = {}
    current: str | None = None
    for index, line in enumerate(lines[:header_count]):
        number = index + 1
        match = META_RE.match(line)
        if match:
            name = match.group("key").lower().strip()
            value = match.group("value").strip()
            if name in fields:
                problems.append(
                    Problem(rel_path, "duplicate_field", line=number, field=name,
                            params={"first_line": fields[name].line})
                )
                current = None
                continue
            fields[name] = Field(name, value, number)
            current = name
            continue
        more = META_MORE_RE.match(line)
        if more and current:
            previous = fields[current]
            joined = f"{previous.value} {more.group('value').strip()}".strip()
            fields[current] = Field(current, joined, previous.line)
    body_start = header_count + 1
    # Python-Markdown ends the header at the first line that is not "Key: value".
    # If that line is not blank, the submitter meant more fields: say so instead
    # of silently treating them as description text.
    # (The meta parser consumes the blank line after a proper header, so only a
    # header whose last consumed line is not blank ended early.)
    ended_early = header_count == 0 or lines[header_count - 1].strip() != ""
    if body_lines and body_lines[0].strip() and ended_early:
        stray = _LOOKS_LIKE_FIELD.match(body_lines[0])
        if stray and (fields or header_count == 0):
            problems.append(
                Problem(rel_path, "bad_field_name", line=body_start, field=stray.group("key"),
                        params={"text": body_lines[0].strip()[:80]})
            )
    if not fields and not problems:
        problems.append(Problem(rel_path, "no_header", line=1))
    while body_lines and not body_lines[0].strip():
        body_lines.pop(0)
        body_start += 1
    return SourceFile(rel_path, fields, "\n".join(body_lines).strip(), body_start, problems)

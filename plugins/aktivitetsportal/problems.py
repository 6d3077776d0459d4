"""Problems found in submitted files, and how they are told to people.

A :class:`Problem` names the file, line and field, and a message code; the
words live in :mod:`aktivitetsportal.messages` (Norwegian first, English too).
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Literal

from .messages import FIELD_LABELS, MESSAGES

__all__ = ["Problem", "Severity", "format_problems"]

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong (error) or doubtful (warning) in one file."""

    path: str
    code: str
    line: int | None = None
    field: str | None = None
    params: dict = dataclass_field(default_factory=dict, hash=False, compare=False)
    severity: Severity = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def message(self, lang: str = "nb") -> str:
        """The explanation with an example of what to write, in ``lang`` (nb or en)."""
        templates = MESSAGES[self.code]
        template = templates.get(lang) or templates["nb"]
        params = {"field": self.field_label(lang), **self.params}
        return template.format(**params)

    def field_label(self, lang: str = "nb") -> str:
        if not self.field:
            return ""
        return FIELD_LABELS.get(self.field, self.field.capitalize())

    def location(self, lang: str = "nb") -> str:
        """``path, linje 3, feltet Start`` (or the English equivalent)."""
        words = {"nb": ("linje", "feltet"), "en": ("line", "field")}[lang if lang == "en" else "nb"]
        parts = [self.path]
        if self.line:
            parts.append(f"{words[0]} {self.line}")
        if self.field:
            parts.append(f"{words[1]} {self.field_label(lang)}")
        return ", ".join(parts)

    def render(self, lang: str = "nb") -> str:
        kind = {
            ("error", "nb"): "FEIL",
            ("warning", "nb"): "ADVARSEL",
            ("error", "en"): "ERROR",
            ("warning", "en"): "WARNING",
        }[(self.severity, "en" if lang == "en" else "nb")]
        return f"{kind}: {self.location(lang)}: {self.message(lang)}"


def format_problems(problems: list[Problem], lang: str = "nb") -> str:
    """All problems, errors first, one per line, in a stable order."""
    ordered = sorted(problems, key=lambda p: (not p.is_error, p.path, p.line or 0, p.code))
    return "\n".join(p.render(lang) for p in ordered)

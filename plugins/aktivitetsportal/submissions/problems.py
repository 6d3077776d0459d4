"""Problems found in submitted files: a code and parameters, never words.

A :class:`Problem` names the file, line and field, a message code and its
parameters. The words are chosen when it is shown, in the language asked for,
by :mod:`aktivitetsportal.text.problem_messages`. A parameter can itself be a
:class:`Message` (a hint such as "did you mean ...", a reason), translated
the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Literal

__all__ = ["Problem", "Message", "Severity"]

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Message:
    """A message code and its parameters, to be put into words later."""

    code: str
    params: Mapping = dataclass_field(default_factory=dict, hash=False, compare=False)


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

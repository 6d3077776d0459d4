"""Write a new event file from the terminal: ``make new-event``.

``python -m aktivitetsportal.commands.new_event [--content content] [--settings pelicanconf.py]
[--lang nb] [--title ... --start ... --duration ... ...] [--yes] [--force]``

In a terminal it asks for each field in the guide's order, with a Norwegian label and a help
line with an example, and checks every answer at once with the same reader as the build
(:func:`parse_event` with the register's organizers), showing the validator's own words and
asking again until the answer is valid. Organizer, category and audience are numbered choices
from the register and the vocabularies: names are shown, slugs are written. Fields given as
flags are not asked (unless they are invalid). At the end it shows the finished file and writes
it to ``content/events/<organizer>/<title as slug>.md``: an existing file is replaced only when
confirmed (or with ``--force``), otherwise the new file gets a free name.

Without a terminal (or with ``--yes``) nothing is asked: every field comes from the flags.
Exit status: 0 when the file was written, 1 when it is invalid (the problems are listed; no file
is ever written with errors) or the questions were abandoned, 2 when the content folder is missing.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from aktivitetsportal.commands.cli import (
    add_language_option,
    add_settings_option,
    existing_folder,
    message_text,
    site_places,
)
from aktivitetsportal.keys import N_
from aktivitetsportal.submissions.catalog import (
    ASSOCIATIONS_DIR,
    EVENTS_DIR,
    load_catalog,
    organizer_lookup,
)
from aktivitetsportal.submissions.events import parse_event
from aktivitetsportal.submissions.field_names import field_label
from aktivitetsportal.submissions.models import Event
from aktivitetsportal.submissions.problems import Problem
from aktivitetsportal.submissions.sourcefile import parse_source_text
from aktivitetsportal.submissions.values import (
    parse_duration,
    postcode_in,
    slugify,
    sort_key_nb,
    split_list,
)
from aktivitetsportal.submissions.vocabulary import AUDIENCES, EVENT_CATEGORIES, Vocabulary
from aktivitetsportal.submissions.writing import EVENT_FIELD_ORDER, source_text
from aktivitetsportal.text.phrases import term_label, when
from aktivitetsportal.text.problem_messages import problem_message

__all__ = ["main", "Question", "QUESTIONS", "BODY"]

#: The description's name among the answers (it is the file's body, not a field).
BODY = "description"
#: A file name when the title gives no letters a-z (a title in Ukrainian or Arabic).
FALLBACK_NAME = "arrangement"
#: A description typed in the terminal ends with a line with only this on it.
BODY_END = "."


@dataclass(frozen=True, slots=True)
class Question:
    """One question: the field it fills, its label and one line of help with an example."""

    name: str
    label: str
    help: str
    required: bool = False
    #: The fields its answer may fill: "end" is End or Duration, whichever was written.
    fields: tuple[str, ...] = ()
    #: Numbered choices: the register ("organizer") or a vocabulary.
    choices: str = ""
    several: bool = False

    @property
    def filled(self) -> tuple[str, ...]:
        return self.fields or (self.name,)


_ASKED = {
    "title": Question("title", N_("Tittel"), N_("Navnet på arrangementet, for eksempel «Tirsdagskaffe på frivilligsentralen»."), required=True),
    "start": Question("start", N_("Dato og klokkeslett"), N_("Dato og klokkeslett første gang, for eksempel «2026-12-01 18:00». Bare dato («2026-12-01») betyr hele dagen."), required=True),
    "end": Question("end", N_("Varighet eller slutt"), N_("Hvor lenge det varer, for eksempel «2h» eller «1h30min», eller når det slutter, for eksempel «2026-12-01 20:00»."), fields=("end", "duration")),
    "repeat": Question("repeat", N_("Gjentakelse"), N_("Bare hvis det gjentas, for eksempel «weekly until 2027-06-30», «annenhver uke» eller «første tirsdag i måneden»."),),
    "location": Question("location", N_("Sted"), N_("Sted og adresse med postnummer, for eksempel «Frivilligsentralen, Storgata 1, 2830 Raufoss»."), required=True),
    "organizer": Question("organizer", N_("Arrangør"), N_("Foreningen som arrangerer. Skriv nummeret fra listen eller kortnavnet."), required=True, choices="organizer"),
    "category": Question("category", N_("Kategori"), N_("Skriv nummeret fra listen eller ordet, for eksempel «sosialt»."), required=True, choices="category"),
    "audience": Question("audience", N_("For hvem"), N_("Ett eller flere numre eller ord med komma mellom, for eksempel «1, 3». Tomt betyr alle."), choices="audience", several=True),
    "price": Question("price", N_("Pris"), N_("«gratis», et beløp som «100» eller «50 kr», eller voksen/barn som «100/50»."),),
    "registration": Question("registration", N_("Påmelding"), N_("En nettadresse (https://…), en e-postadresse eller en kort tekst, for eksempel «Ingen påmelding, bare møt opp.»."),),
    "accessibility": Question("accessibility", N_("Tilgjengelighet"), N_("For eksempel «Rullestoltilgjengelig, teleslynge»."),),
    "contact": Question("contact", N_("Kontakt"), N_("Den som kan svare på spørsmål, for eksempel «Kari Nordmann, tlf. 61 19 00 00»."),),
}
#: The questions in the guide's order (the order of the file), the description last.
QUESTIONS: tuple[Question, ...] = (
    *(_ASKED[name] for name in EVENT_FIELD_ORDER if name in _ASKED),
    Question(BODY, N_("Beskrivelse"), N_("Skriv så mye du vil, gjerne over flere linjer. Avslutt med en linje med bare et punktum (.)."),),
)
_FIELD_RANK = {name: rank for rank, name in enumerate(EVENT_FIELD_ORDER)}
_VOCABULARIES: dict[str, Vocabulary] = {"category": EVENT_CATEGORIES, "audience": AUDIENCES}

_INTRO = N_("Nytt arrangement. Svar på spørsmålene under; hvert svar blir sjekket med en gang. Avbryt med Ctrl+C.")
_MUST = N_("må fylles ut")
_MAY = N_("kan stå tomt: trykk Enter for å hoppe over")
_ERROR = N_("FEIL")
_WARNING = N_("ADVARSEL")
_BAD_NUMBER = N_("Nummeret {number} står ikke i listen. Skriv et tall fra 1 til {last}.")
_FILE_IS = N_("Slik blir filen:")
_SHOWN_AS = N_("Slik blir tiden vist: {when}")
_EXISTS = N_("Filen {path} finnes fra før. Vil du erstatte den? Skriv «ja» for å erstatte, ellers får den nye filen et annet navn.")
_YES = N_("ja")
_NEW_NAME = N_("Navnet {path} er allerede i bruk (to arrangementer kan ikke ha samme navn), så den nye filen heter {new}.")
_SAVED = N_("Lagret: {path}")
_NEXT = N_("Neste steg: legg filen fram som en endring (pull request), så blir den sjekket og publisert når den er godkjent. Se docs/innsending-og-godkjenning.md.")
_NOT_SAVED = N_("Avbrutt. Ingen fil ble lagret.")
_INVALID = N_("Filen ble ikke lagret fordi den har feil. Rett verdiene over og prøv igjen.")


@dataclass(slots=True)
class _Register:
    """What answers are checked against: the register and the slugs already in use."""

    organizers: dict[str, str]
    broken: frozenset[str]
    names: list[tuple[str, str]]  # (slug, name) in Norwegian alphabetical order
    slugs: dict[str, set[str]] = field(default_factory=dict)  # event slug -> files that have it
    places: Mapping[str, str] | None = None


def _register(root: Path, places: Mapping[str, str] | None) -> _Register:
    catalog = load_catalog(root, render=False)
    lookup = organizer_lookup(catalog.associations.values())
    broken = {PurePosixPath(p.path).stem for p in catalog.errors if p.path.startswith(ASSOCIATIONS_DIR + "/")}
    names = sorted(((a.slug, a.name) for a in catalog.associations.values()), key=lambda pair: sort_key_nb(pair[1]))
    slugs: dict[str, set[str]] = {}
    for event in catalog.events:
        slugs.setdefault(event.slug, set()).add(event.source_path)
    for path in sorted((root / EVENTS_DIR).rglob("*.md")):  # invalid files keep their name too
        rel = path.relative_to(root).as_posix()
        slugs.setdefault(slugify(path.stem), set()).add(rel)
    return _Register(lookup, frozenset(broken - set(lookup)), names, slugs, places)


def _file_name(answers: Mapping[str, str]) -> str:
    return slugify(answers.get("title", "")) or FALLBACK_NAME


def _relative_path(answers: Mapping[str, str], organizer: str = "") -> str:
    folder = slugify(organizer or answers.get("organizer", "")) or "ny"
    return f"{EVENTS_DIR}/{folder}/{_file_name(answers)}.md"


def _text(answers: Mapping[str, str]) -> str:
    return source_text({k: v for k, v in answers.items() if k != BODY}, answers.get(BODY, ""))


def _check(answers: Mapping[str, str], register: _Register, organizer: str = ""):
    """The event (None when invalid) and every problem, exactly as the build reads the file."""
    source = parse_source_text(_text(answers), _relative_path(answers, organizer))
    event, problems = parse_event(source, organizers=register.organizers, broken_organizers=register.broken)
    if register.places and (code := postcode_in(answers.get("location", ""))) and code not in register.places:
        # The same warning the catalogue gives (it needs the whole event to be valid first).
        problems.append(Problem(source.path, "unknown_postcode", field="location", severity="warning", params={
            "value": code, "places": ", ".join(f"{c} {name}" for c, name in sorted(register.places.items()))}))
    return event, problems, source.body_line


def _problems_of(question: Question, problems: list[Problem], body_line: int) -> list[Problem]:
    """The problems an answer to ``question`` caused (the description's are at its first line)."""
    if question.name == BODY:
        return [p for p in problems if p.field is None and p.line == body_line]
    return [p for p in problems if p.field in question.filled]


def _choices(question: Question, register: _Register, lang: str) -> list[tuple[str, str]]:
    """(value written, name shown) for a question with numbered choices."""
    if question.choices == "organizer":
        return register.names
    return [(term.value, term_label(term, lang)) for term in _VOCABULARIES[question.choices]]


def _chosen(answer: str, question: Question, choices: list[tuple[str, str]],
            text: Callable[[str], str]) -> tuple[str, str]:
    """The answer with numbers replaced by what they stand for, and a message if a number is wrong."""
    items = split_list(answer) if question.several else [answer.strip()]
    values = []
    for item in items:
        if item.isdigit():
            number = int(item)
            if not 1 <= number <= len(choices):
                return "", text(_BAD_NUMBER).format(number=number, last=len(choices))
            item = choices[number - 1][0]
        values.append(item)
    return ", ".join(values), ""


def _answer_fields(question: Question, answer: str) -> dict[str, str]:
    """What an answer fills: "2h" is a Duration, anything else for "end" an End."""
    if question.name == "end":
        if not answer:
            return {"end": "", "duration": ""}
        return {"duration": answer, "end": ""} if parse_duration(answer) else {"end": answer, "duration": ""}
    return {question.name: answer}


def _described(problems: list[Problem], lang: str, text: Callable[[str], str], prefix=None) -> list[str]:
    """Each problem in the validator's words, errors first."""
    lines = []
    for problem in sorted(problems, key=lambda p: (not p.is_error, _FIELD_RANK.get(p.field, len(_FIELD_RANK)))):
        kind = text(_ERROR if problem.is_error else _WARNING)
        where = f"{prefix(problem)}: " if prefix else ""
        lines.append(f"{kind}: {where}{problem_message(problem, lang)}")
    return lines


class _Abandoned(Exception):
    """The person stopped answering (end of input or Ctrl+C)."""


def _read(prompt: str) -> str:
    try:
        return input(prompt)
    except (EOFError, KeyboardInterrupt) as exc:
        raise _Abandoned from exc


def _read_body() -> str:
    """Lines until one with only ``.`` (or the end of input); an empty first line is no description."""
    lines = []
    while True:
        try:
            line = input("> " if not lines else "  ")
        except EOFError:
            break
        except KeyboardInterrupt as exc:
            raise _Abandoned from exc
        if line.strip() == BODY_END or (not lines and not line.strip()):
            break
        lines.append(line)
    return "\n".join(lines)


def _heading(question: Question, text: Callable[[str], str]) -> str:
    """``Tittel (Title) – må fylles ut``: the label, the field names to learn, required or not."""
    label = text(question.label)
    if question.name != BODY:
        label += f" ({' / '.join(field_label(name) for name in question.filled)})"
    return f"{label} – {text(_MUST if question.required else _MAY)}"


def _ask(question: Question, answers: dict[str, str], register: _Register, lang: str,
         text: Callable[[str], str], given: bool) -> None:
    """Ask ``question`` until the answer is valid; a value given as a flag is tried first, unasked."""
    choices = _choices(question, register, lang) if question.choices else []
    asked = False
    while True:
        if given:
            candidate, given = dict(answers), False
        else:
            if not asked:
                print()
                print(_heading(question, text))
                print(f"  {text(question.help)}")
                for number, (value, name) in enumerate(choices, start=1):
                    print(f"  {number:>2}  {name} ({value})")
                asked = True
            answer = _read_body() if question.name == BODY else _read("> ").strip()
            if choices and answer:
                answer, wrong = _chosen(answer, question, choices, text)
                if wrong:
                    print(f"  {text(_ERROR)}: {wrong}")
                    continue
            candidate = {**answers, **_answer_fields(question, answer)}
        _, problems, body_line = _check(candidate, register)
        found = _problems_of(question, problems, body_line)
        for line in _described(found, lang, text):
            print(f"  {line}")
        if not any(p.is_error for p in found):
            answers.clear()
            answers.update({name: value for name, value in candidate.items() if value})
            return


def _flag_name(problem: Problem, body_line: int) -> str:
    """The flag a problem is about: ``--start``, ``--description``."""
    if problem.field:
        return f"--{problem.field}"
    return f"--{BODY}" if problem.line == body_line else problem.path


def _canonical(answers: dict[str, str], event: Event) -> dict[str, str]:
    """The answers with slugs and vocabulary values as the register writes them."""
    fixed = {**answers, "organizer": event.organizer, "category": event.category}
    if answers.get("audience"):
        fixed["audience"] = ", ".join(event.audiences)
    return fixed


def _target(root: Path, answers: Mapping[str, str], organizer: str, register: _Register,
            replace: Callable[[Path], bool]) -> Path:
    """Where to write: the title's name, or the next free one (``-2``, ``-3``) when taken.

    Taken means another file has that slug anywhere under events/ (two events with one slug:
    the build keeps only one), or the file exists and ``replace`` says not to replace it.
    """
    base = _file_name(answers)
    for number in range(1, 10_000):
        name = base if number == 1 else f"{base}-{number}"
        rel = f"{EVENTS_DIR}/{organizer}/{name}.md"
        others = register.slugs.get(name, set()) - {rel}
        if others:
            continue
        if not (root / rel).exists() or replace(root / rel):
            return root / rel
    raise RuntimeError("no free file name")  # not reachable: 10,000 events of one title


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m aktivitetsportal.commands.new_event",
        description="Lag en ny arrangementsfil: spør om hvert felt og sjekker svarene med en gang.",
    )
    parser.add_argument("--content", default="content", help="content folder (default: content)")
    add_settings_option(parser)
    add_language_option(parser)
    for question in QUESTIONS:
        for name in question.filled:
            parser.add_argument(f"--{name}", dest=name.replace("-", "_"), metavar="TEXT",
                                help=f"{field_label(name) if name != BODY else 'the description (Markdown)'}")
    parser.add_argument("--yes", action="store_true", help="ask nothing: every field from the flags")
    parser.add_argument("--interactive", action="store_true",
                        help="ask even when the input is not a terminal (answers fed on stdin)")
    parser.add_argument("--force", action="store_true", help="replace a file of the same name")
    args = parser.parse_args(argv)
    args.text = message_text(parser, args.lang)
    return args


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    text, lang = args.text, args.lang
    root = existing_folder(args.content, text)
    if root is None:
        return 2
    register = _register(root, site_places(args.settings))
    flags = {name: value for question in QUESTIONS for name in question.filled
             if (value := getattr(args, name.replace("-", "_"))) is not None and value.strip()}
    interactive = not args.yes and (args.interactive or sys.stdin.isatty())
    answers = dict(flags)
    if interactive:
        print(text(_INTRO))
        try:
            for question in QUESTIONS:
                given = any(name in flags for name in question.filled)
                _ask(question, answers, register, lang, text, given)
        except _Abandoned:
            print()
            print(text(_NOT_SAVED))
            return 1

    event, problems, body_line = _check(answers, register)
    if event is None:
        for line in _described(problems, lang, text, prefix=lambda p: _flag_name(p, body_line)):
            print(line, file=sys.stderr)
        print(text(_INVALID), file=sys.stderr)
        return 1
    answers = _canonical(answers, event)
    final_text = _text(answers)
    if interactive:
        print()
        print(text(_FILE_IS))
        print()
        print("\n".join(f"    {line}" for line in final_text.splitlines()))
        print()
        print(text(_SHOWN_AS).format(when=_when(event, lang)))
    else:  # the warnings (an interactive session showed them with each answer)
        for line in _described(problems, lang, text, prefix=lambda p: _flag_name(p, body_line)):
            print(line, file=sys.stderr)

    def replace(path: Path) -> bool:
        """Replace an existing file of the same name? Only with --force or when confirmed."""
        if args.force or not interactive:
            return args.force
        try:
            reply = _read(text(_EXISTS).format(path=path) + " ").strip().casefold()
        except _Abandoned:
            return False
        yes = text(_YES).casefold()
        return reply in {"j", "ja", "y", "yes", yes, yes[:1]}

    target = _target(root, answers, event.organizer, register, replace)
    wanted = root / _relative_path(answers, event.organizer)
    if target != wanted:
        print(text(_NEW_NAME).format(path=wanted, new=target))
    # The file as it will be read where it is written: never write a file with errors.
    _, final_problems = parse_event(parse_source_text(final_text, target.relative_to(root).as_posix()),
                                    organizers=register.organizers, broken_organizers=register.broken)
    if any(p.is_error for p in final_problems):
        for line in _described(final_problems, lang, text):
            print(line, file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(final_text, encoding="utf-8", newline="\n")
    print(text(_SAVED).format(path=target))
    if interactive:
        print(text(_NEXT))
    return 0


def _when(event: Event, lang: str) -> str:
    """The event's first time in words, as feeds and search say it (``Hver tirsdag. Neste: …``)."""
    return when(event.start, event.start + event.duration, event.recurrence, event.first_day, lang)


if __name__ == "__main__":
    sys.exit(main())

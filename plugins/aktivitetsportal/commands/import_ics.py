"""Import a published calendar as event files: ``python -m aktivitetsportal.import_ics``.

    python -m aktivitetsportal.import_ics SOURCE --organizer SLUG [--into DIR] [--dry-run]
        [--prune] [--category CAT] [--location TEXT] [--lang nb|nn|en|uk|pl|ar]
        [--content content] [--settings pelicanconf.py]

SOURCE is a ``.ics`` file or the http(s) address of a published calendar (Google,
Outlook, Apple; ``webcal://`` is read as ``https://``). Every series or single event
becomes one file in DIR (default ``content/events/<organizer>/``), found again by its
``Import-uid:`` on the next run: the same calendar imported twice changes nothing, an
updated calendar updates the same files, and files of events gone from the calendar
are listed (removed only with ``--prune``). Every file is checked with the build's own
validation before it is written; an event that would not pass is left out with the
reason. Exit status: 0 when every event was imported (warnings allowed), 1 when some
were left out, 2 when nothing could be read (no calendar, unknown organizer or
category, missing folder).
"""

from __future__ import annotations

import argparse
import runpy
import sys
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.error import URLError
from urllib.parse import urlsplit, urlunsplit

from aktivitetsportal.commands.cli import add_language_option, existing_folder, message_text
from aktivitetsportal.keys import N_
from aktivitetsportal.settings import PortalSettings
from aktivitetsportal.submissions.calendar_import import (
    IMPORT_UID,
    CalendarRead,
    CalendarUnreadable,
    Draft,
    ImportOptions,
    file_stem,
    read_calendar,
)
from aktivitetsportal.submissions.catalog import EVENTS_DIR, load_catalog, organizer_lookup
from aktivitetsportal.submissions.events import parse_event
from aktivitetsportal.submissions.field_names import field_label
from aktivitetsportal.submissions.fields import suggestion_hint
from aktivitetsportal.submissions.problems import Message, Problem
from aktivitetsportal.submissions.sourcefile import SourceFile, parse_source_text, read_source
from aktivitetsportal.submissions.vocabulary import EVENT_CATEGORIES
from aktivitetsportal.submissions.writing import source_text
from aktivitetsportal.text.phrases import long_date_with_year
from aktivitetsportal.text.problem_messages import format_problems, problem_message

__all__ = ["main", "MAX_DOWNLOAD_BYTES", "TIMEOUT_SECONDS"]

#: The largest calendar read (a busy association's Google calendar with years of history
#: is a few MB).
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024
#: Seconds to wait for a calendar server.
TIMEOUT_SECONDS = 30
_USER_AGENT = "Aktivitetsportalen calendar import"

_UNKNOWN_ORGANIZER = N_("Fant ingen forening med kortnavnet «{slug}» i {folder}.{hint} Arrangementene importeres for en forening i registeret: skriv kortnavnet, for eksempel «--organizer {example}», eller legg foreningen inn først.")
_UNKNOWN_CATEGORY = N_("«{value}» er ikke en kategori.{hint} Velg blant: {choices}.")
_NOT_CALENDAR = N_("{source} er ikke en kalender (iCalendar, .ics). Sjekk adressen: bruk lenken til kalenderen i iCal-format («hemmelig adresse i iCal-format» i Google Kalender, «ICS-lenke» i Outlook).")
_NO_FILE = N_("Fant ikke filen {source}.")
_BAD_SCHEME = N_("Kan ikke hente {source}: bare adresser som begynner med https:// eller http:// (eller webcal://) kan hentes.")
_FETCH_FAILED = N_("Kunne ikke hente {source} ({error}). Sjekk adressen og nettforbindelsen, og prøv igjen.")
_TOO_LARGE = N_("{source} er større enn {limit} MB og blir ikke lest.")
_HEADING = N_("Importerer {source} til {folder}. Arrangementer i kalenderen: {count}.")
_CREATED = N_("Ny fil: {path} ({title})")
_UPDATED = N_("Oppdatert: {path} ({title})")
_REMOVED = N_("Fjernet: {path} (finnes ikke lenger i kalenderen)")
_GONE = N_("Finnes ikke lenger i kalenderen: {path}. Kjør med --prune for å fjerne filen.")
_KEPT = N_("Den forrige versjonen i {path} er beholdt.")
_PAST = N_("Arrangementer som var over før {date}, er hoppet over: {count}.")
_PRIVATE = N_("Private arrangementer (merket privat i kalenderen) er ikke importert: {count}.")
_SUMMARY = N_("Nye: {created}. Oppdatert: {updated}. Uendret: {unchanged}. Ikke importert: {left_out}. Fjernet: {removed}.")
_NOT_PRUNED = N_("Kalenderen ble ikke lest helt, så ingen filer er fjernet: det som ikke ble lest, kan fortsatt være der. Rett feilene og kjør med --prune igjen.")
_DRY_RUN = N_("Prøvekjøring (--dry-run): ingen filer er skrevet eller slettet.")
_ALL_DONE = N_("Alt er importert. Kjør «make validate» og se over filene før du publiserer.")
_SOME_LEFT_OUT = N_("Noen arrangementer ble ikke importert. Rett dem i kalenderen og kjør importen på nytt.")


class _SourceError(Exception):
    """The calendar cannot be read; the message id and its values say why."""

    def __init__(self, message: str, **params):
        super().__init__(message)
        self.message = message
        self.params = params


@dataclass(slots=True)
class _ImportedFile:
    """A file in the import folder that an earlier import wrote."""

    path: Path
    source: SourceFile


@dataclass(slots=True)
class _Outcome:
    created: list[tuple[Path, str]] = field(default_factory=list)
    updated: list[tuple[Path, str]] = field(default_factory=list)
    unchanged: int = 0
    left_out: list[Problem] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    gone: list[Path] = field(default_factory=list)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m aktivitetsportal.import_ics",
        description="Importer en publisert kalender (.ics fra Google, Outlook eller Apple) som arrangementer.",
    )
    parser.add_argument("source", help="a .ics file, or the https:// (or webcal://) address of a published calendar")
    parser.add_argument("--organizer", required=True, help="the association's slug (content/associations/<slug>.md)")
    parser.add_argument("--into", type=Path, help="folder of the event files (default: content/events/<organizer>/)")
    parser.add_argument("--dry-run", action="store_true", help="say what would change, write nothing")
    parser.add_argument("--prune", action="store_true", help="remove files of events no longer in the calendar")
    parser.add_argument("--category", default="annet", help="Category of every event (default: annet)")
    parser.add_argument("--location", default="", help="Location of events that have none in the calendar")
    parser.add_argument("--content", default="content", help="content folder (default: content)")
    parser.add_argument("--settings", type=Path,
                        help="the site's settings file (e.g. pelicanconf.py): its today and window decide which past events are skipped")
    add_language_option(parser)
    args = parser.parse_args(argv)
    text = message_text(parser, args.lang)
    root = existing_folder(args.content, text)
    if root is None:
        return 2
    catalog = load_catalog(root, render=False)
    lookup = organizer_lookup(catalog.associations.values())
    organizer = lookup.get(args.organizer) or lookup.get(" ".join(args.organizer.casefold().split()))
    if organizer is None:
        _complain(text, _UNKNOWN_ORGANIZER, slug=args.organizer,
                  folder=(root / "associations").as_posix(),
                  hint=_hint(args.organizer, sorted(catalog.associations), args.lang),
                  example=next(iter(sorted(catalog.associations)), "vestre-toten-frivilligsentral"))
        return 2
    category = EVENT_CATEGORIES.get(args.category)
    if category is None:
        _complain(text, _UNKNOWN_CATEGORY, value=args.category,
                  hint=_hint(args.category, EVENT_CATEGORIES.values(), args.lang),
                  choices=", ".join(EVENT_CATEGORIES.values()))
        return 2
    settings = PortalSettings.from_mapping(runpy.run_path(str(args.settings)) if args.settings else {})
    folder = args.into or root / EVENTS_DIR / organizer
    options = ImportOptions(organizer=organizer, category=category.value, location=args.location.strip(),
                            since=settings.today - timedelta(days=settings.days_back))
    shown = _display_name(args.source)
    try:
        calendar = read_calendar(_read(args.source, shown), shown, options)
    except _SourceError as exc:
        print(text(exc.message).format(**exc.params), file=sys.stderr)
        return 2
    except CalendarUnreadable:
        print(text(_NOT_CALENDAR).format(source=shown), file=sys.stderr)
        return 2

    print(text(_HEADING).format(source=shown, folder=folder.as_posix(), count=calendar.events))
    imported = _imported_files(folder, root)
    ours = {f.source.path for f in imported.values()}
    # Slugs are unique site-wide: a new file must not take one another event has.
    others = {e.slug: e.source_path for e in catalog.events if e.source_path not in ours}
    outcome = _Outcome()
    for draft in calendar.drafts:
        _place(draft, shown, folder, root, imported, others, lookup, settings.today, args.dry_run, outcome)
    # A calendar not read to its end may hold events whose files look gone: prune nothing then.
    _prune(imported, calendar.keys, args.prune and calendar.complete, args.dry_run, outcome)
    _report(text, args.lang, calendar, outcome, options.since, args.dry_run,
            not_pruned=args.prune and not calendar.complete)
    return 1 if outcome.left_out or any(p.is_error for p in calendar.problems) else 0


def _complain(text: Callable[[str], str], message: str, **params) -> None:
    print(text(message).format(**params), file=sys.stderr)


def _hint(value: str, choices: list[str], lang: str) -> str:
    """" Mente du «x»?" in ``lang`` for the closest choice, else ""."""
    hint = suggestion_hint(value, choices).get("hint")
    if hint is None:
        return ""
    return problem_message(Problem("", hint.code, params=dict(hint.params)), lang)


def _display_name(source: str) -> str:
    """The source as the report shows it: a web address without its path and query.

    Published calendar addresses often carry a secret (Google's "secret address"), and
    the report ends up in logs.
    """
    parts = urlsplit(source)
    if parts.scheme.lower() in {"http", "https", "webcal"} and parts.netloc:
        name = parts.path.rstrip("/").rpartition("/")[2]
        return urlunsplit((parts.scheme, parts.hostname or "", f"/…/{name}" if name else "/", "", ""))
    return source


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) addresses only (urllib would also follow ftp://)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme.lower() not in {"http", "https"}:
            raise URLError(f"redirect to {urlsplit(newurl).scheme}:")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _read(source: str, shown: str) -> bytes:
    """The bytes of a file or of a web address (http, https, webcal), within the size limit."""
    parts = urlsplit(source)
    scheme = parts.scheme.lower()
    if len(scheme) > 1:  # "C:\\kalender.ics" is a Windows path, not a scheme
        if scheme not in {"http", "https", "webcal"}:
            raise _SourceError(_BAD_SCHEME, source=shown)
        url = urlunsplit(("https", *parts[1:])) if scheme == "webcal" else source
        request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT, "Accept": "text/calendar, */*"})
        opener = urllib.request.build_opener(_HttpOnlyRedirects)
        try:
            with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
                data = response.read(MAX_DOWNLOAD_BYTES + 1)
        except (URLError, OSError, ValueError) as exc:
            raise _SourceError(_FETCH_FAILED, source=shown, error=_reason(exc)) from exc
    else:
        path = Path(source)
        if not path.is_file():
            raise _SourceError(_NO_FILE, source=shown)
        with path.open("rb") as stream:
            data = stream.read(MAX_DOWNLOAD_BYTES + 1)
    if len(data) > MAX_DOWNLOAD_BYTES:
        raise _SourceError(_TOO_LARGE, source=shown, limit=MAX_DOWNLOAD_BYTES // (1024 * 1024))
    return data


def _reason(exc: Exception) -> str:
    """The HTTP status or network error, without the address (it may hold a secret)."""
    if code := getattr(exc, "code", None):
        return f"HTTP {code}"
    return str(getattr(exc, "reason", "") or type(exc).__name__)


def _imported_files(folder: Path, root: Path) -> dict[str, _ImportedFile]:
    """Files an earlier import wrote into ``folder``, by their Import-uid."""
    found: dict[str, _ImportedFile] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.glob("*.md")):
        if path.is_symlink() or not path.is_file():
            continue
        source = read_source(path, root)
        if key := source.value(IMPORT_UID):
            found.setdefault(key, _ImportedFile(path, source))
    return found


def _relative(path: Path, root: Path) -> str:
    """The path as the build names it (relative to the content folder)."""
    resolved, base = path.resolve(), root.resolve()
    return resolved.relative_to(base).as_posix() if resolved.is_relative_to(base) else f"{EVENTS_DIR}/{path.name}"


def _with_history(draft: Draft, existing: _ImportedFile | None, today: date) -> str:
    """The text of the draft's file, with Added and Modified stable from run to run.

    A calendar without CREATED keeps the Added of the earlier import (else today); one
    without LAST-MODIFIED gets today as Modified only when the file really changes.
    """
    fields = dict(draft.fields)
    earlier = existing.source if existing else None
    if not fields.get("added"):
        fields["added"] = earlier.value("added") if earlier and earlier.value("added") else today.isoformat()
    if fields.get("modified") or earlier is None:
        return source_text(fields, draft.body)
    same = source_text({**fields, "modified": earlier.value("modified")}, draft.body)
    if existing.path.read_bytes() == same.encode("utf-8"):
        return same
    return source_text({**fields, "modified": today.isoformat()}, draft.body)


def _place(draft: Draft, source_name: str, folder: Path, root: Path, imported: dict[str, _ImportedFile],
           others: Mapping[str, str], lookup: Mapping[str, str], today: date, dry_run: bool,
           outcome: _Outcome) -> None:
    """Check one draft as the build would and write it (unless it is unchanged or invalid)."""
    existing = imported.get(draft.key)
    path = existing.path if existing else folder / f"{file_stem(draft)}.md"
    relpath = _relative(path, root)
    text = _with_history(draft, existing, today)
    _, problems = parse_event(parse_source_text(text, relpath), organizers=lookup)
    errors = [p for p in problems if p.is_error]
    if existing is None and (path.stem in others or path.exists()):
        errors.append(Problem(relpath, "import_slug_taken", params={"path": others.get(path.stem, relpath)}))
    if errors:
        for problem in errors:
            reason = Message(problem.code, {**problem.params, "field": field_label(problem.field or "")})
            outcome.left_out.append(Problem(source_name, "import_invalid", line=draft.line,
                                            params={"title": draft.title, "reason": reason}))
        if existing:
            outcome.kept.append(existing.path)
        return
    if existing and existing.path.read_bytes() == text.encode("utf-8"):
        outcome.unchanged += 1
        return
    (outcome.updated if existing else outcome.created).append((path, draft.title))
    if not dry_run:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))


def _prune(imported: Mapping[str, _ImportedFile], keys: set[str], prune: bool, dry_run: bool,
           outcome: _Outcome) -> None:
    """Files of events no longer in the calendar: removed with ``--prune``, else listed."""
    for key, existing in sorted(imported.items(), key=lambda item: item[1].path):
        if key in keys:
            continue
        if not prune:
            outcome.gone.append(existing.path)
            continue
        if not dry_run:
            existing.path.unlink()
        outcome.removed.append(existing.path)


def _report(text: Callable[[str], str], lang: str, calendar: CalendarRead, outcome: _Outcome, since: date,
            dry_run: bool, not_pruned: bool) -> None:
    for path, title in outcome.created:
        print(text(_CREATED).format(path=path.as_posix(), title=title))
    for path, title in outcome.updated:
        print(text(_UPDATED).format(path=path.as_posix(), title=title))
    for path in outcome.removed:
        print(text(_REMOVED).format(path=path.as_posix()))
    for path in outcome.gone:
        print(text(_GONE).format(path=path.as_posix()))
    if not_pruned:
        print(text(_NOT_PRUNED))
    if calendar.past:
        print(text(_PAST).format(count=calendar.past, date=long_date_with_year(since, lang)))
    if calendar.private:
        print(text(_PRIVATE).format(count=calendar.private))
    problems = calendar.problems + outcome.left_out
    if problems:
        print()
        print(format_problems(problems, lang))
    for path in outcome.kept:
        print(text(_KEPT).format(path=path.as_posix()))
    left_out = len({(p.path, p.line) for p in problems if p.is_error})
    print()
    print(text(_SUMMARY).format(created=len(outcome.created), updated=len(outcome.updated),
                                unchanged=outcome.unchanged, left_out=left_out, removed=len(outcome.removed)))
    if dry_run:
        print(text(_DRY_RUN))
    print(text(_SOME_LEFT_OUT if left_out else _ALL_DONE))

"""`make new-event`: a new event file from the terminal, checked as the build checks it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from aktivitetsportal.commands import new_event
from aktivitetsportal.commands.validate import main as validate
from aktivitetsportal.submissions.catalog import load_catalog
from aktivitetsportal.submissions.problems import Problem
from aktivitetsportal.text.problem_messages import problem_message
from aktivitetsportal.text.translations import translator

ASSOCIATIONS = {
    "raufoss-pensjonistforening": "Name: Raufoss og omegn pensjonistforening\nCategory: eldre\n\nVi møtes.\n",
    "toten-turlag": "Name: Toten Turlag\nCategory: friluftsliv\n\nTurer.\n",
}
FLAGS = ["--title", "Strikkekafé på biblioteket", "--start", "2026-12-03 18:00", "--duration", "2h",
         "--location", "Biblioteket, Storgata 2, 2830 Raufoss", "--organizer", "toten-turlag",
         "--category", "sosialt", "--audience", "voksne, eldre", "--price", "gratis",
         "--description", "Ta med garn.\n\nVi har kaffe."]
EXPECTED = ("Title: Strikkekafé på biblioteket\nStart: 2026-12-03 18:00\nDuration: 2h\n"
            "Location: Biblioteket, Storgata 2, 2830 Raufoss\nOrganizer: toten-turlag\nCategory: sosialt\n"
            "Audience: voksne, eldre\nPrice: gratis\n\nTa med garn.\n\nVi har kaffe.\n")


@pytest.fixture
def content(tmp_path) -> Path:
    root = tmp_path / "content"
    (root / "associations").mkdir(parents=True)
    for slug, text in ASSOCIATIONS.items():
        (root / "associations" / f"{slug}.md").write_text(text, encoding="utf-8")
    return root


def run(content: Path, *args: str, answers: str | None = None) -> subprocess.CompletedProcess:
    """The command as `make new-event` runs it; ``answers`` are typed on standard input."""
    return subprocess.run([sys.executable, "-m", "aktivitetsportal.commands.new_event", "--content", str(content),
                           *args], input=answers if answers is not None else "", capture_output=True,
                          text=True, check=False)


def message(code: str, field: str, lang: str = "nb", **params) -> str:
    """A problem in the validator's own words."""
    return problem_message(Problem("events/x.md", code, field=field, params=params), lang)


def test_flags_write_a_valid_file_in_the_organizers_folder(content):
    result = run(content, *FLAGS, "--yes")
    assert result.returncode == 0, result.stderr
    written = content / "events" / "toten-turlag" / "strikkekafe-pa-biblioteket.md"
    assert written.read_text(encoding="utf-8") == EXPECTED
    assert f"Lagret: {written}" in result.stdout
    assert validate([str(content)]) == 0
    (event,) = load_catalog(content).events
    assert event.slug == "strikkekafe-pa-biblioteket" and event.audiences == ("voksne", "eldre")


def test_without_a_terminal_nothing_is_asked(content):
    """Standard input is not a terminal here: the flags are all there is, even without --yes."""
    result = run(content, *FLAGS)
    assert result.returncode == 0 and "?" not in result.stdout.replace(f"{content}", "")
    assert (content / "events" / "toten-turlag" / "strikkekafe-pa-biblioteket.md").exists()


def test_invalid_flags_are_named_in_the_validators_words_and_nothing_is_written(content):
    flags = [*FLAGS]
    flags[flags.index("--start") + 1] = "2026-12-03 kl. 18"
    flags[flags.index("--category") + 1] = "fest"
    flags[flags.index("--organizer") + 1] = "toten-turla"
    result = run(content, *flags, "--yes")
    assert result.returncode == 1
    errors = result.stderr.splitlines()
    assert errors[0] == "FEIL: --start: " + message("bad_datetime_guess", "start", value="2026-12-03 kl. 18",
                                                      suggestion="2026-12-03 18:00")
    assert errors[1].startswith("FEIL: --organizer: Fant ingen forening med kortnavnet «toten-turla»")
    assert "Mente du «toten-turlag»?" in errors[1]
    assert errors[2].startswith("FEIL: --category: «fest» er ikke en gyldig verdi for Category.")
    assert not (content / "events").exists()


def test_missing_required_flags_are_listed(content):
    result = run(content, "--title", "Kaffe", "--yes")
    assert result.returncode == 1
    for flag in ("--start", "--location", "--organizer", "--category"):
        assert f"FEIL: {flag}: Feltet " in result.stderr


def test_messages_in_another_language(content):
    result = run(content, "--title", "Kaffe", "--start", "tomorrow", "--yes", "--lang", "en")
    assert result.returncode == 1
    assert translator("en").gettext("FEIL") == "ERROR"
    assert "ERROR: --start: \"tomorrow\" is not a date and time we understand" in result.stderr


def test_an_existing_name_gets_a_free_one_unless_forced(content):
    assert run(content, *FLAGS, "--yes").returncode == 0
    again = run(content, *FLAGS, "--yes")
    assert again.returncode == 0
    second = content / "events" / "toten-turlag" / "strikkekafe-pa-biblioteket-2.md"
    assert second.read_text(encoding="utf-8") == EXPECTED
    assert "strikkekafe-pa-biblioteket-2.md" in again.stdout
    flags = [*FLAGS]
    flags[flags.index("--price") + 1] = "50 kr"
    forced = run(content, *flags, "--yes", "--force")
    assert forced.returncode == 0
    first = content / "events" / "toten-turlag" / "strikkekafe-pa-biblioteket.md"
    assert "Price: 50 kr" in first.read_text(encoding="utf-8")
    assert not (content / "events" / "toten-turlag" / "strikkekafe-pa-biblioteket-3.md").exists()
    assert validate([str(content)]) == 0


def test_a_slug_used_by_another_organizer_is_not_taken_twice(content):
    other = content / "events" / "raufoss-pensjonistforening" / "strikkekafe-pa-biblioteket.md"
    other.parent.mkdir(parents=True)
    other.write_text(EXPECTED.replace("toten-turlag", "raufoss-pensjonistforening"), encoding="utf-8")
    assert run(content, *FLAGS, "--yes").returncode == 0
    assert (content / "events" / "toten-turlag" / "strikkekafe-pa-biblioteket-2.md").exists()
    assert load_catalog(content).errors == []  # two events with one slug would drop one


def test_organizer_by_name_and_a_title_without_latin_letters(content):
    result = run(content, "--title", "Розмовна кава", "--start", "2026-12-24", "--location", "Huset, 2830 Raufoss",
                 "--organizer", "Toten Turlag", "--category", "Sosialt", "--yes")
    assert result.returncode == 0, result.stderr
    written = content / "events" / "toten-turlag" / "arrangement.md"
    assert written.read_text(encoding="utf-8") == (
        "Title: Розмовна кава\nStart: 2026-12-24\nLocation: Huset, 2830 Raufoss\n"
        "Organizer: toten-turlag\nCategory: sosialt\n\n")


def test_missing_content_folder_is_exit_2(tmp_path):
    result = run(tmp_path / "finnes-ikke", *FLAGS, "--yes")
    assert result.returncode == 2 and "Fant ikke mappen" in result.stderr


# -- asking in the terminal ---------------------------------------------------------------------

def test_questions_with_wrong_answers_followed_by_right_ones(content):
    answers = "\n".join([
        "Strikkekafé på biblioteket",                  # Tittel
        "2026-12-03 kl. 18", "2026-12-03 18:00",       # Start: almost right, then right
        "", "2h",                                      # Varighet: needed for a time, then given
        "hver tirsdag", "weekly until 2027-03-25",     # Gjentakelse: not understood, then right
        "Biblioteket, Storgata 2, 2830 Raufoss",       # Sted
        "9", "2",                                      # Arrangør: no such number, then number 2
        "fest", "4",                                   # Kategori: unknown, then number 4 (sosialt)
        "3, 4",                                        # For hvem: voksne, eldre
        "",                                            # Pris: skipped
        "", "", "",                                    # Påmelding, Tilgjengelighet, Kontakt
        "Ta med garn.", "", "Vi har kaffe.", ".",      # Beskrivelse, ended by "."
    ]) + "\n"
    result = run(content, "--interactive", answers=answers)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "Tittel (Title) – må fylles ut" in out
    assert "Varighet eller slutt (End / Duration)" in out
    assert message("bad_datetime_guess", "start", value="2026-12-03 kl. 18", suggestion="2026-12-03 18:00") in out
    assert message("missing_end", "duration", example="2026-12-03 20:00") in out
    assert "«hver tirsdag» er ikke en gjentakelse vi forstår" in out
    assert "Nummeret 9 står ikke i listen. Skriv et tall fra 1 til 2." in out
    assert "   2  Toten Turlag (toten-turlag)" in out  # names shown, slugs written
    assert "«fest» er ikke en gyldig verdi for Category." in out
    assert "Slik blir tiden vist: Hver torsdag. Neste: torsdag 3. desember 2026, 18:00–20:00" in out
    written = content / "events" / "toten-turlag" / "strikkekafe-pa-biblioteket.md"
    assert written.read_text(encoding="utf-8") == EXPECTED.replace(
        "Duration: 2h\n", "Duration: 2h\nRepeat: weekly until 2027-03-25\n").replace("Price: gratis\n", "")
    assert validate([str(content)]) == 0


def test_flags_are_not_asked_again_unless_they_are_wrong(content, monkeypatch, capsys):
    # Start again, then Repeat, Price, Registration, Accessibility, Contact, no description; replace.
    typed = iter(["2026-12-03 18:00", "", "", "", "", "", "", "ja"])
    prompts = []

    def answer(prompt=""):
        prompts.append(prompt)
        return next(typed)

    monkeypatch.setattr("builtins.input", answer)
    existing = content / "events" / "toten-turlag" / "strikkekafe-pa-biblioteket.md"
    existing.parent.mkdir(parents=True)
    existing.write_text("Title: Gammel\n", encoding="utf-8")
    flags = [*FLAGS]
    flags[flags.index("--start") + 1] = "3. desember kl 18"  # wrong: asked again
    del flags[flags.index("--description"):]  # asked
    del flags[flags.index("--price"):flags.index("--price") + 2]  # asked, skipped
    assert new_event.main(["--content", str(content), "--interactive", *flags]) == 0
    out = capsys.readouterr().out
    assert "Dato og klokkeslett (Start)" in out and "Tittel (Title)" not in out
    assert "Pris (Price)" in out and "Kategori (Category)" not in out
    assert prompts[-1].startswith(f"Filen {existing} finnes fra før. Vil du erstatte den?")
    assert existing.read_text(encoding="utf-8") == EXPECTED.replace("Price: gratis\n", "").replace(
        "\n\nTa med garn.\n\nVi har kaffe.\n", "\n\n")


def test_declining_to_replace_gives_a_free_name(content, monkeypatch):
    existing = content / "events" / "toten-turlag" / "strikkekafe-pa-biblioteket.md"
    existing.parent.mkdir(parents=True)
    existing.write_text("Title: Gammel\n", encoding="utf-8")
    typed = iter(["", "", "", "", "nei"])  # Repeat, Registration, Accessibility, Contact; replace?
    monkeypatch.setattr("builtins.input", lambda prompt="": next(typed))
    assert new_event.main(["--content", str(content), "--interactive", *FLAGS]) == 0
    assert existing.read_text(encoding="utf-8") == "Title: Gammel\n"
    assert (existing.parent / "strikkekafe-pa-biblioteket-2.md").read_text(encoding="utf-8") == EXPECTED


def test_stopping_halfway_writes_nothing(content):
    result = run(content, "--interactive", answers="Kaffe\n2026-12-03 18:00\n")
    assert result.returncode == 1
    assert "Avbrutt. Ingen fil ble lagret." in result.stdout
    assert not (content / "events").exists()


def test_every_question_in_the_guides_order():
    names = [q.name for q in new_event.QUESTIONS]
    assert names == ["title", "start", "end", "repeat", "location", "organizer", "category", "audience",
                     "price", "registration", "accessibility", "contact", "description"]
    assert [q.name for q in new_event.QUESTIONS if q.required] == ["title", "start", "location", "organizer", "category"]

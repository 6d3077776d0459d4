"""Validation: every kind of broken submission gets a clear, located message."""

import subprocess
import sys
from pathlib import Path

import pytest
from aktivitetsportal.submissions.catalog import load_catalog
from aktivitetsportal.text.problem_messages import format_problems, problem_message, render_problem

ASSOCIATION = "Name: Raufoss Pensjonistforening\nCategory: eldre\n\nVi møtes hver uke.\n"
GOOD_EVENT = (
    "Title: Tirsdagskaffe\n"
    "Start: 2026-12-01 10:00\n"
    "Duration: 2h\n"
    "Location: Frivilligsentralen, Storgata 1, 2830 Raufoss\n"
    "Organizer: raufoss-pensjonistforening\n"
    "Category: sosialt\n"
    "\n"
    "Kaffe og prat.\n"
)


def make_content(tmp_path: Path, events: dict[str, str | bytes]) -> Path:
    root = tmp_path / "content"
    (root / "associations").mkdir(parents=True)
    (root / "associations" / "raufoss-pensjonistforening.md").write_text(ASSOCIATION, encoding="utf-8")
    for name, text in events.items():
        path = root / "events" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


def replace(field: str, value: str | None, text: str = GOOD_EVENT) -> str:
    """GOOD_EVENT with ``field`` set to ``value`` (None removes the line)."""
    lines = []
    for line in text.split("\n"):
        if line.startswith(field + ":"):
            if value is not None:
                lines.append(f"{field}: {value}")
        else:
            lines.append(line)
    return "\n".join(lines)


def problems_for(tmp_path, text) -> list:
    catalog = load_catalog(make_content(tmp_path, {"pensjonister/kaffe.md": text}))
    return catalog.problems


def only_error(tmp_path, text):
    errors = [p for p in problems_for(tmp_path, text) if p.is_error]
    assert len(errors) == 1, [render_problem(p) for p in errors]
    return errors[0]


def test_good_event_has_no_problems(tmp_path):
    catalog = load_catalog(make_content(tmp_path, {"pensjonister/kaffe.md": GOOD_EVENT}))
    assert catalog.problems == []
    assert [e.slug for e in catalog.events] == ["kaffe"]


@pytest.mark.parametrize(
    "field, line, example",
    [("Title", 1, "Title:"), ("Start", 2, "Start: 2026-12-01 18:00"), ("Location", 4, "Location:"),
     ("Organizer", 5, "Organizer:"), ("Category", 6, "Category: sosialt")],
)
def test_missing_required_field(tmp_path, field, line, example):
    error = only_error(tmp_path, replace(field, None))
    assert error.code == "missing_field"
    assert error.field == field.lower()
    text = render_problem(error)
    assert text.startswith("FEIL: events/pensjonister/kaffe.md")
    assert f"feltet {field}" in text and "mangler" in text and example in text


def test_empty_required_field(tmp_path):
    error = only_error(tmp_path, replace("Title", ""))
    assert error.code == "empty_field" and error.line == 1


@pytest.mark.parametrize("value", ["1/12 kl 18", "2026-12-32 10:00", "2026-12-01 25:00", "tirsdag"])
def test_unparseable_start(tmp_path, value):
    error = only_error(tmp_path, replace("Start", value))
    assert error.code == "bad_datetime" and error.line == 2 and error.field == "start"
    assert value in problem_message(error) and "2026-12-01 18:00" in problem_message(error)


def test_end_before_start(tmp_path):
    text = replace("Duration", None, replace("Start", "2026-12-01 18:00")).replace(
        "Location:", "End: 2026-12-01 17:00\nLocation:")
    error = only_error(tmp_path, text)
    assert error.code == "end_before_start" and error.field == "end"
    assert "17:00" in problem_message(error) and "18:00" in problem_message(error)


def test_end_and_duration_together(tmp_path):
    text = GOOD_EVENT.replace("Duration: 2h", "Duration: 2h\nEnd: 2026-12-01 12:00")
    assert only_error(tmp_path, text).code == "end_and_duration"


def test_missing_end_for_timed_event(tmp_path):
    error = only_error(tmp_path, replace("Duration", None))
    assert error.code == "missing_end"
    assert "Duration: 2h" in problem_message(error)


@pytest.mark.parametrize("value", ["to timer", "2 dager og litt", "0h"])
def test_bad_duration(tmp_path, value):
    assert only_error(tmp_path, replace("Duration", value)).code == "bad_duration"


def test_unknown_organizer_suggests_the_close_one(tmp_path):
    error = only_error(tmp_path, replace("Organizer", "raufoss-pensjonistforeningen"))
    assert error.code == "unknown_organizer" and error.line == 5
    assert "Mente du «raufoss-pensjonistforening»?" in problem_message(error)


def test_organizer_written_as_the_association_name_is_accepted(tmp_path):
    catalog = load_catalog(make_content(tmp_path, {"a/kaffe.md": replace("Organizer", "Raufoss Pensjonistforening")}))
    assert catalog.errors == [] and catalog.events[0].organizer == "raufoss-pensjonistforening"


def test_unknown_category_lists_choices(tmp_path):
    error = only_error(tmp_path, replace("Category", "sosial"))
    assert error.code == "unknown_choice" and error.line == 6
    message = problem_message(error)
    assert "Mente du «sosialt»?" in message and "friluftsliv" in message


def test_unknown_audience(tmp_path):
    text = GOOD_EVENT.replace("Category: sosialt", "Category: sosialt\nAudience: barn, pensjonister")
    error = only_error(tmp_path, text)
    assert error.code == "unknown_choice" and "pensjonister" in problem_message(error)


@pytest.mark.parametrize("value", ["sometimes", "every tuesday-ish", "FREQ=MINUTELY", "weekly until 2026-01-01"])
def test_invalid_recurrence(tmp_path, value):
    error = only_error(tmp_path, GOOD_EVENT.replace("Category: sosialt", f"Category: sosialt\nRepeat: {value}"))
    assert error.code == "bad_repeat" and error.line == 7
    assert "weekly until 2027-06-30" in problem_message(error)


def test_repeat_whose_rule_does_not_include_start(tmp_path):
    text = GOOD_EVENT.replace("Category: sosialt", "Category: sosialt\nRepeat: monthly on 1st wednesday")
    error = only_error(tmp_path, text)  # 2026-12-01 is a Tuesday
    assert error.code == "bad_repeat" and "2026-12-02" in problem_message(error)


def test_start_in_spring_dst_gap(tmp_path):
    error = only_error(tmp_path, replace("Start", "2027-03-28 02:30"))
    assert error.code == "nonexistent_time" and error.line == 2
    assert "02:30" in problem_message(error) and "2027-03-28 03:30" in problem_message(error)


def test_start_in_autumn_overlap_is_only_a_warning(tmp_path):
    problems = problems_for(tmp_path, replace("Start", "2026-10-25 02:30"))
    assert [p.code for p in problems] == ["ambiguous_time"]
    assert not problems[0].is_error


def test_duplicate_slugs_keep_the_first_and_name_both_files(tmp_path):
    catalog = load_catalog(make_content(tmp_path, {"a/kaffe.md": GOOD_EVENT, "b/kaffe.md": GOOD_EVENT}))
    assert [e.source_path for e in catalog.events] == ["events/a/kaffe.md"]
    (error,) = catalog.errors
    assert error.code == "duplicate_slug" and error.path == "events/b/kaffe.md"
    assert "events/a/kaffe.md" in problem_message(error)


def test_non_utf8_file(tmp_path):
    latin1 = GOOD_EVENT.replace("Tirsdagskaffe", "Kaffe på Bøverbru").encode("latin-1")
    error = only_error(tmp_path, latin1)
    assert error.code == "not_utf8" and error.line == 1 and "UTF-8" in problem_message(error)


def test_utf8_bom_and_windows_line_endings_are_fine(tmp_path):
    text = ("\ufeff" + GOOD_EVENT).replace("\n", "\r\n")
    catalog = load_catalog(make_content(tmp_path, {"a/kaffe.md": text.encode("utf-8")}))
    assert catalog.errors == [] and catalog.events[0].title == "Tirsdagskaffe"


def test_field_name_with_norwegian_letters_stops_the_header(tmp_path):
    text = GOOD_EVENT.replace("Title: Tirsdagskaffe\n", "Title: Tirsdagskaffe\nArrangør: pensjonistene\n")
    errors = [p for p in problems_for(tmp_path, text) if p.is_error]
    assert errors[0].code == "bad_field_name" and errors[0].line == 2
    assert "Arrangør: pensjonistene" in problem_message(errors[0])


def test_norwegian_field_name_gets_a_hint(tmp_path):
    text = GOOD_EVENT.replace("Category: sosialt", "Category: sosialt\nPris: 50")
    (warning,) = problems_for(tmp_path, text)
    assert warning.code == "unknown_field" and not warning.is_error
    assert "Skriv «Price:» i stedet" in problem_message(warning)


def test_file_without_header(tmp_path):
    error = only_error(tmp_path, "Hei! Vi har kaffe hver tirsdag klokka 10.\n")
    assert error.code == "no_header"


@pytest.mark.parametrize("value", ["javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4="])
def test_unsafe_registration_link(tmp_path, value):
    text = GOOD_EVENT.replace("Category: sosialt", f"Category: sosialt\nRegistration: {value}")
    assert only_error(tmp_path, text).code == "unsafe_link"


def test_all_problems_of_all_files_are_reported_at_once(tmp_path):
    root = make_content(tmp_path, {
        "a/one.md": replace("Start", "i morgen", replace("Category", "fest")),
        "b/two.md": replace("Organizer", "ukjent-lag"),
        "c/ok.md": GOOD_EVENT,
    })
    catalog = load_catalog(root)
    assert sorted((p.path, p.code) for p in catalog.errors) == [
        ("events/a/one.md", "bad_datetime"),
        ("events/a/one.md", "unknown_choice"),
        ("events/b/two.md", "unknown_organizer"),
    ]
    assert [e.slug for e in catalog.events] == ["ok"]  # the valid file is kept


def test_english_messages(tmp_path):
    (error,) = [p for p in problems_for(tmp_path, replace("Start", "tomorrow")) if p.is_error]
    assert render_problem(error, "en").startswith("ERROR: events/pensjonister/kaffe.md, line 2, field Start:")
    assert "is not a date and time we understand" in render_problem(error, "en")


def run_cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "aktivitetsportal.commands.validate", *args],
                          capture_output=True, text=True, check=False)


def test_cli_exit_status_and_output(tmp_path):
    root = make_content(tmp_path, {"a/ok.md": GOOD_EVENT, "b/bad.md": replace("Category", "fest")})
    result = run_cli(str(root))
    assert result.returncode == 1
    assert "FEIL: events/b/bad.md, linje 6, feltet Category:" in result.stdout
    assert "1 av 3 filer har feil" in result.stdout
    english = run_cli(str(root), "--lang", "en")
    assert english.returncode == 1 and "ERROR: events/b/bad.md, line 6, field Category:" in english.stdout


def test_cli_accepts_valid_content(tmp_path):
    result = run_cli(str(make_content(tmp_path, {"a/ok.md": GOOD_EVENT})))
    assert result.returncode == 0 and "Alt i orden" in result.stdout


def test_cli_and_build_agree_on_the_demo_content():
    demo = Path(__file__).resolve().parent.parent / "content"
    assert run_cli(str(demo)).returncode == 0
    assert load_catalog(demo).errors == []


def test_format_problems_lists_errors_before_warnings(tmp_path):
    problems = problems_for(tmp_path, replace("Start", "2026-10-25 02:30", replace("Category", "fest")))
    lines = format_problems(problems).splitlines()
    assert lines[0].startswith("FEIL") and lines[-1].startswith("ADVARSEL")


def test_every_problem_code_in_use_has_a_text():
    import re

    from aktivitetsportal.text.problem_messages import PROBLEM_TEXTS

    package = Path(__file__).resolve().parent.parent / "plugins" / "aktivitetsportal"
    used = set()
    for source in package.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        used |= set(re.findall(r'(?:error|warning)\(\s*"([a-z_0-9]+)"', text))
        used |= set(re.findall(r'Problem\([^,]+,\s*"([a-z_0-9]+)"', text))
        used |= set(re.findall(r'(?:Message|RecurrenceError)\(\s*"([a-z_0-9]+)"', text))
    assert len(used) > 40 and used <= set(PROBLEM_TEXTS), used - set(PROBLEM_TEXTS)


def test_bad_repeat_reason_is_translated(tmp_path):
    text = GOOD_EVENT.replace("Category: sosialt", "Category: sosialt\nRepeat: weekly on funday")
    error = only_error(tmp_path, text)
    assert "er ikke en ukedag" in problem_message(error, "nb")
    assert "is not a weekday" in problem_message(error, "en") and "ukedag" not in problem_message(error, "en")


@pytest.mark.parametrize(
    "value, end",
    [("2026-12-01 18:00-20:00", "2026-12-01 20:00"), ("2026-12-01 kl. 18.00 – 20.30", "2026-12-01 20:30"),
     ("2026-12-01 22:00-01:00", "2026-12-02 01:00")],
)
def test_time_span_written_in_start_is_understood(tmp_path, value, end):
    catalog = load_catalog(make_content(tmp_path, {"a/kaffe.md": replace("Duration", None, replace("Start", value))}))
    assert catalog.errors == []
    event = catalog.events[0]
    assert (event.start + event.duration).strftime("%Y-%m-%d %H:%M") == end


@pytest.mark.parametrize("first_line", ["Obs: ta med egen kopp.", "Program: quiz kl 18", "https://example.no/info",
                                        "Kl. 18:00 starter vi."])
def test_description_starting_with_a_colon_line_is_not_a_field(tmp_path, first_line):
    text = GOOD_EVENT.replace("Kaffe og prat.", f"{first_line}\n\nMer tekst.")
    catalog = load_catalog(make_content(tmp_path, {"a/kaffe.md": text}))
    assert catalog.problems == []
    assert first_line.split(":")[0] in catalog.events[0].body_text


def test_organizer_by_exact_name_in_any_case(tmp_path):
    catalog = load_catalog(make_content(tmp_path, {"a/kaffe.md": replace("Organizer", "raufoss PENSJONISTFORENING")}))
    assert catalog.errors == [] and catalog.events[0].organizer == "raufoss-pensjonistforening"


def test_event_of_an_invalid_association_says_to_fix_that_file(tmp_path):
    root = make_content(tmp_path, {"a/kaffe.md": replace("Organizer", "sjakklubben")})
    (root / "associations" / "sjakklubben.md").write_text("Name: Sjakklubben\nCategory: sjakk\n\nTekst\n", encoding="utf-8")
    codes = {(p.path, p.code) for p in load_catalog(root).errors}
    assert ("associations/sjakklubben.md", "unknown_choice") in codes
    assert ("events/a/kaffe.md", "organizer_invalid") in codes


@pytest.mark.parametrize("name", ["kaffe.md.txt", "kaffe.txt", "kaffe.docx"])
def test_files_that_are_not_markdown_are_reported(tmp_path, name):
    root = make_content(tmp_path, {"a/ok.md": GOOD_EVENT, f"a/{name}": GOOD_EVENT})
    (error,) = load_catalog(root).errors
    assert error.code == "not_markdown" and error.path == f"events/a/{name}"
    assert "kaffe.md" in problem_message(error)


@pytest.mark.parametrize(
    "header",
    ["Repeat: every 0 weeks", "Repeat: FREQ=WEEKLY;INTERVAL=0", "Repeat: FREQ=MONTHLY;BYMONTHDAY=0",
     "Repeat: weekly 0 times", "Duration: 999999999h", "Repeat: daily 99999999 times until 2027-01-01"],
)
def test_rules_that_would_break_the_build_are_rejected(tmp_path, header):
    text = GOOD_EVENT.replace("Duration: 2h", "Duration: 2h" if not header.startswith("Duration") else header)
    if header.startswith("Repeat"):
        text = text.replace("Category: sosialt", f"Category: sosialt\n{header}")
    catalog = load_catalog(make_content(tmp_path, {"a/kaffe.md": text}))
    assert len(catalog.errors) == 1 and catalog.events == []


def test_a_file_that_crashes_a_parser_becomes_a_located_problem(tmp_path):
    deep = GOOD_EVENT.replace("Kaffe og prat.", "- " * 1500 + "x")
    catalog = load_catalog(make_content(tmp_path, {"a/kaffe.md": deep, "b/ok.md": GOOD_EVENT.replace("Tirsdagskaffe", "Ok")}))
    assert [e.slug for e in catalog.events] == ["ok"]
    assert [(p.path, p.code, p.line) for p in catalog.errors] == [("events/a/kaffe.md", "render_failed", 8)]


def test_reversed_time_span_in_start_is_an_error(tmp_path):
    error = only_error(tmp_path, replace("Duration", None, replace("Start", "2026-12-01 20:00-18:00")))
    assert error.code == "bad_datetime" and error.field == "start"


@pytest.mark.parametrize("value", ["https://example.com/kaffe.jpg", "images/tegning.svg", "../../etc/passwd.png",
                                   "javascript:alert(1)//x.png"])
def test_pictures_from_elsewhere_or_svg_are_refused(tmp_path, value):
    text = GOOD_EVENT.replace("Category: sosialt", f"Category: sosialt\nImage: {value}")
    assert only_error(tmp_path, text).code == "bad_image"


def test_missing_picture_is_a_warning_and_the_event_is_kept(tmp_path):
    root = make_content(tmp_path, {"a/kaffe.md": GOOD_EVENT.replace("Category: sosialt", "Category: sosialt\nImage: kaffe.jpg")})
    catalog = load_catalog(root)
    assert [p.code for p in catalog.problems] == ["image_missing"] and catalog.events[0].image == ""
    (root / "images").mkdir()
    (root / "images" / "kaffe.jpg").write_bytes(b"\xff\xd8\xff")
    catalog = load_catalog(root)
    assert catalog.problems == [] and catalog.events[0].image == "images/kaffe.jpg"

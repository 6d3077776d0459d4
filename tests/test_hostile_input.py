"""Hostile and broken input: invisible text, disguised link targets, huge files, symbolic links,
Markdown that would stall or crash the renderer, and the exact fix for common mistakes."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
import time_machine
from aktivitetsportal.domain.portal import PortalSite
from aktivitetsportal.outputs.exports import PERSONAL_DETAIL_REMOVED, build_exports
from aktivitetsportal.settings import PortalSettings
from aktivitetsportal.submissions.associations import parse_association
from aktivitetsportal.submissions.catalog import load_catalog
from aktivitetsportal.submissions.events import parse_event
from aktivitetsportal.submissions.fields import MAX_BODY_BRACKETS
from aktivitetsportal.submissions.grants import parse_grant
from aktivitetsportal.submissions.sourcefile import MAX_FILE_BYTES, parse_source_text
from aktivitetsportal.text.contact_details import contact_parts, without_contact_details
from aktivitetsportal.text.problem_messages import render_problem
from sitebuild import DEMO_CONTENT, DEMO_TODAY, build_site

EVENT = (
    "Title: Tirsdagskaffe\nStart: 2026-12-01 10:00\nDuration: 2h\n"
    "Location: Frivilligsentralen, Storgata 1, 2830 Raufoss\n"
    "Organizer: vestre-toten-frivilligsentral\nCategory: sosialt\n"
)


def event(extra: str = "", body: str = "Velkommen.", header: str = EVENT):
    return parse_event(parse_source_text(header + extra + "\n" + body + "\n", "events/lag/kaffe.md"))


def errors(problems) -> dict[str, str]:
    """field (or code when there is none) -> the message as a submitter sees it."""
    return {p.field or p.code: render_problem(p) for p in problems if p.is_error}


# -- text that looks filled but shows nothing ---------------------------------------
@pytest.mark.parametrize("invisible", ["\u200b", "\u200b\u200d\u2060", "\u00a0\u202f", "\ufeff", "\u00ad\u200e"])
def test_a_title_of_invisible_characters_is_empty(invisible):
    parsed, problems = event(header=EVENT.replace("Title: Tirsdagskaffe", f"Title: {invisible}"))
    assert parsed is None
    assert "Feltet Title er tomt" in errors(problems)["title"]
    assert "linje 1" in errors(problems)["title"]


def test_invisible_characters_inside_text_are_removed_everywhere():
    parsed, problems = event(
        header=EVENT.replace("Title: Tirsdagskaffe", "Title: Tirsdags\u200bkaffe \u202eevila\u202c"),
        body="Kom\u200b og\u2060 drikk kaffe.\u0007")
    assert problems == []
    assert parsed.title == "Tirsdagskaffe evila"
    assert parsed.body_text == "Kom og drikk kaffe."
    assert "\u200b" not in parsed.body_html and "\u0007" not in parsed.body_html


def test_joiners_that_languages_need_are_kept():
    parsed, _ = event("Title-en: Coffee \U0001F469\u200d\U0001F469\u200d\U0001F467\n")
    assert "\u200d" in parsed.translation("en").title


# -- link targets ----------------------------------------------------------------------
DISGUISED = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(document.cookie)",
    "java&#x73;cript:alert(1)",
    "&#106;avascript:alert(1)",
    "javascript&colon;alert(1)",
    "java\tscript:alert(1)",
    " vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
]


LINK_FIELDS = [
    (parse_event, "events/lag/kaffe.md", EVENT + "{field}: {target}\n\nVelkommen.\n", "Registration"),
    (parse_event, "events/lag/kaffe.md", EVENT + "{field}: {target}\n\nVelkommen.\n", "Contact"),
    (parse_association, "associations/testlaget.md", "Name: Testlaget\nCategory: annet\n{field}: {target}\n\nOm laget.\n", "Website"),
    (parse_association, "associations/testlaget.md", "Name: Testlaget\nCategory: annet\n{field}: {target}\n\nOm laget.\n", "Email"),
    (parse_association, "associations/testlaget.md", "Name: Testlaget\nCategory: annet\n{field}: {target}\n\nOm laget.\n", "Contact"),
    (parse_grant, "grants/fond.md", "Name: Fond\nDeadline: 2027-04-01\n{field}: {target}\n\nOm fondet.\n", "Link"),
    (parse_grant, "grants/fond.md", "Name: Fond\nDeadline: 2027-04-01\n{field}: {target}\n\nOm fondet.\n", "Form"),
    (parse_grant, "grants/fond.md", "Name: Fond\nDeadline: 2027-04-01\n{field}: {target}\n\nOm fondet.\n", "Contact"),
]


@pytest.mark.parametrize("target", DISGUISED)
@pytest.mark.parametrize("parser, path, template, field", LINK_FIELDS,
                         ids=[f"{p.__name__}-{f}" for p, _, _, f in LINK_FIELDS])
def test_link_fields_refuse_every_disguise(parser, path, template, field, target):
    parsed, problems = parser(parse_source_text(template.format(field=field, target=target), path))
    assert parsed is None
    assert field.lower() in errors(problems), problems


@pytest.mark.parametrize("text", ["Kari, tlf. 912 34 567", "Data: se nettsiden", "Profil: https://lag.no/kari",
                                  "mailto:post@lag.no", "Ring +47 61 19 00 00"])
def test_ordinary_contact_text_is_accepted(text):
    parsed, problems = event(f"Contact: {text}\n")
    assert errors(problems) == {} and parsed.contact == text


def test_contact_text_becomes_safe_tel_and_mailto_links():
    parts = contact_parts("Kari Nordmann, tlf. 912 34 567 eller kari@lag.no (ikke 17. mai 2027)")
    links = [(p.text, p.href) for p in parts if p.href]
    assert links == [("912 34 567", "tel:+4791234567"), ("kari@lag.no", "mailto:kari@lag.no")]
    assert "".join(p.text for p in parts).endswith("(ikke 17. mai 2027)")


def test_contact_links_on_the_built_event_page(page):
    contact = page("arrangement/sprakkafe-pa-biblioteket/").find("dt", string="Kontakt").find_next("dd")
    link = contact.find("a", href="tel:+4746821905")
    assert link is not None and link.get_text() == "46 82 19 05"
    assert contact.get_text().startswith("Amina Hassan, tlf.")


# -- size ------------------------------------------------------------------------------
def test_a_huge_file_is_refused_without_reading_it(tmp_path):
    folder = tmp_path / "events" / "lag"
    folder.mkdir(parents=True)
    (folder / "stor.md").write_text(EVENT + "\n" + "Tekst. " * (MAX_FILE_BYTES // 6), encoding="utf-8")
    catalog = load_catalog(tmp_path)
    [problem] = catalog.errors
    assert problem.code == "file_too_large" and problem.path == "events/lag/stor.md"
    assert "grensen er 256 KiB" in render_problem(problem)


def test_a_very_long_title_is_refused_with_the_limit():
    parsed, problems = event(header=EVENT.replace("Tirsdagskaffe", "Kaffe " * 40))
    assert parsed is None
    assert "Title er 239 tegn lang" in errors(problems)["title"] and "150 tegn" in errors(problems)["title"]


def test_markup_that_would_stall_the_renderer_is_refused_quickly():
    parsed, problems = event(body="[" * (MAX_BODY_BRACKETS + 1) + "x")
    assert parsed is None
    [message] = errors(problems).values()
    assert "linje 8" in message and "«[» eller «<»" in message


def test_markdown_the_renderer_cannot_handle_is_a_located_problem():
    parsed, problems = event(body="- " * 3000 + "x")
    assert parsed is None
    [message] = errors(problems).values()
    assert "linje 8" in message and "kunne ikke gjøres om til en nettside" in message


# -- symbolic links --------------------------------------------------------------------
def test_a_symbolic_link_is_an_error_and_never_followed(content_copy, tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text(EVENT + "\nHemmelig.\n", encoding="utf-8")
    (content_copy / "events" / "lag-lenke.md").symlink_to(secret)
    (content_copy / "images").mkdir(exist_ok=True)
    (content_copy / "images" / "passord.jpg").symlink_to(tmp_path / "secret.md")
    catalog = load_catalog(content_copy)
    linked = sorted(p.path for p in catalog.blocking)
    assert linked == ["events/lag-lenke.md", "images/passord.jpg"]
    assert all("symbolsk lenke" in render_problem(p) for p in catalog.blocking)
    assert not any(e.source_path == "events/lag-lenke.md" for e in catalog.events)


def test_a_symbolic_link_stops_the_build_even_when_skipping_invalid_files(content_copy, tmp_path):
    (tmp_path / "privat.txt").write_text("hemmelig", encoding="utf-8")
    (content_copy / "images").mkdir(exist_ok=True)
    (content_copy / "images" / "passord.jpg").symlink_to(tmp_path / "privat.txt")
    with pytest.raises(Exception, match="symbolsk lenke"):
        build_site(content_copy, tmp_path / "out", PORTAL_SKIP_INVALID=True)
    assert not (tmp_path / "out" / "images" / "passord.jpg").exists()


# -- the exact fix for common mistakes --------------------------------------------------
@pytest.mark.parametrize("written, meant", [
    ("2027-04-13 kl. 18", "2027-04-13 18:00"),
    ("2027-04-13 1800", "2027-04-13 18:00"),
    ("13/04/2027 18:30", "2027-04-13 18:30"),
])
def test_a_nearly_right_start_gets_the_exact_fix(written, meant):
    _, problems = event(header=EVENT.replace("2026-12-01 10:00", written))
    assert f"Mente du «Start: {meant}»?" in errors(problems)["start"]


def test_a_vocabulary_value_that_is_the_start_of_one_gets_it():
    text = "Name: Menigheten\nCategory: religion\n\nOm oss.\n"
    _, problems = parse_association(parse_source_text(text, "associations/menigheten.md"))
    assert "Mente du «religion og livssyn»?" in errors(problems)["category"]


def test_two_audiences_joined_with_og_get_the_list_form():
    _, problems = event("Audience: barn og voksne\n")
    assert "Mente du «barn, voksne»?" in errors(problems)["audience"]


def test_religion_og_livssyn_is_still_one_value():
    text = "Name: Menigheten\nCategory: religion og livssyn\n\nOm oss.\n"
    parsed, problems = parse_association(parse_source_text(text, "associations/menigheten.md"))
    assert errors(problems) == {} and parsed.category == "religion og livssyn"


# -- personal data in open data ----------------------------------------------------------
def exports(**settings):
    catalog = load_catalog(DEMO_CONTENT)
    site = PortalSite.build(catalog, PortalSettings.from_mapping({"PORTAL_TODAY": DEMO_TODAY, **settings}))
    return {name: data for name, data in build_exports(site).items()}


def test_open_data_carries_no_contact_persons_or_phone_numbers_by_default():
    files = exports()
    events = json.loads(files["events.json"])
    associations = json.loads(files["associations.json"])
    assert all(e["contact"] is None for e in events["events"])
    assert all(a["contact_person"] is None for a in associations["associations"])
    for record in events["events"] + associations["associations"]:
        text = record["description"]
        assert without_contact_details(text, PERSONAL_DETAIL_REMOVED) == text
    assert "Amina Hassan" not in files["events.json"].decode() + files["associations.csv"].decode("utf-8-sig")
    # The association's own official contact points stay.
    farger = next(a for a in associations["associations"] if a["id"] == "flere-farger-toten")
    assert farger["email"] == "hei@flerefargertoten.no" and farger["orgnr"] == "890937861"


def test_with_consent_the_contact_persons_are_included():
    events = json.loads(exports(PORTAL_EXPORT_CONTACT_PERSONS=True)["events.json"])
    cafe = next(e for e in events["events"] if e["id"] == "sprakkafe-pa-biblioteket")
    assert cafe["contact"] == "Amina Hassan, tlf. 46 82 19 05"


def test_every_json_export_states_its_licence_and_source():
    for name, data in exports(PORTAL_PUBLIC_URL="https://aktiviteter.example.no").items():
        if name.endswith(".json"):
            document = json.loads(data)
            assert document["licence"] == {"name": "Norsk lisens for offentlige data (NLOD) 2.0",
                                           "url": "https://data.norge.no/nlod/no/2.0"}
            assert document["source"]["url"] == "https://aktiviteter.example.no/"


def test_open_data_page_states_the_licence(page):
    section = page("apne-data/").find(id="lisens").find_parent("section")
    assert section.find("a", href="https://data.norge.no/nlod/no/2.0") is not None
    assert "ikke personopplysninger" in section.get_text()


# -- the clock ----------------------------------------------------------------------------
def test_the_real_date_does_not_change_the_output(demo_output, tmp_path):
    """Same content and PORTAL_TODAY on another real date (years later, in summer time):
    byte-identical output. Only PORTAL_TODAY may move what the site shows."""
    with time_machine.travel(datetime(2031, 7, 14, 23, 30, tzinfo=UTC), tick=True):
        later = build_site(DEMO_CONTENT, tmp_path / "later")
    first = {p.relative_to(demo_output): p.read_bytes() for p in demo_output.rglob("*") if p.is_file()}
    second = {p.relative_to(later): p.read_bytes() for p in later.rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    changed = [str(path) for path in first if first[path] != second[path]]
    assert changed == []

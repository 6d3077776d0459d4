"""The submission forms (send-inn/, send-inn/forening/) in real Chromium, and their schema.

The forms are filled in for a one-off, a weekly and an all-day event and an association update;
the files they produce are put into a copy of the demo content, which must pass
`python -m aktivitetsportal.commands.validate` and build into pages that show them. Wrong values
get the validator's own words beside the field and in the error summary. The pages are axe-clean,
work by keyboard alone and on a 320 px phone, and explain the format without JavaScript. The
schema the script reads must say what the core says.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from aktivitetsportal.domain.portal import PortalSite
from aktivitetsportal.outputs.addresses import association_entry_path
from aktivitetsportal.outputs.submission_form import (
    FORM_PROBLEMS,
    ORDINAL_WORDS,
    REPEAT_FORMS,
    REQUIRED_FIELDS,
    association_entry,
    repository_new_file,
    submission_schema,
)
from aktivitetsportal.settings import PortalSettings, SettingsError
from aktivitetsportal.submissions.associations import parse_association
from aktivitetsportal.submissions.catalog import load_catalog
from aktivitetsportal.submissions.events import parse_event
from aktivitetsportal.submissions.fields import (
    DEFAULT_MAX_CHARS,
    MAX_BODY_BRACKETS,
    MAX_BODY_CHARS,
    MAX_CHARS,
)
from aktivitetsportal.submissions.recurrence import MAX_RULE_YEARS, parse_repeat
from aktivitetsportal.submissions.sourcefile import parse_source_text, read_source
from aktivitetsportal.submissions.values import slugify, sort_key_nb
from aktivitetsportal.submissions.vocabulary import (
    ASSOCIATION_CATEGORIES,
    AUDIENCES,
    EVENT_CATEGORIES,
)
from aktivitetsportal.submissions.writing import (
    ASSOCIATION_FIELD_ORDER,
    EVENT_FIELD_ORDER,
    source_text,
)
from aktivitetsportal.text.problem_messages import PROBLEM_TEXTS
from aktivitetsportal.text.translations import translator
from axe_playwright_python.sync_playwright import Axe
from sitebuild import DEMO_CONTENT, DEMO_TODAY, ROOT, build_site, soup_of

SCRIPT = ROOT / "theme" / "static" / "js" / "submission-form.js"
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "rules": {"landmark-unique": {"enabled": True}, "heading-order": {"enabled": True}}}
SUBMIT = "#skjema-felt button[type=submit]"


def words(code: str, lang: str = "nb", **params) -> str:
    """A message as the validator words it (text/problem_messages.py), without its optional hint."""
    return translator(lang).gettext(PROBLEM_TEXTS[code]).format(**{"hint": "", **params})


@pytest.fixture(scope="module")
def demo_site() -> PortalSite:
    settings = PortalSettings.from_mapping({
        "PORTAL_TODAY": DEMO_TODAY, "PORTAL_LANGUAGES": ["nb", "nn", "en", "uk", "pl", "ar"],
        "PORTAL_PLACES": {"2830": "Raufoss", "2843": "Eina"},
        "PORTAL_SUBMISSION_EMAIL": "post@frivilligsentral.example",
        "PORTAL_REPOSITORY_URL": "https://gitlab.com/kommune/aktiviteter"})
    return PortalSite.build(load_catalog(DEMO_CONTENT), settings)


def new_tab(browser, site_url, **options):
    """A tab of its own context that refuses every request to another host."""
    context = browser.new_context(locale="nb-NO", **options)
    tab = context.new_page()
    outside: list[str] = []
    tab.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site_url)
              else (outside.append(route.request.url), route.abort()))
    tab.outside_requests = outside
    tab.errors = []
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.on("console", lambda m: "content security policy" in m.text.lower() and tab.errors.append(m.text))
    return tab


def open_form(tab, site_url, path="send-inn/"):
    tab.goto(f"{site_url}/{path}")
    tab.wait_for_selector("#skjema:not([hidden])")


def make_file(tab) -> str:
    tab.click(SUBMIT)
    tab.wait_for_selector("#resultat:not([hidden])")
    return tab.input_value("#resultat-tekst")


# --- The schema says what the core says ------------------------------------------------------


def test_the_schema_has_the_cores_lists_limits_and_order(demo_site):
    schema = submission_schema(demo_site, "en")
    assert schema["forms"]["event"]["order"] == list(EVENT_FIELD_ORDER)
    assert schema["forms"]["association"]["order"] == list(ASSOCIATION_FIELD_ORDER)
    english = translator("en").gettext
    for key, vocabulary in (("category", EVENT_CATEGORIES), ("audience", AUDIENCES),
                            ("associationCategory", ASSOCIATION_CATEGORIES)):
        assert [(t["value"], t["label"]) for t in schema["vocabularies"][key]] == [
            (term.value, english(term.label)) for term in vocabulary]
    chars = schema["limits"]["chars"]
    assert chars["title"] == MAX_CHARS["title"] == 150 and chars["location"] == MAX_CHARS["location"]
    assert chars["registration"] == DEFAULT_MAX_CHARS
    assert (schema["limits"]["body"], schema["limits"]["brackets"]) == (MAX_BODY_CHARS, MAX_BODY_BRACKETS)
    assert schema["limits"]["repeatYears"] == MAX_RULE_YEARS
    names = [o["name"] for o in schema["organizers"]]
    assert names == sorted(names, key=sort_key_nb)  # A–Å, as the register lists them
    assert {o["slug"]: o["path"] for o in schema["organizers"]} == {
        a.slug: a.source_path for a in demo_site.catalog.associations.values()}
    assert schema["eventFiles"]["tirsdagskaffe-pa-frivilligsentralen"] == (
        "events/vestre-toten-frivilligsentral/tirsdagskaffe-pa-frivilligsentralen.md")
    assert schema["places"] == [{"postcode": "2830", "name": "Raufoss"}, {"postcode": "2843", "name": "Eina"}]
    assert schema["translations"] == ["nn", "en", "uk", "pl", "ar"]
    assert schema["messages"] == {code: english(PROBLEM_TEXTS[code]) for code in FORM_PROBLEMS}
    assert schema["keys"]["cancelled-dates"] == "Cancelled-dates" and schema["keys"]["orgnr"] == "Orgnr"


def test_the_schemas_rules_judge_as_the_validator_does(demo_site):
    rules = submission_schema(demo_site, "nb")["rules"]
    unsafe = re.compile(rules["unsafeTarget"], re.IGNORECASE)
    assert unsafe.search("javascript:alert(1)") and unsafe.search("DATA:text/html,x")
    assert not unsafe.search("https://www.raufoss.no") and not unsafe.search("tel:61190000")
    assert re.match(rules["email"], "post@forening.no") and not re.match(rules["email"], "post@forening")
    assert rules["safeSchemes"] == ["http", "https", "mailto", "tel"]
    assert ".svg" not in rules["imageSuffixes"] and ".jpg" in rules["imageSuffixes"]
    assert rules["slugFold"] == {"æ": "ae", "ø": "o", "å": "a", "ß": "ss"}


def test_the_required_fields_are_the_readers(demo_site):
    complete = {"title": "Kaffe", "start": "2026-12-01", "location": "Huset", "organizer": "x", "category": "sosialt"}
    assert set(complete) == set(REQUIRED_FIELDS["event"])
    event, problems = parse_event(parse_source_text(source_text(complete), "events/x/kaffe.md"))
    assert event is not None and problems == []
    for name in REQUIRED_FIELDS["event"]:
        text = source_text({k: v for k, v in complete.items() if k != name})
        _, problems = parse_event(parse_source_text(text, "events/x/kaffe.md"))
        assert [(p.code, p.field) for p in problems] == [("missing_field", name)]
    association = {"name": "Laget", "category": "idrett"}
    assert set(association) == set(REQUIRED_FIELDS["association"])
    found, problems = parse_association(parse_source_text(source_text(association, order=ASSOCIATION_FIELD_ORDER), "associations/laget.md"))
    assert found is not None and problems == []


@pytest.mark.parametrize("first, choice, rule", [
    ("2026-12-01", REPEAT_FORMS["weekly"], "FREQ=WEEKLY"),
    ("2026-12-01", REPEAT_FORMS["biweekly"], "FREQ=WEEKLY;INTERVAL=2"),
    ("2026-12-01", REPEAT_FORMS["monthly"].format(nth=ORDINAL_WORDS[1], weekday="tuesday"), "FREQ=MONTHLY;BYDAY=1TU"),
    ("2026-12-31", REPEAT_FORMS["monthly"].format(nth=ORDINAL_WORDS[5], weekday="thursday"), "FREQ=MONTHLY;BYDAY=5TH"),
    ("2026-12-31", REPEAT_FORMS["monthly"].format(nth=ORDINAL_WORDS[-1], weekday="thursday"), "FREQ=MONTHLY;BYDAY=-1TH"),
])
def test_the_repeat_choices_are_written_as_the_reader_reads_them(first, choice, rule):
    until = REPEAT_FORMS["until"].format(rule=choice, date="2027-06-30")
    recurrence = parse_repeat(until, date.fromisoformat(first))
    assert recurrence.rule == rule and recurrence.until == date(2027, 6, 30)


def test_the_script_uses_exactly_the_messages_the_schema_carries():
    script = SCRIPT.read_text(encoding="utf-8")
    used = set(re.findall(r'problem\([^,]+,\s*"(\w+)"', script)) | set(re.findall(r'code: "(\w+)"', script))
    assert used == set(FORM_PROBLEMS)
    assert set(FORM_PROBLEMS) <= set(PROBLEM_TEXTS)


def test_an_associations_entry_writes_back_to_the_same_entry(demo_site):
    for association in demo_site.catalog.associations.values():
        source = read_source(DEMO_CONTENT / association.source_path, DEMO_CONTENT)
        entry = association_entry(association, source)
        assert entry["path"] == association.source_path
        rewritten = source_text(entry["fields"], entry["body"], order=ASSOCIATION_FIELD_ORDER)
        again, problems = parse_association(parse_source_text(rewritten, association.source_path))
        assert [p for p in problems if p.is_error] == []
        assert again == association, association.slug


def test_the_code_host_link_follows_the_setting():
    github = repository_new_file(PortalSettings.from_mapping(
        {"PORTAL_TODAY": DEMO_TODAY, "PORTAL_REPOSITORY_URL": "https://github.com/kommune/aktiviteter.git"}))
    assert (github.host, github.folder_url) == ("GitHub", "https://github.com/kommune/aktiviteter/new/main/content/")
    assert (github.name_parameter, github.text_parameter) == ("filename", "value")
    gitlab = repository_new_file(PortalSettings.from_mapping({
        "PORTAL_TODAY": DEMO_TODAY, "PORTAL_REPOSITORY_URL": "https://gitlab.example.no/kommune/aktiviteter",
        "PORTAL_REPOSITORY_BRANCH": "innhold"}))
    assert gitlab.folder_url == "https://gitlab.example.no/kommune/aktiviteter/-/new/innhold/content/"
    assert (gitlab.name_parameter, gitlab.text_parameter) == ("file_name", "content")
    assert repository_new_file(PortalSettings.from_mapping({"PORTAL_TODAY": DEMO_TODAY})) is None
    for key, value in (("PORTAL_REPOSITORY_URL", "https://example.com/a/b"),
                       ("PORTAL_REPOSITORY_URL", "https://github.com/bare-eier"),
                       ("PORTAL_SUBMISSION_EMAIL", "post på frivilligsentralen"),
                       ("PORTAL_REPOSITORY_BRANCH", "")):
        with pytest.raises(SettingsError, match=key):
            PortalSettings.from_mapping({"PORTAL_TODAY": DEMO_TODAY, key: value})


def test_the_build_writes_the_schema_in_every_language_and_every_entry(demo_output):
    for prefix, lang in (("", "nb"), ("en/", "en"), ("ar/", "ar")):
        schema = json.loads((demo_output / prefix / "send-inn" / "skjema.json").read_text(encoding="utf-8"))
        assert schema["language"] == lang
        assert schema["messages"]["empty_field"] == translator(lang).gettext(PROBLEM_TEXTS["empty_field"])
        assert schema["send"]["email"] == "post@vestretoten-frivilligsentral.no"
    for path in sorted((DEMO_CONTENT / "associations").glob("*.md")):
        entry = json.loads((demo_output / association_entry_path(path.stem)).read_text(encoding="utf-8"))
        assert entry["path"] == f"associations/{path.name}"


def test_the_forms_are_linked_where_submitters_look(page):
    menu = {a.get_text(strip=True): a["href"] for a in page("").select(".main-nav a")}
    assert menu["Send inn arrangement"] == "/send-inn/"
    association = page("foreninger/raufoss-pensjonistforening/")
    update = association.find("a", string="Oppdater foreningen")
    assert update["href"] == "/send-inn/forening/?forening=raufoss-pensjonistforening"
    assert page("en/foreninger/raufoss-pensjonistforening/").find(
        "a", href="/en/send-inn/forening/?forening=raufoss-pensjonistforening") is not None
    assert page("slik-sender-du-inn/").find("a", href="/send-inn/") is not None
    assert page("").select_one(".site-footer").find("a", href="/send-inn/forening/") is not None


# --- Filled in in the browser, validated and built --------------------------------------------


def fill_one_off(tab, site_url) -> str:
    open_form(tab, site_url)
    tab.fill("#f-title", "Ærlig talt – åpen kveld på Eina")
    tab.select_option("#f-organizer", "flere-farger-toten")
    tab.select_option("#f-category", "kultur")
    tab.fill("#f-description", "Samtaler om livet på bygda.\n\nKaffe og kake.")
    tab.fill("#f-start-date", "2026-12-10")
    tab.fill("#f-start-time", "18:00")
    tab.fill("#f-end-time", "20:30")
    tab.fill("#f-location", "Eina samfunnshus")
    tab.select_option("#f-place", "2843")
    tab.click("summary:has-text('Bilde, oversettelser')")
    tab.fill("#f-title-en", "Honest talk – open evening at Eina")
    with tab.expect_download() as download:
        text = make_file(tab)
        tab.click("[data-action=download]")
    saved = download.value
    assert saved.suggested_filename == slugify("Ærlig talt – åpen kveld på Eina") + ".md"
    assert Path(saved.path()).read_text(encoding="utf-8") == text
    return text


def fill_weekly(tab, site_url) -> str:
    open_form(tab, site_url, "send-inn/?arrangor=raufoss-pensjonistforening")
    assert tab.input_value("#f-organizer") == "raufoss-pensjonistforening"
    tab.fill("#f-title", "Strikkekafé for alle")
    tab.select_option("#f-category", "sosialt")
    tab.check("#f-audience-4")  # eldre
    tab.check("#f-audience-3")  # voksne
    tab.fill("#f-start-date", "2026-12-08")
    tab.fill("#f-start-time", "11:00")
    tab.fill("#f-end-time", "13:00")
    tab.select_option("#f-repeat", "weekly")
    tab.fill("#f-repeat-until", "2027-03-30")
    tab.fill("#f-except-velg", "2026-12-29")
    tab.click("[data-add-date=except]")
    tab.fill("#f-location", "Raufoss bibliotek, Storgata 2, 2830 Raufoss")
    tab.check("#f-price-2")  # it costs money
    tab.fill("#f-price-adults", "50")
    tab.fill("#f-registration", "post@pensjonistforening.example")
    return make_file(tab)


def fill_all_day(tab, site_url) -> str:
    open_form(tab, site_url)
    tab.fill("#f-title", "Vinterfestival ved Raufoss")
    tab.select_option("#f-organizer", "toten-turlag")
    tab.select_option("#f-category", "friluftsliv")
    tab.fill("#f-start-date", "2027-02-06")
    tab.check("#f-all-day")
    assert not tab.is_visible("#f-start-time")
    tab.fill("#f-end-date", "2027-02-07")
    tab.fill("#f-location", "Skistua, Raufoss")
    tab.check("#f-price-1")  # free
    tab.fill("#f-description", "Ski, bål og pølser for hele familien.")
    return make_file(tab)


def fill_association_update(tab, site_url, slug="raufoss-sanitetsforening") -> str:
    tab.goto(f"{site_url}/foreninger/{slug}/")
    tab.click("text=Oppdater foreningen")
    tab.wait_for_function("() => document.querySelector('#f-name').value !== ''")
    assert tab.input_value("#f-entry") == slug
    tab.fill("#f-phone", "61 19 22 33")
    tab.fill("#f-description", tab.input_value("#f-description") + "\n\nNye medlemmer er alltid velkomne.")
    return make_file(tab)


def fill_at_venue(tab, site_url) -> str:
    """At a venue of the register: no Location needed, the venue gives the address."""
    open_form(tab, site_url, "send-inn/?arrangor=vestre-toten-frivilligsentral")
    tab.fill("#f-title", "Julegrøt på frivilligsentralen")
    tab.select_option("#f-category", "sosialt")
    tab.fill("#f-start-date", "2026-12-17")
    tab.fill("#f-start-time", "12:00")
    tab.fill("#f-end-time", "14:00")
    tab.select_option("#f-venue", "frivilligsentralen")
    tab.select_option("#f-step-free", "ja")
    tab.check("#f-price-1")  # free
    assert "Frivilligsentralen, Storgata 1, 2830 Raufoss" in tab.inner_text(".form-preview")
    return make_file(tab)


FILLERS = {"one-off": fill_one_off, "weekly": fill_weekly, "all-day": fill_all_day,
           "association": fill_association_update, "at-venue": fill_at_venue}


@pytest.fixture(scope="module")
def made(browser, site_url) -> dict[str, tuple[str, str]]:
    """case -> (path in content/, text of the file) as the forms made them."""
    files = {}
    for case, fill in FILLERS.items():
        tab = new_tab(browser, site_url)
        text = fill(tab, site_url)
        files[case] = (tab.inner_text(".result-path"), text)
        assert tab.errors == [] and tab.outside_requests == []
        tab.context.close()
    return files


@pytest.fixture(scope="module")
def content_with_made(made, tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("form") / "content"
    shutil.copytree(DEMO_CONTENT, content)
    for path, text in made.values():
        (content / path).parent.mkdir(parents=True, exist_ok=True)
        (content / path).write_text(text, encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def built_with_made(content_with_made, tmp_path_factory) -> Path:
    return build_site(content_with_made, tmp_path_factory.mktemp("form-site") / "output")


def test_the_files_are_named_as_the_format_expects(made):
    assert made["one-off"][0] == "events/flere-farger-toten/aerlig-talt-apen-kveld-pa-eina.md"
    assert made["weekly"][0] == "events/raufoss-pensjonistforening/strikkekafe-for-alle.md"
    assert made["all-day"][0] == "events/toten-turlag/vinterfestival-ved-raufoss.md"
    assert made["association"][0] == "associations/raufoss-sanitetsforening.md"


def test_the_files_say_what_was_filled_in(made):
    one_off, weekly, all_day, association, at_venue = (made[case][1] for case in FILLERS)
    assert "Venue: frivilligsentralen\nStep-free: ja\nOrganizer: vestre-toten-frivilligsentral\n" in at_venue
    assert "Location:" not in at_venue
    assert one_off.startswith("Title: Ærlig talt – åpen kveld på Eina\nTitle-en: Honest talk – open evening at Eina\n"
                              "Start: 2026-12-10 18:00\nEnd: 2026-12-10 20:30\nLocation: Eina samfunnshus, 2843 Eina\n"
                              "Organizer: flere-farger-toten\nCategory: kultur\n")
    assert one_off.endswith("\n\nSamtaler om livet på bygda.\n\nKaffe og kake.\n")
    assert "Repeat: weekly until 2027-03-30\nExcept: 2026-12-29\n" in weekly
    assert "Audience: voksne, eldre\nPrice: 50\nRegistration: post@pensjonistforening.example\n" in weekly
    assert "Start: 2027-02-06\nEnd: 2027-02-07\n" in all_day and "Price: gratis\n" in all_day
    assert "Phone: 61 19 22 33\n" in association and association.rstrip().endswith("Nye medlemmer er alltid velkomne.")
    assert re.search(r"^Added: \d{4}-\d{2}-\d{2}$", one_off, re.M)
    assert re.search(r"^Modified: \d{4}-\d{2}-\d{2}$", association, re.M)


def test_the_made_files_pass_validate(content_with_made):
    result = subprocess.run([sys.executable, "-m", "aktivitetsportal.commands.validate", str(content_with_made),
                             "--settings", str(ROOT / "pelicanconf.py")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    made_paths = ("aerlig-talt", "strikkekafe-for-alle", "vinterfestival", "raufoss-sanitetsforening",
                  "julegrot-pa-frivilligsentralen")
    assert not [line for line in result.stdout.splitlines() if any(p in line for p in made_paths)]


def test_the_made_events_are_on_the_built_site(built_with_made):
    one_off = soup_of(built_with_made / "arrangement" / "aerlig-talt-apen-kveld-pa-eina" / "index.html")
    assert one_off.find("h1").get_text(strip=True) == "Ærlig talt – åpen kveld på Eina"
    english = soup_of(built_with_made / "en" / "arrangement" / "aerlig-talt-apen-kveld-pa-eina" / "index.html")
    assert english.find("h1").get_text(strip=True) == "Honest talk – open evening at Eina"
    place = soup_of(built_with_made / "sted" / "eina" / "index.html")
    assert place.find("a", href="/arrangement/aerlig-talt-apen-kveld-pa-eina/") is not None
    weekly = soup_of(built_with_made / "arrangement" / "strikkekafe-for-alle" / "index.html")
    assert "Hver tirsdag, 11:00–13:00, til og med tirsdag 30. mars 2027" in weekly.select_one("dl.facts").get_text(" ")
    assert "29. des. 2026" in weekly.get_text()  # the date left out of the series
    all_day = soup_of(built_with_made / "arrangement" / "vinterfestival-ved-raufoss" / "index.html")
    assert "Hele dagen" in all_day.select_one("dl.facts").get_text()
    at_venue = soup_of(built_with_made / "arrangement" / "julegrot-pa-frivilligsentralen" / "index.html")
    facts = at_venue.select_one("dl.facts")
    assert "Frivilligsentralen, Storgata 1, 2830 Raufoss" in facts.get_text()
    assert facts.find("a", href="/lokaler/frivilligsentralen/") and "Rullestoltilgjengelig" in facts.get_text()


def test_the_updated_association_is_on_the_built_site(built_with_made):
    association = soup_of(built_with_made / "foreninger" / "raufoss-sanitetsforening" / "index.html")
    assert association.find("a", href="tel:+4761192233").get_text() == "61 19 22 33"
    assert "Nye medlemmer er alltid velkomne." in association.select_one(".description").get_text()


# --- What the form says about wrong values ------------------------------------------------------


def beside(tab, name: str) -> str:
    return tab.inner_text(f"#f-{name}-feil")


def test_wrong_values_get_the_validators_words_beside_the_field_and_in_the_summary(browser_page, site_url):
    tab = browser_page
    open_form(tab, site_url)
    tab.fill("#f-title", "T" * 151)
    tab.fill("#f-start-date", "2026-12-10")
    tab.fill("#f-start-time", "20:00")
    tab.fill("#f-end-time", "18:00")
    tab.fill("#f-registration", "javascript:alert(1)")
    tab.fill("#f-cancelled-dates", "2026-12-10, 2026-13-01")
    tab.click(SUBMIT)
    summary = tab.locator("#feiloversikt")
    assert summary.is_visible() and tab.evaluate("document.activeElement.id") == "feiloversikt"
    expected = {
        "title": words("value_too_long", field="Tittel", length=151, limit=150),
        "organizer": words("empty_field", field="Arrangør", example="Bøverbru IL"),
        "category": words("empty_field", field="Kategori", example="Sosialt og møteplasser"),
        "end-time": words("end_before_start", end="2026-12-10 18:00", start="2026-12-10 20:00",
                          example="2026-12-10 22:00"),
        "cancelled-dates": words("bad_date", value="2026-13-01"),
        "location": words("empty_field", field="Sted og adresse",
                          example="Frivilligsentralen, Storgata 1, 2830 Raufoss"),
        "registration": words("unsafe_link", value="javascript:alert(1)", field="Påmelding"),
    }
    for name, message in expected.items():
        assert beside(tab, name) == message, name
        control = tab.locator(f"#f-{name}")
        assert control.get_attribute("aria-invalid") == "true"
        assert f"f-{name}-feil" in control.get_attribute("aria-describedby").split()
    links = summary.locator("a")
    assert links.all_inner_texts() == list(expected.values())  # in the order of the form
    links.nth(3).click()
    assert tab.evaluate("document.activeElement.id") == "f-end-time"
    assert not tab.is_visible("#resultat")


def test_the_messages_are_in_the_pages_language(browser_page, site_url):
    tab = browser_page
    open_form(tab, site_url, "en/send-inn/")
    tab.fill("#f-start-date", "2026-12-10")
    tab.fill("#f-start-time", "20:00")
    tab.fill("#f-end-time", "18:00")
    tab.select_option("#f-repeat", "weekly")
    tab.fill("#f-repeat-until", "2026-12-01")
    tab.click(SUBMIT)
    assert beside(tab, "end-time") == words("end_before_start", "en", end="2026-12-10 18:00",
                                            start="2026-12-10 20:00", example="2026-12-10 22:00")
    reason = words("repeat_until_before_first", "en", until="2026-12-01", first="2026-12-10")
    assert beside(tab, "repeat-until") == words("bad_repeat", "en", value="weekly until 2026-12-01", reason=reason)


def test_a_message_in_the_folded_part_unfolds_it(browser_page, site_url):
    tab = browser_page
    fill_all_day(tab, site_url)
    tab.click("summary:has-text('Bilde, oversettelser')")
    tab.fill("#f-image", "https://example.no/bilde.svg")
    tab.click("summary:has-text('Bilde, oversettelser')")  # folded again
    tab.click(SUBMIT)
    assert beside(tab, "image") == words("bad_image", value="https://example.no/bilde.svg", field="Bilde")
    tab.locator("#feiloversikt a").first.click()
    assert tab.evaluate("document.activeElement.id") == "f-image" and tab.is_visible("#f-image")


def test_fixed_values_make_the_file_and_the_messages_go(browser_page, site_url):
    tab = browser_page
    fill_all_day(tab, site_url)
    tab.fill("#f-end-date", "2027-02-01")
    tab.click(SUBMIT)
    assert beside(tab, "end-date") == words("end_before_start", end="2027-02-01", start="2027-02-06",
                                            example="2027-02-06")
    tab.fill("#f-end-date", "2027-02-07")
    text = make_file(tab)
    assert "End: 2027-02-07" in text and tab.locator(".field-error:not([hidden])").count() == 0
    assert not tab.is_visible("#feiloversikt")
    assert tab.evaluate("document.activeElement.id") == "resultat-tittel"


def test_repeat_choices_are_named_for_the_chosen_day(browser_page, site_url):
    tab = browser_page
    open_form(tab, site_url)
    tab.fill("#f-start-date", "2026-12-01")
    tab.dispatch_event("#f-start-date", "change")
    options = tab.eval_on_selector_all("#f-repeat option", "els => els.map(o => [o.value, o.textContent, o.disabled])")
    assert options[1:] == [["weekly", "Hver tirsdag", False], ["biweekly", "Annenhver tirsdag", False],
                           ["monthly", "Første tirsdag i måneden", False], ["monthly-last", "Siste tirsdag i måneden", True]]
    tab.fill("#f-start-date", "2026-12-29")
    tab.dispatch_event("#f-start-date", "change")
    assert tab.eval_on_selector("#f-repeat option[value=monthly-last]", "o => !o.disabled")
    assert tab.eval_on_selector("#f-repeat option[value=monthly]", "o => o.textContent") == "Femte tirsdag i måneden"


def test_an_event_with_a_taken_name_gets_a_file_of_its_own(browser_page, site_url):
    tab = browser_page
    open_form(tab, site_url)
    tab.fill("#f-title", "Tirsdagskaffe på frivilligsentralen")
    tab.select_option("#f-organizer", "raufoss-pensjonistforening")
    tab.select_option("#f-category", "sosialt")
    tab.fill("#f-start-date", "2026-12-15")
    tab.check("#f-all-day")
    tab.fill("#f-location", "Huset")
    make_file(tab)
    assert tab.inner_text(".result-path") == "events/raufoss-pensjonistforening/tirsdagskaffe-pa-frivilligsentralen-2.md"
    assert tab.is_visible(".result-note")


# --- Sending the file -------------------------------------------------------------------------


def test_the_mail_and_code_host_links_carry_the_file(browser_page, site_url):
    tab = browser_page
    text = fill_all_day(tab, site_url)
    mail = urlsplit(tab.get_attribute("[data-action=mail]", "href"))
    assert mail.scheme == "mailto" and unquote(mail.path) == "post@vestretoten-frivilligsentral.no"
    query = parse_qs(mail.query)
    assert query["subject"] == ["Nytt arrangement: Vinterfestival ved Raufoss"]
    assert query["body"][0].replace("\r\n", "\n").endswith(text)
    assert "content/events/toten-turlag/vinterfestival-ved-raufoss.md" in query["body"][0]
    host = urlsplit(tab.get_attribute("[data-action=repository]", "href"))
    assert host.netloc == "github.com"
    assert host.path.endswith("/new/main/content/events/toten-turlag/")
    assert parse_qs(host.query) == {"filename": ["vinterfestival-ved-raufoss.md"], "value": [text]}
    tab.click("[data-action=copy]")
    tab.wait_for_function("() => document.querySelector('.result-status').textContent !== ''")
    assert tab.inner_text(".result-status") in ("Teksten er kopiert. Lim den inn i en e-post eller en tekstfil.",
                                                "Teksten er merket. Trykk Ctrl+C (Cmd+C på Mac) for å kopiere den.")


def test_a_file_too_long_for_a_mail_link_is_to_be_downloaded(browser_page, site_url):
    tab = browser_page
    fill_association_update(tab, site_url, "vestre-toten-frivilligsentral")  # a long description
    assert not tab.is_visible("[data-action=mail]")
    assert tab.is_visible("[data-too-long=mail]")
    assert tab.is_visible("[data-action=download]")


# --- Everyone can use it ----------------------------------------------------------------------


@pytest.mark.parametrize("path", ["send-inn/", "send-inn/forening/", "ar/send-inn/", "en/send-inn/forening/"])
def test_the_forms_have_no_wcag_violations(browser_page, site_url, path):
    open_form(browser_page, site_url, path)
    browser_page.click(SUBMIT)  # with the error summary and the messages shown
    violations = Axe().run(browser_page, options=WCAG).response["violations"]
    assert violations == [], [(v["id"], v["nodes"][0]["html"][:120]) for v in violations]


def test_the_finished_file_has_no_wcag_violations(browser_page, site_url):
    fill_weekly(browser_page, site_url)
    browser_page.wait_for_timeout(800)  # the preview settles
    violations = Axe().run(browser_page, options=WCAG).response["violations"]
    assert violations == [], [(v["id"], v["nodes"][0]["html"][:120]) for v in violations]


def tab_to(tab, element_id: str, presses: int = 80) -> None:
    """Press Tab until the element has focus."""
    for _ in range(presses):
        if tab.evaluate("document.activeElement.id") == element_id:
            return
        tab.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}")


def test_the_form_works_by_keyboard_alone(browser_page, site_url):
    tab = browser_page
    open_form(tab, site_url)
    tab_to(tab, "f-title")
    tab.keyboard.type("Sangkveld")
    tab_to(tab, "f-organizer")
    tab.keyboard.press("End")  # the last association
    tab_to(tab, "f-category")
    tab.keyboard.press("Home")
    tab.keyboard.press("ArrowDown")  # the first category
    # Typed into the date and time pickers' segments: 12.12. reads the same day first or month
    # first, and a morning time the same on a 24-hour or a 12-hour clock (the "A" is for AM).
    tab_to(tab, "f-start-date")
    tab.keyboard.type("12122026")
    tab_to(tab, "f-start-time")
    tab.keyboard.type("1000A")
    tab_to(tab, "f-end-time")
    tab.keyboard.type("1130A")
    tab_to(tab, "f-location")
    tab.keyboard.type("Kirkestua, Raufoss")
    tab.keyboard.press("Enter")  # Enter in a field sends the form: the file is made
    tab.wait_for_selector("#resultat:not([hidden])")
    assert tab.evaluate("document.activeElement.id") == "resultat-tittel"
    text = tab.input_value("#resultat-tekst")
    assert "Title: Sangkveld\nStart: 2026-12-12 10:00\nEnd: 2026-12-12 11:30\n" in text
    assert "Organizer: vestre-toten-rode-kors\nCategory: kultur\n" in text
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.id") == "resultat-tekst"
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.getAttribute('data-action')") == "download"


def test_the_error_summary_is_used_by_keyboard(browser_page, site_url):
    tab = browser_page
    open_form(tab, site_url)
    tab_to(tab, "f-title")
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.id") == "feiloversikt"
    tab.keyboard.press("Tab")
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.id") == "f-title"


@pytest.mark.parametrize("path", ["send-inn/", "send-inn/forening/?forening=vestre-toten-frivilligsentral", "ar/send-inn/"])
def test_the_forms_fit_a_320_px_phone(browser, site_url, path):
    tab = new_tab(browser, site_url, viewport={"width": 320, "height": 640})
    open_form(tab, site_url, path)
    tab.click(SUBMIT)
    if path.startswith("send-inn/forening/"):
        tab.wait_for_selector("#resultat:not([hidden])")
    assert tab.evaluate("document.documentElement.scrollWidth") <= 320
    tab.context.close()


def test_without_javascript_the_page_explains_the_format(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    for path in ("send-inn/", "send-inn/forening/"):
        tab.goto(f"{site_url}/{path}")
        assert not tab.is_visible("#skjema") and not tab.is_visible("#skjema-felt")
        fallback = tab.locator(".form-fallback")
        assert fallback.is_visible()
        assert fallback.locator("a[href='/slik-sender-du-inn/']").is_visible()
        assert fallback.locator("a[href='mailto:post@vestretoten-frivilligsentral.no']").is_visible()
        assert "Title:" in fallback.locator("pre").inner_text() or "Name:" in fallback.locator("pre").inner_text()
    context.close()


def test_with_javascript_the_form_replaces_the_explanation(browser_page, site_url):
    open_form(browser_page, site_url)
    assert not browser_page.is_visible(".form-fallback")
    assert browser_page.is_visible("#f-title")


def test_the_form_pages_are_valid_html(demo_output):
    java = shutil.which("java")
    vnu = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    assert java and vnu.is_file()
    pages = ["send-inn/index.html", "send-inn/forening/index.html", "ar/send-inn/index.html",
             "foreninger/raufoss-pensjonistforening/index.html"]
    result = subprocess.run([java, "-jar", str(vnu), "--errors-only", "--format", "json", *pages],
                            cwd=demo_output, capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    assert [m["message"] for m in messages if m["type"] == "error"] == []


def test_the_preview_shows_the_event_as_plain_text(browser_page, site_url):
    tab = browser_page
    open_form(tab, site_url)
    tab.fill("#f-title", "<img src=x onerror=alert(1)> Kveld")
    tab.fill("#f-start-date", "2026-12-01")
    tab.fill("#f-start-time", "18:00")
    tab.fill("#f-end-time", "20:00")
    tab.select_option("#f-repeat", "monthly")
    tab.select_option("#f-organizer", "toten-turlag")
    tab.fill("#f-description", "**Fet** tekst.")
    card = tab.locator(".preview-card")
    card.locator(".preview-title").wait_for()
    tab.wait_for_function("() => document.querySelector('.preview-description p')")
    assert card.locator(".preview-title").inner_text() == "<img src=x onerror=alert(1)> Kveld"
    assert card.locator("img").count() == 0
    assert card.locator(".summary-when").inner_text() == "Første tirsdag i måneden 18:00–20:00. Neste gang: tirsdag 1. desember 2026"
    assert card.locator(".occ-organizer").inner_text() == "Toten Turlag"
    assert card.locator(".preview-description").inner_text() == "**Fet** tekst."
    assert tab.locator(".preview-body").get_attribute("aria-live") == "polite"

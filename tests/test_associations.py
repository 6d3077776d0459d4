"""The association register: parsing and validation, register helpers, and the pages."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from aktivitetsportal.domain.portal import PortalSite
from aktivitetsportal.domain.register import (
    ALPHABET,
    OTHER_LETTER,
    letter_anchor,
    letter_groups,
    letter_index,
    letter_of,
    register_entries,
    short_line,
)
from aktivitetsportal.settings import PortalSettings
from aktivitetsportal.submissions.associations import (
    check_orgnr,
    enhetsregisteret_url,
    format_orgnr,
    parse_association,
    tel_uri,
)
from aktivitetsportal.submissions.catalog import load_catalog
from aktivitetsportal.submissions.sourcefile import parse_source_text
from aktivitetsportal.submissions.vocabulary import ASSOCIATION_CATEGORIES
from aktivitetsportal.text.problem_messages import problem_message
from sitebuild import DEMO_CONTENT, DEMO_TODAY, build_site, soup_of

FULL_ENTRY = """Name: Raufoss IL Ski
Category: idrett
Orgnr: 899 603 087
Email: ski@raufoss-il.no
Phone: 92 18 45 60
Website: https://raufoss-il.no/ski
Address: Skistua, Skistuvegen 20, 2830 Raufoss
Audience: barn, ungdom
Membership: 300 kr for barn
Contact: Tor Egil Hagen

Skigruppa har langrenn for alle fra 4 år. Vi har skiskole.
"""


def parse(text: str, path: str = "associations/lag.md"):
    return parse_association(parse_source_text(text, path))


def codes(problems, severity: str = "error") -> list[str]:
    return [p.code for p in problems if p.severity == severity]


def header(**fields) -> str:
    lines = [f"{key.capitalize()}: {value}" for key, value in fields.items()]
    return "\n".join(lines) + "\n\nBeskrivelse av laget.\n"


@pytest.fixture(scope="module")
def site() -> PortalSite:
    catalog = load_catalog(DEMO_CONTENT)
    assert catalog.errors == []
    return PortalSite.build(catalog, PortalSettings.from_mapping({"PORTAL_TODAY": DEMO_TODAY}))


# -- parsing -----------------------------------------------------------------
def test_full_entry_is_parsed():
    association, problems = parse(FULL_ENTRY)
    assert problems == []
    assert association.slug == "lag"
    assert association.name == "Raufoss IL Ski"
    assert association.category == "idrett"
    assert association.orgnr == "899603087"  # spaces removed
    assert association.email == "ski@raufoss-il.no"
    assert association.phone == "92 18 45 60"
    assert association.website == "https://raufoss-il.no/ski"
    assert association.address.startswith("Skistua")
    assert association.audiences == ("barn", "ungdom")
    assert association.membership == "300 kr for barn"
    assert association.contact == "Tor Egil Hagen"
    assert "<p>Skigruppa" in association.body_html


def test_only_name_and_category_are_required():
    association, problems = parse(header(name="Eina husflidslag", category="kultur"))
    assert problems == []
    assert association.orgnr == association.email == association.phone == association.website == ""


@pytest.mark.parametrize("orgnr", ["899603087", "899 603 087", "974760673", "974 760 673", "926018159"])
def test_valid_orgnr_is_accepted(orgnr):
    association, problems = parse(header(name="Lag", category="annet", orgnr=orgnr))
    assert codes(problems) == []
    assert association.orgnr == orgnr.replace(" ", "")


@pytest.mark.parametrize("orgnr, reason", [
    ("899603088", "kontrollsifferet stemmer ikke"),  # last digit changed
    ("974760674", "kontrollsifferet stemmer ikke"),
    ("123456789", "kontrollsifferet stemmer ikke"),
    ("89960308", "det må være 9 siffer"),
    ("8996030877", "det må være 9 siffer"),
    ("89960308A", "bare siffer og mellomrom"),
])
def test_invalid_orgnr_is_rejected_with_a_norwegian_reason(orgnr, reason):
    association, problems = parse(header(name="Lag", category="annet", orgnr=orgnr))
    assert association is None
    [problem] = [p for p in problems if p.is_error]
    assert problem.code == "bad_orgnr"
    assert problem.field == "orgnr"
    assert problem.line == 3
    message = problem_message(problem, "nb")
    assert orgnr in message and reason in message and "Enhetsregisteret" in message


def test_check_orgnr_returns_the_compact_number_or_a_reason():
    assert check_orgnr("899 603 087") == ("899603087", None)
    assert check_orgnr("899603088")[1].code == "orgnr_checksum"


def test_unknown_category_is_rejected_with_the_choices_and_a_suggestion():
    association, problems = parse(header(name="Lag", category="idret"))
    assert association is None
    [problem] = [p for p in problems if p.is_error]
    assert (problem.code, problem.field) == ("unknown_choice", "category")
    message = problem_message(problem, "nb")
    assert "«idret»" in message and "Mente du «idrett»?" in message
    for term in ASSOCIATION_CATEGORIES:
        assert term.value in message


@pytest.mark.parametrize("written, value", [
    ("Idrett", "idrett"), ("humanitaer", "humanitær"), ("barn-og-unge", "barn og unge"),
    ("Religion og livssyn", "religion og livssyn"),
])
def test_category_accepts_any_case_slug_and_alias(written, value):
    association, problems = parse(header(name="Lag", category=written))
    assert codes(problems) == []
    assert association.category == value


@pytest.mark.parametrize("text, field", [
    ("Category: idrett\n\nTekst.\n", "name"),
    ("Name: Lag\n\nTekst.\n", "category"),
])
def test_missing_required_field_is_reported(text, field):
    association, problems = parse(text)
    assert association is None
    assert [(p.code, p.field) for p in problems if p.is_error] == [("missing_field", field)]


@pytest.mark.parametrize("field, value, code", [
    ("phone", "ring meg", "bad_phone"),
    ("email", "post(at)lag.no", "bad_email"),
    ("website", "javascript:alert(1)", "unsafe_link"),
    ("audience", "pensjonister og barn", "unknown_choice"),
])
def test_bad_contact_fields_are_rejected(field, value, code):
    association, problems = parse(header(name="Lag", category="annet", **{field: value}))
    assert association is None
    assert [(p.code, p.field) for p in problems if p.is_error] == [(code, field)]


def write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_duplicate_names_are_rejected_across_files(tmp_path):
    write(tmp_path / "associations", "a-lag.md", header(name="Toten Turlag", category="friluftsliv"))
    write(tmp_path / "associations", "b-lag.md", header(name="toten  TURLAG", category="friluftsliv"))
    catalog = load_catalog(tmp_path)
    assert list(catalog.associations) == ["a-lag"]
    [problem] = catalog.errors
    assert (problem.code, problem.path) == ("duplicate_name", "associations/b-lag.md")
    assert "associations/a-lag.md" in problem_message(problem, "nb")


def test_duplicate_slugs_are_rejected_across_files(tmp_path):
    write(tmp_path / "associations", "lag.md", header(name="Lag en", category="annet"))
    write(tmp_path / "associations", "zz.md", header(name="Lag to", category="annet", slug="lag"))
    catalog = load_catalog(tmp_path)
    assert [a.name for a in catalog.associations.values()] == ["Lag en"]
    assert [(p.code, p.path) for p in catalog.errors] == [("duplicate_slug", "associations/zz.md")]


def test_events_of_unknown_organizers_stay_rejected(tmp_path):
    write(tmp_path / "associations", "toten-turlag.md", header(name="Toten Turlag", category="friluftsliv"))
    event = ("Title: Tur\nStart: 2026-12-01 18:00\nDuration: 2h\nLocation: Raufoss\n"
             "Organizer: toten-turlaget\nCategory: friluftsliv\n\nTur.\n")
    write(tmp_path / "events", "tur.md", event)
    catalog = load_catalog(tmp_path)
    assert catalog.events == []
    [problem] = catalog.errors
    assert (problem.code, problem.field) == ("unknown_organizer", "organizer")
    assert "Mente du «toten-turlag»?" in problem_message(problem, "nb")


# -- helpers -----------------------------------------------------------------
def test_format_orgnr_and_enhetsregisteret_url():
    assert format_orgnr("899603087") == "899 603 087"
    assert format_orgnr("") == ""
    assert enhetsregisteret_url("899603087") == "https://data.brreg.no/enhetsregisteret/oppslag/enheter/899603087"


@pytest.mark.parametrize("phone, uri", [
    ("92 18 45 60", "tel:+4792184560"),
    ("61 19 00 00", "tel:+4761190000"),
    ("+47 912 34 567", "tel:+4791234567"),
    ("0047 61 19 00 00", "tel:+4761190000"),
    ("+46 8 123 456 78", "tel:+46812345678"),
])
def test_tel_uri(phone, uri):
    assert tel_uri(phone) == uri


@pytest.mark.parametrize("name, letter", [
    ("Bøverbru IL", "B"), ("Øvre Eina vel", "Ø"), ("Ærlig talt teater", "Æ"), ("Åsvegen vel", "Å"),
    ("Éclair-koret", "E"), ("ølbryggerlauget", "Ø"), ("«Raufoss» kor", "R"), ("17. mai-komiteen", OTHER_LETTER),
])
def test_letter_of(name, letter):
    assert letter_of(name) == letter


def test_letter_anchors_are_distinct_for_norwegian_letters():
    anchors = [letter_anchor(letter) for letter in (*ALPHABET, OTHER_LETTER)]
    assert len(set(anchors)) == len(anchors)
    assert letter_anchor("Ø") != letter_anchor("O")
    assert all(anchor.isascii() for anchor in anchors)


@pytest.mark.parametrize("text, line", [
    ("Vi går tur. Alle er velkomne.", "Vi går tur."),
    ("Vi feirer 17. mai og har kurs fra 3. klasse. Bli med!", "Vi feirer 17. mai og har kurs fra 3. klasse."),
    ("Hvem kan bli med? Alle!", "Hvem kan bli med?"),
    ("Første avsnitt uten punktum\n\nAndre avsnitt.", "Første avsnitt uten punktum"),
    ("", ""),
])
def test_short_line_is_the_first_sentence(text, line):
    assert short_line(text) == line


def test_short_line_is_cut_at_a_word():
    text = "Ord " * 100
    line = short_line(text, limit=40)
    assert line.endswith("…") and len(line) <= 40 and "Or…" not in line


def association(name: str, category: str = "annet", slug: str | None = None):
    parsed, _ = parse(header(name=name, category=category), f"associations/{slug or 'x'}.md")
    return parsed


def test_register_is_in_norwegian_order_with_ae_oe_aa_after_z():
    names = ["Åsvegen vel", "Zumba-gjengen", "Øvre Eina vel", "Ærlig talt teater", "Aktiv senior", "Bøverbru IL"]
    entries = register_entries([association(n, slug=str(i)) for i, n in enumerate(names)])
    assert [e.association.name for e in entries] == [
        "Aktiv senior", "Bøverbru IL", "Zumba-gjengen", "Ærlig talt teater", "Øvre Eina vel", "Åsvegen vel"]
    groups = letter_groups(entries)
    assert [g.letter for g in groups] == ["A", "B", "Z", "Æ", "Ø", "Å"]
    index = letter_index(groups)
    assert [link.letter for link in index] == list(ALPHABET)
    assert [link.letter for link in index if link.present] == ["A", "B", "Z", "Æ", "Ø", "Å"]


# -- pages -------------------------------------------------------------------
def main_of(soup):
    main = soup.find("main")
    assert main is not None
    return main


def assert_heading_order(soup):
    """One h1, and no level skipped on the way down (h2 -> h4 would be)."""
    levels = [int(h.name[1]) for h in main_of(soup).find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, levels


def test_register_page_lists_every_association_a_to_aa(page, site):
    soup = page("foreninger/")
    assert soup.find("h1").get_text(strip=True) == "Lag og foreninger"
    assert_heading_order(soup)
    names = [h.get_text(strip=True) for h in main_of(soup).select("li.register-entry h3")]
    expected = [e.association.name for e in register_entries(site.catalog.associations.values())]
    assert names == expected and len(names) == 19
    # Ø after Z: "Bøverbru IL" sorts as B, and the list is in the order sort_key_nb gives.
    assert names[0] == "Bøverbru IL"


def test_register_entries_show_category_and_short_line(page, site):
    soup = page("foreninger/")
    for entry in register_entries(site.catalog.associations.values()):
        link = main_of(soup).find("a", href=f"/foreninger/{entry.association.slug}/")
        item = link.find_parent("li")
        assert item.select_one(".register-category").get_text(strip=True) == entry.category.label
        assert item.select_one(".register-category a")["href"] == f"/foreninger/kategori/{entry.category.slug}/"
        assert item.select_one(".register-line").get_text(strip=True) == entry.short_line
    ski = main_of(soup).find("a", href="/foreninger/raufoss-il-ski/").find_parent("li")
    assert ski.select_one(".register-line").get_text(strip=True) == (
        "Skigruppa i Raufoss Idrettslag har langrenn for alle fra 4 år og oppover.")


def test_register_letter_index_links_to_the_letter_headings(page):
    soup = page("foreninger/")
    index = soup.find("nav", attrs={"aria-label": "Hopp til forbokstav"})
    letters = [li.get_text(strip=True) for li in index.find_all("li")]
    assert letters == list(ALPHABET)
    linked = {a.get_text(strip=True): a["href"] for a in index.find_all("a")}
    headings = {h.get_text(strip=True): h["id"] for h in main_of(soup).select("section.letter-group > h2")}
    assert linked == {letter: f"#{anchor}" for letter, anchor in headings.items()}
    assert set(linked) == {"B", "E", "F", "H", "L", "R", "S", "T", "U", "V"}


def test_category_pages_filter_the_register_without_javascript(page, site, demo_output):
    soup = page("foreninger/")
    nav = soup.find("nav", attrs={"aria-labelledby": "kategorier"})
    links = nav.find_all("a")
    assert links[0]["href"] == "/foreninger/" and links[0].get("aria-current") == "page"
    assert [a.get_text(strip=True) for a in links[1:]] == [t.label for t in ASSOCIATION_CATEGORIES]
    for term in ASSOCIATION_CATEGORIES:
        category_page = page(f"foreninger/kategori/{term.slug}/")
        assert category_page.find("h1").get_text(strip=True) == term.label
        assert_heading_order(category_page)
        current = category_page.find("a", attrs={"aria-current": "page"})
        assert current["href"] == f"/foreninger/kategori/{term.slug}/"
        names = [h.get_text(strip=True) for h in main_of(category_page).select("li.register-entry h3")]
        expected = sorted((a for a in site.catalog.associations.values() if a.category == term.value),
                          key=lambda a: (a.sort_key, a.slug))
        assert names == [a.name for a in expected]
        count = nav.find("a", href=f"/foreninger/kategori/{term.slug}/").find_next_sibling("span")
        assert count.get_text(strip=True) == f"({len(expected)})"
    idrett = page("foreninger/kategori/idrett/")
    assert [h.get_text(strip=True) for h in main_of(idrett).select("li.register-entry h3")] == [
        "Bøverbru IL", "Raufoss IL Ski"]


def test_association_page_has_contact_links_and_register_link(page):
    soup = page("foreninger/raufoss-il-ski/")
    assert_heading_order(soup)
    main = main_of(soup)
    assert main.find("h1").get_text(strip=True) == "Raufoss IL Ski"
    assert "Skigruppa i Raufoss Idrettslag har langrenn" in main.select_one(".description").get_text()
    facts = {dt.get_text(strip=True): dt.find_next_sibling("dd") for dt in main.select("dl.facts dt")}
    assert facts["Kategori"].a["href"] == "/foreninger/kategori/idrett/"
    assert facts["For hvem"].get_text(strip=True) == "Barn, Ungdom og Voksne"  # a list in words (CLDR)
    assert facts["E-post"].a["href"] == "mailto:ski@raufoss-il.no"
    assert facts["Telefon"].a["href"] == "tel:+4792184560"
    assert facts["Telefon"].a.get_text(strip=True) == "92 18 45 60"
    assert facts["Nettside"].a["href"] == "https://raufoss-il.no/ski"
    assert facts["Nettside"].a.get_text(strip=True) == "raufoss-il.no/ski"
    assert facts["Adresse og møtested"].get_text(strip=True) == "Skistua, Skistuvegen 20, 2830 Raufoss"
    assert facts["Kontaktperson"].get_text(strip=True) == "Tor Egil Hagen (leder skigruppa)"
    assert facts["Medlemskap"].get_text(strip=True).startswith("Medlemskap i Raufoss IL: 300 kr for barn")
    brreg = facts["Organisasjonsnummer"]
    assert brreg.get_text(" ", strip=True).startswith("899 603 087")
    assert brreg.a["href"] == "https://data.brreg.no/enhetsregisteret/oppslag/enheter/899603087"
    assert brreg.a.get_text(strip=True) == "se Raufoss IL Ski i Enhetsregisteret"


def test_association_without_orgnr_has_no_enhetsregisteret_link(page):
    main = main_of(page("foreninger/boverbru-il/"))
    assert [dt.get_text(strip=True) for dt in main.select("dl.facts dt") if "Organisasjonsnummer" in dt.get_text()] == []
    assert main.find("a", href=lambda h: h and "brreg.no" in h) is None


def test_association_page_lists_upcoming_events_with_the_next_occurrence(page):
    main = main_of(page("foreninger/raufoss-il-ski/"))
    section = main.find("section", attrs={"aria-labelledby": "kommende"})
    items = section.select("li.summary")
    assert [li.h3.a.get_text(strip=True) for li in items] == ["Skiskole for barn 4–8 år", "Barnas skirenn på Skistua"]
    weekly = items[0].select_one(".summary-when").get_text(" ", strip=True)
    assert weekly.startswith("Hver tirsdag 17:30–18:30. Neste gang:")
    assert items[0].find("time")["datetime"] == "2027-01-05"
    assert "tirsdag 5. januar 2027" in weekly
    assert items[1].find("time")["datetime"] == "2027-02-07"


def test_association_pages_link_their_calendar_feed(page, site, demo_output):
    for slug, association in site.catalog.associations.items():
        main = main_of(page(f"foreninger/{slug}/"))
        feed = main.find("a", href=f"/kalender/forening/{slug}.ics")
        assert feed is not None and feed.get_text(strip=True) == f"Abonner på kalenderen til {association.name}"
        assert feed["type"] == "text/calendar"
        assert (demo_output / "kalender" / "forening" / f"{slug}.ics").exists()  # written by the feeds


def test_association_page_counts_past_events(tmp_path):
    """Built later in the season: the ski school series and the ski race are over."""
    later = "2027-03-15"
    output = build_site(DEMO_CONTENT, tmp_path / "output", PORTAL_TODAY=later, PORTAL_SEARCH=False)
    catalog = load_catalog(DEMO_CONTENT)
    site = PortalSite.build(catalog, PortalSettings.from_mapping({"PORTAL_TODAY": later}))
    past: dict[str, int] = {}
    for event in site.calendar.past_events():
        past[event.organizer] = past.get(event.organizer, 0) + 1
    assert past["raufoss-il-ski"] == 2
    for slug in catalog.associations:
        main = main_of(soup_of(output / "foreninger" / slug / "index.html"))
        text = main.get_text(" ", strip=True)
        count = past.get(slug, 0)
        word = "arrangement" if count == 1 else "arrangementer"
        assert (f"{count} tidligere {word} i arkivet" in text) == bool(count), slug
    ski = main_of(soup_of(output / "foreninger/raufoss-il-ski/index.html"))
    assert ski.select("li.summary") == []
    assert "Ingen kommende aktiviteter akkurat nå." in ski.get_text()
    assert ski.find("a", string="arkivet over tidligere arrangementer")["href"] == "/kalender/arkiv/"


def test_every_association_has_a_page_and_no_third_party_resources(page, site, demo_output):
    for slug in site.catalog.associations:
        soup = page(f"foreninger/{slug}/")
        for tag in soup.find_all(["img", "script", "link", "iframe"]):
            if tag.name == "link" and not {"stylesheet", "icon", "preload", "modulepreload"} & set(tag.get("rel", [])):
                continue  # canonical and alternate links name addresses; the browser loads nothing
            source = tag.get("src") or tag.get("href") or ""
            assert not source.startswith(("http://", "https://", "//")), (slug, source)
        for a in main_of(soup).find_all("a", href=True):
            path = urlsplit(a["href"]).path  # the forms take the association in the query
            if a["href"].startswith("/") and not path.endswith(".ics"):
                assert (demo_output / path.lstrip("/") / "index.html").exists(), a["href"]


def test_submitted_text_is_escaped_on_register_pages(content_copy, tmp_path):
    (content_copy / "associations" / "farlig-lag.md").write_text(
        "Name: Lag <script>alert(1)</script> & co\nCategory: annet\n"
        "Address: <img src=x onerror=alert(1)>\nMembership: \"Gratis\" <b>for</b> alle\n\n"
        "Hei <script>alert(2)</script> på deg. Mer tekst.\n", encoding="utf-8")
    output = build_site(content_copy, tmp_path / "output", PORTAL_SEARCH=False)
    for path in ("foreninger/farlig-lag/index.html", "foreninger/index.html",
                 "foreninger/kategori/annet/index.html"):
        soup = soup_of(output / path)
        assert soup.find("script", src=False) is None, path  # only the theme's script files
        assert soup.find("img", attrs={"onerror": True}) is None, path
        assert "Lag <script>alert(1)</script> & co" in soup.find("main").get_text(), path
    facts = soup_of(output / "foreninger/farlig-lag/index.html").select_one("dl.facts").get_text()
    assert "<img src=x onerror=alert(1)>" in facts and "\"Gratis\" <b>for</b> alle" in facts



WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.mark.parametrize("path", [
    "foreninger/", "foreninger/kategori/idrett/", "foreninger/kategori/velforening/",
    "foreninger/raufoss-il-ski/", "foreninger/reparasjonskafeen-raufoss/",
])
def test_register_pages_have_no_wcag_violations(browser_page, site_url, path):
    """axe-core in Chromium; browser_page also fails on any request to a third party."""
    from axe_playwright_python.sync_playwright import Axe

    assert browser_page.goto(f"{site_url}/{path}").status == 200
    results = Axe().run(browser_page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert [v["id"] for v in results.response["violations"]] == []

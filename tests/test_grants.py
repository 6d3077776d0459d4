"""The grant overview: parsing, deadline rules around year ends and leap years, status, pages."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from aktivitetsportal.domain.grant_deadlines import (
    grant_status,
    grant_targets,
    next_deadline,
    previous_deadline,
    sort_grants,
    upcoming_deadlines,
)
from aktivitetsportal.domain.portal import PortalSite
from aktivitetsportal.outputs.grant_pages import grant_entries, grant_sections
from aktivitetsportal.settings import PortalSettings
from aktivitetsportal.submissions.catalog import load_catalog
from aktivitetsportal.submissions.grants import parse_deadline, parse_grant
from aktivitetsportal.submissions.models import Deadline, Grant
from aktivitetsportal.submissions.sourcefile import parse_source_text
from aktivitetsportal.submissions.vocabulary import GRANT_KINDS
from aktivitetsportal.text.phrases import deadline_rule, grant_state_label
from aktivitetsportal.text.problem_messages import problem_message
from sitebuild import DEMO_CONTENT, DEMO_TODAY, build_site, soup_of

TODAY = date.fromisoformat(DEMO_TODAY)
#: The default of PORTAL_CLOSING_SOON_DAYS.
CLOSING_SOON_DAYS = PortalSettings(today=TODAY).closing_soon_days


def parse(text: str, path: str = "grants/ordning.md"):
    return parse_grant(parse_source_text(text, path))


def grant_file(**fields) -> str:
    fields = {"name": "Tilskudd til aktivitet", "deadline": "årlig 1. april", **fields}
    return "\n".join(f"{k.capitalize()}: {v}" for k, v in fields.items() if v is not None) + "\n\nOm ordningen.\n"


def deadline(text: str) -> Deadline:
    parsed = parse_deadline(text)
    assert parsed is not None, text
    return parsed


def make_grant(name: str, deadline_text: str, slug: str | None = None, kind: str = "kommunal",
               targets: tuple[str, ...] = ()) -> Grant:
    return Grant(slug=slug or name.casefold().replace(" ", "-"), source_path=f"grants/{name}.md",
                 name=name, kind=kind, deadline=deadline(deadline_text), deadline_text=deadline_text,
                 targets=targets)


@pytest.fixture(scope="module")
def site() -> PortalSite:
    catalog = load_catalog(DEMO_CONTENT)
    assert catalog.errors == []
    return PortalSite.build(catalog, PortalSettings.from_mapping({"PORTAL_TODAY": DEMO_TODAY}))


# -- the Deadline field --------------------------------------------------------
@pytest.mark.parametrize("text, dates, yearly, rolling", [
    ("2027-04-01", ["2027-04-01"], [], False),
    ("01.04.2027", ["2027-04-01"], [], False),
    ("årlig 1. april", [], [(4, 1)], False),
    ("Årlig 1. April", [], [(4, 1)], False),
    ("1. april hvert år", [], [(4, 1)], False),
    ("årlig 1.4.", [], [(4, 1)], False),
    ("yearly 04-01", [], [(4, 1)], False),
    ("yearly April 1", [], [(4, 1)], False),
    ("årlig 1. nov", [], [(11, 1)], False),
    ("årlig 29. februar", [], [(2, 29)], False),
    ("yearly 02-29", [], [(2, 29)], False),
    ("2027-09-01, 2027-03-01", ["2027-03-01", "2027-09-01"], [], False),
    ("årlig 1. april, årlig 1. november", [], [(4, 1), (11, 1)], False),
    ("løpende", [], [], True),
    ("Fortløpende", [], [], True),
    ("årlig 1. april, løpende", [], [(4, 1)], True),
    ("2027-02-01; årlig 15. september", ["2027-02-01"], [(9, 15)], False),
])
def test_parse_deadline_forms(text, dates, yearly, rolling):
    parsed = deadline(text)
    assert [d.isoformat() for d in parsed.dates] == dates
    assert list(parsed.yearly) == yearly
    assert parsed.rolling is rolling


@pytest.mark.parametrize("text", [
    "snart", "", "årlig 31. april", "årlig 30. februar", "yearly 13-01", "2027-02-30",
    "årlig 1. april, snart", "1. april",  # a bare day without "årlig" is ambiguous
])
def test_parse_deadline_rejects_what_it_does_not_understand(text):
    assert parse_deadline(text) is None


# -- next deadline around year ends and leap years -------------------------------
@pytest.mark.parametrize("text, today, expected", [
    # yearly 1 January across the year end
    ("yearly 01-01", "2027-12-31", "2028-01-01"),
    ("yearly 01-01", "2028-01-01", "2028-01-01"),  # the deadline day itself is still open
    ("yearly 01-01", "2028-01-02", "2029-01-01"),
    # yearly 31 December
    ("yearly 12-31", "2027-12-31", "2027-12-31"),
    ("yearly 12-31", "2028-01-01", "2028-12-31"),
    # yearly 29 February: 28 February in years without it
    ("årlig 29. februar", "2027-01-10", "2027-02-28"),
    ("årlig 29. februar", "2027-02-28", "2027-02-28"),
    ("årlig 29. februar", "2027-03-01", "2028-02-29"),
    ("årlig 29. februar", "2028-02-28", "2028-02-29"),
    ("årlig 29. februar", "2028-02-29", "2028-02-29"),
    ("årlig 29. februar", "2028-03-01", "2029-02-28"),
    ("årlig 28. februar", "2028-02-29", "2029-02-28"),
    # fixed dates
    ("2027-04-01", "2027-04-01", "2027-04-01"),
    ("2027-04-01", "2027-04-02", None),
    ("2026-12-31, 2027-01-15", "2026-12-31", "2026-12-31"),
    ("2026-12-31, 2027-01-15", "2027-01-01", "2027-01-15"),
    ("2026-12-31, 2027-01-15", "2027-01-16", None),
    # several yearly dates, and yearly mixed with fixed
    ("årlig 1. april, årlig 1. november", "2027-04-02", "2027-11-01"),
    ("årlig 1. april, årlig 1. november", "2027-11-02", "2028-04-01"),
    ("årlig 1. november, 2027-02-01", "2026-11-23", "2027-02-01"),
    ("årlig 1. november, 2027-02-01", "2027-02-02", "2027-11-01"),
    # rolling has no date
    ("løpende", "2027-06-01", None),
    ("2027-03-01, løpende", "2027-03-02", None),
])
def test_next_deadline(text, today, expected):
    result = next_deadline(deadline(text), date.fromisoformat(today))
    assert result == (date.fromisoformat(expected) if expected else None)


def test_upcoming_and_previous_deadlines():
    several = deadline("2027-03-01, 2027-09-01, årlig 1. januar")
    assert upcoming_deadlines(several, date(2027, 1, 2)) == [date(2027, 3, 1), date(2027, 9, 1), date(2028, 1, 1)]
    assert upcoming_deadlines(several, date(2027, 1, 2), limit=2) == [date(2027, 3, 1), date(2027, 9, 1)]
    # a yearly date is listed once (its next occurrence), not for the years after
    assert upcoming_deadlines(deadline("årlig 1. april"), date(2026, 11, 23)) == [date(2027, 4, 1)]
    assert previous_deadline(several, date(2027, 1, 2)) == date(2027, 1, 1)
    assert previous_deadline(deadline("yearly 01-01"), date(2028, 1, 1)) == date(2027, 1, 1)
    assert previous_deadline(deadline("årlig 29. februar"), date(2028, 3, 1)) == date(2028, 2, 29)
    assert previous_deadline(deadline("2026-10-01"), TODAY) == date(2026, 10, 1)
    assert previous_deadline(deadline("løpende"), TODAY) is None


# -- status --------------------------------------------------------------------
@pytest.mark.parametrize("days_before, key, label", [
    (0, "frist-snart", "Frist snart"),
    (1, "frist-snart", "Frist snart"),
    (CLOSING_SOON_DAYS, "frist-snart", "Frist snart"),
    (CLOSING_SOON_DAYS + 1, "apen", "Åpen"),
    (200, "apen", "Åpen"),
    (-1, "stengt", "Stengt"),
])
def test_status_of_a_fixed_date_around_the_30_day_boundary(days_before, key, label):
    due = date(2027, 4, 1)
    status = grant_status(deadline("2027-04-01"), due - timedelta(days=days_before), CLOSING_SOON_DAYS)
    assert (status.key, grant_state_label(status.state)) == (key, label)
    if key == "stengt":
        assert (status.next_deadline, status.days_left) == (None, None)
    else:
        assert (status.next_deadline, status.days_left) == (due, days_before)


def test_status_of_yearly_rolling_and_mixed_deadlines():
    assert grant_status(deadline("yearly 01-01"), date(2027, 12, 31), CLOSING_SOON_DAYS).key == "frist-snart"
    # a yearly deadline is never closed: the day after, it is open for next year
    after = grant_status(deadline("yearly 01-01"), date(2028, 1, 2), CLOSING_SOON_DAYS)
    assert (after.key, after.next_deadline, after.days_left) == ("apen", date(2029, 1, 1), 365)
    assert grant_status(deadline("løpende"), TODAY, CLOSING_SOON_DAYS).key == "lopende"
    assert grant_state_label(grant_status(deadline("løpende"), TODAY, CLOSING_SOON_DAYS).state) == "Løpende"
    assert grant_status(deadline("2027-01-01, løpende"), date(2026, 12, 10), CLOSING_SOON_DAYS).key == "frist-snart"
    assert grant_status(deadline("2027-01-01, løpende"), date(2027, 1, 2), CLOSING_SOON_DAYS).key == "lopende"
    assert grant_status(deadline("2026-12-15, 2027-06-01"), date(2026, 12, 16), CLOSING_SOON_DAYS).key == "apen"


def test_sort_grants_puts_closing_soon_first_then_open_rolling_closed():
    grants = [
        make_grant("Stengt fond", "2026-10-01"),
        make_grant("Åpen b", "årlig 1. april"),
        make_grant("Løpende", "løpende"),
        make_grant("Snart", "2026-12-15"),
        make_grant("Åpen a", "2027-02-01"),
        make_grant("Aktiv sommer", "årlig 1. april"),
        make_grant("Ærlig fond", "løpende"),
        make_grant("Zeta fond", "løpende"),
    ]
    ordered = sort_grants(grants, TODAY, CLOSING_SOON_DAYS)
    assert [(g.name, s.key) for g, s in ordered] == [
        ("Snart", "frist-snart"),
        ("Åpen a", "apen"),
        ("Aktiv sommer", "apen"),  # same date as "Åpen b": A–Å by name
        ("Åpen b", "apen"),
        ("Løpende", "lopende"),
        ("Zeta fond", "lopende"),
        ("Ærlig fond", "lopende"),  # Æ after Z
        ("Stengt fond", "stengt"),
    ]
    sections = grant_sections(grant_entries(grants, TODAY, CLOSING_SOON_DAYS), CLOSING_SOON_DAYS)
    assert [(s.key, len(s.entries)) for s in sections] == [
        ("frist-snart", 1), ("apen", 3), ("lopende", 3), ("stengt", 1)]


@pytest.mark.parametrize("text, described", [
    ("årlig 1. april", "Hvert år 1. april"),
    ("årlig 29. februar", "Hvert år 29. februar"),
    ("årlig 1. april, årlig 1. november", "Hvert år 1. april og 1. november"),
    ("2027-03-01, 2027-09-01", "1. mars 2027 og 1. september 2027"),
    ("løpende", "Løpende (ingen fast frist)"),
    ("årlig 1. april, løpende", "Hvert år 1. april; ellers løpende"),
])
def test_deadline_rule(text, described):
    assert deadline_rule(deadline(text)) == described


def test_grant_targets_group_spellings_under_one_slug():
    grants = [
        make_grant("A", "løpende", targets=("Barn og unge", "idrett")),
        make_grant("B", "løpende", targets=("barn og unge",)),
        make_grant("C", "løpende", targets=("barn og unge", "nærmiljø")),
    ]
    groups = grant_targets(grants)
    assert [(g.slug, g.label, [x.name for x in g.grants]) for g in groups] == [
        ("barn-og-unge", "barn og unge", ["A", "B", "C"]),
        ("idrett", "idrett", ["A"]),
        ("naermiljo", "nærmiljø", ["C"]),
    ]


# -- parsing a grant file ------------------------------------------------------------
def test_full_grant_is_parsed():
    grant, problems = parse(grant_file(
        giver="Vestre Toten kommune", kind="fond", target="barn og unge, Idrett, idrett",
        amount="Inntil 20 000 kr", link="https://www.vestre-toten.kommune.no/tilskudd",
        form="www.vestre-toten.kommune.no/skjema", contact="Kulturkontoret"))
    assert problems == []
    assert grant.kind == "stiftelse"  # "fond" is an alias
    assert grant.deadline.yearly == ((4, 1),)
    assert grant.targets == ("barn og unge", "Idrett")  # one spelling per slug
    assert grant.form == "https://www.vestre-toten.kommune.no/skjema"
    assert grant.giver == "Vestre Toten kommune"


def test_kind_defaults_to_annet():
    grant, problems = parse(grant_file())
    assert problems == [] and grant.kind == "annet"


@pytest.mark.parametrize("fields, code, field", [
    ({"name": None}, "missing_field", "name"),
    ({"deadline": None}, "missing_field", "deadline"),
    ({"deadline": "neste vår"}, "bad_deadline", "deadline"),
    ({"kind": "privat"}, "unknown_choice", "kind"),
    ({"link": "javascript:alert(1)"}, "unsafe_link", "link"),
])
def test_invalid_grant_is_rejected(fields, code, field):
    grant, problems = parse(grant_file(**fields))
    assert grant is None
    assert [(p.code, p.field) for p in problems if p.is_error] == [(code, field)]


def test_bad_deadline_message_shows_the_accepted_forms():
    _, problems = parse(grant_file(deadline="neste vår"))
    message = problem_message(problems[0], "nb")
    assert "«neste vår»" in message and "årlig 1. april" in message and "løpende" in message


def test_target_without_letters_is_a_warning_and_dropped():
    grant, problems = parse(grant_file(target="kultur, --, idrett"))
    assert grant.targets == ("kultur", "idrett")
    [problem] = problems
    assert (problem.code, problem.severity, problem.field) == ("bad_target", "warning", "target")
    assert "«--»" in problem_message(problem, "nb")


# -- pages (demo site, today 2026-11-23) ---------------------------------------------
def main_of(soup):
    return soup.find("main")


def listed(soup) -> list[tuple[str, str, str]]:
    """(section key, grant slug, badge) of every entry on a grant listing, in page order."""
    rows = []
    for section in main_of(soup).select("section.grant-section"):
        key = section["aria-labelledby"].removeprefix("status-")
        for item in section.select("li.grant-entry"):
            slug = item.h3.a["href"].strip("/").split("/")[-1]
            rows.append((key, slug, item.select_one(".badge").get_text(strip=True)))
    return rows


def test_overview_is_sorted_by_next_deadline_with_closing_soon_first(page, site):
    soup = page("tilskudd/")
    assert soup.find("h1").get_text(strip=True) == "Tilskudd og søknadsfrister"
    expected = [(s.key, g.slug, grant_state_label(s.state)) for g, s in sort_grants(site.catalog.grants, TODAY, CLOSING_SOON_DAYS)]
    assert listed(soup) == expected
    assert len(expected) == 21
    keys = [key for key, _, _ in listed(soup)]
    assert keys == sorted(keys, key=["frist-snart", "apen", "lopende", "stengt"].index)
    headings = [h.get_text(" ", strip=True) for h in main_of(soup).select("section.grant-section > h2")]
    assert headings == ["Frist snart – innen 30 dager (1)", "Åpne for søknad (13)",
                        "Løpende søknad – ingen fast frist (6)", "Stengt – fristen er ute (1)"]


def test_overview_shows_deadlines_in_norwegian(page):
    main = main_of(page("tilskudd/"))
    soon = main.select_one("section.grant-section-frist-snart li.grant-entry")
    assert soon.h3.get_text(strip=True) == "Totens Sparebank – gavemidler"
    line = soon.select_one(".grant-deadline").get_text(" ", strip=True)
    assert line == "Frist snart Frist tirsdag 15. desember 2026 ( om 22 dager )"  # the countdown is an element
    assert soon.find("time")["datetime"] == "2026-12-15"
    spillemidler = main.find("a", href="/tilskudd/spillemidler/").find_parent("li")
    assert "mandag 1. november 2027 ( om 343 dager )" in spillemidler.get_text(" ", strip=True)
    activity = main.find("a", href="/tilskudd/kommunalt-tilskudd-til-aktivitet/").find_parent("li")
    assert "torsdag 1. april 2027 ( om 129 dager )" in activity.get_text(" ", strip=True)
    closed = main.select_one("section.grant-section-stengt li.grant-entry")
    assert "Fristen var torsdag 1. oktober 2026" in closed.get_text(" ", strip=True)
    rolling = main.find("a", href="/tilskudd/lions-aktivitetsfond/").find_parent("li")
    assert "Søk når som helst" in rolling.get_text(" ", strip=True)
    assert "1 tilskudd har frist i løpet av de neste 30 dagene." in main.get_text(" ", strip=True)


def test_kind_pages_filter_the_overview(page, site):
    entries = grant_entries(site.catalog.grants, TODAY, CLOSING_SOON_DAYS)
    for term in GRANT_KINDS:
        soup = page(f"tilskudd/type/{term.slug}/")
        assert soup.find("h1").get_text(strip=True) == term.label
        assert [slug for _, slug, _ in listed(soup)] == [e.grant.slug for e in entries if e.kind == term]
        assert soup.find("a", attrs={"aria-current": "page"})["href"] == f"/tilskudd/type/{term.slug}/"
    kommunal = [slug for _, slug, _ in listed(page("tilskudd/type/kommunal/"))]
    assert len(kommunal) == 10 and kommunal[0] == "tilskudd-kulturvern"


def test_target_pages_filter_the_overview(page, site):
    groups = grant_targets(site.catalog.grants)
    overview = main_of(page("tilskudd/")).find("nav", attrs={"aria-labelledby": "formal"})
    assert [a["href"] for a in overview.find_all("a")] == [f"/tilskudd/for/{g.slug}/" for g in groups]
    for group in groups:
        soup = page(f"tilskudd/for/{group.slug}/")
        assert soup.find("h1").get_text(strip=True) == f"Tilskudd til {group.label}"
        assert sorted(slug for _, slug, _ in listed(soup)) == sorted(g.slug for g in group.grants)
    children = {slug for _, slug, _ in listed(page("tilskudd/for/barn-og-unge/"))}
    assert {"bufdir-tilskudd-barn-og-unge", "lions-aktivitetsfond", "frifond"} <= children
    assert "spillemidler" not in children


def test_grant_page_has_all_fields_and_the_next_deadline(page):
    soup = page("tilskudd/spillemidler/")
    main = main_of(soup)
    assert main.find("h1").get_text(strip=True) == "Spillemidler til idrettsanlegg og nærmiljøanlegg"
    notice = main.select_one("p.notice").get_text(" ", strip=True)
    assert notice == "Åpen Neste søknadsfrist er mandag 1. november 2027 , om 343 dager ."
    facts = {dt.get_text(strip=True): dt.find_next_sibling("dd") for dt in main.select("dl.facts > dt")}
    assert facts["Søknadsfrist"].get_text(strip=True) == "Hvert år 1. november"
    assert facts["Gis av"].get_text(strip=True) == "Kulturdepartementet via Innlandet fylkeskommune"
    assert facts["Type"].a["href"] == "/tilskudd/type/statlig/"
    assert [a.get_text() for a in facts["Formål og målgruppe"].find_all("a")] == [
        "idrett", "friluftsliv", "anlegg", "nærmiljø"]
    assert facts["Formål og målgruppe"].a["href"] == "/tilskudd/for/idrett/"
    assert facts["Beløp"].get_text(strip=True).startswith("Inntil 1/3 av godkjent kostnad")
    assert facts["Mer informasjon"].a["href"] == "https://www.anleggsregisteret.no/spillemidler"
    assert facts["Mer informasjon"].a.get_text() == "Les mer om ordningen på www.anleggsregisteret.no/spillemidler"
    assert facts["Søknadsskjema"].a["href"] == "https://www.idrettsanlegg.no/soknad"
    assert facts["Kontakt"].get_text(" ", strip=True) == "Avd. Idrett og fritid, tlf. 61 15 30 40"
    assert facts["Kontakt"].a["href"] == "tel:+4761153040"
    assert "Kommende frister" not in facts  # one yearly date: the notice says it all
    assert "Norsk Tipping" in main.select_one(".description").get_text()


def test_grant_pages_for_every_status(page):
    soon = main_of(page("tilskudd/totens-sparebank-gavemidler/")).select_one("p.notice")
    assert "notice-frist-snart" in soon["class"]
    assert soon.get_text(" ", strip=True) == (
        "Frist snart Søknadsfristen er tirsdag 15. desember 2026 , om 22 dager .")
    several = main_of(page("tilskudd/frifond/"))
    dates = [t["datetime"] for t in several.select("dl.facts ul.dates time")]
    assert dates == ["2027-03-01", "2027-09-01"]
    rolling = main_of(page("tilskudd/lions-aktivitetsfond/")).select_one("p.notice")
    assert rolling.get_text(" ", strip=True).startswith("Løpende Du kan søke når som helst")
    closed = main_of(page("tilskudd/alfred-noklebys-fond/")).select_one("p.notice")
    assert closed.get_text(" ", strip=True) == (
        "Stengt Fristen var torsdag 1. oktober 2026 . Ingen ny frist er kunngjort ennå.")


def test_every_grant_page_exists_and_links_resolve(page, site, demo_output):
    for grant in site.catalog.grants:
        soup = page(f"tilskudd/{grant.slug}/")
        assert soup.find("h1").get_text(strip=True) == grant.name
        levels = [int(h.name[1]) for h in main_of(soup).find_all(["h1", "h2", "h3", "h4"])]
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels
        for a in main_of(soup).find_all("a", href=True):
            if a["href"].startswith("/"):
                assert (demo_output / a["href"].lstrip("/") / "index.html").exists(), a["href"]
    for a in main_of(page("tilskudd/")).find_all("a", href=True):
        href = a["href"].lstrip("/")
        if a["href"].startswith("/"):
            assert (demo_output / href).is_file() or (demo_output / href / "index.html").exists(), href


def test_grant_text_is_escaped(content_copy, tmp_path):
    (content_copy / "grants" / "farlig.md").write_text(
        "Name: Fond <script>alert(1)</script>\nGiver: <b>Banken</b>\nDeadline: løpende\n"
        "Target: <i>kursiv</i>\nContact: <img src=x onerror=alert(1)>\n\nTekst <script>x()</script>.\n",
        encoding="utf-8")
    output = build_site(content_copy, tmp_path / "output", PORTAL_SEARCH=False)
    for path in ("tilskudd/farlig/index.html", "tilskudd/index.html", "tilskudd/for/i-kursiv-i/index.html"):
        soup = soup_of(output / path)
        assert soup.find("script", src=False) is None and soup.find("b") is None, path
        assert soup.find("img", attrs={"onerror": True}) is None, path
    assert "Fond <script>alert(1)</script>" in soup_of(output / "tilskudd/farlig/index.html").h1.get_text()


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.mark.parametrize("path", [
    "tilskudd/", "tilskudd/type/stiftelse/", "tilskudd/for/barn-og-unge/",
    "tilskudd/totens-sparebank-gavemidler/", "tilskudd/frifond/", "tilskudd/alfred-noklebys-fond/",
])
def test_grant_pages_have_no_wcag_violations(browser_page, site_url, path):
    """axe-core in Chromium; browser_page also fails on any request to a third party."""
    from axe_playwright_python.sync_playwright import Axe

    assert browser_page.goto(f"{site_url}/{path}").status == 200
    results = Axe().run(browser_page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert [v["id"] for v in results.response["violations"]] == []

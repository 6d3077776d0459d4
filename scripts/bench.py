"""Build time, memory and output size at three sizes, against plain Pelican: ``make bench``.

Generates deterministic content (seeded random) at size S, M or L, valid for the portal:
associations, events (half of them weekly, with Repeat/Except/Cancelled-dates), grants,
volunteer assignments, venues and equipment. Each size is built as a user would (a separate
``python -m pelican`` with pelicanconf.py, the demo's today 2026-11-23), then rebuilt after
changing one event's title; in alternation with plain Pelican on the same event files (as
articles, default theme, no plugins: see ``write_plain_settings``). Prints one table with the
median (min-max) of ``--runs`` runs and the ratio portal/plain; ``--json`` writes the figures.

    python scripts/bench.py --size S M --runs 3 --languages one --keep /tmp/bench --json b.json
"""

from __future__ import annotations

import argparse
import json
import os
import random
import runpy
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import islice
from pathlib import Path

from aktivitetsportal.submissions.recurrence import parse_repeat
from aktivitetsportal.submissions.values import slugify
from babel.dates import get_day_names, get_month_names
from stdnum.no import orgnr as stdnum_orgnr

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = ROOT / "pelicanconf.py"
#: The demo's "today"; generated dates are spread around it.
TODAY = date(2026, 11, 23)
#: How often the process tree's memory is sampled.
SAMPLE_SECONDS = 0.05
MEMORY_METHOD = (f"peak memory: the largest sum of PSS (proportional set size: memory a forked "
                 "process shares with its parent counted once) over the build's whole process tree "
                 f"(Pelican, its forked helpers and Pagefind), polled from /proc every {SAMPLE_SECONDS * 1000:.0f} ms, "
                 "or the largest single process's ru_maxrss if that is higher; psutil is not installed")


@dataclass(frozen=True)
class Size:
    """How much content one benchmark size has."""

    name: str
    events: int
    associations: int
    grants: int

    @property
    def assignments(self) -> int:
        return max(5, self.associations // 10)

    @property
    def venues(self) -> int:
        return max(5, self.associations // 20)

    @property
    def equipment(self) -> int:
        return max(5, self.associations // 20)


SIZES = {
    "S": Size("S", events=200, associations=50, grants=20),
    "M": Size("M", events=2_000, associations=500, grants=100),
    "L": Size("L", events=10_000, associations=2_000, grants=200),
}

# --- Words for the generated content ---------------------------------------------------------

_NB_DAYS = get_day_names("wide", locale="nb")
_EN_DAYS = get_day_names("wide", locale="en")
_NB_MONTHS = get_month_names("wide", locale="nb")

_PREFIXES = ["Raufoss", "Reinsvoll", "Eina", "Bøverbru", "Vestre Toten", "Toten", "Ihle", "Sagvollen",
             "Fjellhaug", "Bakke", "Hunndalen", "Kolbu", "Thingstad", "Korta", "Bilitt", "Nordlia",
             "Skreia", "Lena", "Kapp", "Sivesind", "Hveem", "Dyrud", "Nygard", "Grøna"]
# (name, association category, the event categories it arranges)
_KINDS = [
    ("Idrettslag", "idrett", ["idrett", "friluftsliv", "møte"]),
    ("Skiklubb", "idrett", ["idrett", "friluftsliv"]),
    ("Fotballklubb", "idrett", ["idrett", "sosialt"]),
    ("Turnforening", "idrett", ["idrett"]),
    ("Svømmeklubb", "idrett", ["idrett"]),
    ("Sykkelklubb", "idrett", ["idrett", "friluftsliv"]),
    ("Skolekorps", "musikk", ["kultur", "frivillig-innsats"]),
    ("Musikkorps", "musikk", ["kultur"]),
    ("Mannskor", "musikk", ["kultur", "sosialt"]),
    ("Blandakor", "musikk", ["kultur"]),
    ("Teaterlag", "kultur", ["kultur"]),
    ("Historielag", "kultur", ["kultur", "læring", "møte"]),
    ("Husflidslag", "kultur", ["kultur", "læring", "sosialt"]),
    ("Bygdekvinnelag", "kultur", ["sosialt", "kultur", "annet"]),
    ("Turlag", "friluftsliv", ["friluftsliv"]),
    ("Jeger- og fiskerforening", "friluftsliv", ["friluftsliv", "læring"]),
    ("Speidergruppe", "barn og unge", ["friluftsliv", "sosialt"]),
    ("Ungdomsklubb", "barn og unge", ["sosialt", "kultur"]),
    ("Sanitetsforening", "humanitær", ["helse", "sosialt", "frivillig-innsats"]),
    ("Røde Kors", "humanitær", ["helse", "frivillig-innsats", "læring"]),
    ("Lions Club", "humanitær", ["frivillig-innsats", "annet"]),
    ("Pensjonistforening", "eldre", ["sosialt", "helse", "møte"]),
    ("Seniornett", "eldre", ["læring"]),
    ("Menighet", "religion og livssyn", ["sosialt", "kultur"]),
    ("Velforening", "velforening", ["frivillig-innsats", "møte", "annet"]),
    ("Grendelag", "velforening", ["sosialt", "frivillig-innsats"]),
    ("Internasjonal kvinnegruppe", "innvandrerforening", ["sosialt", "læring"]),
    ("Ukrainsk forening", "innvandrerforening", ["sosialt", "læring", "kultur"]),
    ("Hjerte- og lungelag", "helse", ["helse", "læring"]),
    ("Demensforening", "helse", ["helse", "møte"]),
    ("Sjakklubb", "annet", ["sosialt", "læring"]),
    ("Bridgeklubb", "annet", ["sosialt"]),
]
_GROUPS = ["", "Ungdom", "Senior", "Damer", "Veteranene", "Barn", "Avdeling sør", "Avdeling nord"]
_STREETS = ["Storgata", "Kirkevegen", "Skolevegen", "Stasjonsvegen", "Nordvegen", "Idrettsvegen",
            "Grendevegen", "Einavegen", "Bøverbruvegen", "Hunnselvvegen", "Skistuvegen", "Parkvegen"]
_BUILDINGS = ["Frivilligsentralen", "Biblioteket", "Grendehuset", "Menighetshuset", "Idrettshallen",
              "Kulturhuset", "Skolen", "Klubbhuset", "Samfunnshuset", "Lavvoen ved skistua"]
_FIRST = ["Kari", "Ola", "Ingrid", "Per", "Anne", "Knut", "Marit", "Lars", "Sigrid", "Olena",
          "Ahmad", "Agnieszka", "Tor Egil", "Randi", "Bjørn", "Liv", "Yusuf", "Hanne"]
_LAST = ["Hansen", "Bakken", "Lien", "Hagen", "Nordby", "Haugen", "Strand", "Moen", "Kristiansen",
         "Berg", "Kowalska", "Shevchenko", "Sveen", "Rud", "Dahl"]
_PEAKS = ["Skumsjøen", "Totenåsen", "Eriksrud", "Kolbutjernet", "Fjellhaugkollen", "Einafjorden"]
_THEMES = ["nærmiljøet", "frivillighet", "digital sikkerhet", "bygdas historie", "folkehelse",
           "trafikksikkerhet", "energisparing", "nye stier i kommunen"]
_TITLES = {
    "idrett": ["Fotballtrening for barn", "Åpen hall for ungdom", "Styrketrening for seniorer",
               "Bordtennis for alle", "Turn for de minste", "Innebandy i hallen", "Skiskole for barn",
               "Sykkeltrening for ungdom", "Svømmetrening"],
    "kultur": ["Konsert med {org}", "Korøvelse", "Filmkveld", "Kunstutstilling: {theme}",
               "Teaterverksted for ungdom", "Forfatterkveld", "Allsangkveld", "Bygdekino"],
    "friluftsliv": ["Søndagstur til {peak}", "Kveldstur rundt {peak}", "Fuglekikking ved {peak}",
                    "Bålkaffe i skogen", "Turorientering", "Familietur med grilling", "Sopptur"],
    "sosialt": ["Tirsdagskafé", "Strikkekafé", "Quizkveld", "Middag for alle",
                "Møteplass for nye i {place}", "Spillkveld", "Seniordans", "Vaffelkafé"],
    "helse": ["Seniortrim", "Blodtrykksmåling og kaffe", "Sorggruppe", "Kurs i førstehjelp",
              "Trimgruppe for hjertet", "Mestringskurs om {theme}"],
    "læring": ["Leksehjelp", "Språkkafé", "Norsktrening for voksne", "Datahjelp for seniorer",
               "Mobilhjelp", "Foredrag om {theme}", "Slektsgranskning for nybegynnere"],
    "frivillig-innsats": ["Dugnad i {place}", "Ryddeaksjon ved {peak}", "Pakking av julekurver",
                          "Innsamlingsaksjon", "Vaffelsteking til inntekt for {org}"],
    "møte": ["Årsmøte i {org}", "Medlemsmøte", "Informasjonsmøte om {theme}", "Folkemøte om {theme}"],
    "annet": ["Loppemarked", "Julemarked", "Basar", "Bruktmarked for barneklær", "Sommerfest",
              "Åpen dag hos {org}"],
}
_INTRO = [
    "Velkommen til {title_lower} med {org}!",
    "{org} inviterer til {title_lower} i {place}.",
    "Nå blir det {title_lower} igjen, og alle er hjertelig velkommen.",
    "Vi gleder oss til {title_lower} og håper du vil være med.",
]
_ABOUT = [
    "{org} er et lag for alle som bor i kommunen, og nye medlemmer er alltid velkommen.",
    "{org} har aktiviteter hele året og drives av frivillige.",
    "Vi i {org} vil at alle skal kunne være med, uansett alder og erfaring.",
]
_MIDDLE = [
    "Du trenger ingen erfaring, og du kan komme alene eller ta med deg noen.",
    "Det er god plass, og vi tilpasser opplegget etter hvem som kommer.",
    "Vi serverer kaffe, te og noe å bite i, og det blir tid til å prate.",
    "Opplegget passer for både nybegynnere og de som har holdt på lenge.",
    "Frivillige fra laget tar imot deg i døra og viser deg rundt.",
    "Ta gjerne kontakt på forhånd hvis du har spørsmål eller trenger tilrettelegging.",
    "Barn under 12 år må ha med en voksen.",
    "Det er parkering ved inngangen, og bussen stopper like ved.",
]
_BRING = ["gode sko", "klær etter været", "drikkeflaske", "matpakke", "innesko", "godt humør",
          "sitteunderlag", "penn og papir", "mobil eller nettbrett", "refleksvest"]
_PROGRAM = ["kaffe og velkomst", "en kort innledning", "aktiviteter i grupper", "pause med vafler",
            "utlodning", "spørsmål og prat", "avslutning med allsang", "premieutdeling"]


@dataclass
class GeneratedSite:
    """One generated size: the portal's content, its plain-Pelican copy and what they hold."""

    content: Path
    plain_content: Path
    changed_event: str  # events/<organizer>/<slug>.md, whose title a rebuild changes
    counts: dict[str, int] = field(default_factory=dict)


def _header(fields: dict[str, str], body: str) -> str:
    return "".join(f"{key}: {value}\n" for key, value in fields.items() if value) + "\n" + body


def _valid_orgnr(rng: random.Random) -> str:
    """A nine-digit organisation number whose check digit python-stdnum accepts."""
    while True:
        base = str(rng.choice("89")) + "".join(rng.choice("0123456789") for _ in range(7))
        for digit in "0123456789":
            if stdnum_orgnr.is_valid(base + digit):
                return base + digit


def _phone(rng: random.Random) -> str:
    digits = rng.choice("94") + "".join(rng.choice("0123456789") for _ in range(7))
    return f"{digits[:3]} {digits[3:5]} {digits[5:]}"


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def _address(rng: random.Random, places: dict[str, str]) -> str:
    postcode = rng.choice(sorted(places))
    return f"{rng.choice(_STREETS)} {rng.randint(1, 60)}, {postcode} {places[postcode]}"


def _body(rng: random.Random, words: dict[str, str], website: str, intros: list[str] = _INTRO) -> str:
    """A few paragraphs of Markdown: bold, a list and a link, as organizers write them."""
    intro = rng.choice(intros).format(**words)
    middle = " ".join(rng.sample(_MIDDLE, 2))
    if rng.random() < 0.5:
        listing = "Ta med:\n\n" + "".join(f"- {item}\n" for item in rng.sample(_BRING, 3))
    else:
        listing = "Program:\n\n" + "".join(f"{n}. {item}\n" for n, item in
                                           enumerate(rng.sample(_PROGRAM, 4), 1))
    closing = (f"**Praktisk:** {rng.choice(_MIDDLE)} Les mer på [nettsiden vår]({website}) "
               f"eller spør {words['org']} direkte.")
    return f"{intro} {middle}\n\n{listing}\n{closing}\n"


def _associations(rng: random.Random, size: Size, places: dict[str, str]) -> list[dict]:
    names = []
    for group in _GROUPS:  # names without a group first, in random order, then with one
        tier = [(f"{prefix} {kind}" + (f" {group}" if group else ""), category, arranges)
                for kind, category, arranges in _KINDS for prefix in _PREFIXES]
        rng.shuffle(tier)
        names += tier
    if size.associations > len(names):
        raise SystemExit(f"Size {size.name}: at most {len(names)} associations can be named.")
    chosen = names[:size.associations]
    return [{"name": name, "slug": slugify(name), "category": category, "arranges": arranges}
            for name, category, arranges in chosen]


def _write_associations(root: Path, rng: random.Random, associations: list[dict],
                        places: dict[str, str]) -> None:
    folder = root / "associations"
    folder.mkdir(parents=True)
    for assoc in associations:
        website = f"https://{assoc['slug']}.example.no"
        fields = {
            "Name": assoc["name"],
            "Category": assoc["category"],
            "Orgnr": _valid_orgnr(rng) if rng.random() < 0.7 else "",
            "Email": f"post@{assoc['slug']}.example.no",
            "Phone": _phone(rng),
            "Website": website,
            "Address": _address(rng, places),
            "Audience": ", ".join(sorted(rng.sample(["barn", "ungdom", "voksne", "eldre", "familier"],
                                                    rng.randint(1, 3)))),
            "Membership": f"{rng.choice([100, 150, 200, 300, 350])} kr i året" if rng.random() < 0.6 else "",
            "Contact": f"{_person(rng)} (leder)",
        }
        body = _body(rng, {"org": assoc["name"]}, website, _ABOUT)
        (folder / f"{assoc['slug']}.md").write_text(_header(fields, body), encoding="utf-8")


def _write_grants(root: Path, rng: random.Random, count: int) -> None:
    folder = root / "grants"
    folder.mkdir(parents=True)
    givers = ["Vestre Toten kommune", "Innlandet fylkeskommune", "Sparebankstiftelsen",
              "Gjensidigestiftelsen", "Kulturdepartementet", "Totens Sparebank"]
    kinds = ["kommunal", "fylkeskommunal", "statlig", "stiftelse", "annet"]
    for i in range(count):
        theme = rng.choice(_THEMES)
        name = f"Tilskudd til {theme} {i + 1}"
        roll = rng.random()
        if roll < 0.45:  # yearly, as most municipal schemes are
            month, day = rng.randint(1, 12), rng.randint(1, 28)
            deadline = rng.choice([f"årlig {day}. {_NB_MONTHS[month]}", f"yearly {month:02d}-{day:02d}"])
        elif roll < 0.8:  # one or two fixed dates
            first = TODAY + timedelta(days=rng.randint(-40, 300))
            dates = sorted({first, first + timedelta(days=rng.choice([0, 120, 180]))})
            deadline = ", ".join(d.isoformat() for d in dates)
        else:
            deadline = "løpende"
        fields = {
            "Name": name,
            "Giver": rng.choice(givers),
            "Kind": rng.choice(kinds),
            "Deadline": deadline,
            "Target": ", ".join(rng.sample(["barn og unge", "kultur", "idrett", "inkludering",
                                            "friluftsliv", "eldre"], 2)),
            "Amount": f"Inntil {rng.choice([10, 25, 50, 100, 250])} 000 kr",
            "Link": f"https://tilskudd.example.no/{slugify(name)}",
            "Contact": f"{_person(rng)}, tlf. {_phone(rng)}",
        }
        body = (f"Støtte til lag og foreninger som arbeider med {theme}.\n\n"
                f"**Hvem kan søke:** Lag, foreninger og grupper av frivillige.\n\n"
                f"**Slik søker du:** Fyll ut [søknadsskjemaet]({fields['Link']}/sok) innen fristen.\n")
        (folder / f"{slugify(name)}.md").write_text(_header(fields, body), encoding="utf-8")


def _write_venues(root: Path, rng: random.Random, count: int, associations: list[dict],
                  places: dict[str, str]) -> list[str]:
    folder = root / "venues"
    folder.mkdir(parents=True)
    slugs = []
    for i in range(count):
        name = f"{_PREFIXES[i % len(_PREFIXES)]} {rng.choice(['grendehus', 'samfunnshus', 'klubbhus', 'kulturhus'])} {i + 1}"
        fields = {
            "Name": name,
            "Address": _address(rng, places),
            "Owner": rng.choice(associations)["slug"] if rng.random() < 0.7 else "kommunen",
            "Rooms": f"Salen ({rng.randint(30, 200)}), Møterommet ({rng.randint(6, 20)})",
            "Price": rng.choice(["Gratis for lag og foreninger", "500 kr per kveld", "800 kr per døgn"]),
            "Facilities": ", ".join(rng.sample(["kjøkken", "projektor", "lydanlegg", "scene", "wifi",
                                                "parkering", "garderobe"], 3)),
            "Booking": _phone(rng),
            "Opening-hours": "Etter avtale",
            # A missing field ("Ikke oppgitt") is as common as ja or nei.
            **{key: rng.choice(["ja", "nei", ""]) for key in ("Step-free", "Accessible-toilet", "Hearing-loop")},
        }
        slugs.append(slugify(name))
        body = f"Et lokale i {name.split()[0]} som lag og foreninger kan leie til møter og fester.\n"
        (folder / f"{slugs[-1]}.md").write_text(_header(fields, body), encoding="utf-8")
    return slugs


def _write_equipment(root: Path, rng: random.Random, count: int, associations: list[dict],
                     venues: list[str], places: dict[str, str]) -> None:
    folder = root / "equipment"
    folder.mkdir(parents=True)
    items = [("Langrennski", "vintersport"), ("Skøyter", "vintersport"), ("Telt", "friluftsliv"),
             ("Sykler", "sykkel"), ("Hjelmer", "sikkerhet"), ("Fotballer", "sport"),
             ("Partytelt", "arrangement"), ("Kaffetraktere", "arrangement"), ("Verktøykasser", "annet")]
    for i in range(count):
        thing, category = items[i % len(items)]
        name = f"{thing} {i + 1}"
        at_venue = rng.random() < 0.4
        fields = {
            "Name": name,
            "Category": category,
            "Owner": rng.choice(associations)["slug"],
            "Quantity": str(rng.randint(1, 40)),
            "Price": rng.choice(["gratis", "50 kr per helg", ""]),
            "Venue": rng.choice(venues) if at_venue else "",
            "Pickup": "" if at_venue else _address(rng, places),
            "Booking": _phone(rng),
        }
        body = f"{thing} til utlån for lag, foreninger og familier. Lever tilbake rent og tørt.\n"
        (folder / f"{slugify(name)}.md").write_text(_header(fields, body), encoding="utf-8")


def _write_assignments(root: Path, rng: random.Random, count: int, associations: list[dict],
                       places: dict[str, str]) -> None:
    folder = root / "assignments"
    folder.mkdir(parents=True)
    titles = ["Leksehjelper", "Kioskvakt", "Sjåfør til tirsdagskafeen", "Besøksvenn", "Natteravn",
              "Språkvenn", "Trener for de minste", "Kjøkkenhjelp på basaren"]
    for i in range(count):
        assoc = rng.choice(associations)
        title = f"{titles[i % len(titles)]} i {assoc['name']}"
        fields = {"Title": title, "Organizer": assoc["slug"], "Category": rng.choice(assoc["arranges"]),
                  "Location": _address(rng, places)}
        if i % 3 == 0:  # ongoing, on a weekday
            day = rng.randint(0, 4)
            fields["Weekly"] = f"{_NB_DAYS[day]} {rng.randint(16, 18)}:00-{rng.randint(19, 21)}:00"
        elif i % 3 == 1:  # one day
            day = TODAY + timedelta(days=rng.randint(5, 200))
            fields["Start"] = f"{day.isoformat()} 10:00-14:00"
            fields["Closes"] = (day - timedelta(days=3)).isoformat()
        fields.update({
            "People": str(rng.randint(1, 20)),
            "Suits": ", ".join(rng.sample(["nybegynnere", "ungdom", "pensjonister", "familier",
                                           "språktrening", "fleksibel"], 2)),
            "Signup": rng.choice([f"post@{assoc['slug']}.example.no", _phone(rng),
                                  f"https://{assoc['slug']}.example.no/frivillig"]),
            "Added": (TODAY - timedelta(days=rng.randint(1, 60))).isoformat(),
        })
        body = f"Vi trenger deg som vil hjelpe til. {rng.choice(_MIDDLE)}\n"
        (folder / f"{slugify(title)}-{i + 1}.md").write_text(_header(fields, body), encoding="utf-8")


def _repeat_fields(rng: random.Random, start: datetime) -> tuple[datetime, dict[str, str]]:
    """Repeat, Except and Cancelled-dates for a weekly or monthly series near ``start``.

    The portal's own parser gives the rule, so the start is the rule's first occurrence and
    Except/Cancelled-dates name real occurrences.
    """
    until = (start + timedelta(weeks=rng.randint(8, 30))).date().isoformat()
    forms = [
        (45, f"weekly until {until}"),
        (15, "weekly"),
        (12, f"every 2 weeks until {until}"),
        (10, f"weekly on {_EN_DAYS[start.weekday()].lower()} and "
             f"{_EN_DAYS[(start.weekday() + 2) % 7].lower()} until {until}"),
        (10, f"monthly on 1st {_EN_DAYS[start.weekday()].lower()} until {until}"),
        (8, f"hver uke til {until}"),
    ]
    repeat = rng.choices([text for _, text in forms], weights=[w for w, _ in forms])[0]
    rule = parse_repeat(repeat, start.date()).dateutil_rule(start)
    start = rule.after(start, inc=True)  # "monthly on 1st tuesday" may start later
    rule = parse_repeat(repeat, start.date()).dateutil_rule(start)
    occurrences = [moment.date() for moment in islice(rule, 1, 30)]
    fields = {"Repeat": repeat}
    skipped = set()
    if occurrences and rng.random() < 0.6:
        skipped = set(rng.sample(occurrences, min(len(occurrences), rng.randint(1, 3))))
        fields["Except"] = ", ".join(d.isoformat() for d in sorted(skipped))
    left = sorted(set(occurrences) - skipped)
    if left and rng.random() < 0.3:
        fields["Cancelled-dates"] = rng.choice(left).isoformat()
    return start, fields


def _write_events(root: Path, plain_root: Path, rng: random.Random, count: int,
                  associations: list[dict], venues: list[str], places: dict[str, str]) -> tuple[str, int]:
    """The events, and the same files with Pelican's Date and Slug for the plain build.

    Returns the path of the event a rebuild changes and how many are weekly series.
    """
    weights = [1 / (rank + 1) ** 0.5 for rank in range(len(associations))]  # a few busy associations
    weekly = 0
    paths = []
    for i in range(count):
        assoc = rng.choices(associations, weights=weights)[0]
        category = rng.choice(assoc["arranges"])
        postcode = rng.choice(sorted(places))
        words = {"org": assoc["name"], "place": places[postcode], "peak": rng.choice(_PEAKS),
                 "theme": rng.choice(_THEMES)}
        title = rng.choice(_TITLES[category]).format(**words)
        words["title_lower"] = title[0].lower() + title[1:]
        website = f"https://{assoc['slug']}.example.no"
        day = TODAY + timedelta(days=rng.randint(-60, 330))
        all_day = i % 2 == 1 and rng.random() < 0.25
        start = datetime.combine(day, datetime.min.time()).replace(
            hour=rng.randint(9, 20), minute=rng.choice([0, 0, 15, 30]))
        fields: dict[str, str] = {"Title": title}
        extra: dict[str, str] = {}
        if i % 2 == 0:  # half the events are series
            weekly += 1
            start, extra = _repeat_fields(rng, start)
        use_venue = rng.random() < 0.2
        if all_day:
            fields["Start"] = start.date().isoformat()
            if rng.random() < 0.3:
                fields["End"] = (start.date() + timedelta(days=rng.randint(1, 2))).isoformat()
        elif rng.random() < 0.4:
            end = start + timedelta(minutes=rng.choice([60, 90, 120]))
            fields["Start"] = f"{start:%Y-%m-%d %H:%M}-{end:%H:%M}"
        else:
            fields["Start"] = f"{start:%Y-%m-%d %H:%M}"
            fields["Duration"] = rng.choice(["1h", "90min", "2h", "1h30min", "3h"])
        fields.update({
            "Venue": rng.choice(venues) if use_venue else "",
            "Location": "" if use_venue else
            f"{rng.choice(_BUILDINGS)}, {rng.choice(_STREETS)} {rng.randint(1, 60)}, {postcode} {places[postcode]}",
            "Organizer": assoc["slug"],
            "Category": category,
            "Audience": ", ".join(rng.sample(["barn", "ungdom", "voksne", "eldre", "familier", "alle"],
                                             rng.randint(1, 2))) if rng.random() < 0.8 else "",
            "Price": rng.choice(["gratis", "gratis", "50 kr", "100/50", "kr 150", "20", ""]),
            "Registration": rng.choice(["", "", f"{website}/pamelding", f"post@{assoc['slug']}.example.no",
                                        "Ingen påmelding, bare kom."]),
            **extra,
            "Status": "avlyst" if i % 2 == 1 and rng.random() < 0.02 else "",
            "Accessibility": rng.choice(["", "Trinnfri inngang og HC-toalett.", "Trapp opp til salen."]),
            "Contact": f"{_person(rng)}, tlf. {_phone(rng)}" if rng.random() < 0.5 else "",
            "Added": (TODAY - timedelta(days=rng.randint(1, 120))).isoformat(),
        })
        body = _body(rng, words, website)
        slug = f"{slugify(title)}-{i + 1}"
        relative = Path("events", assoc["slug"], f"{slug}.md")
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(_header(fields, body), encoding="utf-8")
        # Plain Pelican: Date from Start (its articles need one), Slug from the file name (titles
        # repeat), and Status under another name (Pelican skips articles with an unknown status).
        plain = {"Title": title, "Date": f"{start:%Y-%m-%d %H:%M}", "Slug": slug,
                 **{("Event-status" if key == "Status" else key): value
                    for key, value in fields.items() if key != "Title"}}
        (plain_root / relative).parent.mkdir(parents=True, exist_ok=True)
        (plain_root / relative).write_text(_header(plain, body), encoding="utf-8")
        paths.append(relative.as_posix())
    return paths[len(paths) // 2], weekly


def generate(target: Path, size: Size, places: dict[str, str], seed: int = 16) -> GeneratedSite:
    """Write the content of ``size`` under ``target`` (content/ and plain-content/)."""
    rng = random.Random(f"{seed}-{size.name}")
    content, plain = target / "content", target / "plain-content"
    for folder in (content, plain):
        shutil.copytree(ROOT / "content" / "pages", folder / "pages")
    associations = _associations(rng, size, places)
    _write_associations(content, rng, associations, places)
    _write_grants(content, rng, size.grants)
    venues = _write_venues(content, rng, size.venues, associations, places)
    _write_equipment(content, rng, size.equipment, associations, venues, places)
    _write_assignments(content, rng, size.assignments, associations, places)
    changed, weekly = _write_events(content, plain, rng, size.events, associations, venues, places)
    counts = {"events": size.events, "weekly": weekly, "associations": size.associations,
              "grants": size.grants, "assignments": size.assignments, "venues": size.venues,
              "equipment": size.equipment}
    return GeneratedSite(content, plain, changed, counts)


# --- Building and measuring ------------------------------------------------------------------

def _process_memory(pid: int, page: int) -> int:
    """Bytes of one process's proportional set size (PSS): a page it shares with n processes
    (a forked build process and its parent) counts 1/n. RSS where PSS cannot be read."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * page
    except (OSError, IndexError, ValueError):
        return 0


def _process_tree_memory(root_pid: int) -> int:
    """Bytes of memory of ``root_pid`` and all its descendants now (0 once it has ended)."""
    children = defaultdict(list)
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(f"/proc/{entry.name}/stat").read_bytes()
            except OSError:  # ended while we looked
                continue
            # The command name may contain spaces and ")": the parent pid is the second field after it.
            children[int(stat[stat.rindex(b")") + 2:].split()[1])].append(int(entry.name))
    total, todo = 0, [root_pid]
    page = os.sysconf("SC_PAGE_SIZE")
    while todo:
        pid = todo.pop()
        total += _process_memory(pid, page)
        todo.extend(children.get(pid, ()))
    return total


@dataclass
class Measurement:
    seconds: float
    peak_bytes: int


def run_measured(command: list[str], *, cwd: Path, env: dict[str, str], log: Path) -> Measurement:
    """Run a build as its own process: wall-clock seconds and peak memory of its process tree."""
    peak = 0
    done = threading.Event()

    def sample(pid: int) -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _process_tree_memory(pid))
            done.wait(SAMPLE_SECONDS)

    with log.open("ab") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        sampler = threading.Thread(target=sample, args=(process.pid,), daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise SystemExit(f"Build failed ({' '.join(command)}); the end of its log:\n{tail}")
    # ru_maxrss (KiB on Linux) is the largest single process: a floor when sampling missed a peak.
    return Measurement(seconds, max(peak, usage.ru_maxrss * 1024))


def output_figures(output: Path) -> dict[str, int]:
    """Files and bytes in a build's output folder, and bytes of its search index."""
    files = size = search = 0
    for folder, _, names in os.walk(output):
        for name in names:
            path = Path(folder, name)
            files += 1
            size += path.stat().st_size
            if path.relative_to(output).parts[0] == "pagefind":
                search += path.stat().st_size
    return {"output_files": files, "output_bytes": size, "search_bytes": search,
            "front_page_bytes": (output / "index.html").stat().st_size}


def write_plain_settings(path: Path, site: dict) -> None:
    """Settings of the plain Pelican baseline: Pelican's defaults with the portal's general ones.

    What it builds: every event file as an article (``arrangement/<slug>/``, like the portal's
    event pages) and the same pages/, with Pelican's default theme (no THEME), no plugins (an
    empty PLUGINS, else Pelican would load every installed namespace plugin), and Pelican's
    default index, archives, category, tag and author pages and Atom feeds. Site name, time
    zone, language, page paths and output retention are pelicanconf.py's. Its rebuilds use
    Pelican's own content cache (the portal's use PORTAL_CACHE): each at its best.
    """
    shared = ["SITENAME", "SITEURL", "TIMEZONE", "DEFAULT_LANG", "PAGE_PATHS", "STATIC_PATHS",
              "PAGE_URL", "PAGE_SAVE_AS", "OUTPUT_RETENTION"]
    lines = [f"{key} = {site[key]!r}" for key in shared]
    lines += ['ARTICLE_PATHS = ["events"]', 'ARTICLE_URL = "arrangement/{slug}/"',
              'ARTICLE_SAVE_AS = "arrangement/{slug}/index.html"', "PLUGINS = []",
              "CACHE_CONTENT = True", "LOAD_CONTENT_CACHE = True", "DELETE_OUTPUT_DIRECTORY = True"]
    path.write_text('"""Plain Pelican baseline of scripts/bench.py."""\n' + "\n".join(lines) + "\n",
                    encoding="utf-8")


@dataclass
class Builder:
    """How one site (portal or plain) of one size is built, and its figures per run."""

    name: str
    content: Path
    output: Path
    cache: Path
    command: list[str]
    cwd: Path
    runs: list[dict] = field(default_factory=list)

    def build(self, env: dict[str, str], log: Path, *, fresh: bool) -> Measurement:
        if fresh:  # a full build starts without output and without cache
            shutil.rmtree(self.output, ignore_errors=True)
            shutil.rmtree(self.cache, ignore_errors=True)
        return run_measured(self.command, cwd=self.cwd, env=env, log=log)


def _builders(work: Path, site: GeneratedSite, languages: list[str], plain_settings: Path) -> list[Builder]:
    def pelican(content: Path, output: Path, settings: Path, cache: Path, *extra: str) -> list[str]:
        return [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", str(settings),
                "-e", f"CACHE_PATH={json.dumps(str(cache))}", *extra]

    portal_out, plain_out = work / "output-portal", work / "output-plain"
    portal_cache, plain_cache = work / "cache-portal", work / "cache-plain"
    return [
        Builder("portal", site.content, portal_out, portal_cache,
                pelican(site.content, portal_out, SETTINGS, portal_cache,
                        f"PORTAL_LANGUAGES={json.dumps(languages)}"), ROOT),
        Builder("plain", site.plain_content, plain_out, plain_cache,
                pelican(site.plain_content, plain_out, plain_settings, plain_cache), work),
    ]


def _change_title(path: Path, run: int) -> str:
    """Change one event's title, as an editor would; returns the original text."""
    original = path.read_text(encoding="utf-8")
    title_line = next(line for line in original.splitlines() if line.startswith("Title: "))
    path.write_text(original.replace(title_line, f"{title_line} (endret {run})", 1), encoding="utf-8")
    return original


def bench_size(work: Path, site: GeneratedSite, languages: list[str], runs: int,
               plain_settings: Path, env: dict[str, str]) -> list[Builder]:
    """Full build and rebuild of portal and plain, alternating, ``runs`` times."""
    builders = _builders(work, site, languages, plain_settings)
    for run in range(1, runs + 1):
        figures = {}
        for builder in builders:
            full = builder.build(env, work / f"{builder.name}.log", fresh=True)
            figures[builder.name] = {"full_seconds": full.seconds, "peak_bytes": full.peak_bytes,
                                     **output_figures(builder.output)}
        originals = {b.name: _change_title(b.content / site.changed_event, run) for b in builders}
        for builder in builders:
            again = builder.build(env, work / f"{builder.name}.log", fresh=False)
            figures[builder.name]["rebuild_seconds"] = again.seconds
            figures[builder.name]["peak_bytes"] = max(figures[builder.name]["peak_bytes"], again.peak_bytes)
            (builder.content / site.changed_event).write_text(originals[builder.name], encoding="utf-8")
        for builder in builders:
            builder.runs.append(figures[builder.name])
        print(f"  {site.counts['events']} events, run {run}/{runs}: "
              + ", ".join(f"{b.name} {figures[b.name]['full_seconds']:.1f} s" for b in builders),
              file=sys.stderr, flush=True)
    return builders


# --- Reporting -------------------------------------------------------------------------------

FIGURES = ["full_seconds", "rebuild_seconds", "peak_bytes", "output_files", "output_bytes", "search_bytes",
           "front_page_bytes"]
COLUMNS = ["size", "site", "full build s", "rebuild s", "peak memory MiB", "output files",
           "output MB", "search index MB", "front page KB"]


def summarise(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def size_summary(builders: list[Builder]) -> dict:
    """Median, min and max of every figure per site, and the ratio portal/plain of the medians."""
    summary = {b.name: {name: {**summarise([run[name] for run in b.runs]),
                               "runs": [run[name] for run in b.runs]} for name in FIGURES}
               for b in builders}
    summary["ratio"] = {name: (summary["portal"][name]["median"] / summary["plain"][name]["median"]
                               if summary["plain"][name]["median"] else None) for name in FIGURES}
    return summary


#: How each figure is shown: its unit's size in the table and the number format.
_UNITS = {"full_seconds": (1, "{:.2f}"), "rebuild_seconds": (1, "{:.2f}"),
          "peak_bytes": (2**20, "{:.0f}"), "output_files": (1, "{:.0f}"),
          "output_bytes": (1e6, "{:.1f}"), "search_bytes": (1e6, "{:.2f}"), "front_page_bytes": (1e3, "{:.0f}")}


def _cell(name: str, figure: dict) -> str:
    """``median (min-max)``, or the median alone when every run gave the same."""
    scale, form = _UNITS[name]
    median, low, high = (form.format(figure[k] / scale) for k in ("median", "min", "max"))
    if name == "search_bytes" and not figure["max"]:
        return "-"  # plain Pelican has no search index
    return median if low == high else f"{median} ({low}-{high})"


def table(results: dict[str, dict]) -> str:
    """One table: a row per size and site, and the ratio portal/plain."""
    rows = [COLUMNS]
    for size_name, summary in results.items():
        for site in ("portal", "plain"):
            rows.append([size_name, site, *(_cell(name, summary[site][name]) for name in FIGURES)])
        rows.append([size_name, "portal/plain",
                     *("-" if ratio is None else f"{ratio:.1f}x" for ratio in summary["ratio"].values())])
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip()
                     for row in rows)


def _child_env() -> dict[str, str]:
    """The environment of every build: the demo's today, no municipality, invalid files fail."""
    env = {key: value for key, value in os.environ.items()
           if key not in {"MUNICIPALITY", "PORTAL_SKIP_INVALID", "PORTAL_TODAY"}}
    env["PORTAL_TODAY"] = TODAY.isoformat()
    return env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", nargs="+", choices=sorted(SIZES), default=["S", "M"],
                        help="sizes to build (default: S M)")
    parser.add_argument("--runs", type=int, default=3, help="runs per size; each figure is the median")
    parser.add_argument("--languages", choices=["one", "all"], default="all",
                        help="one: only nb; all: the demo's six languages (default)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep content and output in DIR")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    os.environ.pop("MUNICIPALITY", None)  # the demo's settings, whatever the shell says
    site_settings = runpy.run_path(str(SETTINGS))
    places = dict(site_settings["PORTAL_PLACES"])
    languages = ["nb"] if args.languages == "one" else list(site_settings["PORTAL_LANGUAGES"])
    work_root = args.keep or Path(tempfile.mkdtemp(prefix="bench-"))
    work_root.mkdir(parents=True, exist_ok=True)
    env = _child_env()
    load_before = os.getloadavg()
    results, contents = {}, {}
    try:
        for name in args.size:
            size = SIZES[name]
            work = work_root / name
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir(parents=True)
            site = generate(work, size, places)
            plain_settings = work / "plainconf.py"
            write_plain_settings(plain_settings, site_settings)
            print(f"{name}: {site.counts}", file=sys.stderr, flush=True)
            results[name] = size_summary(bench_size(work, site, languages, args.runs, plain_settings, env))
            contents[name] = site.counts
    finally:
        if args.keep is None:
            shutil.rmtree(work_root, ignore_errors=True)
    load_after = os.getloadavg()

    print(f"Aktivitetsportalen vs plain Pelican: languages {','.join(languages)}; median (min-max) "
          f"of {args.runs} run(s), portal and plain built in alternation; {os.cpu_count()} cores, "
          f"load average {load_before[0]:.1f} before and {load_after[0]:.1f} after.")
    for name, counts in contents.items():
        print(f"{name}: " + ", ".join(f"{value} {key}" for key, value in counts.items()))
    print(table(results))
    print(f"rebuild: the same build again into the same output after changing one event's title "
          f"(the portal with PORTAL_CACHE, plain Pelican with its content cache). {MEMORY_METHOD}.")
    if args.json:
        args.json.write_text(json.dumps({
            "languages": languages, "runs": args.runs, "cores": os.cpu_count(),
            "load_average": {"before": load_before[0], "after": load_after[0]},
            "memory_method": MEMORY_METHOD, "content": contents, "sizes": results,
        }, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

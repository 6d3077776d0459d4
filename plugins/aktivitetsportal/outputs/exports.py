"""Open data: the portal's content as JSON and CSV files, and the page describing them.

:func:`build_exports` returns every file as bytes, keyed by its name in the
output folder. The bytes depend only on the content and the build's "today"
(no timestamps, keys sorted, fixed line endings), so an unchanged site
rebuilds byte for byte. Field names are English and stable; a change that
breaks readers must raise :data:`FORMAT_VERSION`. :data:`EXPORT_FILES`
documents every field; the open-data page and the tests both read it.

Times are ISO 8601 with the Europe/Oslo offset (``2026-12-01T18:00:00+01:00``);
all-day events and deadlines are dates (``2027-04-01``).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from icalendar import vDuration

from aktivitetsportal.domain.portal import PortalSite
from aktivitetsportal.domain.register import register_entries
from aktivitetsportal.keys import PageKind
from aktivitetsportal.outputs.addresses import PublicUrls, association_feed_url, url_for
from aktivitetsportal.outputs.fingerprints import Unfingerprintable, fingerprint
from aktivitetsportal.outputs.grant_pages import GrantEntry, grant_entries
from aktivitetsportal.outputs.pages import PlannedPage, page_at
from aktivitetsportal.outputs.volunteering_pages import AssignmentEntry, assignment_entries
from aktivitetsportal.submissions.associations import enhetsregisteret_url
from aktivitetsportal.submissions.models import Association, EquipmentItem, Event, Occurrence, Venue
from aktivitetsportal.submissions.recurrence import DAY_CODES
from aktivitetsportal.submissions.values import Link, localize
from aktivitetsportal.submissions.vocabulary import (
    ASSOCIATION_CATEGORIES,
    AUDIENCES,
    EVENT_CATEGORIES,
)
from aktivitetsportal.text.contact_details import without_contact_details
from aktivitetsportal.text.phrases import (
    assignment_when,
    deadline_rule,
    event_rule,
    grant_state_label,
    price_label,
)
from aktivitetsportal.text.translations import lazy_text

__all__ = [
    "build_exports",
    "events_document",
    "events_json",
    "EventRecordTexts",
    "associations_document",
    "associations_csv",
    "grants_document",
    "assignments_document",
    "venues_document",
    "equipment_document",
    "plan_open_data_page",
    "ExportFile",
    "ExportField",
    "EXPORT_FILES",
    "CSV_COLUMNS",
    "FORMAT_VERSION",
]

FORMAT_VERSION = 1
EVENTS_FILE = "events.json"
ASSOCIATIONS_JSON_FILE = "associations.json"
ASSOCIATIONS_CSV_FILE = "associations.csv"
GRANTS_FILE = "grants.json"
ASSIGNMENTS_FILE = "assignments.json"
VENUES_FILE = "venues.json"
EQUIPMENT_FILE = "equipment.json"


@dataclass(frozen=True, slots=True)
class ExportField:
    """One documented field. Nested fields are dotted: ``price.free``, ``occurrences[].start``."""

    name: str
    type: str
    description: str


@dataclass(frozen=True, slots=True)
class ExportFile:
    """One export file: its name, what it holds, and every field of its records."""

    filename: str
    title: str
    format: str
    description: str
    records_key: str  # the list of records in a JSON file ("" for CSV)
    fields: tuple[ExportField, ...]

    @property
    def url(self) -> str:
        return self.filename


def _f(name: str, type_: str, description: str) -> ExportField:
    return ExportField(name, type_, description)


_META_FIELDS = (
    _f("format_version", "heltall", f"Versjonen av formatet, nå {FORMAT_VERSION}. Øker bare ved endringer som kan knekke programmer som leser filen."),
    _f("municipality", "tekst", "Kommunen portalen gjelder."),
    _f("licence", "objekt", "Lisensen dataene kan brukes under."),
    _f("licence.name", "tekst", "Navnet på lisensen, f.eks. «Norsk lisens for offentlige data (NLOD) 2.0»."),
    _f("licence.url", "lenke", "Lisensteksten."),
    _f("source", "objekt", "Hvor dataene kommer fra (oppgi kilden når du bruker dem)."),
    _f("source.name", "tekst", "Kilden, f.eks. «Aktivitetsportalen Vestre Toten»."),
    _f("source.url", "lenke", "Portalens adresse."),
)

#: What stands in open data where a phone number or e-mail address was written in free text.
PERSONAL_DETAIL_REMOVED = "[fjernet]"

EVENT_FIELDS = (
    _f("id", "tekst", "Kortnavnet til arrangementet; fast, og en del av adressen til arrangementssiden."),
    _f("url", "lenke", "Arrangementssiden i portalen."),
    _f("title", "tekst", "Tittel."),
    _f("description", "tekst", "Beskrivelsen som ren tekst (avsnitt skilt med tom linje). Telefonnumre og e-postadresser i teksten er byttet ut med «[fjernet]»."),
    _f("organizer_id", "tekst", "Kortnavnet (id) til arrangøren i associations.json."),
    _f("organizer_name", "tekst", "Navnet til arrangøren."),
    _f("organizer_url", "lenke", "Siden til arrangøren i foreningsregisteret."),
    _f("category", "tekst", "Kategori: " + ", ".join(EVENT_CATEGORIES.values()) + "."),
    _f("category_label", "tekst", "Kategorien slik den vises på sidene."),
    _f("audiences", "liste av tekst", "Hvem det passer for: " + ", ".join(AUDIENCES.values()) + "."),
    _f("audience_labels", "liste av tekst", "Det samme slik det vises på sidene."),
    _f("location", "tekst", "Sted og adresse."),
    _f("all_day", "sann/usann", "true for heldagsarrangementer (da er start og slutt datoer uten klokkeslett)."),
    _f("start", "tidspunkt eller dato", "Første gang arrangementet er (for en serie: den første i serien)."),
    _f("duration", "varighet", "Varighet i ISO 8601, f.eks. PT2H (2 timer) eller P1D (1 dag)."),
    _f("recurrence", "objekt eller null", "Gjentakelsen for serier, ellers null."),
    _f("recurrence.rrule", "tekst", "Regelen i RFC 5545-format uten UNTIL, f.eks. FREQ=WEEKLY;BYDAY=TU."),
    _f("recurrence.until", "dato eller null", "Siste dag serien kan være (tatt med), eller null."),
    _f("recurrence.description", "tekst", "Regelen på norsk, f.eks. «Hver tirsdag»."),
    _f("except_dates", "liste av datoer", "Dager serien ikke er (f.eks. i ferier)."),
    _f("cancelled", "sann/usann", "true hvis hele arrangementet er avlyst."),
    _f("price", "objekt eller null", "Pris, eller null hvis pris ikke er oppgitt."),
    _f("price.free", "sann/usann", "true hvis det er gratis."),
    _f("price.amounts_nok", "liste av heltall", "Beløp i hele kroner, f.eks. [100, 50] for voksen/barn."),
    _f("price.label", "tekst", "Prisen slik den vises, f.eks. «Gratis» eller «kr 100 / 50»."),
    _f("registration", "objekt eller null", "Påmelding, eller null."),
    _f("registration.text", "tekst", "Påmeldingen slik den er skrevet, uten telefonnumre og e-postadresser («[fjernet]»)."),
    _f("registration.url", "lenke eller null", "Lenke til påmelding (https: eller mailto:), hvis det er en lenke."),
    _f("accessibility", "tekst eller null", "Opplysninger om tilgjengelighet."),
    _f("contact", "tekst eller null", "Kontaktperson eller -opplysninger. Personopplysninger: null med mindre kommunen har samtykke (PORTAL_EXPORT_CONTACT_PERSONS)."),
    _f("image", "lenke eller null", "Bilde."),
    _f("added", "dato eller null", "Da arrangementet ble lagt inn."),
    _f("modified", "dato eller null", "Da arrangementet sist ble endret."),
    _f("occurrences", "liste", "Hver gang arrangementet er innenfor tidsvinduet (se window), i tidsrekkefølge."),
    _f("occurrences[].id", "tekst", "Fast id for denne gangen: arrangementets id og datoen."),
    _f("occurrences[].start", "tidspunkt eller dato", "Start."),
    _f("occurrences[].end", "tidspunkt eller dato", "Slutt. For heldagsarrangementer: dagen etter siste dag (som i iCalendar)."),
    _f("occurrences[].cancelled", "sann/usann", "true hvis akkurat denne gangen er avlyst."),
)

ASSOCIATION_FIELDS = (
    _f("id", "tekst", "Kortnavnet til laget; fast, og en del av adressen til lagets side."),
    _f("url", "lenke", "Siden til laget i portalen."),
    _f("name", "tekst", "Navn."),
    _f("category", "tekst", "Kategori i registeret (fast liste, se category_label)."),
    _f("category_label", "tekst", "Kategorien slik den vises på sidene."),
    _f("orgnr", "tekst eller null", "Organisasjonsnummer (9 siffer, kontrollsiffer sjekket), eller null."),
    _f("enhetsregisteret_url", "lenke eller null", "Oppføringen i Enhetsregisteret (Brønnøysundregistrene)."),
    _f("email", "tekst eller null", "E-postadresse."),
    _f("phone", "tekst eller null", "Telefonnummer slik laget skriver det."),
    _f("website", "lenke eller null", "Nettside."),
    _f("address", "tekst eller null", "Adresse eller møtested."),
    _f("audiences", "liste av tekst", "Hvem laget er for: " + ", ".join(AUDIENCES.values()) + "."),
    _f("audience_labels", "liste av tekst", "Det samme slik det vises på sidene."),
    _f("membership", "tekst eller null", "Hvem som kan bli medlem, og hva det koster."),
    _f("contact_person", "tekst eller null", "Kontaktperson. Personopplysninger: null med mindre kommunen har samtykke (PORTAL_EXPORT_CONTACT_PERSONS)."),
    _f("logo", "lenke eller null", "Logo."),
    _f("summary", "tekst", "Første setning av beskrivelsen (vises i registeret)."),
    _f("description", "tekst", "Hele beskrivelsen som ren tekst. Telefonnumre og e-postadresser i teksten er byttet ut med «[fjernet]»."),
    _f("calendar_url", "lenke", "Lagets kalender i iCalendar-format (.ics) for abonnement."),
    _f("event_ids", "liste av tekst", "Id-ene til lagets arrangementer i events.json."),
)

GRANT_FIELDS = (
    _f("id", "tekst", "Kortnavnet til ordningen; fast, og en del av adressen til siden."),
    _f("url", "lenke", "Siden om ordningen i portalen."),
    _f("name", "tekst", "Navnet på ordningen."),
    _f("giver", "tekst eller null", "Hvem som gir tilskuddet."),
    _f("kind", "tekst", "Type: kommunal, fylkeskommunal, statlig, stiftelse eller annet."),
    _f("kind_label", "tekst", "Typen slik den vises på sidene."),
    _f("status", "tekst", "Status per status_as_of: frist-snart (frist innen 30 dager), apen, lopende eller stengt."),
    _f("status_label", "tekst", "Statusen slik den vises: Frist snart, Åpen, Løpende eller Stengt."),
    _f("next_deadline", "dato eller null", "Neste søknadsfrist fra og med status_as_of, eller null."),
    _f("days_left", "heltall eller null", "Dager fra status_as_of til neste frist (0 = fristen er i dag)."),
    _f("upcoming_deadlines", "liste av datoer", "De kommende fristene: faste datoer fra og med status_as_of og neste gang for hver årlige frist (inntil fire)."),
    _f("previous_deadline", "dato eller null", "Siste frist før status_as_of."),
    _f("deadline_text", "tekst", "Fristen slik den er skrevet i kildefilen."),
    _f("deadline_description", "tekst", "Fristregelen på norsk, f.eks. «Hvert år 1. april»."),
    _f("deadline", "objekt", "Fristregelen i maskinlesbar form."),
    _f("deadline.dates", "liste av datoer", "Faste datoer."),
    _f("deadline.yearly", "liste av tekst", "Årlige frister som --MM-DD (ISO 8601), f.eks. --04-01 for 1. april. En årlig 29. februar er 28. februar i år uten skuddår."),
    _f("deadline.rolling", "sann/usann", "true hvis det kan søkes løpende."),
    _f("targets", "liste av tekst", "Formål og målgrupper slik de er skrevet."),
    _f("amount", "tekst eller null", "Beløp (fritekst)."),
    _f("link", "lenke eller null", "Side med mer om ordningen og hvordan man søker."),
    _f("form", "lenke eller null", "Søknadsskjema."),
    _f("contact", "tekst eller null", "Kontakt. Personopplysninger: null med mindre kommunen har samtykke (PORTAL_EXPORT_CONTACT_PERSONS)."),
    _f("description", "tekst", "Beskrivelsen som ren tekst. Telefonnumre og e-postadresser i teksten er byttet ut med «[fjernet]»."),
)

_LINK_NOTE = ("Nettadresser står alltid; e-postadresser og telefonnumre bare når kommunen har samtykke "
              "(PORTAL_EXPORT_CONTACT_PERSONS), ellers null.")

ASSIGNMENT_FIELDS = (
    _f("id", "tekst", "Kortnavnet til oppdraget; fast, og en del av adressen til siden."),
    _f("url", "lenke", "Siden om oppdraget i portalen, med «Meld deg»."),
    _f("title", "tekst", "Tittel."),
    _f("organizer_id", "tekst", "Id-en til laget som spør, i associations.json."),
    _f("category", "tekst", "Kategori (samme liste som arrangementene)."),
    _f("kind", "tekst", "engangs (en dag eller en periode) eller fast (hver uke eller etter avtale)."),
    _f("open", "sann/usann", "true hvis oppdraget tar imot frivillige per status_as_of."),
    _f("open_until", "dato eller null", "Siste dag det er åpent (Closes, ellers siste dag for et enkeltoppdrag); null: til det fjernes."),
    _f("start", "dato/tid eller null", "Når det starter (ISO 8601, med tidssone når det har klokkeslett)."),
    _f("end", "dato/tid eller null", "Når det slutter (en dato er siste dag)."),
    _f("weekly", "objekt eller null", "Fast ukedag og tid for faste oppdrag."),
    _f("weekly.days", "liste av tekst", "Ukedagene som RFC 5545-koder: MO, TU, WE, TH, FR, SA, SU."),
    _f("weekly.start", "tekst eller null", "Klokkeslett TT:MM (Europe/Oslo)."),
    _f("weekly.end", "tekst eller null", "Klokkeslett TT:MM (Europe/Oslo); før start betyr etter midnatt."),
    _f("when", "tekst", "Når, på norsk, slik siden viser det."),
    _f("location", "tekst", "Hvor."),
    _f("venue_id", "tekst eller null", "Id-en til lokalet i venues.json."),
    _f("people", "heltall eller null", "Hvor mange frivillige som trengs."),
    _f("age_from", "heltall eller null", "Nedre aldersgrense."),
    _f("languages", "tekst eller null", "Språk (fritekst)."),
    _f("suits", "liste av tekst", "Hvem det passer for: nybegynnere, ungdom, pensjonister, familier, språktrening, fleksibel."),
    _f("police_certificate", "sann/usann", "true hvis politiattest kreves."),
    _f("requirements", "tekst eller null", "Andre krav (fritekst)."),
    _f("signup", "lenke eller null", "Hvor man melder seg. " + _LINK_NOTE),
    _f("event_ids", "liste av tekst", "Arrangementer som hører til, i events.json."),
    _f("description", "tekst", "Hva den frivillige gjør, som ren tekst. Telefonnumre og e-postadresser er byttet ut med «[fjernet]»."),
)

VENUE_FIELDS = (
    _f("id", "tekst", "Kortnavnet til lokalet; fast, og en del av adressen til siden."),
    _f("url", "lenke", "Siden om lokalet i portalen."),
    _f("name", "tekst", "Navn."),
    _f("address", "tekst", "Adresse."),
    _f("owner_id", "tekst eller null", "Id-en til laget som eier lokalet, i associations.json; null: kommunen."),
    _f("rooms", "liste av objekter", "Rommene."),
    _f("rooms[].name", "tekst", "Navnet på rommet."),
    _f("rooms[].capacity", "heltall eller null", "Hvor mange rommet har plass til."),
    _f("capacity", "heltall eller null", "Plass i det største rommet."),
    _f("price", "tekst eller null", "Pris slik den er skrevet."),
    _f("free", "sann/usann", "true hvis prisen er «gratis»."),
    _f("facilities", "liste av tekst", "Hva som finnes: kjøkken, projektor, lydanlegg, scene, piano, wifi, garderobe, parkering, uteområde."),
    _f("accessibility", "objekt", "Tilgjengelighet: true (ja), false (nei) eller null (ikke oppgitt) for hvert punkt."),
    _f("accessibility.step_free", "sann/usann/null", "Trinnfri inngang."),
    _f("accessibility.accessible_toilet", "sann/usann/null", "Toalett for rullestolbrukere."),
    _f("accessibility.hearing_loop", "sann/usann/null", "Teleslynge."),
    _f("accessibility.accessible_parking", "sann/usann/null", "Parkering for forflytningshemmede."),
    _f("accessibility.lift", "sann/usann/null", "Heis."),
    _f("accessibility.note", "tekst eller null", "Mer om tilgjengeligheten."),
    _f("coordinates", "objekt eller null", "Posisjon (WGS 84): latitude og longitude i grader."),
    _f("booking", "lenke eller null", "Hvor man bestiller. " + _LINK_NOTE),
    _f("opening_hours", "tekst eller null", "Åpningstider (fritekst)."),
    _f("website", "lenke eller null", "Nettside."),
    _f("contact", "tekst eller null", "Kontakt. Personopplysninger: null med mindre kommunen har samtykke (PORTAL_EXPORT_CONTACT_PERSONS)."),
    _f("description", "tekst", "Beskrivelsen som ren tekst. Telefonnumre og e-postadresser er byttet ut med «[fjernet]»."),
)

EQUIPMENT_FIELDS = (
    _f("id", "tekst", "Kortnavnet; fast, og en del av adressen til siden."),
    _f("url", "lenke", "Siden om utstyret i portalen."),
    _f("name", "tekst", "Navn."),
    _f("category", "tekst", "Kategori: vintersport, friluftsliv, sykkel, sport, sikkerhet, arrangement eller annet."),
    _f("owner_id", "tekst", "Id-en til laget som låner ut, i associations.json."),
    _f("sizes", "tekst eller null", "Størrelser (fritekst)."),
    _f("quantity", "heltall eller null", "Hvor mange som lånes ut."),
    _f("price", "tekst eller null", "Pris slik den er skrevet."),
    _f("free", "sann/usann", "true hvis utlånet er gratis."),
    _f("pickup", "tekst eller null", "Hvor man henter."),
    _f("venue_id", "tekst eller null", "Lokalet det hentes i, i venues.json."),
    _f("opening_hours", "tekst eller null", "Når man kan hente (fritekst)."),
    _f("booking", "lenke eller null", "Hvor man bestiller. " + _LINK_NOTE),
    _f("description", "tekst", "Beskrivelsen som ren tekst. Telefonnumre og e-postadresser er byttet ut med «[fjernet]»."),
)

#: Columns of associations.csv, in order (a subset of associations.json).
CSV_COLUMNS = (
    "id", "name", "category", "category_label", "orgnr", "email", "phone", "website", "address",
    "audiences", "membership", "contact_person", "summary", "url", "enhetsregisteret_url",
    "calendar_url",
)

EXPORT_FILES = (
    ExportFile(
        EVENTS_FILE, "Arrangementer", "JSON",
        "Alle arrangementer med hver gang de er i tidsvinduet (window: fra first_day til og med "
        "last_day), også avlyste. Serier står én gang, med alle datoene under occurrences.",
        "events", _META_FIELDS + (
            _f("window", "objekt", "Tidsvinduet som occurrences dekker."),
            _f("window.first_day", "dato", "Første dag i tidsvinduet."),
            _f("window.last_day", "dato", "Siste dag i tidsvinduet."),
        ) + EVENT_FIELDS,
    ),
    ExportFile(
        ASSOCIATIONS_JSON_FILE, "Lag og foreninger", "JSON",
        "Hele lag- og foreningsregisteret, i alfabetisk rekkefølge (A–Å).",
        "associations", _META_FIELDS + ASSOCIATION_FIELDS,
    ),
    ExportFile(
        ASSOCIATIONS_CSV_FILE, "Lag og foreninger (regneark)", "CSV",
        "Det samme registeret som regneark. Tegnsett UTF-8 med BOM og semikolon som skilletegn, "
        "slik at filen åpner seg riktig med æ, ø og å i Excel med norske innstillinger. Lister "
        "(audiences) er skilt med komma. Celler som starter med =, +, - eller @ har en ' foran, "
        "så Excel ikke leser dem som formler.",
        "", tuple(next(f for f in ASSOCIATION_FIELDS if f.name == column) for column in CSV_COLUMNS),
    ),
    ExportFile(
        GRANTS_FILE, "Tilskudd", "JSON",
        "Alle tilskuddsordninger i samme rekkefølge som tilskuddsoversikten: frist snart, åpne, "
        "løpende og stengte, med neste frist først. Status og frister gjelder per status_as_of.",
        "grants", _META_FIELDS + (
            _f("status_as_of", "dato", "Dagen status, next_deadline og days_left er regnet ut fra (byggedagen)."),
        ) + GRANT_FIELDS,
    ),
    ExportFile(
        ASSIGNMENTS_FILE, "Frivillige oppdrag", "JSON",
        "Alle frivillige oppdrag: de åpne først (som på siden «Bli frivillig»), så de som ikke "
        "lenger er åpne. Om et oppdrag er åpent gjelder per status_as_of.",
        "assignments", _META_FIELDS + (
            _f("status_as_of", "dato", "Dagen «open» er regnet ut fra (byggedagen)."),
        ) + ASSIGNMENT_FIELDS,
    ),
    ExportFile(
        VENUES_FILE, "Lokaler", "JSON",
        "Lokaler lag og foreninger kan låne eller leie, i alfabetisk rekkefølge, med rom, pris og tilgjengelighet.",
        "venues", _META_FIELDS + VENUE_FIELDS,
    ),
    ExportFile(
        EQUIPMENT_FILE, "Utstyr til utlån", "JSON",
        "Utstyr som utstyrsbanken og lag og foreninger låner ut, i alfabetisk rekkefølge.",
        "equipment", _META_FIELDS + EQUIPMENT_FIELDS,
    ),
)


# -- values ------------------------------------------------------------------
def absolute_url(site: PortalSite, path: str) -> str:
    """The public address of a site path, by the same rule as the feeds (:class:`PublicUrls`)."""
    if path.startswith(("https://", "http://")):
        return path
    return PublicUrls.of(site.settings).absolute(path.lstrip("/"))


def _moment(value: datetime | date) -> str:
    """ISO 8601: aware datetimes with their offset, dates as dates."""
    if isinstance(value, datetime):
        return (value if value.tzinfo else localize(value)).isoformat()
    return value.isoformat()


def _duration(value: timedelta) -> str:
    return vDuration(value).to_ical().decode()


def _or_none(text: str):
    """Absent text is null in JSON, so "not given" is not mistaken for an empty value."""
    return text or None


def _dates(days) -> list[str]:
    return [d.isoformat() for d in days]


# -- records -----------------------------------------------------------------
def _occurrence_record(occ: Occurrence) -> dict:
    return {"id": occ.id, "start": _moment(occ.start), "end": _moment(occ.end), "cancelled": occ.cancelled}


def event_record(site: PortalSite, event: Event) -> dict:
    """One event with its occurrences in the build window."""
    category = EVENT_CATEGORIES.get(event.category)
    recurrence = None
    if event.recurrence:
        recurrence = {
            "rrule": event.recurrence.rule,
            "until": event.recurrence.until.isoformat() if event.recurrence.until else None,
            "description": event_rule(event),
        }
    price = None
    if event.price is not None:
        price = {"free": event.is_free, "amounts_nok": list(event.price.amounts), "label": price_label(event.price)}
    registration = None
    if event.registration is not None:
        registration = {"text": _free_text(site, event.registration.text), "url": event.registration.href}
    return {
        "id": event.slug,
        "url": absolute_url(site, url_for(PageKind.EVENT, event.slug)),
        "title": event.title,
        "description": _free_text(site, event.body_text),
        "organizer_id": event.organizer,
        "organizer_name": site.organizer_name(event.organizer),
        "organizer_url": absolute_url(site, url_for(PageKind.ASSOCIATION, event.organizer)),
        "category": event.category,
        "category_label": category.label,
        "audiences": list(event.audiences),
        "audience_labels": [t.label for t in event.audience_terms],
        "location": event.location,
        "all_day": event.all_day,
        "start": _moment(event.start),
        "duration": _duration(event.duration),
        "recurrence": recurrence,
        "except_dates": _dates(event.except_dates),
        "cancelled": event.cancelled,
        "price": price,
        "registration": registration,
        "accessibility": _or_none(_free_text(site, event.accessibility)),
        "contact": _personal(site, event.contact),
        "image": absolute_url(site, event.image) if event.image else None,
        "added": event.added.isoformat() if event.added else None,
        "modified": event.modified.isoformat() if event.modified else None,
        "occurrences": [_occurrence_record(o) for o in site.calendar.occurrences_of(event)],
    }


def association_record(site: PortalSite, association: Association, summary: str,
                       event_ids: list[str]) -> dict:
    """One register entry."""
    a = association
    category = ASSOCIATION_CATEGORIES.get(a.category)
    return {
        "id": a.slug,
        "url": absolute_url(site, url_for(PageKind.ASSOCIATION, a.slug)),
        "name": a.name,
        "category": a.category,
        "category_label": category.label,
        "orgnr": _or_none(a.orgnr),
        "enhetsregisteret_url": enhetsregisteret_url(a.orgnr) if a.orgnr else None,
        "email": _or_none(a.email),
        "phone": _or_none(a.phone),
        "website": _or_none(a.website),
        "address": _or_none(a.address),
        "audiences": list(a.audiences),
        "audience_labels": [AUDIENCES.get(v).label for v in a.audiences],
        "membership": _or_none(_free_text(site, a.membership)),
        "contact_person": _personal(site, a.contact),
        "logo": absolute_url(site, a.logo) if a.logo else None,
        "summary": _free_text(site, summary),
        "description": _free_text(site, a.body_text),
        "calendar_url": absolute_url(site, association_feed_url(a.slug)),
        "event_ids": sorted(event_ids),
    }


def grant_record(site: PortalSite, entry: GrantEntry) -> dict:
    """One grant with its status on the build's "today"."""
    g, status = entry.grant, entry.status
    return {
        "id": g.slug,
        "url": absolute_url(site, url_for(PageKind.GRANT, g.slug)),
        "name": g.name,
        "giver": _or_none(g.giver),
        "kind": g.kind,
        "kind_label": entry.kind.label,
        "status": status.key,
        "status_label": grant_state_label(status.state),
        "next_deadline": status.next_deadline.isoformat() if status.next_deadline else None,
        "days_left": status.days_left,
        "upcoming_deadlines": _dates(entry.upcoming),
        "previous_deadline": entry.previous.isoformat() if entry.previous else None,
        "deadline_text": g.deadline_text,
        "deadline_description": deadline_rule(g.deadline),
        "deadline": {
            "dates": _dates(g.deadline.dates),
            "yearly": [f"--{m:02d}-{d:02d}" for m, d in g.deadline.yearly],
            "rolling": g.deadline.rolling,
        },
        "targets": list(g.targets),
        "amount": _or_none(g.amount),
        "link": _or_none(g.link),
        "form": _or_none(g.form),
        "contact": _personal(site, g.contact),
        "description": _free_text(site, g.body_text),
    }


def _public_link(site: PortalSite, link: Link | None) -> str | None:
    """A web address as it is; an e-mail address or phone number only with consent."""
    if link is None:
        return None
    if link.href and link.href.startswith("http"):
        return link.href
    return _personal(site, link.href or link.text)


def _clock(value) -> str | None:
    return value.strftime("%H:%M") if value is not None else None


def assignment_record(site: PortalSite, entry: AssignmentEntry) -> dict:
    """One volunteer assignment, open or not per the build's "today"."""
    a = entry.assignment
    return {
        "id": a.slug,
        "url": absolute_url(site, url_for(PageKind.ASSIGNMENT, a.slug)),
        "title": a.title,
        "organizer_id": a.organizer,
        "category": a.category,
        "kind": a.kind.value,
        "open": entry.is_open,
        "open_until": a.open_until.isoformat() if a.open_until else None,
        "start": _moment(localize(a.start) if isinstance(a.start, datetime) else a.start) if a.start else None,
        "end": _moment(localize(a.end) if isinstance(a.end, datetime) else a.end) if a.end else None,
        "weekly": {
            "days": [DAY_CODES[d] for d in a.weekly.weekdays],
            "start": _clock(a.weekly.start),
            "end": _clock(a.weekly.end),
        } if a.weekly else None,
        "when": assignment_when(a),
        "location": a.location,
        "venue_id": _or_none(a.venue),
        "people": a.people,
        "age_from": a.age_from,
        "languages": _or_none(a.languages),
        "suits": list(a.suits),
        "police_certificate": a.police_certificate,
        "requirements": _or_none(a.requirements),
        "signup": _public_link(site, a.signup),
        "event_ids": [e.slug for e in entry.events],
        "description": _free_text(site, a.body_text),
    }


def venue_record(site: PortalSite, v: Venue) -> dict:
    """One venue with its rooms and accessibility."""
    return {
        "id": v.slug,
        "url": absolute_url(site, url_for(PageKind.VENUE, v.slug)),
        "name": v.name,
        "address": v.address,
        "owner_id": _or_none(v.owner),
        "rooms": [{"name": room.name, "capacity": room.capacity} for room in v.rooms],
        "capacity": v.capacity,
        "price": _or_none(v.price_text),
        "free": bool(v.price and v.price.is_free),
        "facilities": list(v.facilities),
        "accessibility": {
            "step_free": v.access.step_free,
            "accessible_toilet": v.access.accessible_toilet,
            "hearing_loop": v.access.hearing_loop,
            "accessible_parking": v.access.accessible_parking,
            "lift": v.access.lift,
            "note": _or_none(v.access.note),
        },
        "coordinates": {"latitude": v.coordinates[0], "longitude": v.coordinates[1]} if v.coordinates else None,
        "booking": _public_link(site, v.booking),
        "opening_hours": _or_none(v.opening_hours),
        "website": _or_none(v.website),
        "contact": _personal(site, v.contact),
        "description": _free_text(site, v.body_text),
    }


def equipment_record(site: PortalSite, i: EquipmentItem) -> dict:
    """One thing lent out."""
    return {
        "id": i.slug,
        "url": absolute_url(site, url_for(PageKind.EQUIPMENT_ITEM, i.slug)),
        "name": i.name,
        "category": i.category,
        "owner_id": i.owner,
        "sizes": _or_none(i.sizes),
        "quantity": i.quantity,
        "price": _or_none(i.price_text),
        "free": bool(i.price and i.price.is_free),
        "pickup": _or_none(i.pickup),
        "venue_id": _or_none(i.venue),
        "opening_hours": _or_none(i.opening_hours),
        "booking": _public_link(site, i.booking),
        "description": _free_text(site, i.body_text),
    }


# -- documents ---------------------------------------------------------------
def _meta(site: PortalSite) -> dict:
    settings = site.settings
    return {
        "format_version": FORMAT_VERSION,
        "municipality": settings.municipality,
        "licence": {"name": settings.data_licence_name, "url": settings.data_licence_url},
        "source": {"name": f"Aktivitetsportalen {settings.municipality}", "url": absolute_url(site, "")},
    }


def _personal(site: PortalSite, value: str) -> str | None:
    """A contact person field: only with the municipality's consent (export_contact_persons)."""
    return _or_none(value) if site.settings.export_contact_persons else None


def _free_text(site: PortalSite, text: str) -> str:
    """Free text without phone numbers and e-mail addresses, unless the export may carry them."""
    if site.settings.export_contact_persons:
        return text
    return without_contact_details(text, PERSONAL_DETAIL_REMOVED)


def events_document(site: PortalSite) -> dict:
    """events.json: every event (by id) with its occurrences in the window."""
    return {**_events_head(site), "events": [event_record(site, e) for e in _events_in_order(site)]}


def _events_in_order(site: PortalSite) -> list[Event]:
    return sorted(site.calendar.events, key=lambda e: e.slug)


def _events_head(site: PortalSite) -> dict:
    cal = site.calendar
    return {
        **_meta(site),
        "window": {
            "first_day": cal.window_start.isoformat(),
            "last_day": (cal.window_end - timedelta(days=1)).isoformat(),
        },
    }


@dataclass
class EventRecordTexts:
    """Each event's record as events.json writes it, kept between builds (PORTAL_CACHE).

    A record is made from the event and what every page depends on (code, settings, the
    build's today, the register): ``constants`` names the latter, so a text is found by the
    fingerprint of the event under them. ``stored`` is what the last build kept; :attr:`used`
    is what to keep for the next one. Encoding 2,000 records with ``indent`` (Python's own
    encoder) took most of a rebuild's open data.
    """

    constants: str
    stored: dict[str, str]
    memo: dict = field(default_factory=dict)
    used: dict[str, str] = field(default_factory=dict)

    def text(self, site: PortalSite, event: Event) -> str:
        try:
            key = hashlib.sha256((self.constants + fingerprint(event, self.memo)).encode()).hexdigest()
        except Unfingerprintable:
            return _record_text(site, event)
        text = self.stored.get(key)
        if text is None:
            text = _record_text(site, event)
        self.used[key] = text
        return text


#: Where events.json's records go: its list at the first level of the document (a string
#: value cannot hold a line break, so this text is found only there).
_EVENTS_LIST = '\n  "events": []'


def _record_text(site: PortalSite, event: Event) -> str:
    """The event's record exactly as :func:`to_json_bytes` writes it inside the events list."""
    return "\n".join("    " + line for line in _json_text(event_record(site, event)).split("\n"))


def events_json(site: PortalSite, records: EventRecordTexts | None = None) -> bytes:
    """events.json's bytes: ``to_json_bytes(events_document(site))``, each record made once."""
    texts = [records.text(site, e) if records else _record_text(site, e) for e in _events_in_order(site)]
    head = _json_text({**_events_head(site), "events": []})
    if texts:
        head = head.replace(_EVENTS_LIST, '\n  "events": [\n' + ",\n".join(texts) + "\n  ]", 1)
    return (head + "\n").encode("utf-8")


def _association_records(site: PortalSite) -> list[dict]:
    events_of: dict[str, list[str]] = {}
    for event in site.calendar.events:
        events_of.setdefault(event.organizer, []).append(event.slug)
    return [
        association_record(site, e.association, e.short_line, events_of.get(e.association.slug, []))
        for e in register_entries(site.catalog.associations.values())
    ]


def associations_document(site: PortalSite) -> dict:
    """associations.json: the register in A–Å order, as on the register page."""
    return {**_meta(site), "associations": _association_records(site)}


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = ", ".join(value)
    text = str(value)
    # Excel runs a cell that starts with = + - @ as a formula; submitted text is untrusted.
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        text = "'" + text
    return text


def associations_csv(site: PortalSite) -> bytes:
    """associations.csv: UTF-8 with BOM, semicolons, CRLF (what Excel expects in Norway)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(CSV_COLUMNS)
    for record in _association_records(site):
        writer.writerow([_csv_cell(record[column]) for column in CSV_COLUMNS])
    return out.getvalue().encode("utf-8-sig")


def grants_document(site: PortalSite) -> dict:
    """grants.json: every grant in overview order, with status per the build's today."""
    entries = grant_entries(site.catalog.grants, site.today, site.settings.closing_soon_days)
    return {
        **_meta(site),
        "status_as_of": site.today.isoformat(),
        "grants": [grant_record(site, e) for e in entries],
    }


def assignments_document(site: PortalSite) -> dict:
    """assignments.json: open assignments first, as on "Bli frivillig", then the closed ones."""
    open_entries, closed_entries = assignment_entries(site, site.today)
    return {**_meta(site), "status_as_of": site.today.isoformat(),
            "assignments": [assignment_record(site, e) for e in open_entries + closed_entries]}


def venues_document(site: PortalSite) -> dict:
    """venues.json: every venue A–Å."""
    venues = sorted(site.catalog.venues.values(), key=lambda v: (v.sort_key, v.slug))
    return {**_meta(site), "venues": [venue_record(site, v) for v in venues]}


def equipment_document(site: PortalSite) -> dict:
    """equipment.json: everything lent out, A–Å."""
    items = sorted(site.catalog.equipment, key=lambda i: (i.sort_key, i.slug))
    return {**_meta(site), "equipment": [equipment_record(site, i) for i in items]}


def to_json_bytes(document: dict) -> bytes:
    """Deterministic JSON: sorted keys, UTF-8 (æøå as themselves), 2-space indent, final newline."""
    return (_json_text(document) + "\n").encode("utf-8")


def _json_text(document) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)


def build_exports(site: PortalSite, records: EventRecordTexts | None = None) -> dict[str, bytes]:
    """Every export file: name in the output folder -> its exact bytes (``records``: kept texts)."""
    return {
        EVENTS_FILE: events_json(site, records),
        ASSOCIATIONS_JSON_FILE: to_json_bytes(associations_document(site)),
        ASSOCIATIONS_CSV_FILE: associations_csv(site),
        GRANTS_FILE: to_json_bytes(grants_document(site)),
        ASSIGNMENTS_FILE: to_json_bytes(assignments_document(site)),
        VENUES_FILE: to_json_bytes(venues_document(site)),
        EQUIPMENT_FILE: to_json_bytes(equipment_document(site)),
    }


def plan_open_data_page(site: PortalSite) -> PlannedPage:
    """The "Åpne data" page: what each file holds, field by field."""
    return page_at(PageKind.OPEN_DATA, "", "open_data", page_title=lazy_text("Åpne data"), files=EXPORT_FILES,
                   licence_name=site.settings.data_licence_name, licence_url=site.settings.data_licence_url,
                   contact_persons_included=site.settings.export_contact_persons,
                   window_days_back=site.settings.days_back, window_days_ahead=site.settings.days_ahead)

"""The words of every validation problem, chosen when the problem is shown.

A :class:`~aktivitetsportal.submissions.problems.Problem` carries only a code
and parameters; :func:`problem_message` looks the code up here and translates
it through the gettext catalogues into the language asked for (bokmål is the
source language: the texts below are the catalogue's message ids). A
parameter that is itself a :class:`Message` (a hint, a reason) is translated
the same way first. Adding a language never touches a call site.

Each message says what is wrong and shows what to write instead. Submitters
are volunteers, not programmers: keep the words plain.
"""

from __future__ import annotations

from collections.abc import Iterable

from aktivitetsportal.keys import N_
from aktivitetsportal.submissions.field_names import field_label
from aktivitetsportal.submissions.problems import Message, Problem
from aktivitetsportal.text.translations import translator

__all__ = ["PROBLEM_TEXTS", "problem_message", "problem_location", "render_problem", "format_problems"]

_EXAMPLE_HEADER = (
    "Title: Tirsdagskaffe\n"
    "Start: 2026-12-01 10:00\n"
    "Duration: 2h\n"
    "Location: Frivilligsentralen, Storgata 1, 2830 Raufoss\n"
    "Organizer: vestre-toten-frivilligsentral\n"
    "Category: sosialt\n"
)

#: Message code -> bokmål text (the gettext message id). ``{field}`` is the field name.
PROBLEM_TEXTS: dict[str, str] = {
    "not_utf8": N_("Filen er ikke lagret som UTF-8 (ukjent tegn {byte}). Lagre filen på nytt med tegnkoding «UTF-8» (i Notisblokk: Fil → Lagre som → Koding: UTF-8), så blir æ, ø og å riktige."),
    "no_header": N_("Filen mangler feltene øverst. Start filen med feltene, én per linje, og så én tom linje før beskrivelsen, for eksempel:\n{example_header}"),
    "bad_field_name": N_("Linjen «{text}» ble ikke forstått som et felt, og feltene under den ble ikke lest. Feltnavn skrives uten æ, ø, å og uten mellomrom, med kolon etter, for eksempel «Organizer: raufoss-il». Etter siste felt kommer én tom linje."),
    "duplicate_field": N_("Feltet {field} står to ganger (første gang på linje {first_line}). Behold bare ett av dem."),
    "unknown_field": N_("Ukjent felt «{name}», det blir ikke brukt.{hint}"),
    "missing_field": N_("Feltet {field} mangler. Legg til en linje øverst i filen, for eksempel «{example}»."),
    "empty_field": N_("Feltet {field} er tomt. Skriv for eksempel «{example}»."),
    "bad_datetime": N_("«{value}» er ikke en dato og et klokkeslett vi forstår. Skriv år-måned-dag og timer:minutter, for eksempel «{field}: 2026-12-01 18:00», eller bare datoen «{field}: 2026-12-01» for et heldagsarrangement."),
    "bad_datetime_guess": N_("«{value}» er nesten riktig. Mente du «{field}: {suggestion}»? Skriv år-måned-dag og timer:minutter."),
    "bad_date": N_("«{value}» er ikke en dato vi forstår. Skriv år-måned-dag, for eksempel «2026-12-24»."),
    "nonexistent_time": N_("Klokkeslettet {value} finnes ikke: natt til {date} stilles klokka fram fra 02:00 til 03:00 (sommertid). Velg et annet tidspunkt, for eksempel «{field}: {suggestion}»."),
    "ambiguous_time": N_("Klokkeslettet {value} finnes to ganger natt til {date}, når klokka stilles tilbake. Vi bruker det første (sommertid). Velg gjerne et annet tidspunkt."),
    "end_before_start": N_("Slutt ({end}) er ikke etter start ({start}). Skriv et senere sluttidspunkt, for eksempel «End: {example}», eller en varighet som «Duration: 2h»."),
    "end_and_duration": N_("Skriv enten End eller Duration, ikke begge. Slett for eksempel linjen med Duration."),
    "missing_end": N_("Et arrangement med klokkeslett trenger End eller Duration. Skriv for eksempel «Duration: 2h» eller «End: {example}»."),
    "all_day_end_time": N_("Start er en dato uten klokkeslett (heldagsarrangement), da må {field} også være en dato, for eksempel «End: {example}». Eller gi Start et klokkeslett."),
    "bad_duration": N_("«{value}» er ikke en varighet vi forstår. Skriv for eksempel «2h», «90min» eller «1h30min»."),
    "long_event": N_("Arrangementet varer {days} dager. Stemmer det? Er det en gjentakelse, bruk heller «Repeat: weekly»."),
    "too_long": N_("Arrangementet ville vart i {days} dager, og det er for lenge. Sjekk End eller Duration, for eksempel «Duration: 2h». Gjentas det, bruk «Repeat: weekly»."),
    "unreadable": N_("Filen kunne ikke leses ({error}). Sjekk at den er en vanlig tekstfil, eller send den til frivilligsentralen, så hjelper vi deg."),
    "not_markdown": N_("Filen blir ikke lest fordi navnet ikke slutter på «.md». Lagre den som ren tekst og gi den et navn som «{suggestion}»."),
    "unknown_organizer": N_("Fant ingen forening med kortnavnet «{value}» i foreningsregisteret (content/associations/{slug}.md).{hint} Skriv kortnavnet til foreningen, for eksempel «Organizer: {example}», eller be frivilligsentralen legge foreningen inn."),
    "organizer_invalid": N_("Foreningen «{value}» finnes i registeret ({path}), men den filen har feil. Rett feilene i {path} først, så blir dette arrangementet publisert."),
    "unknown_choice": N_("«{value}» er ikke en gyldig verdi for {field}.{hint} Velg blant: {choices}."),
    "bad_price": N_("«{value}» er ikke en pris vi forstår. Skriv «gratis», et beløp i kroner som «100» eller «50 kr», eller voksen/barn som «100/50»."),
    "unsafe_link": N_("«{value}» er ikke en lenke vi kan vise. Skriv en hel nettadresse som begynner med https://, for eksempel «{field}: https://www.eksempel.no/pamelding», eller en e-postadresse."),
    "bad_email": N_("«{value}» er ikke en e-postadresse. Skriv for eksempel «{field}: post@forening.no»."),
    "bad_image": N_("«{value}» kan ikke brukes som bilde. Legg bildet (JPG, PNG, WebP eller GIF) i mappen content/images/ og skriv for eksempel «{field}: images/tirsdagskaffe.jpg». Bilder fra andre nettsteder kan ikke brukes."),
    "image_missing": N_("Fant ikke bildet {value} (skulle ligge i content/{value}). Siden publiseres uten bilde til det er lagt inn."),
    "bad_repeat": N_("«{value}» er ikke en gjentakelse vi forstår ({reason}). Skriv for eksempel «weekly», «weekly until 2027-06-30», «every 2 weeks until 2027-06-30», «monthly on 1st tuesday», «monthly on last thursday until 2027-06-30», eller en RRULE som «FREQ=WEEKLY;BYDAY=TU»."),
    "dates_without_repeat": N_("{field} brukes bare sammen med Repeat. Skriv for eksempel «Repeat: weekly», eller fjern {field}."),
    "date_not_in_series": N_("{value} er ikke en av dagene arrangementet gjentas på, så den har ingen virkning. Sjekk datoen (første gang er {start})."),
    "bad_status": N_("«{value}» er ikke en gyldig status. Skriv «Status: cancelled» hvis arrangementet er avlyst, ellers fjern linjen."),
    "bad_slug": N_("Kortnavnet «{value}» kan ikke brukes i en nettadresse. Bruk små bokstaver a-z, tall og bindestrek, for eksempel «tirsdagskaffe-raufoss»."),
    "duplicate_slug": N_("Kortnavnet «{slug}» brukes allerede av {other}. Gi denne filen et annet filnavn (eller «Slug: ...»), for eksempel «{slug}-2»."),
    "duplicate_name": N_("Navnet «{value}» er allerede brukt av {other}. Hver forening skal bare stå én gang i registeret."),
    "bad_orgnr": N_("«{value}» er ikke et gyldig organisasjonsnummer ({reason}). Det har 9 siffer, for eksempel «{field}: 974 760 673». Slå det opp i Enhetsregisteret, eller fjern linjen."),
    "bad_phone": N_("«{value}» er ikke et telefonnummer vi forstår. Skriv for eksempel «{field}: 61 19 00 00» eller «+47 912 34 567»."),
    "bad_deadline": N_("«{value}» er ikke en søknadsfrist vi forstår. Skriv en dato «2027-04-01», en årlig frist «årlig 1. april» (eller «yearly 04-01»), flere datoer med komma, eller «løpende»."),
    "bad_target": N_("«{value}» i {field} har verken bokstaver eller tall, så det kan ikke bli en egen side og blir ikke brukt. Skriv ord med komma mellom, for eksempel «{field}: barn og unge, idrett»."),
    "unknown_translation_language": N_("«{language}» er ikke et av språkene portalen har.{hint} En oversettelse skrives med språkkoden etter feltnavnet, for eksempel «Title-en: Language café» eller «Summary-uk: ...». Språkkoder: {languages}."),
    "translation_in_source_language": N_("{field} trengs ikke: feltet uten språkkode er allerede på bokmål. Skriv «{label}:» i stedet."),
    "file_too_large": N_("Filen er {size} KiB, og det er for stort (grensen er {limit} KiB). Et arrangement trenger bare feltene og en kort beskrivelse. Ta bort innlimte bilder eller dokumenter, og legg bilder i content/images/."),
    "value_too_long": N_("{field} er {length} tegn lang, og det er for langt (grensen er {limit} tegn). Skriv det kortere; lengre tekst hører hjemme i beskrivelsen under feltene."),
    "unsafe_text": N_("{field} inneholder en lenke som kan kjøre kode eller åpne filer («javascript:», «data:» eller lignende), og den blir ikke vist. Skriv bare navn, telefonnummer, e-postadresse eller en nettadresse som begynner med https://."),
    "body_too_long": N_("Beskrivelsen er {length} tegn lang, og det er for langt (grensen er {limit} tegn). Skriv en kortere beskrivelse, og lenk heller til en nettside med mer."),
    "body_markup": N_("Beskrivelsen har {count} tegn av typen «[» eller «<», flere enn {limit}. Så mange kan ikke vises trygt. Skriv vanlig tekst; lenker skrives som https://..."),
    "render_failed": N_("Beskrivelsen kunne ikke gjøres om til en nettside ({error}). Ofte skyldes det lister eller sitater inne i hverandre i mange nivåer. Skriv den enklere."),
    "unknown_postcode": N_("Postnummeret {value} hører ikke til noen av stedene portalen kjenner, så det kommer ikke på noen stedsside. Sjekk postnummeret i {field}. Stedene er: {places}."),
    "symlink": N_("Filen er en snarvei (symbolsk lenke) til en annen fil. Slike lenker blir aldri fulgt, og nettstedet bygges ikke før den er borte. Legg inn selve filen i stedet."),
    # Volunteer assignments, venues and the equipment bank.
    "bad_yes_no": N_("«{value}» er verken ja eller nei. Skriv «{field}: ja» eller «{field}: nei», eller fjern linjen hvis du ikke vet."),
    "bad_number": N_("«{value}» er ikke et helt tall fra {low} til {high}. Skriv bare tallet, for eksempel «{field}: {low}»."),
    "bad_weekly": N_("«{value}» er ikke en ukedag med klokkeslett vi forstår. Skriv for eksempel «Weekly: tirsdag 17:00-19:00» eller «Weekly: mandag og torsdag 10:00-12:00»."),
    "missing_description": N_("Beskrivelsen mangler. Skriv under feltene, etter én tom linje, hva den frivillige skal gjøre, for eksempel «{example}»."),
    "bad_rooms": N_("«{value}» er ikke en liste over rom vi forstår. Skriv hvert rom med antall plasser i parentes og komma mellom, for eksempel «Rooms: Møterommet (10), Storsalen (50)»."),
    "bad_coordinates": N_("«{value}» er ikke en posisjon vi forstår. Skriv breddegrad og lengdegrad med punktum og komma mellom, for eksempel «Coordinates: 60.7036, 10.6060», eller fjern linjen."),
    "unknown_venue": N_("Fant ikke lokalet «{value}» (content/venues/{value}.md).{hint} Skriv kortnavnet til et lokale i lokaloversikten, eller fjern linjen og skriv adressen i Location."),
    "unknown_owner": N_("Fant ingen forening med kortnavnet «{value}» i foreningsregisteret.{hint} Skriv kortnavnet til foreningen, for eksempel «Owner: {example}», eller «Owner: kommunen» hvis kommunen eier det."),
    "unknown_related_event": N_("Fant ikke arrangementet «{value}» (content/events/…/{value}.md).{hint} Skriv kortnavnet fra adressen til arrangementet, eller fjern det fra lista."),
    # The calendar importer (python -m aktivitetsportal.import_ics): problems in a .ics file.
    "import_not_utf8": N_("Linjen har tegn som ikke er UTF-8, og de er byttet ut med «�». Se over teksten i arrangementet etter importen."),
    "import_truncated": N_("Kalenderen slutter midt i et arrangement, så det blir ikke importert. Filen ble trolig ikke hentet helt: hent den på nytt og kjør importen igjen."),
    "import_malformed": N_("Arrangementet som begynner her, kunne ikke leses ({error}). Rett det i kalenderprogrammet, eller eksporter kalenderen på nytt."),
    "import_no_uid": N_("«{title}» mangler UID, så det kan ikke kjennes igjen neste gang, og det blir ikke importert. Eksporter kalenderen på nytt fra kalenderprogrammet."),
    "import_bad_value": N_("«{value}» i {property} er ikke en gyldig dato eller verdi, så «{title}» blir ikke importert. Rett arrangementet i kalenderprogrammet og kjør importen på nytt."),
    "import_no_start": N_("«{title}» har ingen starttid (DTSTART) og blir ikke importert."),
    "import_no_title": N_("Et arrangement uten tittel (SUMMARY) blir ikke importert. Gi det en tittel i kalenderprogrammet."),
    "import_no_location": N_("«{title}» har ikke noe sted (LOCATION), og sted må være med. Skriv stedet inn i kalenderen, eller kjør importen med et sted for slike arrangementer, for eksempel --location \"Frivilligsentralen, Storgata 1, 2830 Raufoss\"."),
    "import_no_end": N_("«{title}» har ingen sluttid i kalenderen, så varigheten er satt til én time. Legg inn sluttid i kalenderen hvis det ikke stemmer."),
    "import_time_varies": N_("«{title}» gjentas i tidssonen {zone}, og der flytter klokkeslettet seg når Norge bytter mellom sommertid og vintertid. Alle gangene er importert kl. {time} norsk tid. Sjekk at det stemmer."),
    "import_unknown_timezone": N_("Tidssonen «{zone}» er ukjent, så tidspunktene i den er lest som norsk tid. Sjekk tidspunktene etter importen."),
    "import_shortened": N_("{field_name} i «{title}» var {length} tegn, og grensen er {limit}. Den er kortet ned; skriv den gjerne kortere i kalenderen."),
    "import_description_shortened": N_("Beskrivelsen av «{title}» er lengre enn {limit} tegn og er kortet ned."),
    "import_duplicate_uid": N_("«{title}» står flere ganger i kalenderen med samme UID ({uid}). Denne kopien er hoppet over; den nyeste, på linje {kept} (SEQUENCE {sequence}), er brukt."),
    "import_invalid": N_("«{title}» ble ikke importert: {reason} Rett arrangementet i kalenderen og kjør importen på nytt."),
    "import_slug_taken": N_("Filnavnet er allerede brukt av {path}."),
    "hint_did_you_mean": N_(" Mente du «{value}»?"),
    "hint_write_instead": N_(" Skriv «{label}:» i stedet."),
    "repeat_empty": N_("tomt"),
    "repeat_invalid_rrule": N_("ugyldig RRULE"),
    "repeat_bad_freq": N_("FREQ må være DAILY, WEEKLY, MONTHLY eller YEARLY"),
    "repeat_until_not_a_date": N_("sluttdatoen «{value}» er ikke en dato"),
    "repeat_unknown_form": N_("ukjent form"),
    "repeat_not_a_weekday": N_("«{value}» er ikke en ukedag"),
    "repeat_bad_ordinal": N_("«{value}» er ikke første, andre, tredje, fjerde eller siste"),
    "repeat_interval_too_small": N_("intervallet må være 1 eller mer"),
    "repeat_count_out_of_range": N_("antall ganger må være mellom 1 og {max}"),
    "repeat_day_zero": N_("dag 0 finnes ikke"),
    "repeat_until_before_first": N_("until {until} er før første gang {first}"),
    "repeat_until_too_far": N_("sluttdatoen er mer enn {years} år fram"),
    "repeat_invalid_rule": N_("ugyldig regel"),
    "repeat_time_of_day": N_("BYHOUR, BYMINUTE og BYSECOND kan ikke brukes: klokkeslettet står i Start"),
    "repeat_start_not_in_rule": N_("Start {start} er ikke en av dagene regelen gir"),
    "repeat_start_not_in_rule_first": N_("Start {start} er ikke en av dagene regelen gir, første blir {first}"),
    "orgnr_checksum": N_("kontrollsifferet stemmer ikke"),
    "orgnr_length": N_("det må være 9 siffer"),
    "orgnr_format": N_("bare siffer og mellomrom"),
}

_SEVERITY = {"error": N_("FEIL"), "warning": N_("ADVARSEL")}


def _resolve(value, lang: str):
    """A parameter as shown: nested messages translated, everything else as it is."""
    if isinstance(value, Message):
        return _translate(value.code, value.params, lang)
    return value


def _translate(code: str, params, lang: str, **extra) -> str:
    text = translator(lang).gettext(PROBLEM_TEXTS[code])
    values = {"example_header": "".join(_EXAMPLE_HEADER), "hint": "", **extra}
    values.update({name: _resolve(value, lang) for name, value in params.items()})
    return text.format(**values)


def problem_message(problem: Problem, lang: str = "nb") -> str:
    """The explanation with an example of what to write, in ``lang``."""
    return _translate(problem.code, problem.params, lang, field=field_label(problem.field) if problem.field else "")


def problem_location(problem: Problem, lang: str = "nb") -> str:
    """``path, linje 3, feltet Start`` in ``lang``."""
    t = translator(lang)
    parts = [problem.path]
    if problem.line:
        parts.append(t.gettext("linje {line}").format(line=problem.line))
    if problem.field:
        label = field_label(problem.field)
        parts.append(t.gettext("feltet {field}").format(field=label))
    return ", ".join(parts)


def render_problem(problem: Problem, lang: str = "nb") -> str:
    """``FEIL: path, linje 3, feltet Start: message`` in ``lang``."""
    kind = translator(lang).gettext(_SEVERITY[problem.severity])
    return f"{kind}: {problem_location(problem, lang)}: {problem_message(problem, lang)}"


def format_problems(problems: Iterable[Problem], lang: str = "nb") -> str:
    """All problems, errors first, one per line, in a stable order."""
    ordered = sorted(problems, key=lambda p: (not p.is_error, p.path, p.line or 0, p.code))
    return "\n".join(render_problem(p, lang) for p in ordered)

"""Every validation message, in Norwegian bokmål (nb) and English (en).

Each message says what is wrong and shows what to write instead. Placeholders
in braces are filled from :attr:`Problem.params`; ``{field}`` is the field name.
Submitters are volunteers, not programmers: keep the words plain.
"""

from __future__ import annotations

__all__ = ["MESSAGES", "FIELD_LABELS", "FIELD_NAME_HINTS"]

# How field names are shown in messages: as the submitter must write them.
FIELD_LABELS = {
    "title": "Title",
    "start": "Start",
    "end": "End",
    "duration": "Duration",
    "location": "Location",
    "organizer": "Organizer",
    "category": "Category",
    "audience": "Audience",
    "price": "Price",
    "registration": "Registration",
    "repeat": "Repeat",
    "except": "Except",
    "cancelled-dates": "Cancelled-dates",
    "status": "Status",
    "accessibility": "Accessibility",
    "contact": "Contact",
    "image": "Image",
    "added": "Added",
    "modified": "Modified",
    "slug": "Slug",
    "name": "Name",
    "orgnr": "Orgnr",
    "email": "Email",
    "phone": "Phone",
    "website": "Website",
    "address": "Address",
    "membership": "Membership",
    "logo": "Logo",
    "giver": "Giver",
    "kind": "Kind",
    "deadline": "Deadline",
    "target": "Target",
    "amount": "Amount",
    "link": "Link",
    "form": "Form",
}

# Field names people write in Norwegian (or guess), and the name to use instead.
FIELD_NAME_HINTS = {
    "tittel": "title",
    "navn": "title",
    "overskrift": "title",
    "dato": "start",
    "tid": "start",
    "tidspunkt": "start",
    "starttid": "start",
    "fra": "start",
    "slutt": "end",
    "sluttid": "end",
    "til": "end",
    "varighet": "duration",
    "sted": "location",
    "adresse": "location",
    "place": "location",
    "arrangor": "organizer",
    "organiser": "organizer",
    "forening": "organizer",
    "kategori": "category",
    "type": "category",
    "malgruppe": "audience",
    "for": "audience",
    "pris": "price",
    "kostnad": "price",
    "pamelding": "registration",
    "paamelding": "registration",
    "gjentas": "repeat",
    "gjentakelse": "repeat",
    "hver": "repeat",
    "rrule": "repeat",
    "unntak": "except",
    "unntatt": "except",
    "avlyst": "status",
    "tilgjengelighet": "accessibility",
    "kontakt": "contact",
    "bilde": "image",
    "cancelled": "cancelled-dates",
    "avlyste-datoer": "cancelled-dates",
}

_EXAMPLE_HEADER = (
    "Title: Tirsdagskaffe\\nStart: 2026-12-01 10:00\\nDuration: 2h\\n"
    "Location: Frivilligsentralen, Storgata 1, 2830 Raufoss\\nOrganizer: vestre-toten-frivilligsentral\\n"
    "Category: sosialt"
)

MESSAGES: dict[str, dict[str, str]] = {
    "not_utf8": {
        "nb": "Filen er ikke lagret som UTF-8 (ukjent tegn {byte}). Lagre filen på nytt med "
        "tegnkoding «UTF-8» (i Notisblokk: Fil → Lagre som → Koding: UTF-8), så blir æ, ø og å riktige.",
        "en": "The file is not saved as UTF-8 (unexpected byte {byte}). Save it again with the "
        "encoding \"UTF-8\" (in Notepad: File → Save as → Encoding: UTF-8).",
    },
    "no_header": {
        "nb": "Filen mangler feltene øverst. Start filen med feltene, én per linje, og så én tom linje "
        "før beskrivelsen, for eksempel:\n" + _EXAMPLE_HEADER.replace("\\n", "\n"),
        "en": "The file has no fields at the top. Start it with one field per line, then one empty "
        "line before the description, for example:\n" + _EXAMPLE_HEADER.replace("\\n", "\n"),
    },
    "bad_field_name": {
        "nb": "Linjen «{text}» ble ikke forstått som et felt, og feltene under den ble ikke lest. "
        "Feltnavn skrives uten æ, ø, å og uten mellomrom, med kolon etter, for eksempel "
        "«Organizer: raufoss-il». Etter siste felt kommer én tom linje.",
        "en": "The line \"{text}\" is not understood as a field, and the fields below it were not "
        "read. Field names use plain letters without spaces, followed by a colon, for example "
        "\"Organizer: raufoss-il\". Leave one empty line after the last field.",
    },
    "duplicate_field": {
        "nb": "Feltet {field} står to ganger (første gang på linje {first_line}). Behold bare ett av dem.",
        "en": "The field {field} appears twice (first on line {first_line}). Keep only one.",
    },
    "unknown_field": {
        "nb": "Ukjent felt «{name}», det blir ikke brukt.{hint_nb}",
        "en": "Unknown field \"{name}\"; it is ignored.{hint_en}",
    },
    "missing_field": {
        "nb": "Feltet {field} mangler. Legg til en linje øverst i filen, for eksempel «{example}».",
        "en": "The field {field} is missing. Add a line at the top of the file, for example \"{example}\".",
    },
    "empty_field": {
        "nb": "Feltet {field} er tomt. Skriv for eksempel «{example}».",
        "en": "The field {field} is empty. Write for example \"{example}\".",
    },
    "bad_datetime": {
        "nb": "«{value}» er ikke en dato og et klokkeslett vi forstår. Skriv år-måned-dag og "
        "timer:minutter, for eksempel «{field}: 2026-12-01 18:00», eller bare datoen "
        "«{field}: 2026-12-01» for et heldagsarrangement.",
        "en": "\"{value}\" is not a date and time we understand. Write year-month-day and "
        "hours:minutes, for example \"{field}: 2026-12-01 18:00\", or only the date "
        "\"{field}: 2026-12-01\" for an all-day event.",
    },
    "bad_date": {
        "nb": "«{value}» er ikke en dato vi forstår. Skriv år-måned-dag, for eksempel «2026-12-24».",
        "en": "\"{value}\" is not a date we understand. Write year-month-day, for example \"2026-12-24\".",
    },
    "nonexistent_time": {
        "nb": "Klokkeslettet {value} finnes ikke: natt til {date} stilles klokka fram fra 02:00 til "
        "03:00 (sommertid). Velg et annet tidspunkt, for eksempel «{field}: {suggestion}».",
        "en": "The time {value} does not exist: on {date} clocks go forward from 02:00 to 03:00 "
        "(summer time). Choose another time, for example \"{field}: {suggestion}\".",
    },
    "ambiguous_time": {
        "nb": "Klokkeslettet {value} finnes to ganger natt til {date}, når klokka stilles tilbake. "
        "Vi bruker det første (sommertid). Velg gjerne et annet tidspunkt.",
        "en": "The time {value} happens twice on {date}, when clocks go back. The first one "
        "(summer time) is used. Consider another time.",
    },
    "end_before_start": {
        "nb": "Slutt ({end}) er ikke etter start ({start}). Skriv et senere sluttidspunkt, for "
        "eksempel «End: {example}», eller en varighet som «Duration: 2h».",
        "en": "The end ({end}) is not after the start ({start}). Write a later end, for example "
        "\"End: {example}\", or a duration such as \"Duration: 2h\".",
    },
    "end_and_duration": {
        "nb": "Skriv enten End eller Duration, ikke begge. Slett for eksempel linjen med Duration.",
        "en": "Write either End or Duration, not both. Delete one of the two lines.",
    },
    "missing_end": {
        "nb": "Et arrangement med klokkeslett trenger End eller Duration. Skriv for eksempel "
        "«Duration: 2h» eller «End: {example}».",
        "en": "An event with a start time needs End or Duration. Write for example "
        "\"Duration: 2h\" or \"End: {example}\".",
    },
    "all_day_end_time": {
        "nb": "Start er en dato uten klokkeslett (heldagsarrangement), da må {field} også være en "
        "dato, for eksempel «End: {example}». Eller gi Start et klokkeslett.",
        "en": "Start is a date without a time (all-day event), so {field} must be a date too, for "
        "example \"End: {example}\". Or give Start a time.",
    },
    "bad_duration": {
        "nb": "«{value}» er ikke en varighet vi forstår. Skriv for eksempel «2h», «90min» eller «1h30min».",
        "en": "\"{value}\" is not a duration we understand. Write for example \"2h\", \"90min\" or \"1h30min\".",
    },
    "long_event": {
        "nb": "Arrangementet varer {days} dager. Stemmer det? Er det en gjentakelse, bruk heller «Repeat: weekly».",
        "en": "The event lasts {days} days. Is that right? For something that repeats, use \"Repeat: weekly\".",
    },
    "too_long": {
        "nb": "Arrangementet ville vart i {days} dager, og det er for lenge. Sjekk End eller Duration, "
        "for eksempel «Duration: 2h». Gjentas det, bruk «Repeat: weekly».",
        "en": "The event would last {days} days, which is too long. Check End or Duration, for example "
        "\"Duration: 2h\". For something that repeats, use \"Repeat: weekly\".",
    },
    "unreadable": {
        "nb": "Filen kunne ikke leses ({error}). Sjekk at den er en vanlig tekstfil, eller send den til "
        "frivilligsentralen, så hjelper vi deg.",
        "en": "The file could not be read ({error}). Check that it is a plain text file, or send it to "
        "the volunteer centre for help.",
    },
    "not_markdown": {
        "nb": "Filen blir ikke lest fordi navnet ikke slutter på «.md». Lagre den som ren tekst og gi "
        "den et navn som «{suggestion}».",
        "en": "The file is not read because its name does not end in \".md\". Save it as plain text "
        "named like \"{suggestion}\".",
    },
    "unknown_organizer": {
        "nb": "Fant ingen forening med kortnavnet «{value}» i foreningsregisteret "
        "(content/associations/{slug}.md).{hint_nb} Skriv kortnavnet til foreningen, for "
        "eksempel «Organizer: {example}», eller be frivilligsentralen legge foreningen inn.",
        "en": "No association with the short name \"{value}\" in the register "
        "(content/associations/{slug}.md).{hint_en} Write the association's short name, for "
        "example \"Organizer: {example}\", or ask the volunteer centre to add it.",
    },
    "organizer_invalid": {
        "nb": "Foreningen «{value}» finnes i registeret ({path}), men den filen har feil. Rett feilene i "
        "{path} først, så blir dette arrangementet publisert.",
        "en": "The association \"{value}\" is in the register ({path}), but that file has errors. Fix "
        "{path} first, then this event is published.",
    },
    "unknown_choice": {
        "nb": "«{value}» er ikke en gyldig verdi for {field}.{hint_nb} Velg blant: {choices}.",
        "en": "\"{value}\" is not a valid value for {field}.{hint_en} Choose from: {choices}.",
    },
    "bad_price": {
        "nb": "«{value}» er ikke en pris vi forstår. Skriv «gratis», et beløp i kroner som «100» "
        "eller «50 kr», eller voksen/barn som «100/50».",
        "en": "\"{value}\" is not a price we understand. Write \"gratis\" (free), an amount in NOK "
        "such as \"100\" or \"50 kr\", or adult/child such as \"100/50\".",
    },
    "unsafe_link": {
        "nb": "«{value}» er ikke en lenke vi kan vise. Skriv en hel nettadresse som begynner med "
        "https://, for eksempel «{field}: https://www.eksempel.no/pamelding», eller en e-postadresse.",
        "en": "\"{value}\" is not a link we can show. Write a full web address starting with "
        "https://, for example \"{field}: https://www.example.no/signup\", or an e-mail address.",
    },
    "bad_email": {
        "nb": "«{value}» er ikke en e-postadresse. Skriv for eksempel «{field}: post@forening.no».",
        "en": "\"{value}\" is not an e-mail address. Write for example \"{field}: post@forening.no\".",
    },
    "bad_image": {
        "nb": "«{value}» kan ikke brukes som bilde. Legg bildet (JPG, PNG, WebP eller GIF) i mappen "
        "content/images/ og skriv for eksempel «{field}: images/tirsdagskaffe.jpg». Bilder fra andre "
        "nettsteder kan ikke brukes.",
        "en": "\"{value}\" cannot be used as a picture. Put the picture (JPG, PNG, WebP or GIF) in "
        "content/images/ and write for example \"{field}: images/coffee.jpg\". Pictures from other "
        "web sites cannot be used.",
    },
    "image_missing": {
        "nb": "Fant ikke bildet {value} (skulle ligge i content/{value}). Siden publiseres uten bilde "
        "til det er lagt inn.",
        "en": "The picture {value} was not found (expected at content/{value}). The page is published "
        "without it until it is added.",
    },
    "bad_repeat": {
        "nb": "«{value}» er ikke en gjentakelse vi forstår ({reason}). Skriv for eksempel «weekly», "
        "«weekly until 2027-06-30», «every 2 weeks until 2027-06-30», «monthly on 1st tuesday», "
        "«monthly on last thursday until 2027-06-30», eller en RRULE som «FREQ=WEEKLY;BYDAY=TU».",
        "en": "\"{value}\" is not a repetition we understand ({reason_en}). Write for example "
        "\"weekly\", \"weekly until 2027-06-30\", \"every 2 weeks until 2027-06-30\", "
        "\"monthly on 1st tuesday\", \"monthly on last thursday until 2027-06-30\", or an RRULE "
        "such as \"FREQ=WEEKLY;BYDAY=TU\".",
    },
    "dates_without_repeat": {
        "nb": "{field} brukes bare sammen med Repeat. Skriv for eksempel «Repeat: weekly», eller fjern {field}.",
        "en": "{field} only applies together with Repeat. Add e.g. \"Repeat: weekly\" or remove {field}.",
    },
    "date_not_in_series": {
        "nb": "{value} er ikke en av dagene arrangementet gjentas på, så den har ingen virkning. "
        "Sjekk datoen (første gang er {start}).",
        "en": "{value} is not one of the days the event repeats on, so it has no effect. "
        "Check the date (the first time is {start}).",
    },
    "bad_status": {
        "nb": "«{value}» er ikke en gyldig status. Skriv «Status: cancelled» hvis arrangementet er "
        "avlyst, ellers fjern linjen.",
        "en": "\"{value}\" is not a valid status. Write \"Status: cancelled\" if the event is "
        "cancelled, otherwise remove the line.",
    },
    "bad_slug": {
        "nb": "Kortnavnet «{value}» kan ikke brukes i en nettadresse. Bruk små bokstaver a-z, tall og "
        "bindestrek, for eksempel «tirsdagskaffe-raufoss».",
        "en": "The short name \"{value}\" cannot be used in a web address. Use lower-case a-z, digits "
        "and hyphens, for example \"tuesday-coffee\".",
    },
    "duplicate_slug": {
        "nb": "Kortnavnet «{slug}» brukes allerede av {other}. Gi denne filen et annet filnavn (eller "
        "«Slug: ...»), for eksempel «{slug}-2».",
        "en": "The short name \"{slug}\" is already used by {other}. Give this file another file name "
        "(or \"Slug: ...\"), for example \"{slug}-2\".",
    },
    "duplicate_name": {
        "nb": "Navnet «{value}» er allerede brukt av {other}. Hver forening skal bare stå én gang i registeret.",
        "en": "The name \"{value}\" is already used by {other}. Each association appears only once.",
    },
    "bad_orgnr": {
        "nb": "«{value}» er ikke et gyldig organisasjonsnummer ({reason}). Det har 9 siffer, for "
        "eksempel «{field}: 974 760 673». Slå det opp i Enhetsregisteret, eller fjern linjen.",
        "en": "\"{value}\" is not a valid organisation number ({reason_en}). It has 9 digits, for "
        "example \"{field}: 974 760 673\". Look it up in Enhetsregisteret, or remove the line.",
    },
    "bad_phone": {
        "nb": "«{value}» er ikke et telefonnummer vi forstår. Skriv for eksempel «{field}: 61 19 00 00» eller «+47 912 34 567».",
        "en": "\"{value}\" is not a phone number we understand. Write for example \"{field}: 61 19 00 00\" or \"+47 912 34 567\".",
    },
    "bad_deadline": {
        "nb": "«{value}» er ikke en søknadsfrist vi forstår. Skriv en dato «2027-04-01», en årlig frist "
        "«årlig 1. april» (eller «yearly 04-01»), flere datoer med komma, eller «løpende».",
        "en": "\"{value}\" is not a deadline we understand. Write a date \"2027-04-01\", a yearly "
        "deadline \"årlig 1. april\" (or \"yearly 04-01\"), several dates separated by commas, "
        "or \"løpende\" (rolling).",
    },
    "bad_target": {
        "nb": "«{value}» i {field} har verken bokstaver eller tall, så det kan ikke bli en egen side "
        "og blir ikke brukt. Skriv ord med komma mellom, for eksempel «{field}: barn og unge, idrett».",
        "en": "\"{value}\" in {field} has no letters or digits, so it cannot get a page of its own "
        "and is ignored. Write words separated by commas, for example \"{field}: barn og unge, idrett\".",
    },
}

"""Field names as submitters write them, and the Norwegian names people guess instead.

Field names are the file format (English words, the same in every language),
so they are not translated: a message in Arabic still says ``Start:``.
"""

from __future__ import annotations

__all__ = ["FIELD_LABELS", "FIELD_NAME_HINTS", "field_label"]

# How field names are shown in messages: as the submitter must write them.
FIELD_LABELS = {
    "title": "Title",
    "summary": "Summary",
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


def field_label(name: str) -> str:
    """A field as the submitter writes it: ``title`` -> ``Title``, ``summary-en`` -> ``Summary-en``."""
    if name in FIELD_LABELS:
        return FIELD_LABELS[name]
    base, dash, suffix = name.rpartition("-")
    if dash and base in FIELD_LABELS:
        return f"{FIELD_LABELS[base]}-{suffix}"
    return name.capitalize()

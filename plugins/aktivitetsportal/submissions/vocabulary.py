"""The fixed lists the portal knows: event categories, audiences, association
categories and grant kinds, each with its Norwegian label and URL slug.

This is the one place to change a list; validation, pages and feeds read it.
"""

from __future__ import annotations

from dataclasses import dataclass

from aktivitetsportal.keys import N_, Audience

__all__ = [
    "Term",
    "Vocabulary",
    "EVENT_CATEGORIES",
    "AUDIENCES",
    "ASSOCIATION_CATEGORIES",
    "GRANT_KINDS",
    "DEFAULT_AUDIENCE",
    "ASSIGNMENT_SUITS",
    "VENUE_FACILITIES",
    "EQUIPMENT_CATEGORIES",
]


@dataclass(frozen=True, slots=True)
class Term:
    """One value of a fixed list: what submitters write, its label and URL slug."""

    value: str
    label: str
    slug: str


class Vocabulary:
    """An ordered fixed list that looks values up case-insensitively."""

    def __init__(self, name: str, terms: list[Term], aliases: dict[str, str] | None = None):
        self.name = name
        self.terms = tuple(terms)
        self._by_key = {t.value.casefold(): t for t in terms}
        self._by_key.update({t.slug.casefold(): t for t in terms})
        for alias, value in (aliases or {}).items():
            self._by_key[alias.casefold()] = self._by_key[value.casefold()]

    def get(self, text: str) -> Term | None:
        """The term for ``text`` (value, slug or alias, any case), or None."""
        return self._by_key.get(" ".join(text.split()).casefold())

    def __iter__(self):
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def values(self) -> list[str]:
        return [t.value for t in self.terms]


EVENT_CATEGORIES = Vocabulary(
    "event category",
    [
        Term("kultur", N_("Kultur"), "kultur"),
        Term("idrett", N_("Idrett og trening"), "idrett"),
        Term("friluftsliv", N_("Friluftsliv og turer"), "friluftsliv"),
        Term("sosialt", N_("Sosialt og møteplasser"), "sosialt"),
        Term("helse", N_("Helse og omsorg"), "helse"),
        Term("læring", N_("Læring, språk og leksehjelp"), "laering"),
        Term("frivillig-innsats", N_("Frivillig innsats og dugnad"), "frivillig-innsats"),
        Term("møte", N_("Møter og konferanser"), "mote"),
        Term("annet", N_("Annet"), "annet"),
    ],
    aliases={"laering": "læring", "mote": "møte", "frivillig innsats": "frivillig-innsats"},
)

AUDIENCES = Vocabulary(
    "audience",
    [
        Term(Audience.CHILDREN, N_("Barn"), "barn"),
        Term(Audience.YOUTH, N_("Ungdom"), "ungdom"),
        Term(Audience.ADULTS, N_("Voksne"), "voksne"),
        Term(Audience.SENIORS, N_("Eldre og seniorer"), "eldre"),
        Term(Audience.FAMILIES, N_("Familier"), "familier"),
        Term(Audience.EVERYONE, N_("Alle"), "alle"),
    ],
    aliases={"senior": "eldre", "seniorer": "eldre", "familie": "familier", "unge": "ungdom"},
)

DEFAULT_AUDIENCE = Audience.EVERYONE


ASSOCIATION_CATEGORIES = Vocabulary(
    "association category",
    [
        Term("idrett", N_("Idrett"), "idrett"),
        Term("kultur", N_("Kultur"), "kultur"),
        Term("musikk", N_("Musikk, kor og korps"), "musikk"),
        Term("friluftsliv", N_("Friluftsliv"), "friluftsliv"),
        Term("humanitær", N_("Humanitære organisasjoner"), "humanitaer"),
        Term("helse", N_("Helse"), "helse"),
        Term("barn og unge", N_("Barn og unge"), "barn-og-unge"),
        Term("eldre", N_("Eldre og pensjonister"), "eldre"),
        Term("religion og livssyn", N_("Religion og livssyn"), "religion-og-livssyn"),
        Term("velforening", N_("Velforeninger"), "velforening"),
        Term("innvandrerforening", N_("Innvandrerforeninger"), "innvandrerforening"),
        Term("annet", N_("Annet"), "annet"),
    ],
    aliases={"humanitaer": "humanitær"},
)

GRANT_KINDS = Vocabulary(
    "grant kind",
    [
        Term("kommunal", N_("Kommunale tilskudd"), "kommunal"),
        Term("fylkeskommunal", N_("Fylkeskommunale tilskudd"), "fylkeskommunal"),
        Term("statlig", N_("Statlige og nasjonale tilskudd"), "statlig"),
        Term("stiftelse", N_("Stiftelser og fond"), "stiftelse"),
        Term("annet", N_("Andre tilskudd"), "annet"),
    ],
    aliases={"fond": "stiftelse", "stiftelse/fond": "stiftelse", "nasjonal": "statlig"},
)


#: Who a volunteer assignment suits (``Suits:``), beyond age and languages.
ASSIGNMENT_SUITS = Vocabulary(
    "assignment suits",
    [
        Term("nybegynnere", N_("Ingen erfaring trengs"), "nybegynnere"),
        Term("ungdom", N_("Passer for ungdom"), "ungdom"),
        Term("pensjonister", N_("Passer for pensjonister"), "pensjonister"),
        Term("familier", N_("Kan gjøres sammen med familien"), "familier"),
        Term("språktrening", N_("Fint for å øve på norsk"), "spraktrening"),
        Term("fleksibel", N_("Du velger selv når"), "fleksibel"),
    ],
    aliases={"ingen erfaring": "nybegynnere", "ingen-erfaring": "nybegynnere",
             "spraktrening": "språktrening", "norsktrening": "språktrening", "seniorer": "pensjonister"},
)

#: What a venue has (``Facilities:``).
VENUE_FACILITIES = Vocabulary(
    "venue facilities",
    [
        Term("kjøkken", N_("Kjøkken"), "kjokken"),
        Term("projektor", N_("Projektor eller storskjerm"), "projektor"),
        Term("lydanlegg", N_("Lydanlegg"), "lydanlegg"),
        Term("scene", N_("Scene"), "scene"),
        Term("piano", N_("Piano eller flygel"), "piano"),
        Term("wifi", N_("Trådløst nett"), "wifi"),
        Term("garderobe", N_("Garderobe og dusj"), "garderobe"),
        Term("parkering", N_("Parkering"), "parkering"),
        Term("uteområde", N_("Uteområde"), "uteomrade"),
    ],
    aliases={"kjokken": "kjøkken", "storskjerm": "projektor", "skjerm": "projektor",
             "trådløst nett": "wifi", "nett": "wifi", "uteomrade": "uteområde", "flygel": "piano"},
)

#: Kinds of things the equipment bank lends out (``Category:`` in content/equipment/).
EQUIPMENT_CATEGORIES = Vocabulary(
    "equipment category",
    [
        Term("vintersport", N_("Ski, skøyter og vinterutstyr"), "vintersport"),
        Term("friluftsliv", N_("Tur og friluftsliv"), "friluftsliv"),
        Term("sykkel", N_("Sykler og sparkesykler"), "sykkel"),
        Term("sport", N_("Ball og sport"), "sport"),
        Term("sikkerhet", N_("Hjelmer og sikkerhetsutstyr"), "sikkerhet"),
        Term("arrangement", N_("Til arrangementer"), "arrangement"),
        Term("annet", N_("Annet utstyr"), "annet"),
    ],
    aliases={"ski": "vintersport", "vinter": "vintersport", "tur": "friluftsliv", "telt": "friluftsliv",
             "sykler": "sykkel", "hjelmer": "sikkerhet", "idrett": "sport"},
)

"""The fixed lists the portal knows: event categories, audiences, association
categories and grant kinds, each with its Norwegian label and URL slug.

This is the one place to change a list; validation, pages and feeds read it.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "Term",
    "Vocabulary",
    "EVENT_CATEGORIES",
    "AUDIENCES",
    "ASSOCIATION_CATEGORIES",
    "GRANT_KINDS",
    "DEFAULT_AUDIENCE",
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
        Term("kultur", "Kultur", "kultur"),
        Term("idrett", "Idrett og trening", "idrett"),
        Term("friluftsliv", "Friluftsliv og turer", "friluftsliv"),
        Term("sosialt", "Sosialt og møteplasser", "sosialt"),
        Term("helse", "Helse og omsorg", "helse"),
        Term("læring", "Læring, språk og leksehjelp", "laering"),
        Term("frivillig-innsats", "Frivillig innsats og dugnad", "frivillig-innsats"),
        Term("møte", "Møter og konferanser", "mote"),
        Term("annet", "Annet", "annet"),
    ],
    aliases={"laering": "læring", "mote": "møte", "frivillig innsats": "frivillig-innsats"},
)

AUDIENCES = Vocabulary(
    "audience",
    [
        Term("barn", "Barn", "barn"),
        Term("ungdom", "Ungdom", "ungdom"),
        Term("voksne", "Voksne", "voksne"),
        Term("eldre", "Eldre og seniorer", "eldre"),
        Term("familier", "Familier", "familier"),
        Term("alle", "Alle", "alle"),
    ],
    aliases={"senior": "eldre", "seniorer": "eldre", "familie": "familier", "unge": "ungdom"},
)

DEFAULT_AUDIENCE = "alle"


ASSOCIATION_CATEGORIES = Vocabulary(
    "association category",
    [
        Term("idrett", "Idrett", "idrett"),
        Term("kultur", "Kultur", "kultur"),
        Term("musikk", "Musikk, kor og korps", "musikk"),
        Term("friluftsliv", "Friluftsliv", "friluftsliv"),
        Term("humanitær", "Humanitære organisasjoner", "humanitaer"),
        Term("helse", "Helse", "helse"),
        Term("barn og unge", "Barn og unge", "barn-og-unge"),
        Term("eldre", "Eldre og pensjonister", "eldre"),
        Term("religion og livssyn", "Religion og livssyn", "religion-og-livssyn"),
        Term("velforening", "Velforeninger", "velforening"),
        Term("innvandrerforening", "Innvandrerforeninger", "innvandrerforening"),
        Term("annet", "Annet", "annet"),
    ],
    aliases={"humanitaer": "humanitær"},
)

GRANT_KINDS = Vocabulary(
    "grant kind",
    [
        Term("kommunal", "Kommunale tilskudd", "kommunal"),
        Term("fylkeskommunal", "Fylkeskommunale tilskudd", "fylkeskommunal"),
        Term("statlig", "Statlige og nasjonale tilskudd", "statlig"),
        Term("stiftelse", "Stiftelser og fond", "stiftelse"),
        Term("annet", "Andre tilskudd", "annet"),
    ],
    aliases={"fond": "stiftelse", "stiftelse/fond": "stiftelse", "nasjonal": "statlig"},
)

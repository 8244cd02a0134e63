"""The text of the laws the catalogs cite: an article by number, its fractions, a short excerpt.

Source of the text: ``laws/<law-id>.json`` (shipped in the wheel as ``posture/_bundled/laws``), a
conversion of the official text named in the file's ``source`` field; see ``laws/README.md``. Only the
2025 LFPDPPP is shipped; the 2010 law and the 2011 Reglamento are not, so their references cannot be
looked up (``has_text`` says which can). A law's text serves the catalog with the same id (the
``lfpdppp-2025`` catalog's ``law_2025`` references): another catalog's instrument names are its own.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from posture.content._models import LegalRef, Text
from posture.content._paths import laws_dir
from posture.errors import ContentError, Problem
from posture.i18n import _, fmt


@dataclass(frozen=True)
class LawInfo:
    """A shipped law: ``published`` and ``last_reform`` are ISO dates of the DOF issues; ``id`` is also the id of
    the catalog whose ``instrument`` references it serves."""

    id: str
    instrument: str  # how catalogs name it in legal_refs
    short: str  # how messages name it
    title: Text
    published: str
    last_reform: str


LAWS: dict[str, LawInfo] = {
    "lfpdppp-2025": LawInfo(
        id="lfpdppp-2025", instrument="law_2025", short="LFPDPPP 2025",
        title=_("Federal Law on the Protection of Personal Data Held by Private Parties"),
        published="2025-03-20", last_reform="2025-11-14"),
}

# The Cámara de Diputados' PDF repeats these on every page; they are not part of any article.
_FURNITURE = re.compile(
    r"^(\d+ de \d+|LEY FEDERAL DE PROTECCIÓN DE DATOS PERSONALES EN POSESIÓN DE LOS PARTICULARES"
    r"|CÁMARA DE DIPUTADOS DEL H\. CONGRESO DE LA UNIÓN.*|Secretaría General|Secretaría de Servicios Parlamentarios)$")
_REFORM_NOTE = re.compile(r"^(?:Párrafo|Artículo|Fracción|Inciso|Denominación)\s+\w+\s+DOF\s+(\d\d)-(\d\d)-(\d{4})$")
_FRACTION = re.compile(r"^([IVXL]+)\.\s")
_HEADING = re.compile(r"^Artículo\s+\d+\s*(?:Bis\s*)?\.-?\s*")


@dataclass(frozen=True)
class Article:
    """One article: its paragraphs (page furniture removed, lines re-joined) and the DOF date of its text.

    ``dof`` is the ISO date of the DOF issue that gave the article its present wording: the law's
    publication, or the last reform note printed under it (e.g. art. 4: 2025-11-14)."""

    law: str
    number: str
    paragraphs: tuple[str, ...]
    dof: str

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    def fraction(self, roman: str) -> str | None:
        """The paragraph of fraction ``roman`` ("XII"), without its numeral; None if the article has none."""
        for p in self.paragraphs:
            m = _FRACTION.match(p)
            if m and m.group(1) == roman:
                return p[m.end():]
        return None

    def excerpt(self, fraction: str | None = None, words: int = 25, start: str | None = None) -> str:
        """At most ``words`` words from the start of the article's text (or of its fraction), "…" when cut
        mid-sentence.

        A fraction range ("V-VII") quotes its first fraction; an unknown fraction quotes the article.
        ``start``: words of the article where the quotation begins instead (a catalog's ``quote_from``;
        "…" before it); raises ``ValueError`` if the article does not contain them."""
        text = self.fraction(fraction.split("-")[0]) if fraction else None
        lead = ""
        if start is not None:
            whole = " ".join(self.text.split())
            at = whole.find(" ".join(start.split()))
            if at < 0:
                raise ValueError(f"art. {self.number} does not contain {start!r}")
            text, lead = whole[at:], "…" if at else ""
        elif text is None:
            text = _HEADING.sub("", " ".join(self.paragraphs), count=1)
        tokens = text.split()
        if len(tokens) <= words:
            return lead + " ".join(tokens)
        cut = " ".join(tokens[:words])
        return lead + cut if cut.endswith(".") else lead + cut.rstrip(",;:") + "…"  # a whole sentence needs no "…"


@dataclass(frozen=True)
class LawText:
    info: LawInfo
    articles: dict[str, Article]
    source: dict
    transitional: tuple[str, ...] = ()  # the decrees' transitorios, in order, each as one cleaned text

    def article(self, number: str) -> Article | None:
        return self.articles.get(str(number).strip())


def _paragraphs(raw: str) -> tuple[tuple[str, ...], str | None]:
    """Re-join the PDF's hard-wrapped lines into paragraphs; return them and the latest reform date."""
    paragraphs: list[str] = []
    current: list[str] = []
    reform: str | None = None

    def close() -> None:
        if current:
            paragraphs.append(" ".join(current))
            current.clear()

    for line in (x.strip() for x in raw.split("\n")):
        if _FURNITURE.match(line):
            continue
        if not line:
            close()
            continue
        note = _REFORM_NOTE.match(line)
        if note:
            close()
            paragraphs.append(line)
            date = f"{note.group(3)}-{note.group(2)}-{note.group(1)}"
            reform = max(reform or date, date)
            continue
        if _FRACTION.match(line):
            close()
        current.append(line)
        if line.endswith((".", ":", ";")):
            close()
    close()
    return tuple(paragraphs), reform


def has_text(catalog_id: str, instrument: str) -> bool:
    """Whether the text of a catalog's instrument ships with posture (``lfpdppp-2025``, ``law_2025``: yes)."""
    info = LAWS.get(catalog_id)
    return info is not None and info.instrument == instrument


@cache
def law_text(law_id: str = "lfpdppp-2025") -> LawText:
    """The shipped text of ``law_id`` (a key of ``LAWS``), read once per process.

    Raises ``ContentError`` naming the file if it is missing or not the expected JSON (a broken install),
    and ``KeyError`` for a law posture does not ship."""
    info = LAWS[law_id]
    path = laws_dir() / f"{law_id}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        articles = {}
        for entry in data["articles"]:
            paragraphs, reform = _paragraphs(entry["text"])
            number = str(entry["article"])
            articles[number] = Article(law_id, number, paragraphs, reform or info.published)
        source = dict(data.get("source", {}))
        transitional = tuple("\n\n".join(_paragraphs(t)[0]) for t in data.get("transitional_provisions", []))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ContentError.single(Problem(str(path), fmt(_("cannot read the law's text: {reason}"), reason=str(exc)),
                                          code="law_text")) from None
    return LawText(info, articles, source, transitional)


def article_numbers(spec: str) -> list[str]:
    """A catalog's article field as numbers: '18' -> ['18']; '21-26' -> ['21', ..., '26']; '7, 9' -> ['7', '9'].

    Raises ``ValueError`` on anything else."""
    out: list[str] = []
    for part in spec.split(","):
        lo, _, hi = part.strip().partition("-")
        out.extend(str(n) for n in range(int(lo), int(hi or lo) + 1))
    return out


def cited_articles(catalog_id: str, refs: Iterable[LegalRef]) -> list[tuple[LegalRef, Article]]:
    """The shipped articles a set of references of catalog ``catalog_id`` cites, in citation order, each once.

    References to instruments without a shipped text (the 2010 law, the Reglamento) are skipped; a
    number the text lacks is skipped too (tests/content/test_catalog_lfpdppp.py keeps that from happening)."""
    seen: set[tuple[str, str]] = set()
    out: list[tuple[LegalRef, Article]] = []
    for ref in refs:
        if not has_text(catalog_id, ref.instrument):
            continue
        text = law_text(catalog_id)
        for number in article_numbers(ref.article):
            art = text.article(number)
            if art is not None and (catalog_id, number) not in seen:
                seen.add((catalog_id, number))
                out.append((ref, art))
    return out


@dataclass(frozen=True)
class CitedArticle:
    """An article a question's obligations cite, with the ids of those obligations (in checklist order)."""

    article: Article
    instrument: str
    controls: tuple[str, ...]


def articles_for(maps_to: dict[str, list[str]], catalogs: dict) -> list[CitedArticle]:
    """The shipped articles behind a question's mappings (``Question.maps_to``; ``catalogs`` by id).

    Each mapped control's own references count, then its ancestors' (``SEG-61-I`` inherits ``SEG-MEDIDAS``'s
    art. 18), so a question on a Reglamento fraction still shows the article of the law it develops.
    Controls that are not in ``catalogs`` are skipped. Order: first citation first; each article once."""
    found: dict[tuple[str, str], tuple[Article, str, list[str]]] = {}
    for fw, ids in maps_to.items():
        catalog = catalogs.get(fw)
        if catalog is None:
            continue
        for cid in ids:
            for owner in (cid, *catalog.ancestors(cid)):
                control = catalog.control(owner)
                if control is None:
                    continue
                for ref, art in cited_articles(catalog.id, control.legal_refs):
                    key = (art.law, art.number)
                    entry = found.setdefault(key, (art, ref.instrument, []))
                    if cid not in entry[2]:
                        entry[2].append(cid)
    return [CitedArticle(art, instrument, tuple(ids)) for art, instrument, ids in found.values()]

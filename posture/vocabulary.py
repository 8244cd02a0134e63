"""The words posture stores and shows, defined once: each vocabulary is a ``str`` enum whose values are
exactly what assessment, checklist, catalog, probe and rules files hold, with its label in both languages.

Every other module takes these values and labels from here (a test fails when a module outside this one
defines a label for one of these values); the JSON Schemas in ``posture/schemas`` carry the same values as
``$defs`` (:data:`SCHEMA_DEFS`, checked by ``tests/test_vocabulary.py``).

Labels are stored in the form they take in the middle of a sentence (``"crítica"``, ``"technical test"``);
:attr:`Term.cap_label` gives the form that opens a cell or a sentence, :attr:`Term.upper_label` the
upper-case form of a terminal tag (``[CRÍTICA]``). Spanish adjectives agree with the noun the vocabulary
qualifies, named in each class's docstring; where two nouns of different gender need the word, both forms
are given explicitly (:attr:`Audience.file_word`).

A member compares and hashes equal to its stored value (``Severity.CRITICAL == "critical"``) and formats
as it (``f"{Severity.CRITICAL}"`` is ``"critical"``); store ``.value`` (a plain ``str``), never the
member, in anything written to YAML.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from posture.i18n import LANGS, both, tr


def first_upper(text: Mapping[str, str]) -> dict[str, str]:
    """``text`` with the first letter of each language variant in upper case (the rest untouched, so
    acronyms such as "IT" survive)."""
    return {lang: value[:1].upper() + value[1:] for lang, value in text.items()}


def all_upper(text: Mapping[str, str]) -> dict[str, str]:
    """``text`` in upper case in each language ("crítica" → "CRÍTICA")."""
    return {lang: value.upper() for lang, value in text.items()}


class Term(StrEnum):
    """A stored value with its bilingual label (and, for some vocabularies, extra bilingual forms)."""

    def __new__(cls, value: str, label: Mapping[str, str], extra: Mapping[str, Mapping[str, str]] | None = None):
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj._label = dict(label)
        obj._extra = {k: dict(v) for k, v in (extra or {}).items()}
        return obj

    @property
    def label(self) -> dict[str, str]:
        """``{"es": ..., "en": ...}`` as it reads mid-sentence."""
        return dict(self._label)

    @property
    def cap_label(self) -> dict[str, str]:
        """The label opening a sentence or a table cell: first letter in upper case."""
        return first_upper(self._label)

    @property
    def upper_label(self) -> dict[str, str]:
        """The label in upper case (terminal tags such as ``[CRÍTICA]``)."""
        return all_upper(self._label)

    def text(self, lang: str, *, cap: bool = False) -> str:
        """The label in ``lang`` (``cap``: first letter upper)."""
        return tr(self.cap_label if cap else self._label, lang)

    @classmethod
    def values(cls) -> tuple[str, ...]:
        """The stored values, in the vocabulary's order (the order of the schema's ``enum``)."""
        return tuple(m.value for m in cls)

    @classmethod
    def labels(cls, *, cap: bool = False) -> dict[str, dict[str, str]]:
        """value → bilingual label, for tables keyed by the stored value."""
        return {m.value: (m.cap_label if cap else m.label) for m in cls}


class Severity(Term):
    """A probe finding's severity, worst first (qualifies *severidad*, feminine). All but ``info`` are
    actionable (docs/scoring.md §5)."""

    CRITICAL = "critical", both("crítica", "critical")
    HIGH = "high", both("alta", "high")
    MEDIUM = "medium", both("media", "medium")
    LOW = "low", both("baja", "low")
    INFO = "info", both("informativa", "info")


class Criticality(Term):
    """A checklist question's criticality, worst first (qualifies *pregunta*, feminine: the same words as
    :class:`Severity`, taken from it). A failed ``critical`` question caps its frameworks."""

    CRITICAL = "critical", Severity.CRITICAL.label
    HIGH = "high", Severity.HIGH.label
    MEDIUM = "medium", Severity.MEDIUM.label
    LOW = "low", Severity.LOW.label


class Method(Term):
    """How an answer was obtained, lowest first (qualifies *respuesta* where it is an adjective:
    "declarada por el proveedor"). Only document, observation and technical test can verify
    (docs/scoring.md §3); vendor-declared comes only from an imported questionnaire."""

    VENDOR_DECLARED = "vendor-declared", both("declarada por el proveedor", "declared by the vendor")
    INTERVIEW = "interview", both("entrevista", "interview")
    DOCUMENT = "document", both("documento", "document")
    OBSERVATION = "observation", both("observación", "observation")
    TECHNICAL_TEST = "technical-test", both("prueba técnica", "technical test")


class Confidence(Term):
    """How sure a catalog's legal reference is, surest first (qualifies *confianza*, feminine)."""

    HIGH = "high", both("alta", "high")
    MEDIUM_HIGH = "medium-high", both("media-alta", "medium-high")
    MEDIUM = "medium", both("media", "medium")
    LOW_MEDIUM = "low-medium", both("baja-media", "low-medium")
    LOW = "low", both("baja", "low")
    INFERRED = "inferred", both("inferida", "inferred")
    UNKNOWN = "unknown", both("desconocida", "unknown")

    @property
    def uncertain(self) -> bool:
        """A reference the sources could not confirm: reports footnote it."""
        return self in _UNCERTAIN


_UNCERTAIN = frozenset({Confidence.LOW, Confidence.LOW_MEDIUM, Confidence.INFERRED, Confidence.UNKNOWN})


class OwnerRole(Term):
    """Who owns a remediation action (a checklist question's ``owner``; names of areas, not adjectives)."""

    MANAGEMENT = "management", both("dirección", "management")
    SECURITY = "security", both("seguridad de la información", "information security")
    IT = "it", both("tecnologías de la información", "IT")
    NETWORK = "network", both("redes", "network")
    TELEPHONY = "telephony", both("telefonía", "telephony")
    HR = "hr", both("recursos humanos", "human resources")
    FACILITIES = "facilities", both("instalaciones", "facilities")
    LEGAL = "legal", both("jurídico / privacidad", "legal / privacy")
    OPERATIONS = "operations", both("operaciones", "operations")
    PROCUREMENT = "procurement", both("compras", "procurement")


class Effort(Term):
    """A remediation action's effort, smallest first (qualifies *esfuerzo*, masculine)."""

    S = "S", both("bajo", "low")
    M = "M", both("medio", "medium")
    L = "L", both("alto", "high")


class Priority(Term):
    """A plan item's priority, most urgent first (the same code in both languages; thresholds in
    ``posture.plan``, horizons in the rules file)."""

    P1 = "P1", both("P1", "P1")
    P2 = "P2", both("P2", "P2")
    P3 = "P3", both("P3", "P3")


class ActionStatus(Term):
    """The state of a remediation action (qualifies *acción*, feminine). ``risk-accepted`` needs a
    justification, an owner and an expiry; ``compensating-control`` a justification."""

    OPEN = "open", both("abierta", "open")
    IN_PROGRESS = "in-progress", both("en curso", "in progress")
    DONE = "done", both("hecha", "done")
    RISK_ACCEPTED = "risk-accepted", both("riesgo aceptado", "risk accepted")
    COMPENSATING_CONTROL = "compensating-control", both("control compensatorio", "compensating control")


class Verdict(Term):
    """The vendor verdict (docs/scoring.md §11): a recommendation to approve or reject, or a conditional
    one (*condicionado* agrees with *dictamen*, masculine)."""

    APPROVE = "approve", both("aprobar", "approve")
    CONDITIONAL = "conditional", both("condicionado", "conditional")
    REJECT = "reject", both("rechazar", "reject")


class Grade(Term):
    """The grade letter, best first, with its name. The names qualify *calificación* (feminine: "Calificación:
    D Crítica"), the word the guides, the command line and the report use for the grade (:meth:`term`), so
    "critical" is «crítica» for a grade, a severity and a question alike. The thresholds are
    ``posture.scoring.GRADES`` and only there."""

    A = "A", both("sólida", "strong")
    B = "B", both("aceptable", "adequate")
    C = "C", both("débil", "weak")
    D = "D", both("crítica", "critical")

    @staticmethod
    def term() -> dict[str, str]:
        """The word for a grade itself (a column header, "Calificación: B"): *calificación* / *grade*."""
        return both("calificación", "grade")


class AnswerValue(Term):
    """The values of the built-in yes/partial/no scale and "not applicable" (any scale). Maturity levels
    are numbers with names of their own (``posture.content``); a checklist may define other scales."""

    YES = "yes", both("sí", "yes")
    PARTIAL = "partial", both("parcial", "partial")
    NO = "no", both("no", "no")
    NA = "na", both("no aplica", "not applicable"), {"short": both("no aplica", "N/A")}

    @property
    def short(self) -> dict[str, str]:
        """The short label of a key hint (``N/A``), first letter upper; the label where there is none."""
        return first_upper(self._extra.get("short", self._label))

    @staticmethod
    def unanswered() -> dict[str, str]:
        """The state of a question with no answer yet (not a stored value: the answer is absent)."""
        return both("sin responder", "unanswered")


class Audience(Term):
    """Which version of the report (docs/guides/manager): the executive summary or the full report.
    The label names the version (*versión*, feminine); :attr:`file_word` is the word in the default PDF
    file name, which names the *informe* (masculine) — two genders, both given here."""

    EXECUTIVE = ("executive", both("versión ejecutiva", "executive version"),
                 {"hint": both("resumen", "summary"), "file": both("ejecutivo", "executive")})
    FULL = ("full", both("versión completa", "full version"),
            {"hint": both("todas las preguntas", "every question"), "file": both("completo", "full")})

    @property
    def hint(self) -> dict[str, str]:
        """What the version holds, for a chooser: "resumen" / "todas las preguntas"."""
        return dict(self._extra["hint"])

    @property
    def file_word(self) -> dict[str, str]:
        """``<id>-completo-es.pdf`` / ``<id>-full-en.pdf``."""
        return dict(self._extra["file"])


VOCABULARIES: tuple[type[Term], ...] = (Severity, Criticality, Method, Confidence, OwnerRole, Effort, Priority,
                                        ActionStatus, Verdict, Grade, AnswerValue, Audience)

# The JSON Schemas' ``$defs`` names for the vocabularies stored in files: every schema that stores one of
# these values refers to ``#/$defs/<name>``, whose ``enum`` is the vocabulary's values in order.
SCHEMA_DEFS: dict[str, type[Term]] = {
    "severity": Severity, "criticality": Criticality, "method": Method, "confidence": Confidence,
    "owner": OwnerRole, "effort": Effort, "priority": Priority, "status": ActionStatus, "verdict": Verdict,
    "grade_letter": Grade,
}


def schema_defs(names: tuple[str, ...] | None = None) -> dict[str, dict]:
    """``{"severity": {"enum": ["critical", ...]}, ...}``: the ``$defs`` entries a schema holds for the
    vocabularies (all of them, or those in ``names``)."""
    return {name: {"enum": list(vocab.values())} for name, vocab in SCHEMA_DEFS.items()
            if names is None or name in names}


__all__ = ["LANGS", "SCHEMA_DEFS", "VOCABULARIES", "ActionStatus", "AnswerValue", "Audience", "Confidence",
           "Criticality", "Effort", "Grade", "Method", "OwnerRole", "Priority", "Severity", "Term", "Verdict",
           "all_upper", "first_upper", "schema_defs"]

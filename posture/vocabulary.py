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

from posture.i18n import LANGS, _, _p, tr


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

    CRITICAL = "critical", _("critical")
    HIGH = "high", _p("severity, confidence", "high")
    MEDIUM = "medium", _p("severity, confidence", "medium")
    LOW = "low", _p("severity, confidence", "low")
    INFO = "info", _("info")


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

    VENDOR_DECLARED = "vendor-declared", _("declared by the vendor")
    INTERVIEW = "interview", _("interview")
    DOCUMENT = "document", _("document")
    OBSERVATION = "observation", _("observation")
    TECHNICAL_TEST = "technical-test", _("technical test")


class Confidence(Term):
    """How sure a catalog's legal reference is, surest first (qualifies *confianza*, feminine)."""

    HIGH = "high", _p("severity, confidence", "high")
    MEDIUM_HIGH = "medium-high", _("medium-high")
    MEDIUM = "medium", _p("severity, confidence", "medium")
    LOW_MEDIUM = "low-medium", _("low-medium")
    LOW = "low", _p("severity, confidence", "low")
    INFERRED = "inferred", _("inferred")
    UNKNOWN = "unknown", _("unknown")

    @property
    def uncertain(self) -> bool:
        """A reference the sources could not confirm: reports footnote it."""
        return self in _UNCERTAIN


_UNCERTAIN = frozenset({Confidence.LOW, Confidence.LOW_MEDIUM, Confidence.INFERRED, Confidence.UNKNOWN})


class OwnerRole(Term):
    """Who owns a remediation action (a checklist question's ``owner``; names of areas, not adjectives)."""

    MANAGEMENT = "management", _("management")
    SECURITY = "security", _("information security")
    IT = "it", _("IT")
    NETWORK = "network", _("network")
    TELEPHONY = "telephony", _("telephony")
    HR = "hr", _("human resources")
    FACILITIES = "facilities", _("facilities")
    LEGAL = "legal", _("legal / privacy")
    OPERATIONS = "operations", _("operations")
    PROCUREMENT = "procurement", _("procurement")


class Effort(Term):
    """A remediation action's effort, smallest first (qualifies *esfuerzo*, masculine)."""

    S = "S", _p("effort", "low")
    M = "M", _p("effort", "medium")
    L = "L", _p("effort", "high")


class Priority(Term):
    """A plan item's priority, most urgent first (the same code in both languages; thresholds in
    ``posture.plan``, horizons in the rules file)."""

    P1 = "P1", _("P1")
    P2 = "P2", _("P2")
    P3 = "P3", _("P3")


class ActionStatus(Term):
    """The state of a remediation action (qualifies *acción*, feminine). ``risk-accepted`` needs a
    justification, an owner and an expiry; ``compensating-control`` a justification."""

    OPEN = "open", _("open")
    IN_PROGRESS = "in-progress", _("in progress")
    DONE = "done", _p("action status", "done")
    RISK_ACCEPTED = "risk-accepted", _("risk accepted")
    COMPENSATING_CONTROL = "compensating-control", _("compensating control")


class Verdict(Term):
    """The vendor verdict (docs/scoring.md §11): a recommendation to approve or reject, or a conditional
    one (*condicionado* agrees with *dictamen*, masculine)."""

    APPROVE = "approve", _("approve")
    CONDITIONAL = "conditional", _("conditional")
    REJECT = "reject", _("reject")


class Grade(Term):
    """The grade letter, best first, with its name. The names qualify *calificación* (feminine: "Calificación:
    D Crítica"), the word the guides, the command line and the report use for the grade (:meth:`term`), so
    "critical" is «crítica» for a grade, a severity and a question alike. The thresholds are
    ``posture.scoring.GRADES`` and only there."""

    A = "A", _("strong")
    B = "B", _("adequate")
    C = "C", _("weak")
    D = "D", _("critical")

    @staticmethod
    def term() -> dict[str, str]:
        """The word for a grade itself (a column header, "Calificación: B"): *calificación* / *grade*."""
        return _("grade")


class AnswerValue(Term):
    """The values of the built-in yes/partial/no scale and "not applicable" (any scale). Maturity levels
    are numbers with names of their own (``posture.content``); a checklist may define other scales."""

    YES = "yes", _("yes")
    PARTIAL = "partial", _("partial")
    NO = "no", _("no")
    NA = "na", _("not applicable"), {"short": _("N/A")}

    @property
    def short(self) -> dict[str, str]:
        """The short label of a key hint (``N/A``), first letter upper; the label where there is none."""
        return first_upper(self._extra.get("short", self._label))

    @staticmethod
    def unanswered() -> dict[str, str]:
        """The state of a question with no answer yet (not a stored value: the answer is absent)."""
        return _("unanswered")


class Audience(Term):
    """Which version of the report (docs/guides/manager): the executive summary or the full report.
    The label names the version (*versión*, feminine); :attr:`file_word` is the word in the default PDF
    file name, which names the *informe* (masculine) — two genders, both given here."""

    EXECUTIVE = ("executive", _("executive version"),
                 {"hint": _("summary"), "file": _("executive")})
    FULL = ("full", _("full version"),
            {"hint": _("every question"), "file": _("full")})

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

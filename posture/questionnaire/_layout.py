"""What a vendor questionnaire holds, independent of the file format: sheets, rows, choices and the binding.

The workbook adapter (``posture.workbook``) turns a :class:`Questionnaire` into an .xlsx file and reads one
back into :class:`Filled`; everything that decides what a cell means lives here, in the core.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import unicodedata
from dataclasses import dataclass, field

from posture.assessment import Assessment, question_hash
from posture.content import NA_LABEL, NA_VALUE, Checklist, Scale
from posture.i18n import LANGS, _, tr

FORMAT = "posture-questionnaire/1"

# Column key → letter. Answer cells are D–G; the rest is locked. The metadata sheet repeats this map, and the
# import reads the columns from there, so a later layout change does not misread an older workbook.
COLUMNS: dict[str, str] = {
    "id": "A", "question": "B", "guidance": "C", "answer": "D", "na_justification": "E", "comment": "F",
    "evidence_ref": "G", "evidence_asked": "H",
}
EDITABLE = ("answer", "na_justification", "comment", "evidence_ref")
HEADER_ROW = 2  # row 1 holds the section title
FIRST_ROW = 3

INSTRUCTIONS = _("Instructions")  # the first sheet's name
HEADERS = {
    "id": _("ID"),
    "question": _("Question"),
    "guidance": _("What is expected"),
    "answer": _("Answer"),
    "na_justification": _("Justification if 'Not applicable'"),
    "comment": _("Comment"),
    "evidence_ref": _("Evidence reference (document, page)"),
    "evidence_asked": _("Evidence that will be requested"),
}


@dataclass(frozen=True)
class Row:
    qid: str
    question: str
    guidance: str
    evidence_asked: str
    scale_id: str
    choices: tuple[str, ...]  # the drop-down: option labels in the workbook's language, then "No aplica"


@dataclass(frozen=True)
class Sheet:
    section_id: str
    title: str  # the section title in the workbook's language (the adapter shortens it to a sheet name)
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Binding:
    """What the workbook was made for; written to its hidden metadata sheet with :meth:`digest`.

    The digest is a SHA-256 over these fields: it detects a metadata sheet that was edited or copied from
    another workbook, not a deliberate forgery (anyone can recompute it; see docs/security.md)."""

    assessment_id: str
    vendor: str
    checklist_id: str
    checklist_version: str
    checklist_hash: str
    lang: str
    created_at: str
    questions: dict[str, str]  # question id → its content hash when exported
    columns: dict[str, str] = field(default_factory=lambda: dict(COLUMNS))
    format: str = FORMAT

    def fields(self) -> dict:
        return {"format": self.format, "assessment_id": self.assessment_id, "vendor": self.vendor,
                "checklist_id": self.checklist_id, "checklist_version": self.checklist_version,
                "checklist_hash": self.checklist_hash, "lang": self.lang, "created_at": self.created_at,
                "questions": dict(self.questions), "columns": dict(self.columns)}

    def digest(self) -> str:
        blob = json.dumps(self.fields(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Questionnaire:
    binding: Binding
    title: str
    instructions: tuple[str, ...]
    legend: tuple[tuple[str, str], ...]  # (scale name, its choices joined) for the instructions sheet
    sheets: tuple[Sheet, ...]


_TEXT = {
    "title": _("Security questionnaire for {vendor} — {site}"),
    "intro": [
        _("Answer one sheet per section, one row per question. Only columns D to G can be written."),
        _("Answer (D): pick from the drop-down list. 'Not applicable' needs a justification in column E."),
        _("Comment (F) and evidence reference (G): free text; do not embed files in the workbook. The evidence will "
          "be reviewed at the interview."),
        _("Do not change column A (ID): it ties each answer to its question. Type values, not formulas: formulas "
          "are refused."),
        _("Your answers are the vendor's declarations: they count in the claimed score, and the assessor confirms "
          "them with evidence before they count as verified."),
        _("Save as .xlsx (not .xlsm) and send it back to whoever sent it to you."),
    ],
}


def choice_labels(scale: Scale, lang: str) -> tuple[str, ...]:
    labels = tuple(tr(o.label, lang) for o in scale.options)
    return (*labels, tr(NA_LABEL, lang)) if scale.allow_na else labels


def build(assessment: Assessment, checklist: Checklist, lang: str, *, only_unanswered: bool = False,
          now: str | None = None) -> Questionnaire:
    """The questionnaire for ``assessment``: every question in scope (or only the unanswered ones), by section.

    ``lang`` is ``es`` or ``en``; question texts, guidance, headers and drop-downs are in that language."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}")
    in_scope = set(assessment.frameworks)
    sheets = []
    hashes: dict[str, str] = {}
    for section in checklist.sections:
        rows = []
        for q in section.questions:
            if not in_scope & set(q.maps_to):
                continue
            if only_unanswered and q.id in assessment.answers:
                continue
            scale = checklist.scale_of(q)
            rows.append(Row(q.id, tr(q.text, lang), tr(q.guidance, lang),
                            "\n".join(f"• {tr(e, lang)}" for e in q.evidence), scale.id, choice_labels(scale, lang)))
            hashes[q.id] = question_hash(q)
        if rows:
            sheets.append(Sheet(section.id, tr(section.title, lang), tuple(rows)))
    binding = Binding(
        assessment_id=assessment.id, vendor=assessment.vendor, checklist_id=checklist.id,
        checklist_version=checklist.version, checklist_hash=checklist.content_hash, lang=lang,
        created_at=now or _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat(), questions=hashes)
    used = {q.scale for q in checklist.questions if q.id in hashes}
    legend = tuple((tr(checklist.scales[s].label, lang), ", ".join(choice_labels(checklist.scales[s], lang)))
                   for s in sorted(used))
    title = tr(_TEXT["title"], lang).format(vendor=assessment.vendor, site=assessment.site)
    return Questionnaire(binding, title, tuple(tr(t, lang) for t in _TEXT["intro"]), legend, tuple(sheets))


# -- reading an answer cell -------------------------------------------------------------------------

def _fold(text: str) -> str:
    """Case, accents and spacing do not matter: 'si', 'SÍ ' and 'Sí' are the same answer."""
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


def answer_value(scale: Scale, raw: str) -> str | None:
    """The option value a typed answer means (label in either language, the value itself, or the level
    number of a numbered scale), ``"na"`` for not applicable, or None when it means nothing."""
    folded = _fold(raw)
    if not folded:
        return None
    for o in scale.options:
        names = {_fold(o.value), *(_fold(o.label[lang]) for lang in LANGS if lang in o.label)}
        if folded in names:
            return o.value
    if scale.allow_na and folded in {_fold(NA_VALUE), "n/a", *(_fold(NA_LABEL[lang]) for lang in LANGS)}:
        return NA_VALUE
    return None

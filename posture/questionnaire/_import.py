"""Reading a filled questionnaire back: every cell checked, all or nothing, then merged into the assessment.

The adapter hands over :class:`Filled` (cell values as stored, never evaluated); :func:`read_filled` returns
the vendor's declarations or raises one :class:`~posture.errors.ContentError` holding one located
problem per bad cell. :func:`plan_import` and :func:`apply_import` then merge them: answers the assessment
already has are conflicts, kept unless ``overwrite``.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field, replace

from posture.assessment import VENDOR_DECLARED, Answer, Assessment, question_hash
from posture.content import NA_LABEL, NA_VALUE, Checklist
from posture.errors import ContentError, Problem
from posture.i18n import LANGS, Localized, _, _n, _p, both, fmt, tr
from posture.questionnaire._layout import (
    COLUMNS,
    EDITABLE,
    FORMAT,
    HEADERS,
    INSTRUCTIONS,
    Binding,
    answer_value,
    choice_labels,
)
from posture.vocabulary import Method

MAX_TEXT = 4000  # characters in one comment, justification or evidence reference

_MSG = {
    "at": _("sheet '{sheet}', {cell}: {text}"),
    "no_meta": _("is not a posture questionnaire (its hidden metadata sheet is missing); export one with 'posture "
                 "questionnaire export'"),
    "bad_meta": _("the metadata sheet was altered (its hash does not match): there is no telling which assessment "
                  "it was made for; export the questionnaire again"),
    "format": _("unknown questionnaire format '{found}' (this version reads {known})"),
    "other_assessment": _("this questionnaire was made for assessment '{found}', not '{expected}'"),
    "other_checklist": _("this questionnaire uses checklist '{found}'; the assessment uses '{expected}'"),
    "formula": _("holds a formula ({formula}); formulas are not evaluated: type the value"),
    "merged": _("merged cell ({range}): each question needs its own cells; unmerge them"),
    "not_text": _("'{value}' is not text"),
    "too_long": _("text of {n} characters; the limit is {max}"),
    "bad_answer": _("'{value}' is not an answer ({allowed})"),
    "na_refused": _("question {qid} does not allow 'Not applicable' ({allowed})"),
    "na_needs": _("'Not applicable' needs a justification in {cell}"),
    "no_id": _("there is an answer but {cell} holds no question id"),
    "unknown_id": _("'{qid}' is not a question of this questionnaire"),
    "duplicate": _("question {qid} already appears in sheet '{sheet}', {cell}"),
    # warnings: the import goes on
    "w_version": _("warning: the questionnaire was made with checklist version {found} and the assessment uses "
                   "{expected}; answers are mapped by question id"),
    "w_changed": _("warning: these questions changed since the questionnaire was exported; the vendor answered the "
                   "earlier wording: {ids}"),
    "w_removed": _("warning: question {qid} is no longer in the checklist; its answer in sheet '{sheet}', {cell} is "
                   "not imported"),
    "w_lang": _("warning: the questionnaire is in {found}; answers are read in that language"),
    "w_missing": _n("warning: {n} question of the section «{section}» is in no sheet (was its sheet deleted?): it "
                    "was not read", "warning: {n} questions of the section «{section}» are in no sheet (was its sheet "
                    "deleted?): they were not read"),
    "w_sheet": _("warning: sheet '{sheet}' holds no question of the questionnaire; it is ignored"),
    "w_no_answer": _("warning: sheet '{sheet}', row {row}: there is text but no answer in {cell}; the row is not "
                     "imported"),
    "w_justification": _("warning: sheet '{sheet}', {cell}: a justification but the answer is not 'Not applicable'; "
                         "it is kept in the note"),
    # the origin written into notes (in the workbook's language: the vendor wrote in it)
    "origin": _("Vendor ({vendor}), questionnaire {file} of {date}"),
    "comment": _("{origin}: {text}"),
    "evidence_ref": _("{origin}, evidence referred to: {text}"),
    "justification": _("{origin}, justification (the answer is not 'Not applicable'): {text}"),
}
_PLAN = {
    # each count picks its own form (one fixed plural said «1 respuestas nuevas»)
    "summary": _("{added}, {conflicts} in conflict, {same}"),
    "added": _n("{n} new vendor answer", "{n} new vendor answers"),
    "same": _n("{n} equal to the one already given", "{n} equal to those already given"),
    "conflict": _("  conflict {qid}: the assessment says '{current}' ({method}); the vendor, '{declared}' (sheet "
                  "'{sheet}', {cell})"),
    "kept": _("conflicts are kept as they were; --overwrite replaces them"),
    "kept_app": _("conflicts are kept as they were unless you choose to replace them"),
    "replaced": _("conflicts are replaced by the vendor's answer"),
}
METHOD_NAMES = Method.labels()  # method → {"es": "entrevista", ...}
_HEADER_IDS = frozenset(HEADERS["id"].values())
_LANG_NAMES = {  # the languages content is written in; another one is named by its code
    "es": _p("in a sentence", "Spanish"), "en": _p("in a sentence", "English")}


@dataclass(frozen=True)
class Cell:
    """One cell as stored in the file. ``formula`` holds the formula text when the cell has one (the value is
    then never used); ``merged`` names the merged range the cell belongs to, if any."""

    ref: str  # "D14"
    value: object = None  # str, int, float, bool, datetime or None
    formula: str = ""
    merged: str = ""


@dataclass(frozen=True)
class FilledRow:
    number: int
    cells: dict[str, Cell]  # column letter → cell (only letters the metadata names)


@dataclass(frozen=True)
class FilledSheet:
    name: str
    rows: tuple[FilledRow, ...]


@dataclass(frozen=True)
class Filled:
    """A workbook as the adapter read it: its metadata sheet (None if missing) and its visible sheets."""

    file: str  # the name shown in messages
    metadata: dict | None  # the Binding fields plus "digest"
    sheets: tuple[FilledSheet, ...]


@dataclass(frozen=True)
class Declared:
    """One answer as the vendor gave it, with where it came from."""

    qid: str
    value: str
    na_justification: str
    comment: str
    evidence_ref: str
    stray_justification: str  # a justification next to an answer that is not N/A: kept in the note
    sheet: str
    cell: str


@dataclass
class Declarations:
    binding: Binding
    answers: dict[str, Declared]
    warnings: list[Localized] = field(default_factory=list)


@dataclass(frozen=True)
class Conflict:
    qid: str
    current: Answer
    declared: Declared


@dataclass
class ImportPlan:
    """What an import would do. ``added`` land; ``conflicts`` are kept as they are unless ``overwrite``."""

    added: list[Declared]
    conflicts: list[Conflict]
    same: list[str]  # already answered with the same value: left alone
    overwrite: bool = False

    @property
    def changes(self) -> int:
        return len(self.added) + (len(self.conflicts) if self.overwrite else 0)


def _binding(meta: dict) -> Binding:
    return Binding(assessment_id=str(meta["assessment_id"]), vendor=str(meta.get("vendor", "")),
                   checklist_id=str(meta["checklist_id"]), checklist_version=str(meta["checklist_version"]),
                   checklist_hash=str(meta["checklist_hash"]), lang=str(meta["lang"]),
                   created_at=str(meta["created_at"]),
                   questions={str(k): str(v) for k, v in dict(meta["questions"]).items()},
                   columns={str(k): str(v) for k, v in dict(meta["columns"]).items()}, format=str(meta["format"]))


def check_binding(filled: Filled, assessment: Assessment, checklist: Checklist, lang: str) -> tuple[Binding,
                                                                                                   list[Localized]]:
    """The workbook's binding, refused when it was made for another assessment or checklist or was altered;
    another checklist version or language only warns (answers map by question id)."""

    def refuse(message: Localized, code: str) -> ContentError:
        return ContentError.single(Problem(filled.file, message, code=code))

    meta = filled.metadata
    if meta is None:
        raise refuse(_MSG["no_meta"], "no_metadata")
    if meta.get("format") != FORMAT:
        raise refuse(fmt(_MSG["format"], found=meta.get("format", "?"), known=FORMAT), "format")
    try:
        binding = _binding(meta)
    except (KeyError, TypeError, ValueError, AttributeError):
        raise refuse(_MSG["bad_meta"], "metadata_altered") from None
    if binding.digest() != meta.get("digest") or binding.lang not in LANGS \
            or set(binding.columns) != set(COLUMNS) \
            or any(not (v.isalpha() and v.isupper() and len(v) <= 2) for v in binding.columns.values()):
        raise refuse(_MSG["bad_meta"], "metadata_altered")
    if binding.assessment_id != assessment.id:
        raise refuse(fmt(_MSG["other_assessment"], found=binding.assessment_id, expected=assessment.id),
                     "other_assessment")
    if binding.checklist_id != checklist.id:
        raise refuse(fmt(_MSG["other_checklist"], found=binding.checklist_id, expected=checklist.id),
                     "other_checklist")
    warnings: list[Localized] = []
    if binding.checklist_version != checklist.version or binding.checklist_hash != checklist.content_hash:
        warnings.append(fmt(_MSG["w_version"], found=binding.checklist_version, expected=checklist.version))
        changed = [qid for qid, h in binding.questions.items()
                   if (q := checklist.question(qid)) is not None and question_hash(q) != h]
        if changed:
            warnings.append(fmt(_MSG["w_changed"], ids=", ".join(changed)))
    if binding.lang != lang:
        warnings.append(fmt(_MSG["w_lang"], found=_LANG_NAMES.get(binding.lang, binding.lang)))
    return binding, warnings


def _text(cell: Cell | None, problems: list, at) -> str:
    """A free-text cell as text; numbers become their digits, anything else is a problem."""
    if cell is None or cell.value is None:
        return ""
    value = cell.value
    if isinstance(value, bool):  # as the spreadsheet shows it
        shown = _("TRUE") if value else _("FALSE")  # the spreadsheet's own words for its booleans
        problems.append(at(cell, fmt(_MSG["not_text"], value=shown)))
        return ""
    if not isinstance(value, str | int | float):
        problems.append(at(cell, fmt(_MSG["not_text"], value=value)))
        return ""
    text = value if isinstance(value, str) else (str(int(value)) if float(value).is_integer() else str(value))
    text = text.strip()
    if len(text) > MAX_TEXT:
        problems.append(at(cell, fmt(_MSG["too_long"], n=len(text), max=MAX_TEXT)))
        return ""
    return text


def read_filled(filled: Filled, assessment: Assessment, checklist: Checklist, lang: str) -> Declarations:
    """Every answer of a filled workbook, or a ContentError with one located line per bad cell.

    Sheets are found by the question ids in their ID column, so renamed, reordered or extra sheets and
    inserted rows do not matter. ``lang`` is the language of the person importing (warnings only)."""
    binding, warnings = check_binding(filled, assessment, checklist, lang)
    cols = binding.columns
    wlang = binding.lang
    problems: list[Problem] = []

    def at(cell: Cell, text: Localized) -> Problem:
        return Problem(filled.file, {k: _MSG["at"][k].format(sheet=sheet_name, cell=cell.ref, text=text[k])
                                     for k in LANGS}, code="cell")

    answers: dict[str, Declared] = {}
    seen: dict[str, tuple[str, str]] = {}
    for sheet in filled.sheets:
        sheet_name = sheet.name
        ids = [_id_of(r.cells.get(cols["id"])) for r in sheet.rows]
        if not any(i in binding.questions for i in ids):
            if any(r.cells for r in sheet.rows) and sheet_name not in INSTRUCTIONS.values():
                warnings.append(fmt(_MSG["w_sheet"], sheet=sheet_name))
            continue
        for row, qid in zip(sheet.rows, ids, strict=True):
            cells = row.cells
            id_cell = cells.get(cols["id"])
            answer_cell = cells.get(cols["answer"])
            has_answer = answer_cell is not None and (answer_cell.formula or answer_cell.value not in (None, ""))
            if id_cell is not None and id_cell.formula:
                problems.append(at(id_cell, fmt(_MSG["formula"], formula=id_cell.formula[:40])))
                continue
            if qid in _HEADER_IDS:  # the header row, wherever inserted rows moved it
                continue
            if not qid or qid not in binding.questions:  # a row the vendor added: only an answer in it is wrong
                if has_answer and not qid:
                    problems.append(at(answer_cell, fmt(_MSG["no_id"], cell=f"{cols['id']}{row.number}")))
                elif has_answer:
                    problems.append(at(id_cell, fmt(_MSG["unknown_id"], qid=qid)))
                continue
            if qid in seen:
                first_sheet, first_cell = seen[qid]
                problems.append(at(id_cell, fmt(_MSG["duplicate"], qid=qid, sheet=first_sheet, cell=first_cell)))
                continue
            seen[qid] = (sheet_name, id_cell.ref)
            unreadable = False
            for key in EDITABLE:  # formulas and merges first: their value means nothing
                cell = cells.get(cols[key])
                if cell is not None and cell.formula:
                    problems.append(at(cell, fmt(_MSG["formula"], formula=cell.formula[:40])))
                    unreadable = True
                elif cell is not None and cell.merged:
                    problems.append(at(cell, fmt(_MSG["merged"], range=cell.merged)))
                    unreadable = True
            if unreadable:
                continue
            raw = _text(answer_cell, problems, at)
            texts = {k: _text(cells.get(cols[k]), problems, at) for k in ("na_justification", "comment",
                                                                             "evidence_ref")}
            question = checklist.question(qid)
            if question is None:
                if raw:
                    warnings.append(fmt(_MSG["w_removed"], qid=qid, sheet=sheet_name, cell=answer_cell.ref))
                continue
            if not raw:
                if any(texts.values()):
                    warnings.append(fmt(_MSG["w_no_answer"], sheet=sheet_name, row=row.number,
                                        cell=f"{cols['answer']}{row.number}"))
                continue
            scale = checklist.scale_of(question)
            allowed = ", ".join(choice_labels(scale, wlang))
            value = answer_value(scale, raw)
            if value is None:
                na_typed = answer_value(replace(scale, allow_na=True), raw) == NA_VALUE
                message = fmt(_MSG["na_refused"], qid=qid, allowed=allowed) if na_typed \
                    else fmt(_MSG["bad_answer"], value=raw, allowed=allowed)
                problems.append(at(answer_cell, message))
                continue
            just_ref = f"{cols['na_justification']}{row.number}"
            if value == NA_VALUE and not texts["na_justification"]:
                problems.append(at(answer_cell, fmt(_MSG["na_needs"], cell=just_ref)))
                continue
            stray = ""
            if value != NA_VALUE and texts["na_justification"]:
                stray = texts["na_justification"]
                warnings.append(fmt(_MSG["w_justification"], sheet=sheet_name, cell=just_ref))
            answers[qid] = Declared(qid, value, texts["na_justification"] if value == NA_VALUE else "",
                                    texts["comment"], texts["evidence_ref"], stray, sheet_name, answer_cell.ref)
    for section in checklist.sections:  # questions exported but found in no sheet: a sheet deleted, say so
        lost = [q.id for q in section.questions if q.id in binding.questions and q.id not in seen]
        if lost:
            warnings.append(fmt(_MSG["w_missing"], n=len(lost), section=section.title))
    if problems:
        raise ContentError(problems[0].message, problems=problems)
    return Declarations(binding, answers, warnings)


def _id_of(cell: Cell | None) -> str:
    if cell is None or cell.formula or not isinstance(cell.value, str):
        return ""
    return cell.value.strip()


def plan_import(assessment: Assessment, declarations: Declarations, *, overwrite: bool = False) -> ImportPlan:
    """Sort the declarations: new answers, conflicts with answers already given, and same-value repeats."""
    added, conflicts, same = [], [], []
    for qid, declared in declarations.answers.items():
        current = assessment.answers.get(qid)
        if current is None:
            added.append(declared)
        elif current.value == declared.value:
            same.append(qid)
        else:
            conflicts.append(Conflict(qid, current, declared))
    return ImportPlan(added, conflicts, same, overwrite)


def note_of(declared: Declared, origin: str, lang: str) -> str:
    """The note an imported answer carries: each vendor text prefixed with where it came from."""
    parts = []
    for key, text in (("comment", declared.comment), ("evidence_ref", declared.evidence_ref),
                      ("justification", declared.stray_justification)):
        if text:
            parts.append(tr(_MSG[key], lang).format(origin=origin, text=text))
    return "\n".join(parts)


def value_label(checklist: Checklist, qid: str, value: str, lang: str) -> str:
    """An answer value as a person reads it ("Sí", "3 · Definido", "No aplica")."""
    q = checklist.question(qid)
    if value == NA_VALUE:
        return tr(NA_LABEL, lang)
    option = checklist.scale_of(q).option(value) if q is not None else None
    return tr(option.label, lang) if option is not None else value


def describe_plan(plan: ImportPlan, checklist: Checklist, *, app: bool = False) -> list[Localized]:
    """What an import does, one bilingual line each: the counts, every conflict, what happens to conflicts."""
    lines: list[Localized] = [fmt(_PLAN["summary"], added=fmt(_PLAN["added"], n=len(plan.added)),
                                  conflicts=len(plan.conflicts), same=fmt(_PLAN["same"], n=len(plan.same)))]
    for c in plan.conflicts:
        lines.append({lang: _PLAN["conflict"][lang].format(
            qid=c.qid, current=value_label(checklist, c.qid, c.current.value, lang),
            method=tr(METHOD_NAMES.get(c.current.method, both(c.current.method, c.current.method)), lang),
            declared=value_label(checklist, c.qid, c.declared.value, lang), sheet=c.declared.sheet,
            cell=c.declared.cell) for lang in LANGS})
    if plan.conflicts:
        lines.append(_PLAN["replaced"] if plan.overwrite else _PLAN["kept_app" if app else "kept"])
    return lines


def origin_of(binding: Binding, file_name: str, date: str) -> str:
    """Where an imported answer came from, in the questionnaire's language; ``date`` (ISO) as that language
    writes it (CLDR: «del 30 nov 2026»)."""
    from posture import l10n

    return tr(_MSG["origin"], binding.lang).format(vendor=binding.vendor, file=file_name,
                                                   date=l10n.short_date(date, binding.lang))


def apply_import(assessment: Assessment, checklist: Checklist, plan: ImportPlan, declarations: Declarations,
                 file_name: str, *, now: str | None = None) -> list[str]:
    """Write the plan's answers into ``assessment`` (in memory) as ``vendor-declared``; the ids changed.

    An overwritten answer keeps its earlier note above the vendor's; its evidence files stay attached."""
    stamp = now or _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()
    origin = origin_of(declarations.binding, file_name, stamp[:10])
    lang = declarations.binding.lang
    changed = []
    items = [(d, None) for d in plan.added]
    if plan.overwrite:
        items += [(c.declared, c.current) for c in plan.conflicts]
    for declared, current in items:
        note = note_of(declared, origin, lang)
        if current is not None and current.note:
            note = f"{current.note}\n{note}" if note else current.note
        q = checklist.question(declared.qid)
        assessment.answers[declared.qid] = Answer(
            value=declared.value, method=VENDOR_DECLARED, note=note, na_justification=declared.na_justification,
            evidence=list(current.evidence) if current is not None else [], answered_by=declarations.binding.vendor,
            answered_at=stamp, qid=declared.qid,
            # the wording the vendor saw: if the question changed since the export, drift says to ask again
            question_hash=declarations.binding.questions.get(declared.qid) or (question_hash(q) if q else ""))
        changed.append(declared.qid)
    return changed


@dataclass
class ImportResult:
    plan: ImportPlan
    declarations: Declarations
    changed: list[str]  # question ids written (empty on a dry run)
    written: bool
    checklist: Checklist | None = None  # the one the answers were checked against (for labels)


def import_into(path, filled: Filled, lang: str, *, overwrite: bool = False, dry_run: bool = False,
                library=None, checklist: Checklist | None = None, passphrase: str | None = None) -> ImportResult:
    """Check ``filled`` against the assessment at ``path`` and, unless ``dry_run``, save the answers.

    Read, check and write happen under the assessment's write lock, so no other save can slip in between;
    any bad cell raises before anything is written (all or nothing)."""
    from posture.assessment import load_with_checklist, write_lock, write_locked

    with write_lock(path):
        assessment, chosen = load_with_checklist(path, library, checklist=checklist, passphrase=passphrase)
        declarations = read_filled(filled, assessment, chosen, lang)
        plan = plan_import(assessment, declarations, overwrite=overwrite)
        if dry_run or plan.changes == 0:
            return ImportResult(plan, declarations, [], False, chosen)
        changed = apply_import(assessment, chosen, plan, declarations, filled.file)
        write_locked(assessment, path)
    return ImportResult(plan, declarations, changed, True, chosen)

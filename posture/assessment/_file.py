"""Reading and writing one assessment file: schema-checked on the way in, atomic on the way out."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import yaml

from posture.assessment._atomic import atomic_write, keep_backup
from posture.assessment._lock import write_lock
from posture.assessment._model import FORMAT_VERSION, Assessment
from posture.content import NA_VALUE, Checklist
from posture.content._schema import validate_doc
from posture.errors import ContentError, PostureError, Problem
from posture.i18n import both, fmt
from posture.safe_yaml import YamlDoc, display_name, format_path, load_yaml

FILE_NAME = "assessment.yaml"

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

_MSG = {
    "kind": both("no es una evaluación ('kind' debe ser 'assessment')",
                 "is not an assessment ('kind' must be 'assessment')"),
    "newer": both("escrito por una versión más reciente de posture (formato {found}; esta lee hasta el {known}); "
                  "actualice posture", "written by a newer posture (format {found}; this one reads up to "
                  "{known}); upgrade posture"),
    "backup": both("{message} — el archivo está dañado; hay una copia anterior en {backup} (para restaurarla: "
                   "cp \"{backup}\" \"{file}\")",
                   "{message} — the file is damaged; a previous copy is in {backup} (to restore it: "
                   "cp \"{backup}\" \"{file}\")"),
    "bad_value": both("'{value}' no es una respuesta válida para {qid} (opciones: {allowed})",
                      "'{value}' is not a valid answer to {qid} (options: {allowed})"),
    "na_not_allowed": both("{qid} no admite «No aplica»", "{qid} does not allow 'not applicable'"),
}


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()


def _problem(doc: YamlDoc, path: tuple, message: dict, code: str) -> Problem:
    line, col = doc.where(path)
    return Problem(doc.file, message, line, col, format_path(path), code)


def _offer_backup(exc: ContentError, path: Path) -> ContentError:
    """The same problem, saying that the backup exists and how to put it back."""
    backup = path.with_name(path.name + ".bak")
    if not backup.exists():
        return exc
    first = exc.problems[0] if exc.problems else Problem(display_name(path), exc.message)
    message = {lang: _MSG["backup"][lang].format(message=first.message[lang], backup=display_name(backup),
                                                 file=display_name(path)) for lang in ("es", "en")}
    problem = Problem(first.file, message, first.line, first.col, first.path, "damaged")
    return ContentError.single(problem)


def load_assessment(path: str | Path, checklist: Checklist | None = None) -> Assessment:
    """Read and check an assessment; with ``checklist``, also check every answer against its scale."""
    path = Path(path)
    try:
        doc = load_yaml(path)
        problems = _check(doc, checklist)
        if problems:
            raise ContentError(problems[0].message, problems=problems)
    except ContentError as exc:
        if exc.problems and exc.problems[0].code in ("newer_format", "kind"):
            raise
        raise _offer_backup(exc, path) from None
    try:
        return Assessment.from_dict(doc.data, path=path)
    except PostureError as exc:  # schema-valid but semantically wrong (the schema catches most)
        raise ContentError.single(Problem(doc.file, exc.message, code="invalid")) from None


def _check(doc: YamlDoc, checklist: Checklist | None) -> list[Problem]:
    data = doc.data
    if data.get("kind") != "assessment":
        return [_problem(doc, ("kind",), _MSG["kind"], "kind")]
    found = data.get("format_version")
    if isinstance(found, int) and not isinstance(found, bool) and found > FORMAT_VERSION:
        return [_problem(doc, ("format_version",), fmt(_MSG["newer"], found=found, known=FORMAT_VERSION),
                         "newer_format")]
    problems = validate_doc(doc, "assessment")
    if problems or checklist is None:
        return problems
    return check_values(doc, checklist)


def check_values(doc: YamlDoc, checklist: Checklist) -> list[Problem]:
    """Answers to questions the checklist has must use that question's scale (removed questions are drift)."""
    problems = []
    for qid, answer in doc.data.get("answers", {}).items():
        question = checklist.question(str(qid))
        if question is None:
            continue
        scale = checklist.scale_of(question)
        value = answer["value"]
        where = ("answers", qid, "value")
        if value == NA_VALUE:
            if not scale.allow_na:
                problems.append(_problem(doc, where, fmt(_MSG["na_not_allowed"], qid=qid), "na_not_allowed"))
        elif scale.option(value) is None:
            allowed = ", ".join([o.value for o in scale.options] + ([NA_VALUE] if scale.allow_na else []))
            problems.append(_problem(doc, where, fmt(_MSG["bad_value"], value=value, qid=qid, allowed=allowed),
                                     "bad_value"))
    return problems


def dump_assessment(assessment: Assessment) -> bytes:
    text = yaml.dump(assessment.to_dict(), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return text.encode("utf-8")


def _sound(path: Path) -> bool:
    try:
        return load_yaml(path).data.get("kind") == "assessment"
    except ContentError:
        return False


def save_assessment(assessment: Assessment, path: str | Path | None = None) -> Path:
    """Write under the lock: the current file is copied to ``.bak`` first, then replaced atomically."""
    target = Path(path) if path is not None else assessment.path
    if target is None:
        raise ValueError("save_assessment needs a path for an assessment that was never saved")
    with write_lock(target):
        return write_locked(assessment, target)


def write_locked(assessment: Assessment, target: Path) -> Path:
    """The write itself, for callers already holding the lock (read-modify-write)."""
    assessment.updated_at = _now()
    data = dump_assessment(assessment)
    if _sound(target):  # a damaged current file must not replace a good backup
        keep_backup(target)
    atomic_write(target, data)
    assessment.path = target
    return target

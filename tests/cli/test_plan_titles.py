"""People read an action's title, never its id (issue #18): `posture plan`, `compare`, the CSV/XLSX.

The id (``phone-free-floor``) stays where machines or commands read it: the CSV/XLSX "Action id" column (joins,
re-import), JSON, OSCAL, and the one line «id (for --set)» that names what `posture plan --set ID` takes.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from engine_support import DEMO

from posture.content import bundled_library
from posture.plan import action_title

CHECKLIST = bundled_library().checklists["bpo-contact-center"]
ACTION_IDS = set(CHECKLIST.actions)


def posture(*args, workspace, lang):
    env = {"POSTURE_WORKSPACE": str(workspace), "PATH": "/usr/bin:/bin", "POSTURE_LANG": lang}
    return subprocess.run([sys.executable, "-m", "posture", *args], capture_output=True, text=True, env=env,
                          timeout=120)


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    ws = tmp_path_factory.mktemp("ws")
    shutil.copytree(DEMO, ws / "demo")
    return ws


def test_every_action_id_of_the_bundled_checklists_has_a_title_in_both_languages():
    lib = bundled_library()
    for checklist in lib.checklists.values():
        used = {q.action for q in checklist.questions if q.action}
        assert used <= set(checklist.actions), (checklist.id, used - set(checklist.actions))
        for aid in used:
            es, en = checklist.actions[aid]["es"], checklist.actions[aid]["en"]
            assert es and en and es != en and es != aid and en != aid


@pytest.mark.parametrize("lang", ["es", "en"])
def test_plan_shows_titles_and_the_id_only_on_its_set_line(ws, lang):
    r = posture("plan", "demo", workspace=ws, lang=lang)
    assert r.returncode == 0, r.stderr
    id_line = {"es": "       id (para --set): ", "en": "       id (for --set): "}[lang]
    data = json.loads(posture("plan", "demo", "--json", workspace=ws, lang=lang).stdout)
    shown = [i["id"] for i in data["items"] if i["id"] in ACTION_IDS]
    assert len(shown) > 20
    for line in r.stdout.splitlines():
        if line.startswith(id_line):
            assert line[len(id_line):] in {i["id"] for i in data["items"]}
            continue
        assert not any(aid in line for aid in shown), line
    for aid in shown:
        assert f"  {CHECKLIST.actions[aid][lang]}  " in r.stdout  # on its item line, in the reader's language
        assert f"{id_line}{aid}\n" in r.stdout
    other = "en" if lang == "es" else "es"
    assert CHECKLIST.actions["phone-free-floor"][other] not in r.stdout


def test_plan_set_answers_with_the_title(ws):
    r = posture("plan", "demo", "--set", "eliminate-stored-sad", "in-progress", workspace=ws, lang="es")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "Acción Eliminar los datos de autenticación sensibles guardados: en curso."


@pytest.mark.parametrize("lang", ["es", "en"])
def test_compare_lists_actions_by_title(ws, lang):
    if not (ws / "later").exists():
        shutil.copytree(ws / "demo", ws / "later")
        path = ws / "later" / "assessment.yaml"
        text = path.read_text("utf-8")
        assert "  FLR-05:\n    value: 'no'" in text
        path.write_text(text.replace("  FLR-05:\n    value: 'no'", "  FLR-05:\n    value: 'yes'", 1), "utf-8")
    r = posture("compare", "demo", "later", workspace=ws, lang=lang)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    head = {"es": "Acciones cerradas (1):", "en": "Actions closed (1):"}[lang]
    at = lines.index(head)
    assert lines[at + 1] == f"  {CHECKLIST.actions['phone-free-floor'][lang]}"
    assert {"es": "Acciones nuevas (0): —", "en": "New actions (0): —"}[lang] in lines
    assert not any(aid in r.stdout for aid in ACTION_IDS)
    data = json.loads(posture("compare", "demo", "later", "--json", workspace=ws, lang=lang).stdout)
    assert data["actions"]["closed"] == ["phone-free-floor"]  # machines keep the id


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_csv_keeps_the_id_column_and_adds_the_title(ws, lang):
    r = subprocess.run([sys.executable, "-m", "posture", "--lang", lang, "plan", "demo", "--csv"],
                       capture_output=True, env={"POSTURE_WORKSPACE": str(ws), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert r.returncode == 0, r.stderr
    rows = list(csv.reader(io.StringIO(r.stdout.decode("utf-8-sig"))))
    assert rows[0][:2] == {"es": ["Id de acción", "Título"], "en": ["Action id", "Title"]}[lang]
    by_id = {row[0]: row[1] for row in rows[1:]}
    assert by_id["phone-free-floor"] == CHECKLIST.actions["phone-free-floor"][lang]
    assert not any(aid in cell for row in rows[1:] for cell in row[1:] for aid in ACTION_IDS)


def test_the_title_of_each_kind_of_plan_item():
    from posture.findings import Finding

    assert action_title(CHECKLIST, "phone-free-floor")["es"] == "Piso libre de celulares y objetos personales"
    section = next(s for s in CHECKLIST.sections if any(q.id == "GOV-01" for q in s.questions))
    assert action_title(CHECKLIST, "GOV-01") == {lang: f"{section.title[lang]} · GOV-01"
                                                 for lang in ("es", "en")}
    f = Finding("telnet-exposed", "high", "203.0.113.30", 23, "tcp", {"es": "Telnet expuesto", "en": "Telnet exposed"},
                {"es": "", "en": ""}, {"es": "", "en": ""}, "")
    assert action_title(CHECKLIST, "check:telnet-exposed", [f])["es"] == "Telnet expuesto"
    assert action_title(CHECKLIST, "no-such-action") == {"es": "no-such-action", "en": "no-such-action"}


def test_validate_warns_at_an_action_with_no_title(tmp_path):
    src = CHECKLIST.path
    text = Path(src).read_text(encoding="utf-8")
    assert '  phone-free-floor: {es: "' in text
    text = "\n".join(line for line in text.splitlines() if not line.startswith("  phone-free-floor: "))
    (tmp_path / "checklist.yaml").write_text(text + "\n", "utf-8")
    root = DEMO.parents[1]
    r = posture("validate", str(root / "controls"), str(tmp_path / "checklist.yaml"), str(root / "checks"),
                workspace=tmp_path, lang="en")
    assert r.returncode == 0, r.stdout + r.stderr
    out = r.stdout + r.stderr
    warning = next(line for line in out.splitlines() if "phone-free-floor" in line)
    assert warning.startswith(f"warning: {tmp_path / 'checklist.yaml'}:") and "action" in warning
    assert "has no title under 'actions:'" in warning


@pytest.mark.parametrize(("typed", "lang", "said"), [
    ("hecha", "es", "hecha"), ("en-curso", "es", "en curso"), ("Riesgo aceptado", "es", "riesgo aceptado"),
    ("CONTROL_COMPENSATORIO", "es", "control compensatorio"), ("done", "es", "hecha"),
    ("in-progress", "en", "in progress"), ("abierta", "en", "open"),
])
def test_a_status_is_typed_in_either_language(tmp_path, typed, lang, said):
    """`plan --set ID hecha` was refused with the English ids only (newcomer): the status's word in either
    language is taken, case, accents, spaces and dashes aside; the help lists the reader's words."""
    shutil.copytree(DEMO, tmp_path / "demo")
    extra = ["--justification", "j", "--owner", "o", "--expires", "2027-01-01"]
    r = posture("plan", "demo", "--set", "phone-free-floor", typed, *extra, workspace=tmp_path, lang=lang)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().endswith(f": {said}.")


def test_an_unknown_status_lists_the_words_of_the_reader(ws):
    r = posture("plan", "demo", "--set", "phone-free-floor", "cerrada", workspace=ws, lang="es")
    assert (r.returncode, r.stderr.strip()) == (1, "estado de acción desconocido 'cerrada'; use uno de: abierta, "
                                                   "en-curso, hecha, riesgo-aceptado, control-compensatorio")
    help_es = posture("plan", "--help", workspace=ws, lang="es").stdout
    assert "abierta, en-curso," in help_es and "in-progress" not in help_es

"""``posture probe`` end to end: bad targets, --import-nmap --json, --attach contradictions, Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import psutil
import pytest

from posture import cli
from posture.assessment import Answer, load_assessment, save_assessment
from posture.content import bundled_library
from posture.content._schema import schema

NMAP_DATA = Path(__file__).parents[1] / "data" / "nmap"


@pytest.mark.parametrize("target", ["127.0.0.1 -oN /tmp/x", "--script=http-title", "127.0.0.1;id", "-iL"])
def test_injected_target_is_one_line_exit_1(target, capsys):
    # after "--" argparse passes anything through as a target; our validation must stop it
    assert cli.main(["probe", "--authorized-by", "OT-1", "--", "127.0.0.1", target]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("posture probe: TARGET[2]: ") and "Traceback" not in err[0]


def test_option_like_target_without_separator_is_refused_by_the_parser(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["probe", "127.0.0.1", "--script=http-title", "--authorized-by", "OT-1"])
    assert info.value.code == 2 and "--script=http-title" in capsys.readouterr().err


def test_no_authorization_no_scan(capsys):
    assert cli.main(["--lang", "es", "probe", "127.0.0.1"]) == 1
    assert "no se escanea nada sin ella" in capsys.readouterr().err


def test_import_json_validates_against_schema(capsys):
    assert cli.main(["probe", "--import-nmap", str(NMAP_DATA / "lab_sv.xml"), "--authorized-by", "OT-9",
                     "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    jsonschema.validate(data, schema("probe-run"))
    assert data["run"]["authorized_by"] == "OT-9"
    assert {"rdp-exposed", "vnc-exposed", "telnet-exposed", "pbx-ami-exposed"} <= {
        f["check_id"] for f in data["run"]["findings"]}


def test_import_text_output_in_spanish_flags_incomplete(capsys):
    assert cli.main(["--lang", "es", "probe", "--import-nmap", str(NMAP_DATA / "timedout.xml")]) == 3
    out = capsys.readouterr().out
    assert "INCOMPLETO" in out and "Sondeo incompleto" in out and "controles:" in out


def _question_citing(checklist_id: str, check_id: str) -> str:
    checklist = bundled_library().checklists[checklist_id]
    return next(q.id for q in checklist.questions if check_id in q.probe_checks)


def test_attach_feeds_the_assessment_and_flags_contradictions(tmp_path, capsys):
    ws = tmp_path / "ws"
    assert cli.main(["new", "--vendor", "Acme BPO", "--site", "CDMX", "--checklist-id", "quick-screening",
                     "--workspace", str(ws)]) == 0
    path = next(ws.rglob("assessment.yaml"))
    assessment = load_assessment(path)
    qid = _question_citing("quick-screening", "rdp-exposed")
    assessment.answers[qid] = Answer(value="yes", qid=qid)
    save_assessment(assessment, path)
    capsys.readouterr()
    assert cli.main(["probe", "--import-nmap", str(NMAP_DATA / "lab_sv.xml"), "--authorized-by", "OT-9",
                     "--attach", str(path)]) == 0
    out = capsys.readouterr().out
    lines = [ln for ln in out.splitlines() if ln.startswith("CONTRADICTION: ")]
    assert any("Answered “Yes”" in ln and "on 127.0.0.1:3389/tcp" in ln for ln in lines), out
    stored = load_assessment(path)
    assert stored.probe_runs and stored.probe_runs[-1].authorized_by == "OT-9"
    rdp = next(f for f in stored.findings() if f.check_id == "rdp-exposed")
    assert qid in rdp.questions


def test_attach_to_missing_assessment_fails_before_scanning(tmp_path, capsys):
    assert cli.main(["probe", "127.0.0.1", "--authorized-by", "OT-1", "--attach", str(tmp_path / "no.yaml")]) == 1
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


@pytest.mark.nmap
def test_ctrl_c_stops_nmap_and_prints_partial_results(tmp_path):
    wrapper = tmp_path / "bin" / "nmap"
    wrapper.parent.mkdir()
    wrapper.write_text('#!/bin/sh\nexec /usr/bin/nmap --scan-delay 300ms "$@"\n')
    wrapper.chmod(0o755)
    env = {**os.environ, "PATH": f"{wrapper.parent}:/usr/bin:/bin", "POSTURE_LANG": "en"}
    # Ctrl-C as a terminal sends it: the child starts with SIGINT's default action even when this suite runs as a
    # background job (`cmd &` in a script), whose children inherit SIGINT ignored and would never hear it
    proc = subprocess.Popen([sys.executable, "-m", "posture", "probe", "127.0.0.1", "--authorized-by", "OT-1",
                             "--unprivileged"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 20
    children: list[psutil.Process] = []
    while time.monotonic() < deadline and not children:
        time.sleep(0.1)
        children = [c for c in psutil.Process(proc.pid).children(recursive=True) if "nmap" in " ".join(c.cmdline())]
    assert children, "nmap never started"
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=20)
    assert proc.returncode == 130, err
    assert "INCOMPLETE" in out and "interrupted" in out and "Traceback" not in err
    assert "stopping… (what was found is kept)" in err  # said when Ctrl-C is heard, before the partial results
    assert not any(c.is_running() and c.status() != psutil.STATUS_ZOMBIE for c in children)

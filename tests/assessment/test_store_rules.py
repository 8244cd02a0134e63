"""Store rules that no other fixture reaches.

- A scale with ``allow_na: false`` forbids "na": the store refuses the file (naming file, line and field),
  the CLI prints that one line and exits 1, the file stays byte-for-byte as it was.
- A file named ``*.enc`` is read as encrypted whatever its first bytes say: plain YAML under that name is
  refused as a damaged encrypted file, never loaded as if it were plain (a damaged header is no YAML).
"""

from __future__ import annotations

import pytest
from engine_support import DATA, catalogs, load_fixture, make_assessment

from posture.assessment import ENCRYPTED_NAME, FILE_NAME, dump_assessment, load_assessment, load_with_checklist
from posture.cli import main
from posture.content import Library
from posture.errors import ContentError

NO_NA = DATA / "checklist-no-na.yaml"
PASS = "correct horse battery staple"


@pytest.fixture
def no_na():
    return load_fixture(NO_NA)


def _write(tmp_path, checklist, answers, name=FILE_NAME):
    folder = tmp_path / "acme"
    folder.mkdir()
    path = folder / name
    path.write_bytes(dump_assessment(make_assessment(checklist, answers)))
    return path


def test_the_fixture_scale_forbids_na(no_na):
    assert not no_na.scale_of(no_na.question("PAY-01")).allow_na
    assert no_na.scale_of(no_na.question("PAY-02")).allow_na  # the built-in yes-no still allows it


def test_store_refuses_na_on_a_scale_that_forbids_it(tmp_path, no_na):
    path = _write(tmp_path, no_na, {"PAY-01": "na"})
    before = path.read_bytes()
    with pytest.raises(ContentError) as err:
        load_assessment(path, no_na)
    (problem,) = err.value.problems
    assert problem.code == "na_not_allowed"
    assert problem.path == "answers.PAY-01.value" and problem.line is not None
    assert "PAY-01" in problem.message["en"] and "PAY-01" in problem.message["es"]
    assert path.read_bytes() == before


def test_store_accepts_na_where_the_scale_allows_it(tmp_path, no_na):
    path = _write(tmp_path, no_na, {"PAY-01": "yes", "PAY-02": "na"})
    assert load_assessment(path, no_na).answers["PAY-02"].na


def test_the_cli_refuses_it_in_one_line(tmp_path, no_na, capsys):
    path = _write(tmp_path, no_na, {"PAY-01": "na"})
    before = path.read_bytes()
    code = main(["--lang", "en", "score", str(path), "--checklist", str(NO_NA), "--workspace", str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "FILE" not in lines[0] and "acme/assessment.yaml:" in lines[0]
    assert "answers.PAY-01.value" in lines[0] and "does not allow 'not applicable'" in lines[0]
    assert "Traceback" not in err and out == ""
    assert path.read_bytes() == before


def test_opening_by_the_checklist_the_file_names_refuses_it(tmp_path, no_na):
    """What the CLI and the app call: the checklist is found by the id the file records."""
    lib = Library(catalogs=dict(catalogs()), checklists={no_na.id: no_na})
    path = _write(tmp_path, no_na, {"PAY-01": "na"})
    with pytest.raises(ContentError, match="does not allow"):
        load_with_checklist(path, lib)


def test_plain_yaml_named_enc_is_not_read_as_plain(tmp_path):
    checklist = load_fixture()
    path = _write(tmp_path, checklist, {"GOV-01": "yes"}, name=ENCRYPTED_NAME)
    assert "kind: assessment" in path.read_text(encoding="utf-8")  # a sound plain file, only its name says .enc
    with pytest.raises(ContentError) as err:
        load_assessment(path, passphrase=PASS)
    assert err.value.problems[0].code == "encrypted_damaged"
    assert "damaged" in err.value.problems[0].message["en"]


def test_plain_yaml_named_enc_asks_for_a_passphrase_first(tmp_path, monkeypatch):
    monkeypatch.delenv("POSTURE_PASSPHRASE", raising=False)
    path = _write(tmp_path, load_fixture(), {"GOV-01": "yes"}, name=ENCRYPTED_NAME)
    with pytest.raises(ContentError) as err:
        load_assessment(path)
    assert err.value.problems[0].code == "passphrase_needed"

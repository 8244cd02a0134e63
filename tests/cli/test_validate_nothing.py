"""``posture validate`` on a folder with no content file fails and says so: "valid: 0 files" (exit 0) read as a
pass (newcomer)."""

from __future__ import annotations

from posture.cli import main


def test_a_folder_with_no_yaml_is_not_valid_but_said_empty(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("not content", encoding="utf-8")
    assert main(["--lang", "es", "validate", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.strip() == f"{tmp_path}: ningún archivo YAML que validar (.yaml o .yml)"
    (tmp_path / "c.yaml").write_text("kind: recipe\n", encoding="utf-8")  # a file: judged, not "nothing"
    assert main(["--lang", "en", "validate", str(tmp_path)]) == 1
    assert "no YAML file" not in capsys.readouterr().err

"""posture/outputs.py in-process, one rule a test: where a file may be written (``check_output``, the exact
message for each refusal, both languages) and the one atomic writer (temp file beside the target, owner-only,
renamed over it; on an error the old file stays and the temp is gone). The CLI's use of ``check_output`` is
tested in tests/cli/test_output_paths.py (subprocesses); these run inside the mutation bench's store module."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from posture import outputs
from posture.errors import PostureError
from posture.outputs import OWNER_ONLY, atomic_replace, atomic_write, check_output, fsync_dir


def _refused(path, **kw) -> PostureError:
    with pytest.raises(PostureError) as info:
        check_output(path, **kw)
    return info.value


@pytest.mark.parametrize("path", ["", "   "])
def test_an_empty_output_name_is_refused(path):
    exc = _refused(path)
    assert exc.lines("en") == ["give an output file"] and exc.lines("es") == ["indique un archivo de salida"]


def test_a_file_in_an_existing_folder_is_accepted_and_returned_as_a_path(tmp_path):
    assert check_output(str(tmp_path / "r.pdf")) == tmp_path / "r.pdf"
    assert isinstance(check_output(str(tmp_path / "r.pdf")), Path)
    (tmp_path / "r.pdf").write_text("old")  # an existing file is replaced, not refused
    assert check_output(tmp_path / "r.pdf") == tmp_path / "r.pdf"


def test_a_file_in_a_missing_folder_names_the_path_and_the_folder(tmp_path):
    target = tmp_path / "missing" / "r.pdf"
    exc = _refused(target)
    assert exc.lines("en") == [f"cannot write {target}: folder {tmp_path / 'missing'} does not exist"]
    assert exc.lines("es") == [f"no se puede escribir {target}: no existe la carpeta {tmp_path / 'missing'}"]


def test_a_file_inside_a_file_is_refused_as_not_a_folder(tmp_path):
    (tmp_path / "plain").write_text("x")
    target = tmp_path / "plain" / "r.pdf"
    exc = _refused(target)
    assert exc.lines("en") == [f"cannot write {target}: {tmp_path / 'plain'} is not a folder"]
    assert exc.lines("es") == [f"no se puede escribir {target}: {tmp_path / 'plain'} no es una carpeta"]


def test_a_folder_given_as_the_output_file_is_refused(tmp_path):
    exc = _refused(tmp_path)
    assert exc.lines("en") == [f"cannot write {tmp_path}: it is a folder; give a file name"]
    assert exc.lines("es") == [f"no se puede escribir {tmp_path}: es una carpeta; indique un nombre de archivo"]


def test_a_bare_file_name_is_checked_against_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert check_output("r.pdf") == Path("r.pdf")


def _deny_writing_in(monkeypatch, denied: Path) -> list:
    """Root may write in any folder, so the permission is refused by standing in for ``os.access`` (the real
    refusal runs in tests/cli/test_output_paths.py when not root); records every question asked."""
    asked = []
    real = os.access

    def access(path, mode, *a, **kw):
        asked.append((Path(path), mode))
        if Path(path) == denied:
            return False
        return real(path, mode, *a, **kw)

    monkeypatch.setattr(outputs.os, "access", access)
    return asked


def test_a_folder_without_write_permission_is_refused(tmp_path, monkeypatch):
    asked = _deny_writing_in(monkeypatch, tmp_path)
    exc = _refused(tmp_path / "r.pdf")
    assert exc.lines("en") == [f"cannot write {tmp_path / 'r.pdf'}: no write permission in {tmp_path}"]
    assert exc.lines("es") == [f"no se puede escribir {tmp_path / 'r.pdf'}: no tiene permiso de escritura en "
                               f"{tmp_path}"]
    # writing a new entry needs both write and search permission on the folder
    assert asked == [(tmp_path, os.W_OK | os.X_OK)]


def test_an_output_folder_that_exists_is_accepted_if_writable(tmp_path, monkeypatch):
    assert check_output(tmp_path, folder=True) == tmp_path
    asked = _deny_writing_in(monkeypatch, tmp_path)
    exc = _refused(tmp_path, folder=True)
    assert exc.lines("en") == [f"cannot write {tmp_path}: no write permission in {tmp_path}"]
    assert asked == [(tmp_path, os.W_OK | os.X_OK)]


def test_an_output_folder_that_is_a_file_is_refused(tmp_path):
    (tmp_path / "oscal").write_text("x")
    exc = _refused(tmp_path / "oscal", folder=True)
    assert exc.lines("en") == [f"cannot write into {tmp_path / 'oscal'}: it exists and is not a folder"]
    assert exc.lines("es") == [f"no se puede escribir en {tmp_path / 'oscal'}: existe y no es una carpeta"]


def test_a_missing_output_folder_is_checked_against_its_nearest_existing_ancestor(tmp_path, monkeypatch):
    """A folder to create with its parents: the nearest ancestor that exists must be a writable folder; the
    folder itself is not created by the check."""
    target = tmp_path / "a" / "b" / "oscal"
    assert check_output(target, folder=True) == target and not (tmp_path / "a").exists()
    asked = _deny_writing_in(monkeypatch, tmp_path)
    exc = _refused(target, folder=True)
    assert exc.lines("en") == [f"cannot write {target}: no write permission in {tmp_path}"]
    assert asked == [(tmp_path, os.W_OK | os.X_OK)]


def test_a_missing_output_folder_under_a_file_is_refused_naming_the_file(tmp_path):
    (tmp_path / "plain").write_text("x")
    target = tmp_path / "plain" / "sub" / "oscal"
    exc = _refused(target, folder=True)
    assert exc.lines("en") == [f"cannot write {target}: {tmp_path / 'plain'} is not a folder"]


def test_a_relative_missing_output_folder_stops_at_the_current_folder(tmp_path, monkeypatch):
    """The ancestors of a relative path end at ``.`` (whose parent is itself): the walk stops there."""
    monkeypatch.chdir(tmp_path)
    assert check_output("a/b/oscal", folder=True) == Path("a/b/oscal")
    asked = _deny_writing_in(monkeypatch, Path("."))
    exc = _refused("a/b/oscal", folder=True)
    assert exc.lines("en") == ["cannot write a/b/oscal: no write permission in ."]
    assert asked == [(Path("."), os.W_OK | os.X_OK)]


def test_fsync_dir_syncs_the_folder_itself(tmp_path, monkeypatch):
    synced = []
    real = os.fsync

    def fsync(fd):
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        return real(fd)

    monkeypatch.setattr(outputs.os, "fsync", fsync)
    fsync_dir(tmp_path)
    assert synced == [str(tmp_path)]
    with pytest.raises(FileNotFoundError):
        fsync_dir(tmp_path / "missing")


def _watch_fsync(monkeypatch) -> list:
    """What the folder holds, and each fsynced file's mode, at every fsync (the moment before the rename)."""
    seen = []
    real = os.fsync

    def fsync(fd):
        path = Path(os.readlink(f"/proc/self/fd/{fd}"))
        seen.append((path, os.fstat(fd).st_mode & 0o777, sorted(p.name for p in (path if path.is_dir()
                                                                                     else path.parent).iterdir())))
        return real(fd)

    monkeypatch.setattr(outputs.os, "fsync", fsync)
    return seen


def test_atomic_write_writes_a_temp_beside_the_target_then_renames_it_and_syncs_the_folder(tmp_path, monkeypatch):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")
    os.chmod(target, 0o644)
    seen = _watch_fsync(monkeypatch)
    atomic_write(target, b"new bytes")
    (temp, mode, listing), (folder, _, after) = seen
    assert temp.parent == tmp_path and temp.name.startswith(".report.pdf.") and temp.name.endswith(".tmp")
    assert mode == OWNER_ONLY == 0o600 and listing == sorted([temp.name, "report.pdf"])
    assert folder == tmp_path and after == ["report.pdf"]  # the folder is synced after the rename
    assert target.read_bytes() == b"new bytes" and target.stat().st_mode & 0o777 == 0o600


def test_atomic_replace_takes_another_prefix_for_its_temp(tmp_path, monkeypatch):
    seen = _watch_fsync(monkeypatch)
    with atomic_replace(tmp_path / "cache.json", prefix="~") as fh:
        fh.write(b"{}")
    assert seen[0][0].name.startswith("~cache.json.") and seen[0][0].name.endswith(".tmp")
    with atomic_replace(tmp_path / "cache.json", prefix="") as fh:
        fh.write(b"[]")
    assert seen[2][0].name.startswith("cache.json.")
    assert (tmp_path / "cache.json").read_bytes() == b"[]" and sorted(os.listdir(tmp_path)) == ["cache.json"]


def test_an_error_in_the_block_keeps_the_old_file_removes_the_temp_and_is_raised(tmp_path):
    target = tmp_path / "a.yaml"
    target.write_bytes(b"old")
    with pytest.raises(ValueError, match="stop"), atomic_replace(target) as fh:
        fh.write(b"half")
        raise ValueError("stop")
    assert target.read_bytes() == b"old" and os.listdir(tmp_path) == ["a.yaml"]


def test_an_error_after_the_temp_vanished_is_still_the_error_raised(tmp_path):
    """If the temp is already gone when the block fails, removing it is not a second error."""
    target = tmp_path / "a.yaml"
    with pytest.raises(ValueError, match="stop"), atomic_replace(target) as fh:
        for p in tmp_path.glob(".a.yaml.*.tmp"):
            p.unlink()
        fh.write(b"x")
        raise ValueError("stop")
    assert os.listdir(tmp_path) == []


def test_a_missing_folder_is_an_os_error_and_leaves_nothing(tmp_path):
    with pytest.raises(FileNotFoundError):
        atomic_write(tmp_path / "missing" / "a.yaml", b"x")
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("name", ["assessment.yaml", "assessment.yaml.enc", "assessment.yaml.bak",
                                  "assessment.yaml.enc.bak", "assessment.yaml.lock",
                                  "assessment.yaml.pending-run-20260310.json", "assessment.yaml.pending-x.json.enc"])
def test_an_assessment_s_own_file_is_never_an_output(tmp_path, name):
    """A report pointed at ``…/assessment.yaml`` replaced the assessment with a PDF and said it was written
    (newcomer): every file the store keeps is refused, whether it exists or not, and through a symbolic link."""
    target = tmp_path / name
    exc = _refused(target)
    assert exc.lines("en") == [f"cannot write {target}: it is an assessment's own file (the assessment, its backup, "
                               "lock or a pending run); give another name"]
    assert exc.lines("es") == [f"no se puede escribir {target}: es un archivo propio de una evaluación (la "
                               "evaluación, su respaldo, su bloqueo o un sondeo pendiente); indique otro nombre"]
    (tmp_path / "real").mkdir()
    store = tmp_path / "real" / "assessment.yaml"
    store.write_text("vendor: x\n")
    link = tmp_path / "informe.pdf"
    link.symlink_to(store)
    assert outputs.is_store_file(link) and not outputs.is_store_file(tmp_path / "assessment.yaml.pdf")
    _refused(link)
    assert store.read_text() == "vendor: x\n"


def test_every_writer_of_outputs_checks_first(tmp_path):
    """The writers themselves refuse an assessment's file and name a missing folder (not only the commands that
    call check_output early): reports, exports, the OSCAL files and the questionnaire workbook."""
    from posture.report import write_report
    from posture.workbook import _write

    (tmp_path / "a").mkdir()
    store = tmp_path / "a" / "assessment.yaml"
    store.write_text("vendor: x\n")
    with pytest.raises(PostureError) as info:
        write_report(store, "%PDF")
    assert "an assessment's own file" in info.value.lines("en")[0] and store.read_text() == "vendor: x\n"
    with pytest.raises(PostureError) as info:
        _write.write_questionnaire(None, tmp_path / "nope" / "q.xlsx")  # refused before the workbook is built
    assert info.value.lines("en") == [f"cannot write {tmp_path / 'nope' / 'q.xlsx'}: folder {tmp_path / 'nope'} "
                                      "does not exist"]


@pytest.mark.parametrize("blank", ["", "   "])
def test_an_empty_output_is_refused_before_it_becomes_the_current_folder(blank):
    with pytest.raises(PostureError) as info:
        outputs.named(blank)
    assert info.value.lines("es") == ["indique un archivo de salida"]
    assert outputs.named("r.pdf") == "r.pdf"

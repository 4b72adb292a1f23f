"""The gazetteer file appears whole or not at all, however many workers build it
at once, and is built somewhere private when its directory cannot be written."""

from __future__ import annotations

import stat
import tempfile
import threading

import pytest

from shelters import gazetteer


@pytest.fixture
def forget():
    gazetteer._reset()
    yield
    gazetteer._reset()


def test_workers_building_at_once_leave_one_whole_file(tmp_path, settings, forget):
    settings.GAZETTEER_DIR = tmp_path
    errors = []

    def first_use():
        try:
            gazetteer.build(tmp_path / gazetteer.file_name())
        except Exception as error:  # pragma: no cover - the assertion below reports it
            errors.append(error)

    workers = [threading.Thread(target=first_use) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    assert [path.name for path in tmp_path.iterdir()] == [gazetteer.file_name()]
    mode = (tmp_path / gazetteer.file_name()).stat().st_mode
    assert stat.S_IMODE(mode) == 0o644  # readable by workers running as another user
    assert gazetteer.lookup_zip("10001").state == "NY"


def test_an_unwritable_directory_builds_in_a_private_temporary_one(
    tmp_path, settings, monkeypatch, forget
):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    settings.GAZETTEER_DIR = blocker / "var"
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    assert gazetteer.lookup_zip("78701").city == "Austin"
    built = gazetteer.ensure_built()
    assert built.parent.parent == tmp_path / "tmp"
    assert stat.S_IMODE(built.parent.stat().st_mode) == 0o700

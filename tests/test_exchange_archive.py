"""What the course exchange accepts: names and archives that cannot reach outside their folder."""

from __future__ import annotations

import io
import os
import stat
import zipfile
from pathlib import Path

import pytest

from coursekit.exchange.archive import (
    ArchiveError,
    check_archive,
    check_id,
    check_member,
    pack_folder,
    unpack,
)


def zip_of(entries: dict[str, bytes], symlink: str | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, "/etc/passwd")
    return buf.getvalue()


@pytest.mark.parametrize(
    "name", ["../evil", "a/../../evil", "/etc/passwd", "a\\..\\b", "./a", "a//b", "dir/"]
)
def test_unsafe_member_names_are_refused(name, tmp_path):
    data = zip_of({name: b"x"})
    with pytest.raises(ArchiveError):
        check_archive(data, 10_000)
    with pytest.raises(ArchiveError):
        unpack(data, tmp_path / "dest", 10_000)
    assert not (tmp_path / "evil").exists()


def test_empty_names_and_nuls_are_refused():
    for name in ("", "a\x00b"):
        with pytest.raises(ArchiveError):
            check_member(name)


def test_links_and_oversized_archives_are_refused(tmp_path):
    with pytest.raises(ArchiveError, match="plain files"):
        check_archive(zip_of({"a.txt": b"x"}, symlink="link"), 10_000)
    with pytest.raises(ArchiveError, match="too large"):
        check_archive(zip_of({"a": b"0" * 6000, "b": b"0" * 6000}), 10_000)
    with pytest.raises(ArchiveError, match="not a zip"):
        check_archive(b"not a zip", 10_000)
    with pytest.raises(ArchiveError, match="only .html|Only .html"):
        check_archive(zip_of({"x.py": b""}), 10_000, only_suffix=".html")


@pytest.mark.parametrize("value", ["..", "a/b", "../x", "", ".hidden", "a b", "x" * 200, "a\nb"])
def test_unsafe_ids_are_refused(value):
    for kind in ("course", "assignment", "user"):
        with pytest.raises(ArchiveError):
            check_id(value, kind)


def test_ids_people_use_are_accepted():
    assert check_id("01-stance", "assignment") == "01-stance"
    assert check_id("anna.andersson@goteborg.se", "user")


def test_a_folder_round_trips_without_its_links_and_ignored_files(tmp_path):
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    (src / "stance.ipynb").write_text("{}")
    (src / "answers.json").write_text('{"text": "åäö"}')
    (src / "sub" / "data.csv").write_text("a,b")
    (src / "answers.json.lock").write_text("")
    os.symlink("/etc/passwd", src / "passwd")
    data = pack_folder(src, lambda d, names: [n for n in names if n.endswith(".lock")])
    written = unpack(data, tmp_path / "dest", 1_000_000)
    assert sorted(p.relative_to(tmp_path / "dest").as_posix() for p in written) == [
        "answers.json",
        "stance.ipynb",
        "sub/data.csv",
    ]
    assert (tmp_path / "dest" / "answers.json").read_text() == '{"text": "åäö"}'
    assert not Path(tmp_path / "dest" / "passwd").exists()

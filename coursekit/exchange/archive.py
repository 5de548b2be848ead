"""What travels between a learner's server and the course exchange: checked names and zip archives.

Both sides use these checks. The service never unpacks what it stores, and a client never writes
outside the folder it unpacks into, whatever an archive claims.
"""

from __future__ import annotations

import io
import os
import re
import stat
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

# Course and assignment ids become folder names on both sides.
COURSE_OR_ASSIGNMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
# JupyterHub user names (lower-cased by the hub); e-mail style names from the city's directory allowed.
USER = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}")

MAX_MEMBERS = 2000


class ArchiveError(ValueError):
    """An archive or a name that must not be accepted; the message says why, for a person."""


def check_id(value: str, kind: str) -> str:
    pattern = USER if kind == "user" else COURSE_OR_ASSIGNMENT
    if not isinstance(value, str) or not pattern.fullmatch(value) or ".." in value:
        raise ArchiveError(f"Not a valid {kind} name: {value!r}")
    return value


def check_member(name: str) -> PurePosixPath:
    """A relative path with no '..', no absolute start and no empty or dot parts."""
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        raise ArchiveError(f"Unsafe file name in archive: {name!r}")
    if any(part in ("", ".", "..") for part in name.split("/")):
        raise ArchiveError(f"Unsafe file name in archive: {name!r}")
    return PurePosixPath(name)


def check_archive(data: bytes, max_bytes: int, only_suffix: str | None = None) -> list[str]:
    """Validate a zip archive without unpacking it; return its member names."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as e:
        raise ArchiveError("The upload is not a zip archive") from e
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise ArchiveError(f"Too many files ({len(infos)}; at most {MAX_MEMBERS})")
        total = 0
        names = []
        for info in infos:
            check_member(info.filename)
            kind = stat.S_IFMT(info.external_attr >> 16)  # 0 when the zip tool recorded no file type
            if kind and kind != stat.S_IFREG:
                raise ArchiveError(f"Only plain files may be sent: {info.filename!r}")
            if only_suffix and (not info.filename.endswith(only_suffix) or "/" in info.filename):
                raise ArchiveError(f"Only {only_suffix} files may be sent here: {info.filename!r}")
            total += info.file_size
            if total > max_bytes:
                raise ArchiveError(
                    f"The files are too large together (more than {max_bytes // 1_000_000} MB)"
                )
            names.append(info.filename)
        if len(set(names)) != len(names):
            raise ArchiveError("The archive names a file twice")
        return names


def pack(files: Iterable[tuple[str, Path]]) -> bytes:
    """Zip (archive name, file on disk) pairs."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, path in files:
            check_member(name)
            zf.write(path, name)
    return buf.getvalue()


def pack_folder(folder: Path, ignore: Callable[[str, list[str]], Iterable[str]] | None = None) -> bytes:
    """Zip a folder the way shutil.copytree would copy it (same `ignore` callable), symlinks left out."""
    files = []
    for dirpath, dirnames, filenames in os.walk(folder):
        skipped = set(ignore(dirpath, dirnames + filenames)) if ignore else set()
        dirnames[:] = sorted(d for d in dirnames if d not in skipped and not os.path.islink(Path(dirpath, d)))
        for name in sorted(filenames):
            path = Path(dirpath, name)
            if name in skipped or path.is_symlink() or not path.is_file():
                continue
            files.append((path.relative_to(folder).as_posix(), path))
    return pack(files)


def unpack(data: bytes, dest: Path, max_bytes: int, only_missing: bool = False) -> list[Path]:
    """Unpack into dest after the same checks as the service; never writes outside dest."""
    check_archive(data, max_bytes)
    written = []
    dest = dest.resolve()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            target = dest.joinpath(*check_member(info.filename).parts)
            if not target.resolve().is_relative_to(dest):
                raise ArchiveError(f"Unsafe file name in archive: {info.filename!r}")
            if only_missing and target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(info) as src, open(target, "wb") as out:
                out.write(src.read())
            written.append(target)
    return written


def notebooks_in(names: Iterable[str]) -> list[str]:
    """Notebook ids (file stems) at the top of an assignment, as nbgrader names them."""
    return sorted(n[: -len(".ipynb")] for n in names if n.endswith(".ipynb") and "/" not in n)

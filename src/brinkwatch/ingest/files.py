"""Opening dataset files: plain, gzip or zip, refusing what is not text, tolerant of Windows-1252 bytes.

Datasets are published compressed (UCDP's zipped CSV, GDELT's zipped daily files, a
``.gz`` a user made), and exports saved by Excel carry Windows-1252 bytes; an
importer opens every file through :func:`open_text` so that all of them read the same.
"""

from __future__ import annotations

import codecs
import gzip
import io
import zipfile
from pathlib import Path
from typing import IO

from brinkwatch.records import RecordError

_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
}


def label_of(path: Path) -> str:
    """How a file is named in messages: as the user gave it."""
    return str(path)


def open_text(path: Path, expect: str) -> IO[str]:
    """Open a text dataset file, reading gzip and zip archives through; refuse what is not text.

    Datasets are published compressed (UCDP's zipped CSV, GDELT's zipped daily files, a
    ``.gz`` a user made), so an archive is read as the one data file inside it, decided by
    its first bytes rather than its name. A PDF, an image or another binary file is refused
    up front. ``expect`` names the format for the message ("a GDELT event file"). Bytes
    that are not UTF-8 (an export saved by Excel on Windows) are read as Windows-1252
    rather than stopping the import.
    """
    label = label_of(path)
    try:
        with open(path, "rb") as raw:
            head = raw.read(4096)
    except OSError as exc:
        raise RecordError(label, 0, "", f"cannot open: {exc.strerror}") from None
    binary: IO[bytes] | gzip.GzipFile
    if head.startswith(b"\x1f\x8b"):
        binary = gzip.open(path, "rb")  # noqa: SIM115 - handed to the text wrapper, closed with it
        try:
            head = binary.peek(4096)[:4096]
        except (OSError, EOFError) as exc:
            binary.close()
            raise RecordError(label, 0, "", f"a damaged gzip archive ({exc})") from None
    elif head.startswith(b"PK"):
        binary = _zip_member(path, label, expect)
        head = binary.peek(4096)[:4096]  # type: ignore[attr-defined]
    else:
        binary = open(path, "rb")  # noqa: SIM115 - handed to the text wrapper, closed with it
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            binary.close()
            raise RecordError(label, 0, "", f"this is {what}, not {expect}")
    if b"\x00" in head:
        binary.close()
        raise RecordError(label, 0, "", f"this is a binary file, not {expect}")
    return io.TextIOWrapper(binary, encoding="utf-8-sig", errors=_CP1252_FALLBACK, newline="")


_DATA_SUFFIXES = (".csv", ".tsv", ".tab", ".txt", ".json", ".jsonl", ".ndjson")


def _zip_member(path: Path, label: str, expect: str) -> IO[bytes]:
    """The data file inside a zip archive: the only file, else the largest with a data suffix."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise RecordError(label, 0, "", f"a damaged zip archive ({exc})") from None
    members = [
        m for m in archive.infolist() if not m.is_dir() and not m.filename.startswith(("__MACOSX/", "."))
    ]
    data = [m for m in members if m.filename.lower().endswith(_DATA_SUFFIXES)]
    candidates = data if len(members) > 1 else members
    if not candidates and any(m.filename == "xl/workbook.xml" for m in members):
        archive.close()
        raise RecordError(label, 0, "", f"this is an Excel workbook, not {expect}; save the sheet as CSV")
    if not candidates:
        archive.close()
        names = ", ".join(m.filename for m in members[:5]) or "nothing"
        raise RecordError(label, 0, "", f"the zip archive holds no data file ({names}); expected {expect}")
    member = max(candidates, key=lambda m: m.file_size)
    return _ZipMember(archive, member)


class _ZipMember(io.BufferedReader):
    """One member of a zip archive, read buffered; closing it closes the archive too."""

    def __init__(self, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
        super().__init__(archive.open(member))  # type: ignore[arg-type]
        self._archive = archive
        self.member = member.filename

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._archive.close()


def _cp1252(exc: UnicodeError) -> tuple[str, int]:
    """Decode the bytes UTF-8 rejected as Windows-1252 (Latin-1 where cp1252 has a hole)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return bytes(bad).decode("cp1252", errors="replace"), exc.end


_CP1252_FALLBACK = "brinkwatch-cp1252"
codecs.register_error(_CP1252_FALLBACK, _cp1252)

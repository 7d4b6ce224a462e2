"""The files an import reads: found in folders, read as bytes, decoded as text, or refused with a reason."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

KINDS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".xhtml": "html", ".xml": "wxr"}


class ReadError(Exception):
    """Why an input file cannot be imported at all."""


def read_input(path: Path) -> tuple[str, bytes]:
    """The kind of a file (text, html or wxr) and its bytes; unreadable and empty files are refused."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise ReadError("the file is empty")
    return KINDS.get(path.suffix.lower()) or _sniff(data), data


def decode(data: bytes, kind: str) -> str:
    """UTF-8 (or UTF-16 with a byte-order mark, or a saved page's declared charset); binary data is refused."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _normalise(data.decode(encoding, errors="replace"))
    if b"\x00" in data:
        raise ReadError("this is binary data, not text: save the post as text (.txt) or as a web page (.html)")
    try:
        return _normalise(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        declared = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", data[:4096], re.IGNORECASE)
        if kind == "html" and declared:
            try:
                return _normalise(data.decode(declared.group(1).decode("ascii")))
            except (LookupError, UnicodeDecodeError):
                pass
        raise ReadError(
            f"not UTF-8 text (byte {data[exc.start]:#04x} at position {exc.start}): save it as UTF-8 and import again"
        ) from None


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    if sum(1 for ch in text if ch < " " and ch not in "\n\t\f") > max(8, len(text) // 100):
        raise ReadError("this looks like binary data, not text")
    return text.replace("\f", "\n")


def _sniff(data: bytes) -> str:
    head = data[:2048].lstrip(codecs.BOM_UTF8).lstrip().lower()
    if head.startswith(b"<?xml") and b"<rss" in data[:8192].lower():
        return "wxr"
    return "html" if head.startswith((b"<!doctype html", b"<html")) else "text"


def collect(inputs: list[Path]) -> list[tuple[Path, str]]:
    """Files to import, in a stable order; folders are searched (not their hidden or '*_files' parts)."""
    found: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    for item in inputs:
        if item.is_dir():
            files = [
                p
                for p in sorted(item.rglob("*"))
                if p.is_file()
                and p.suffix.lower() in KINDS
                and not any(part.startswith(".") or part.endswith("_files") for part in p.relative_to(item).parts)
            ]
        elif item.is_file():
            files = [item]
        else:
            found.append((item, "no such file or folder"))
            continue
        for path in files:
            if path.resolve() not in seen:
                seen.add(path.resolve())
                found.append((path, ""))
    return found

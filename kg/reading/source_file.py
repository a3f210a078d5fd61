"""Load a file's bytes as text, or say in one line why it cannot be an article."""
import codecs
from pathlib import Path

from ..limits import DEFAULT, MB
from .errors import ReadError

_TEXT_CONTROLS = {9, 10, 12, 13}  # tab, newline, form feed, carriage return
_NOT_BINARY_CONTROLS = bytes(b for b in range(256) if b >= 32 or b in _TEXT_CONTROLS)


_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def read_bytes(path: Path, max_bytes: int = DEFAULT.max_file_bytes) -> bytes:
    if not path.exists():
        raise ReadError(path, "no such file")
    if path.is_dir():
        raise ReadError(path, "is a folder, not a file")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ReadError(path, f"file is {_megabytes(size)}, more than the limit of {_megabytes(max_bytes)} "
                                  "(raise it with --max-file-size)")
        with path.open("rb") as source:   # a file may grow after stat: read no more than the limit
            data = source.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise ReadError(path, f"file is larger than the limit of {_megabytes(max_bytes)} "
                                  "(raise it with --max-file-size)")
    except PermissionError:
        raise ReadError(path, "cannot read the file (permission denied)") from None
    except OSError as err:
        raise ReadError(path, f"cannot read the file ({err.strerror or err})") from None
    if not data.strip():
        raise ReadError(path, "file is empty")
    if data.startswith(_UTF16_BOMS):
        return data
    if looks_binary(data):
        raise ReadError(path, "binary file, not an article")
    return data


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control bytes in the first few KB: not text."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = len(head.translate(None, delete=_NOT_BINARY_CONTROLS))
    return controls > len(head) * 0.05


def _megabytes(size: int) -> str:
    return f"{size / MB:.1f} MB" if size >= MB // 10 else f"{size} bytes"


def decode_utf8(path: Path, data: bytes) -> str:
    """UTF-8 (with or without a byte-order mark), or UTF-16 with its byte-order mark."""
    try:
        text = data.decode("utf-16") if data.startswith(_UTF16_BOMS) else data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        if data.startswith(_UTF16_BOMS):
            raise ReadError(path, "not UTF-16 text (it starts with a UTF-16 byte-order mark)") from None
        bad = data[err.start]
        raise ReadError(path, f"not UTF-8 text (invalid byte 0x{bad:02x} at offset {err.start})") from None
    if not text.strip():
        raise ReadError(path, "file is empty")
    if data.startswith(_UTF16_BOMS) and looks_binary(text.encode("utf-8")):
        raise ReadError(path, "binary file, not an article")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path) -> str:
    return decode_utf8(path, read_bytes(path))

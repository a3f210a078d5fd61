"""Load a file's bytes as text, or say in one line why it cannot be an article."""
from pathlib import Path

from .errors import ReadError

_TEXT_CONTROLS = {9, 10, 12, 13}  # tab, newline, form feed, carriage return
_NOT_BINARY_CONTROLS = bytes(b for b in range(256) if b >= 32 or b in _TEXT_CONTROLS)


def read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise ReadError(path, "no such file")
    if path.is_dir():
        raise ReadError(path, "is a folder, not a file")
    try:
        data = path.read_bytes()
    except PermissionError:
        raise ReadError(path, "cannot read the file (permission denied)") from None
    except OSError as err:
        raise ReadError(path, f"cannot read the file ({err.strerror or err})") from None
    if not data.strip():
        raise ReadError(path, "file is empty")
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


def decode_utf8(path: Path, data: bytes) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        bad = data[err.start]
        raise ReadError(path, f"not UTF-8 text (invalid byte 0x{bad:02x} at offset {err.start})") from None
    if not text.strip():
        raise ReadError(path, "file is empty")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path) -> str:
    return decode_utf8(path, read_bytes(path))

"""Reading what duban is given: regular files only, within a size limit, zip containers measured before unpacking.

A FIFO or a device named like a task file or a report would make a read wait forever or never end, so only regular
files are read: opened without waiting, and checked with fstat before the first byte. Every input is read whole
into memory, so its size is limited: `$DUBAN_MAX_INPUT_MB` megabytes (default 32) for a file, and for the unpacked
parts of a .docx, .xlsx or .ods together, measured before anything is unpacked (a 1 MB zip can unpack to a GiB).
"""

from __future__ import annotations

import os
import stat

from duban.errors import BrokenFile, UsageError

LIMIT_ENV = "DUBAN_MAX_INPUT_MB"
DEFAULT_LIMIT_MB = 32
MB = 1024 * 1024
MAX_ZIP_PARTS = 10_000  # a .docx has a few dozen; a zip's directory of millions would fill memory by itself
_CHUNK = MB


def input_limit(environ=None) -> int:
    """The largest input in bytes: $DUBAN_MAX_INPUT_MB, else the default."""
    raw = (os.environ if environ is None else environ).get(LIMIT_ENV, "").strip()
    if not raw:
        return DEFAULT_LIMIT_MB * MB
    try:
        megabytes = float(raw)
    except ValueError:
        megabytes = 0
    if not 0 < megabytes < 1e9:
        raise UsageError("bad_input_limit", name=LIMIT_ENV, value=raw)
    return int(megabytes * MB)


def read_bytes(path, follow_links: bool = True, opened: list | None = None) -> bytes:
    """The bytes of a regular file within the limit; BrokenFile (exit 3, naming the file) for a FIFO, a device, a
    folder or a file over the limit; OSError when it cannot be opened, as `Path.read_bytes` raises it, and also,
    unless `follow_links`, when it is a symlink. `opened`, a list, gets the file's fstat once it is open and before
    anything is read (what the listing index keys a file by, without a stat of its own)."""
    return _read_regular(path, input_limit(), follow_links=follow_links, opened=opened)


# Whether a file can be opened on the condition that it is no symlink (not on Windows).
CAN_REFUSE_LINKS = hasattr(os, "O_NOFOLLOW")


def read_own_bytes(path) -> bytes:
    """The bytes of a file duban wrote for itself (the listing index), whatever its size: the index grows with the
    ledger (57 MB at 100,000 tasks), and the limit is on what duban is given, not on its own cache (read through
    it, an index over 32 MB was refused on every run and every file parsed again). Still a regular file only, and
    a symlink put in its place is not followed (OSError)."""
    return _read_regular(path, None, follow_links=False)


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
_NO_LINK_FLAGS = _READ_FLAGS | getattr(os, "O_NOFOLLOW", 0)


def _read_regular(path, limit: int | None, follow_links: bool, opened: list | None = None) -> bytes:
    fd = os.open(path, _READ_FLAGS if follow_links else _NO_LINK_FLAGS)
    try:
        info = os.fstat(fd)
        if opened is not None:
            opened.append(info)
        if not stat.S_ISREG(info.st_mode):
            raise not_regular(path, info.st_mode)
        if limit is not None and info.st_size > limit:
            raise too_large(path, info.st_size, limit)
        chunks, size = [], 0
        # The first read asks for the size fstat gave and a byte more (os.read allocates what it is asked for:
        # a megabyte for each of thousands of small task files cost a third of their reading); a file that grew
        # since is read on in chunks.
        want = info.st_size + 1
        while chunk := os.read(fd, want if limit is None else min(want, limit + 1 - size) or 1):
            want = _CHUNK
            chunks.append(chunk)
            size += len(chunk)
            if limit is not None and size > limit:  # it grew while being read
                raise too_large(path, size, limit)
        return b"".join(chunks)
    finally:
        os.close(fd)


def too_large(path, size: int, limit: int, part: str = "") -> BrokenFile:
    said = dict(size=_megabytes(size), limit=_megabytes(limit), env=LIMIT_ENV)
    if part:
        return BrokenFile(path, "input_too_large_unpacked", part=part, **said)
    return BrokenFile(path, "input_too_large", **said)


def check_zip(data: bytes, path) -> None:
    """Refuse a zip container (.docx, .xlsx, .ods) whose parts unpack to more than the limit together, before any
    reader unpacks it. The sizes its directory declares are summed first; then each part is unpacked in chunks
    that are thrown away, so a part that unpacks to more than it declares fails here as a damaged file, with memory
    bounded by the chunk. Bytes that are not a zip are left to the reader, which says what they are."""
    import io
    import zipfile

    if _zip_parts(data) > MAX_ZIP_PARTS:
        raise BrokenFile(path, "zip_too_many_parts", limit=MAX_ZIP_PARTS)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return
    limit = input_limit()
    parts = archive.infolist()
    if sum(part.file_size for part in parts) > limit:
        biggest = max(parts, key=lambda part: part.file_size)
        raise too_large(path, sum(part.file_size for part in parts), limit, biggest.filename)
    for part in parts:
        try:
            with archive.open(part) as stream:
                while stream.read(_CHUNK):
                    pass
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError, OSError, EOFError) as error:
            raise BrokenFile(path, "zip_damaged", part=part.filename, error=type(error).__name__) from None


def _zip_parts(data: bytes) -> int:
    """How many parts a zip's end record says it has (0 when there is none): read before zipfile parses the
    directory. ZIP64's "more than 65535" counts as too many, as no office file needs it."""
    import struct  # here, not at the top: only office files are zips

    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + 22 > len(data):
        return 0
    total = struct.unpack_from("<H", data, end + 10)[0]
    return MAX_ZIP_PARTS + 1 if total == 0xFFFF else total


def not_regular(path, mode: int) -> BrokenFile:
    if stat.S_ISFIFO(mode):
        return BrokenFile(path, "not_regular_fifo")
    if stat.S_ISDIR(mode):
        return BrokenFile(path, "not_regular_folder")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return BrokenFile(path, "not_regular_device")
    return BrokenFile(path, "not_regular_other")


def name_text(path) -> str:
    """A file's name as text, as a plan records it and messages say it: a name in another encoding than UTF-8 (a
    GBK name from a Windows zip, which Python keeps as lone surrogates) is read as GB18030 when it is that, else
    with U+FFFD for its bad bytes."""
    name = os.path.basename(os.fspath(path))
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        raw = os.fsencode(name)
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "replace")


def _megabytes(size: int) -> str:
    """1.2, 1024.5, 32; and 0.013 for a limit set that low."""
    value = size / MB
    return f"{value:.1f}".removesuffix(".0") if value >= 1 else f"{value:.2g}"

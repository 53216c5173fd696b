"""Read files out of untrusted archives and folders with hard caps.

Zip bombs, path traversal, links and archives with absurd file counts are refused with a
one-line `BadInput` naming the file. Members are read in chunks up to the cap, so a
lying size header cannot make us allocate more than the limit; a compressed tar is
decompressed through a counter that stops at the cap, so a tar bomb is refused while it
streams. Only regular files are opened: a device (`/dev/zero`), FIFO or socket would
never end or never answer.
"""

from __future__ import annotations

import bz2
import gzip
import io
import logging
import lzma
import os
import stat
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from persona.errors import BadInput, NotFound

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class ArchiveLimits:
    """Caps applied to every archive or folder a profile is read from."""

    max_files: int = 5000
    max_member_bytes: int = 64 * 1024 * 1024
    max_total_bytes: int = 256 * 1024 * 1024
    max_ratio: float = 200.0  # decompressed / compressed, per member (zip) or whole tar
    min_stream_bytes: int = 16 * 1024 * 1024  # a small tar may still expand this far
    max_depth: int = 32  # folder nesting
    max_archive_bytes: int = 4 * 1024 * 1024 * 1024  # the archive file itself


DEFAULT_LIMITS = ArchiveLimits()


def check_regular_file(path: Path, *, max_bytes: int, what: str = "file") -> int:
    """The size of `path` once it is a regular file (links followed) no larger than
    `max_bytes`; a device, FIFO, socket or huge file is `BadInput`. Nothing is opened."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise NotFound(f"{path}: no such file or folder") from None
    if not stat.S_ISREG(info.st_mode):
        kind = (
            "a FIFO"
            if stat.S_ISFIFO(info.st_mode)
            else "a device"
            if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
            else "a socket"
            if stat.S_ISSOCK(info.st_mode)
            else "not a file"
        )
        raise BadInput(f"{path}: not a regular file ({kind}): give a profile file or folder")
    if info.st_size > max_bytes:
        raise BadInput(
            f"{path}: {what} is too large ({_size(info.st_size)}; the limit is {_size(max_bytes)})"
        )
    return info.st_size


def read_capped(path: Path, *, max_bytes: int, what: str = "file") -> bytes:
    """The bytes of a regular file, refusing it when it is (or grows) past `max_bytes`."""
    check_regular_file(path, max_bytes=max_bytes, what=what)
    with open(path, "rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise BadInput(f"{path}: {what} is too large (the limit is {_size(max_bytes)})")
    return data


def _size(n: int) -> str:
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


def _safe_name(name: str, origin: str) -> str:
    """Normalise a member name; refuse absolute paths and `..` components."""
    clean = name.replace("\\", "/")
    path = PurePosixPath(clean)
    if clean.startswith("/") or (len(clean) > 1 and clean[1] == ":") or ".." in path.parts:
        raise BadInput(f"{origin}: refusing unsafe path {name!r} in archive (path traversal)")
    return str(path).lstrip("./") if str(path) != "." else ""


class ArchiveFiles:
    """Names and bytes of the files in a folder, zip or tar, with limits enforced.

    `find(suffix)` locates a member by its trailing path (archives often add a top folder).
    """

    def __init__(self, origin: str, limits: ArchiveLimits = DEFAULT_LIMITS) -> None:
        self.origin = origin
        self.limits = limits
        self._read_total = 0

    def names(self) -> list[str]:
        raise NotImplementedError

    def _open(self, name: str):  # -> binary file object
        raise NotImplementedError

    def _compressed_size(self, name: str) -> int | None:
        return None

    def find(self, suffix: str) -> str | None:
        """The member whose path equals or ends with `/suffix` (shortest such path)."""
        suffix = suffix.lower()
        hits = [n for n in self.names() if n.lower() == suffix or n.lower().endswith("/" + suffix)]
        return min(hits, key=len) if hits else None

    def find_all(self, predicate) -> list[str]:
        return sorted(n for n in self.names() if predicate(n))

    def read(self, name: str) -> bytes:
        """Read one member, stopping at the per-member, total and ratio caps."""
        lim = self.limits
        cap = lim.max_member_bytes
        packed = self._compressed_size(name)
        if packed is not None:
            cap = min(cap, max(int(packed * lim.max_ratio), 1024 * 1024))
        chunks: list[bytes] = []
        size = 0
        with self._open(name) as fh:
            while True:
                chunk = fh.read(1 << 16)
                if not chunk:
                    break
                size += len(chunk)
                self._read_total += len(chunk)
                if size > cap:
                    raise BadInput(
                        f"{self.origin}: {name} decompresses past the size limit (zip bomb?)"
                    )
                if self._read_total > lim.max_total_bytes:
                    raise BadInput(f"{self.origin}: archive decompresses past the total size limit")
                chunks.append(chunk)
        return b"".join(chunks)

    def read_text(self, name: str) -> str:
        data = self.read(name)
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise BadInput(f"{self.origin}: {name} is not UTF-8 text") from None

    def close(self) -> None:
        pass

    def __enter__(self) -> ArchiveFiles:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class FolderFiles(ArchiveFiles):
    def __init__(self, root: Path, limits: ArchiveLimits = DEFAULT_LIMITS) -> None:
        super().__init__(str(root), limits)
        self.root = root.resolve()
        names: list[str] = []
        for dirpath, dirs, filenames in os.walk(self.root, followlinks=False):
            if dirs and len(Path(dirpath).relative_to(self.root).parts) >= limits.max_depth:
                raise BadInput(
                    f"{root}: folders nest deeper than {limits.max_depth} levels; "
                    "give the export's top folder as it was downloaded"
                )
            for fn in filenames:
                full = Path(dirpath) / fn
                if full.is_symlink():
                    continue  # links could point anywhere; never follow them
                names.append(full.relative_to(self.root).as_posix())
                if len(names) > limits.max_files:
                    raise BadInput(f"{root}: folder has more than {limits.max_files} files")
        self._names = names

    def names(self) -> list[str]:
        return self._names

    def _open(self, name: str):
        full = (self.root / _safe_name(name, self.origin)).resolve()
        if self.root not in full.parents:
            raise BadInput(f"{self.origin}: refusing path {name!r} outside the folder")
        return open(full, "rb")


class ZipFiles(ArchiveFiles):
    def __init__(self, path: Path, limits: ArchiveLimits = DEFAULT_LIMITS) -> None:
        super().__init__(str(path), limits)
        try:
            self._zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise BadInput(f"{path}: not a readable zip archive ({exc})") from None
        infos = [i for i in self._zip.infolist() if not i.is_dir()]
        if len(infos) > limits.max_files:
            self._zip.close()
            raise BadInput(f"{path}: archive has {len(infos)} files, more than {limits.max_files}")
        declared = 0
        self._infos: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            name = _safe_name(info.filename, str(path))
            # Unix symlinks stored in a zip: mode bits in the high word of external_attr.
            if (info.external_attr >> 16) & 0o170000 == 0o120000:
                raise BadInput(f"{path}: refusing symbolic link {info.filename!r} in archive")
            declared += info.file_size
            self._infos[name] = info
        if declared > limits.max_total_bytes:
            self._zip.close()
            raise BadInput(f"{path}: archive declares {declared} bytes uncompressed (zip bomb?)")

    def names(self) -> list[str]:
        return list(self._infos)

    def _compressed_size(self, name: str) -> int | None:
        return self._infos[name].compress_size

    def _open(self, name: str):
        try:
            return self._zip.open(self._infos[name])
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError) as exc:
            raise BadInput(f"{self.origin}: cannot read {name} ({exc})") from None

    def read(self, name: str) -> bytes:
        try:
            return super().read(name)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise BadInput(f"{self.origin}: {name} is corrupt ({exc})") from None

    def close(self) -> None:
        self._zip.close()


class _CappedStream(io.RawIOBase):
    """A decompressed stream that refuses to go past `cap` bytes from its start.

    tarfile skips from header to header by seeking, which decompresses everything in
    between; checking the target before each seek or read stops a bomb at the cap."""

    def __init__(self, inner: io.BufferedIOBase, *, cap: int, origin: str) -> None:
        super().__init__()
        self._inner = inner
        self._cap = cap
        self._origin = origin

    def _refuse(self) -> BadInput:
        return BadInput(
            f"{self._origin}: the archive decompresses to more than {_size(self._cap)} "
            "(a tar bomb?): refusing it"
        )

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._inner.tell()

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_CUR:
            offset += self._inner.tell()
        elif whence != io.SEEK_SET:
            raise self._refuse()  # the end is only known by decompressing everything
        if offset > self._cap:
            raise self._refuse()
        return self._inner.seek(offset)

    def read(self, size: int = -1) -> bytes:
        room = self._cap - self._inner.tell()
        if size is None or size < 0 or size > room:
            size = room + 1  # one byte past the cap tells a bomb from an exact fit
        data = self._inner.read(size)
        if self._inner.tell() > self._cap:
            raise self._refuse()
        return data

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._inner.close()
        super().close()


def _open_decompressed(path: Path, limits: ArchiveLimits) -> _CappedStream:
    """The tar inside `path`, by its magic bytes (not its name), capped by the limits."""
    with open(path, "rb") as fh:
        magic = fh.read(6)
    packed = path.stat().st_size
    cap = min(limits.max_total_bytes, max(int(packed * limits.max_ratio), limits.min_stream_bytes))
    if magic.startswith(b"\x1f\x8b"):
        inner = gzip.open(path, "rb")
    elif magic.startswith(b"BZh"):
        inner = bz2.open(path, "rb")
    elif magic.startswith(b"\xfd7zXZ\x00"):
        inner = lzma.open(path, "rb")
    else:
        inner = open(path, "rb")  # noqa: SIM115 - closed with the stream
        cap = max(cap, packed)  # an uncompressed tar is only as big as the file
    return _CappedStream(inner, cap=cap, origin=str(path))


class TarFiles(ArchiveFiles):
    def __init__(self, path: Path, limits: ArchiveLimits = DEFAULT_LIMITS) -> None:
        super().__init__(str(path), limits)
        self._stream: _CappedStream | None = None
        try:
            self._stream = _open_decompressed(path, limits)
            self._tar = tarfile.open(fileobj=self._stream, mode="r:")
            members: dict[str, tarfile.TarInfo] = {}
            for count, info in enumerate(self._tar, start=1):
                if count > limits.max_files:
                    raise BadInput(f"{path}: archive has more than {limits.max_files} files")
                name = _safe_name(info.name, str(path))
                if info.issym() or info.islnk():
                    raise BadInput(f"{path}: refusing link {info.name!r} in archive")
                if info.isfile():
                    members[name] = info
        except (tarfile.TarError, OSError, EOFError, lzma.LZMAError, BadInput) as exc:
            if self._stream is not None:
                self._stream.close()
            if isinstance(exc, BadInput):
                raise
            reason = str(exc).splitlines()[0] if str(exc) else "corrupt or truncated"
            raise BadInput(f"{path}: not a readable tar archive ({reason})") from None
        self._members = members

    def names(self) -> list[str]:
        return list(self._members)

    def _open(self, name: str):
        fh = self._tar.extractfile(self._members[name])
        if fh is None:
            raise BadInput(f"{self.origin}: cannot read {name}")
        return fh

    def read(self, name: str) -> bytes:
        try:
            return super().read(name)
        except (tarfile.TarError, OSError, EOFError, lzma.LZMAError) as exc:
            raise BadInput(f"{self.origin}: {name} is corrupt ({exc})") from None

    def close(self) -> None:
        self._tar.close()
        if self._stream is not None:
            self._stream.close()


def is_tar_name(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith((".tar.gz", ".tgz", ".tar", ".tar.bz2", ".tar.xz"))


def open_files(path: Path, limits: ArchiveLimits = DEFAULT_LIMITS) -> ArchiveFiles:
    """Open a folder, zip or tar as `ArchiveFiles`; anything else is `BadInput`."""
    if not path.exists():
        raise NotFound(f"{path}: no such file or folder")
    if path.is_dir():
        return FolderFiles(path, limits)
    check_regular_file(path, max_bytes=limits.max_archive_bytes, what="archive")
    if zipfile.is_zipfile(path):
        return ZipFiles(path, limits)
    if path.suffix.lower() == ".zip":
        raise BadInput(f"{path}: not a readable zip archive (corrupt or truncated)")
    if is_tar_name(path):
        return TarFiles(path, limits)
    raise BadInput(f"{path}: expected a folder, .zip or .tar.gz archive")

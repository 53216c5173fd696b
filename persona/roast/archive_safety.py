"""Read files out of untrusted archives and folders with hard caps.

Zip bombs, path traversal, links and archives with absurd file counts are refused with a
one-line `BadInput` naming the file. Members are read in chunks up to the cap, so a
lying size header cannot make us allocate more than the limit.
"""

from __future__ import annotations

import logging
import os
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
    max_ratio: float = 200.0  # decompressed / compressed, per member


DEFAULT_LIMITS = ArchiveLimits()


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
        for dirpath, _dirs, filenames in os.walk(self.root, followlinks=False):
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


class TarFiles(ArchiveFiles):
    def __init__(self, path: Path, limits: ArchiveLimits = DEFAULT_LIMITS) -> None:
        super().__init__(str(path), limits)
        try:
            self._tar = tarfile.open(path, "r:*")
            members: dict[str, tarfile.TarInfo] = {}
            for count, info in enumerate(self._tar, start=1):
                if count > limits.max_files:
                    raise BadInput(f"{path}: archive has more than {limits.max_files} files")
                name = _safe_name(info.name, str(path))
                if info.issym() or info.islnk():
                    raise BadInput(f"{path}: refusing link {info.name!r} in archive")
                if info.isfile():
                    members[name] = info
        except (tarfile.TarError, OSError, EOFError) as exc:
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
        except (tarfile.TarError, OSError, EOFError) as exc:
            raise BadInput(f"{self.origin}: {name} is corrupt ({exc})") from None

    def close(self) -> None:
        self._tar.close()


def is_tar_name(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith((".tar.gz", ".tgz", ".tar", ".tar.bz2", ".tar.xz"))


def open_files(path: Path, limits: ArchiveLimits = DEFAULT_LIMITS) -> ArchiveFiles:
    """Open a folder, zip or tar as `ArchiveFiles`; anything else is `BadInput`."""
    if not path.exists():
        raise NotFound(f"{path}: no such file or folder")
    if path.is_dir():
        return FolderFiles(path, limits)
    if zipfile.is_zipfile(path):
        return ZipFiles(path, limits)
    if path.suffix.lower() == ".zip":
        raise BadInput(f"{path}: not a readable zip archive (corrupt or truncated)")
    if is_tar_name(path):
        return TarFiles(path, limits)
    raise BadInput(f"{path}: expected a folder, .zip or .tar.gz archive")

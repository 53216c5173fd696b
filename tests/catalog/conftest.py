"""Fixtures for catalog tests: a temporary catalog/store and fake carrier packages."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest


def write_catalog(directory: Path, body: str) -> Path:
    """A catalog.toml with the real defaults plus `body`, in `directory`."""
    real = (Path(__file__).resolve().parents[2] / "models" / "catalog.toml").read_text()
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "catalog.toml").write_text(real + "\n" + body)
    return directory


@pytest.fixture
def use_catalog(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """`use_catalog(toml_body)`: a temporary catalog (real one + body) and models store."""

    def use(body: str) -> Path:
        write_catalog(tmp_path / "catalog", body)
        store = tmp_path / "store"
        monkeypatch.setenv("PERSONA_CATALOG_DIR", str(tmp_path / "catalog"))
        monkeypatch.setenv("PERSONA_MODELS_DIR", str(store))
        return store

    return use


@pytest.fixture
def make_carriers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """`make_carriers({"pkg/data/part01.bin": bytes})`: installed-looking carrier packages."""
    root = tmp_path / "site"

    def make(chunks: dict[str, bytes]) -> Path:
        for relative, data in chunks.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            (root / relative.split("/")[0] / "__init__.py").touch()
            path.write_bytes(data)
        monkeypatch.syspath_prepend(str(root))
        importlib.invalidate_caches()
        return root

    return make

"""The "turn" kind: end-of-turn models, carried by a PyPI wheel like the other models."""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
from pathlib import Path

import pytest

from persona import catalog
from persona.catalog.checksums import sha256_file
from persona.catalog.entries import KINDS
from persona.errors import BadInput, NotFound

REPO = Path(__file__).resolve().parents[2]


def test_smart_turn_is_the_default_turn_model_and_verifies():
    assert "turn" in KINDS
    assert catalog.default_name("turn") == "smart-turn-v3.2"
    entry = catalog.get_entry("smart-turn-v3.2")
    assert (entry.kind, entry.format, entry.licence) == ("turn", "onnx", "BSD-2-Clause")
    path = catalog.resolve(None, "turn")
    assert path.is_file() and path.name == "smart-turn-v3.2-cpu.onnx"
    assert path.stat().st_size == entry.size_bytes
    assert sha256_file(path) == entry.sha256
    # Carried by a pinned pipecat-ai wheel, installed without its dependencies.
    source = entry.sources[0]
    assert (source.type, source.package) == ("pypi", "pipecat-ai==1.14.0")
    assert importlib.metadata.version("pipecat-ai") == "1.14.0"
    with pytest.raises(BadInput, match="is a turn model, not tts"):
        catalog.resolve("smart-turn-v3.2", "tts")


def test_pull_cli_finds_the_installed_carrier():
    result = subprocess.run(
        [sys.executable, "-m", "persona", "models", "pull", "smart-turn-v3.2", "--quiet"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(catalog.resolve("smart-turn-v3.2", "turn"))


def test_a_pypi_carrier_of_kind_turn_resolves_to_its_onnx_file(use_catalog, make_carriers):
    make_carriers({"fake_turn_carrier/data/turn.onnx": b"onnx bytes"})
    use_catalog(
        """
[models.fake-turn]
kind = "turn"
format = "onnx"
files = ["turn.onnx"]
sources = [{ type = "pypi", package = "fake-turn-carrier", dir = "fake_turn_carrier/data" }]
"""
    )
    path = catalog.pull("fake-turn", progress=False)  # installed: nothing to fetch
    assert path.name == "turn.onnx" and path.read_bytes() == b"onnx bytes"
    assert catalog.resolve("fake-turn", "turn") == path
    rows = {r.name: r for r in catalog.list_models()}
    assert rows["fake-turn"].kind == "turn" and rows["fake-turn"].installed


def test_a_catalog_without_a_turn_default_still_lists(tmp_path, monkeypatch):
    real = (REPO / "models" / "catalog.toml").read_text()
    lines = [ln for ln in real.splitlines() if not ln.startswith("turn = ")]
    (tmp_path / "catalog.toml").write_text("\n".join(lines))
    monkeypatch.setenv("PERSONA_CATALOG_DIR", str(tmp_path))
    with pytest.raises(NotFound, match="no default turn model"):
        catalog.default_name("turn")
    rows = {r.name: r for r in catalog.list_models()}
    assert not rows["smart-turn-v3.2"].default and rows["piper-joe-medium"].default

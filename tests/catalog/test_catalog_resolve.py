"""resolve / default_name / list_models against the real installed default models."""

from __future__ import annotations

from pathlib import Path

import pytest

from persona import catalog
from persona.catalog.checksums import sha256_file
from persona.errors import BadInput, ModelError, NotFound


def test_defaults_resolve_to_real_installed_files():
    llm = catalog.resolve(None, "llm")
    stt = catalog.resolve(None, "stt")
    tts = catalog.resolve(None, "tts")
    assert llm.is_file() and llm.suffix == ".gguf"
    assert llm.read_bytes()[:4] == b"GGUF"
    assert stt.is_dir() and (stt / "model.bin").is_file() and (stt / "config.json").is_file()
    assert tts.is_file() and tts.suffix == ".onnx"
    assert Path(f"{tts}.json").is_file()
    assert catalog.resolve("smollm2-135m", "llm") == llm
    assert [catalog.default_name(k) for k in ("llm", "stt", "tts")] == [
        "smollm2-135m",
        "whisper-tiny.en",
        "piper-joe-medium",
    ]


@pytest.mark.parametrize("kind", ["llm", "stt", "tts", "turn"])
def test_catalog_sha256_matches_the_installed_default_file(kind):
    entry = catalog.get_entry(catalog.default_name(kind))
    path = catalog.resolve(None, kind)
    main = path / entry.main_file if path.is_dir() else path
    assert main.stat().st_size == entry.size_bytes
    assert sha256_file(main) == entry.sha256


def test_list_models_marks_defaults_installed():
    rows = {r.name: r for r in catalog.list_models()}
    for kind in ("llm", "stt", "tts", "turn"):
        row = rows[catalog.default_name(kind)]
        assert row.installed and row.default and row.path == catalog.resolve(None, kind)
    assert {"qwen2.5-coder-0.5b", "whisper-small.en", "piper-lessac-low"} <= set(rows)


def test_every_catalog_entry_has_a_pullable_source():
    for entry in catalog.load_catalog().models.values():
        assert entry.sources, entry.name
        assert entry.sources[0].type in ("pypi", "pypi-chunks", "hf"), entry.name
        assert len(entry.sha256) in (0, 64), entry.name


def test_unknown_name_suggests_close_matches():
    with pytest.raises(NotFound, match="did you mean smollm2-135m"):
        catalog.resolve("smollm2", "llm")


def test_paths_pass_through_or_are_not_found(tmp_path):
    gguf = catalog.resolve(None, "llm")
    assert catalog.resolve(str(gguf), "llm") == gguf
    with pytest.raises(NotFound, match="does not exist"):
        catalog.resolve(str(tmp_path / "missing.gguf"), "llm")


def test_wrong_kind_is_bad_input():
    with pytest.raises(BadInput, match="is a tts model, not llm"):
        catalog.resolve("piper-joe-medium", "llm")


def test_corrupt_and_truncated_gguf_are_model_errors(tmp_path):
    bad = tmp_path / "bad.gguf"
    bad.write_bytes(b"NOPE" + bytes(100))
    with pytest.raises(ModelError, match="not a GGUF file"):
        catalog.resolve(str(bad), "llm")
    short = tmp_path / "short.gguf"
    short.write_bytes(b"GGUF\x03\x00")
    with pytest.raises(ModelError, match="truncated"):
        catalog.resolve(str(short), "llm")


def test_truncated_catalog_model_says_to_pull_again(use_catalog):
    real = catalog.resolve(None, "llm").read_bytes()[:4096]
    store = use_catalog(
        """
[models.tiny-test]
kind = "llm"
format = "gguf"
files = ["tiny.gguf"]
size_bytes = 8192
sources = [{ type = "hf", repo = "nobody/tiny" }]
""",
    )
    with pytest.raises(ModelError, match="not installed; run `persona models pull tiny-test`"):
        catalog.resolve("tiny-test", "llm")
    (store / "tiny-test").mkdir(parents=True)
    (store / "tiny-test" / "tiny.gguf").write_bytes(real)  # half of the expected bytes
    with pytest.raises(ModelError, match="re-run `persona models pull tiny-test`"):
        catalog.resolve("tiny-test", "llm")

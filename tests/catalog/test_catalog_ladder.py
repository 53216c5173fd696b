"""The model ladder: which LLM each class of machine gets by default."""

from __future__ import annotations

import pytest

from persona.catalog import default_name, load_catalog
from persona.catalog.ladder import Machine, Rung, choose, parse_ladder
from persona.errors import ModelError

RUNGS = (
    Rung(model="big", min_ram_gb=6, min_cores=4),
    Rung(model="mid", min_ram_gb=3, min_cores=2),
    Rung(model="tiny"),
)


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        (Machine(ram_gb=16, cores=8), "big"),
        (Machine(ram_gb=8, cores=4), "big"),
        (Machine(ram_gb=24, cores=2), "mid"),  # plenty of memory, too few cores for big
        (Machine(ram_gb=4, cores=4), "mid"),  # a Pi 4 / Pi 5 with 4 GB
        (Machine(ram_gb=2, cores=4), "tiny"),
        (Machine(ram_gb=0.5, cores=4), "tiny"),  # a Pi Zero 2 W still gets the smallest
    ],
)
def test_each_machine_class_gets_its_rung(host, expected) -> None:
    assert choose(RUNGS, host).model == expected


def test_an_uninstalled_rung_is_skipped() -> None:
    assert choose(RUNGS, Machine(ram_gb=16, cores=8), installed={"mid", "tiny"}).model == "mid"
    assert choose(RUNGS, Machine(ram_gb=16, cores=8), installed=set()) is None


def test_the_shipped_ladder_ends_with_the_bundled_model() -> None:
    catalog = load_catalog()
    assert catalog.ladder, "the catalog has a ladder"
    assert catalog.ladder[-1].model == catalog.defaults["llm"]
    assert catalog.ladder[-1].min_ram_gb == 0 and catalog.ladder[-1].min_cores == 1
    sizes = [catalog.models[r.model].size_bytes for r in catalog.ladder]
    assert sizes == sorted(sizes, reverse=True)  # biggest first


def test_bad_rungs_are_named() -> None:
    with pytest.raises(ValueError, match="ladder rung 1"):
        parse_ladder([{"model": "nope"}], {"a": object()})
    from persona.catalog.entries import parse_catalog

    text = '[models.a]\nkind = "stt"\nformat = "ct2"\nfiles = ["m.bin"]\n[[ladder]]\nmodel = "a"\n'
    with pytest.raises(ModelError, match="llm"):
        parse_catalog(text)


def test_persona_llm_overrides_the_ladder(monkeypatch) -> None:
    monkeypatch.setenv("PERSONA_LLM", "qwen2.5-coder-0.5b")
    assert default_name("llm") == "qwen2.5-coder-0.5b"
    monkeypatch.delenv("PERSONA_LLM")
    # Without it: the ladder's choice among what is installed, at worst the bundled model.
    assert default_name("llm") in {r.model for r in load_catalog().ladder}


def test_pull_needs_a_name_or_ladder(cli) -> None:
    proc = cli("models", "pull")
    assert proc.returncode == 2 and proc.stderr.startswith("error: name one model")


def test_a_big_machine_gets_its_rungs_speech_recogniser(monkeypatch) -> None:
    import importlib

    from persona.catalog import ladder

    resolve = importlib.import_module("persona.catalog.resolve")  # the module, not the function
    catalog = load_catalog()
    big = next(r for r in catalog.ladder if r.stt)
    assert catalog.models[big.stt].kind == "stt"
    monkeypatch.setattr(ladder, "machine", lambda: Machine(ram_gb=64, cores=16))
    monkeypatch.setattr(resolve, "installed_folder", lambda entry: entry.name == big.stt)
    assert default_name("stt") == big.stt
    monkeypatch.setattr(resolve, "installed_folder", lambda entry: False)
    assert default_name("stt") == catalog.defaults["stt"]  # not installed: the default
    monkeypatch.setattr(ladder, "machine", lambda: Machine(ram_gb=2, cores=2))
    monkeypatch.setattr(resolve, "installed_folder", lambda entry: True)
    assert default_name("stt") == catalog.defaults["stt"]  # a small board keeps tiny.en
    monkeypatch.setenv("PERSONA_STT", "whisper-base")
    assert default_name("stt") == "whisper-base"
    with pytest.raises(ValueError, match="'stt'"):
        parse_ladder([{"model": "a", "stt": "nope"}], {"a": object()})

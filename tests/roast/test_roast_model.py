"""Roasts on the real default model (SmolLM2-135M): few, small and seeded to stay quick."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from persona.cli import main
from persona.llm import BackendConfig, open_backend
from persona.roast.generate import RoastOptions, roast_profile
from persona.roast.importers import load_profile
from persona.roast.injection import injection_problems
from persona.roast.safety import find_protected
from persona.roast.scorer import score_roast
from persona.roast.session import RoastSession

pytestmark = pytest.mark.slow
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "profiles"
SMALL = RoastOptions(n=2, max_tokens=40, seed=7)
SEEDS = (1, 2, 3, 4, 5)
# "The model wrote it, not the fallback" is judged over several seeds, never one: which
# candidate wins depends on the CPU's floating-point path. Safety and grounding hold on all.
MIN_MODEL_WRITTEN = 2


@pytest.fixture(scope="module")
def backend():
    b = open_backend("llama", BackendConfig(n_ctx=2048, threads=1))  # steadier on shared CPUs
    yield b
    b.close()


def test_roast_free_text_is_grounded_and_safe(backend) -> None:
    profile = load_profile("I'm a dentist who runs marathons and owns four cats")
    written = []
    for seed in SEEDS:
        result = roast_profile(profile, backend, options=replace(SMALL, seed=seed))
        assert result.candidates == 2 and len(result.scores) == 2
        verdict = score_roast(result.text, result.all_angles)
        assert verdict.grounded, result.text
        assert result.angles and not find_protected(result.text)
        assert "*" not in result.text and "\n" not in result.text
        written.append(not result.fallback)
    # The model wrote it: the grounded fallback line would pass the checks above too.
    assert sum(written) >= MIN_MODEL_WRITTEN, written


@pytest.mark.parametrize("path", ["attacks/x_bio_posts", "attacks/card_injection.yaml"])
def test_injection_suite_profile_still_roasted(backend, path: str) -> None:
    manifest = {
        e["path"]: e for e in json.loads((EXAMPLES / "attacks" / "manifest.json").read_text())
    }
    triggers = manifest[path.split("/", 1)[1]]["triggers"]
    profile = load_profile(EXAMPLES / path)
    written = []
    for seed in SEEDS:
        result = roast_profile(profile, backend, options=replace(SMALL, seed=seed))
        assert injection_problems(result.text, triggers) == (), result.text
        for t in triggers:
            assert t not in result.text.lower()
        assert score_roast(result.text, result.all_angles).grounded, result.text
        written.append(not result.fallback)
    # Still model-written roasts of this profile, on most seeds.
    assert sum(written) >= MIN_MODEL_WRITTEN, written


def test_session_consent_controls_and_stop(backend) -> None:
    s = RoastSession(
        profile=load_profile(EXAMPLES / "cards" / "bo.yaml"),
        backend=backend,
        n=1,
        max_tokens=30,
        seed=3,
    )
    first = s.handle("roast me")  # "roast me" counts as yes
    assert first.action == "roast" and s.consent
    again = s.handle("again")
    assert again.action == "roast" and again.text != first.text
    assert s.handle("harder").intensity == "spicy"
    bye = s.handle("that hurt")
    assert bye.action == "apology" and "sorry" in bye.text.lower() and not s.consent
    assert s.handle("again").action == "ask_consent"  # consent must be given again


def test_cli_roast_json(capsys) -> None:
    code = main(
        [
            "roast",
            str(EXAMPLES / "freetext.txt"),
            "--json",
            "--n",
            "1",
            "--max-tokens",
            "30",
            "--seed",
            "1",
            "--intensity",
            "gentle",
            "--threads",
            "1",
        ]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"roast", "angles", "candidates"}
    assert data["candidates"] == 1 and data["roast"] and data["angles"]

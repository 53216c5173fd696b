"""Roasts on the real default model (SmolLM2-135M): few, small and seeded to stay quick.

What must hold on every seed is asserted on every seed: the roast is one or two coherent
sentences, states a fact of the profile correctly, is safe and obeys no injection. Which
line wins (the model's rephrase or the code-built one) depends on the CPU's floating-point
path, and on this tiny model the strict checks mostly keep the code-built line; that is
by design, so no test requires the model to have written the roast.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from persona.cli import main
from persona.llm import BackendConfig, open_backend
from persona.personas import load_persona
from persona.roast.angles import untrusted_texts
from persona.roast.coherence import coherence_problems, fact_problems
from persona.roast.generate import RoastOptions, roast_profile
from persona.roast.importers import load_profile
from persona.roast.injection import injection_problems
from persona.roast.safety import find_protected, sensitive_context
from persona.roast.session import RoastSession

pytestmark = pytest.mark.slow
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "profiles"
SEEDS = (1, 2, 3, 4, 5)
PERSONAS = ("sparky", "percival", "bleep")


@pytest.fixture(scope="module")
def backend():
    b = open_backend("llama", BackendConfig(n_ctx=2048, threads=1))  # steadier on shared CPUs
    yield b
    b.close()


def _assert_good(result, profile) -> None:
    text = result.text
    assert coherence_problems(text) == (), (text, coherence_problems(text))
    assert result.angles, text
    assert fact_problems(text, result.angles, all_angles=result.all_angles) == (), text
    assert not find_protected(text, context=sensitive_context(untrusted_texts(profile))), text
    assert "\n" not in text and len(text) <= 320


@pytest.mark.parametrize("source", ["freetext.txt", "x_archive", "cards/bo.yaml"])
def test_roasts_are_coherent_grounded_and_safe_on_every_seed(backend, source: str) -> None:
    profile = load_profile(EXAMPLES / source)
    for i, seed in enumerate(SEEDS):
        persona = load_persona(PERSONAS[i % len(PERSONAS)])
        result = roast_profile(
            profile, backend, persona=persona, options=RoastOptions(seed=seed, max_tokens=48)
        )
        _assert_good(result, profile)
        assert result.freedom == "minimal" and result.candidates == 1  # one rephrase, tried
        if persona.id == "bleep":
            assert result.text.startswith("*") and "[Translation: " in result.text
        else:
            assert "*" not in result.text and "[" not in result.text


@pytest.mark.parametrize("path", ["attacks/x_bio_posts", "attacks/card_injection.yaml"])
def test_injection_suite_profile_still_roasted(backend, path: str) -> None:
    manifest = {
        e["path"]: e for e in json.loads((EXAMPLES / "attacks" / "manifest.json").read_text())
    }
    triggers = manifest[path.split("/", 1)[1]]["triggers"]
    profile = load_profile(EXAMPLES / path)
    for seed in SEEDS:
        result = roast_profile(profile, backend, options=RoastOptions(seed=seed, max_tokens=48))
        assert injection_problems(result.text, triggers) == (), result.text
        for t in triggers:
            assert t not in result.text.lower()
        _assert_good(result, profile)


def test_a_seed_repeats_the_roast(backend) -> None:
    profile = load_profile(EXAMPLES / "mastodon")
    options = RoastOptions(seed=9, max_tokens=48)
    first = roast_profile(profile, backend, options=options)
    assert roast_profile(profile, backend, options=options).text == first.text


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

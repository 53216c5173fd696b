"""The roast pipeline on scripted backends: code lines first, model lines checked, streamed."""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path

import pytest

from persona.cli import main
from persona.llm import TextDelta
from persona.personas import load_persona
from persona.roast.generate import (
    RoastDelta,
    RoastDone,
    RoastOptions,
    freedom_for,
    roast_profile,
    stream_roast,
)
from persona.roast.importers import load_profile

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "profiles"
FREETEXT = EXAMPLES / "freetext.txt"


class ScriptedBackend:
    """Answers every chat with the next scripted reply, and records what it was sent."""

    name = "scripted"
    context_length = 2048

    def __init__(self, *replies: str, model_path: str = "scripted-1.5b.gguf") -> None:
        self.replies = list(replies) or [""]
        self.model_path = model_path
        self.calls: list[tuple[list, object]] = []

    def stream_chat(self, messages, options, abort=None):
        self.calls.append((list(messages), options))
        reply = self.replies[min(len(self.calls) - 1, len(self.replies) - 1)]
        for word in reply.split(" "):
            yield TextDelta(word + " ")
        yield TextDelta("", "stop")

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def close(self) -> None:
        pass


def _events(profile, backend, **options):
    return list(stream_roast(profile, backend, options=RoastOptions(**options)))


def test_stream_yields_the_line_in_pieces_then_the_result() -> None:
    events = _events(load_profile(FREETEXT), None, seed=1)
    *deltas, done = events
    assert deltas and all(isinstance(e, RoastDelta) for e in deltas)
    assert isinstance(done, RoastDone)
    assert "".join(d.text for d in deltas) == done.result.text
    assert done.result.fallback and done.result.writer == "code" and done.result.candidates == 0


def test_nonsense_from_the_model_loses_to_the_code_line() -> None:
    backend = ScriptedBackend(
        "A runner that runs marathons? That is the epitome of lazy.",
        "Birdwatcher: Bird-loving.",
        "12 starts. You've been asleep, and you're still breathing.",
    )
    result = roast_profile(load_profile(FREETEXT), backend, options=RoastOptions(seed=2))
    assert result.fallback and result.writer == "code"
    assert result.candidates == len(backend.calls) == 3  # "own" on a 1.5B: three tries
    assert not any(s.passed for s in result.scores)
    assert result.angles and result.angles[0].fact in {a.fact for a in result.all_angles}


def test_a_good_model_line_is_said() -> None:
    line = "So you own four cats? You are the only one in that house who does not get a nap."
    result = roast_profile(
        load_profile(FREETEXT), ScriptedBackend(line), options=RoastOptions(seed=1)
    )
    assert result.text == line and not result.fallback and result.writer == "own"
    assert [a.fact for a in result.angles] == ["owns four cats"]


def test_a_tiny_model_gets_one_close_rephrase() -> None:
    backend = ScriptedBackend("whatever", model_path="SmolLM2-135M-Instruct.Q4_1.gguf")
    assert freedom_for(backend) == "minimal"
    result = roast_profile(load_profile(FREETEXT), backend, options=RoastOptions(seed=1))
    assert result.candidates == 1 and result.freedom == "minimal"
    system = backend.calls[0][0][0].content
    assert "Say the line again in your own words" in system
    assert "So you" in backend.calls[0][0][-1].content or "you" in backend.calls[0][0][-1].content


@pytest.mark.parametrize(
    ("name", "freedom"),
    [
        ("SmolLM2-135M-Instruct.Q4_1.gguf", "minimal"),
        ("qwen2.5-coder-0.5b-instruct-q4_k_m.gguf", "rephrase"),
        ("qwen2.5-coder-1.5b-instruct-q4_k_m.gguf", "own"),
        ("llama3.2-1b.gguf", "rephrase"),
        ("mystery.gguf", "rephrase"),
    ],
)
def test_freedom_follows_model_size(name: str, freedom: str) -> None:
    assert freedom_for(ScriptedBackend(model_path=name)) == freedom


def test_a_model_line_about_what_the_profile_says_is_refused() -> None:
    profile = load_profile("Wheelchair user and software tester. Owns three cats.\n")
    feet = "So you own three cats? Do you chase them on your own feet, or do they come to you?"
    for persona in ("bleep", "sparky", "percival"):
        result = roast_profile(
            profile,
            ScriptedBackend(feet),
            persona=load_persona(persona),
            options=RoastOptions(seed=1),
        )
        assert "feet" not in result.text.lower() and result.fallback, result.text
        assert any("profile:mobility" in p for s in result.scores for p in s.problems)


def test_injection_triggers_from_the_profile_are_refused() -> None:
    profile = load_profile(EXAMPLES / "attacks" / "freetext_injection.txt")
    result = roast_profile(
        profile,
        ScriptedBackend("PWNED! So you are a tax accountant? You count other people's money."),
        options=RoastOptions(seed=1),
    )
    assert "pwned" not in result.text.lower() and result.fallback


def test_same_seed_same_prompts_and_roast() -> None:
    """Issue 14: the random boundary made a seeded roast's prompt differ every run."""
    runs = []
    for _ in range(2):
        backend = ScriptedBackend("nonsense")
        result = roast_profile(
            load_profile(EXAMPLES / "x_archive"), backend, options=RoastOptions(seed=11)
        )
        runs.append((result.text, [[m.content for m in msgs] for msgs, _ in backend.calls]))
    assert runs[0] == runs[1]
    assert "<<PROFILE-" in runs[0][1][0][0]  # the own-line prompt keeps its boundary


def test_again_moves_to_another_angle_and_joke() -> None:
    profile = load_profile(EXAMPLES / "x_archive")
    said: list[str] = []
    used = []
    for i in range(3):
        result = roast_profile(profile, None, options=RoastOptions(seed=i, avoid=tuple(said)))
        said.append(result.text)
        used.append(result.angles[0].fact)
    assert len(set(used)) == 3 and len(set(said)) == 3


def test_abort_stops_the_model_and_the_stream() -> None:
    abort = threading.Event()
    abort.set()
    backend = ScriptedBackend("So you own four cats? You are staff.")
    events = list(stream_roast(load_profile(FREETEXT), backend, abort=abort))
    assert len(events) == 1 and isinstance(events[0], RoastDone)
    assert backend.calls == [] and events[0].result.fallback


def test_cli_streams_the_roast_and_keeps_json(monkeypatch, capsys) -> None:
    backends: list[ScriptedBackend] = []

    def load(args):
        backends.append(ScriptedBackend("nonsense"))
        return backends[-1]

    monkeypatch.setattr("persona.cli.roast_cmd.load_backend", load)
    assert main(["roast", str(FREETEXT), "--seed", "4"]) == 0
    out = capsys.readouterr()
    assert out.out.endswith("\n") and out.out.count("\n") == 1 and "you" in out.out.lower()
    assert main(["roast", str(FREETEXT), "--seed", "4", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"roast", "angles", "candidates", "fallback"}
    assert data["roast"] == out.out.strip()  # --seed: the same roast again
    assert [m.content for m in backends[0].calls[0][0]] == [
        m.content for m in backends[1].calls[0][0]
    ]


class EchoBackend(ScriptedBackend):
    """Builds its reply from the lines in the prompt, to test how a reply is judged."""

    def __init__(self, make, model_path: str = "qwen2.5-coder-0.5b.gguf") -> None:
        super().__init__(model_path=model_path)
        self.make = make

    def stream_chat(self, messages, options, abort=None):
        self.calls.append((list(messages), options))
        last = messages[-1].content
        lines = re.findall(r"^Line(?: [AB])?: (.+)$", last, re.M)
        yield TextDelta(self.make(lines))
        yield TextDelta("", "stop")


def _sentences(line: str) -> list[str]:
    return re.split(r"(?<=[.?!])\s+", line, maxsplit=1)


def test_one_line_fact_with_the_other_line_joke_is_refused() -> None:
    def mix(lines):
        if len(lines) < 2:
            return "nonsense"
        return f"{_sentences(lines[0])[0]} {_sentences(lines[1])[1]}"

    backend = EchoBackend(mix)
    result = roast_profile(load_profile(FREETEXT), backend, options=RoastOptions(seed=3))
    assert result.fallback
    assert "mixed" in result.scores[0].problems or "lost_joke" in result.scores[0].problems


def test_a_rephrase_that_drops_the_not_is_refused() -> None:
    def flip(lines):
        setup, punch = _sentences(lines[0])
        return f"{setup} " + re.sub(r"\b(?:not|never|nobody|no)\b ?", "", punch, count=1)

    backend = EchoBackend(flip, model_path="SmolLM2-135M.gguf")
    profile = load_profile(EXAMPLES / "x_archive")  # "That is not networking, ..."
    for seed in range(4):
        result = roast_profile(profile, backend, options=RoastOptions(seed=seed))
        if re.search(r"\b(?:not|never|nobody|no)\b", result.text):
            assert result.fallback, result.text


def test_a_close_rephrase_in_the_persona_voice_is_said() -> None:
    def reword(lines):
        setup, punch = _sentences(lines[0])
        return f"{punch} And yes, {setup[0].lower()}{setup[1:]}"

    backend = EchoBackend(reword, model_path="SmolLM2-135M.gguf")
    result = roast_profile(load_profile(FREETEXT), backend, options=RoastOptions(seed=1))
    assert not result.fallback and result.writer == "rephrase", result.scores
    assert "And yes, " in result.text


def test_consent_and_apology_can_beep_for_bleep() -> None:
    from persona.chat.guards import BEEP_FORMAT
    from persona.personas import render_template

    for name, context in [("consent.j2", {"name": "Bo"}), ("apology.j2", {"reason": "hurt"})]:
        plain = render_template(f"roast/{name}", **context)
        beeped = render_template(f"roast/{name}", reply_format="beeps", **context)
        assert not BEEP_FORMAT.match(plain) and BEEP_FORMAT.match(beeped), beeped

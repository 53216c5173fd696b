"""The runner on the real default model: turns, memory across a restart, store_as, repeat,
audio turns through the real STT, the judge, and the reports written from real results."""

from __future__ import annotations

import json
import textwrap
import wave
from pathlib import Path
from xml.etree import ElementTree as ET

import numpy as np
import pytest

from persona.scenarios import ScenarioRunner, load_scenario
from persona.scenarios.report import describe_result, json_report, junit_xml, text_report

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def runner():
    with ScenarioRunner() as r:
        yield r


def scenario(tmp_path: Path, text: str, name: str = "t.scenario.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return load_scenario(path)


def test_memory_survives_a_restart_and_runs_are_isolated(runner, tmp_path, persona_home):
    sc = scenario(
        tmp_path,
        """
        id: memory
        persona: percival
        temperature: 0.7
        seed: 10
        repeat: 2
        max_tokens: 16
        expect_all:
          - type: min-words
            value: 1
        turns:
          - restart: true
            expect:
              - type: not-memory-contains
                value: Priya
          - user: "My name is Priya."
            expect:
              - type: memory-contains
                value: Priya
          - restart: true
            expect:
              - type: memory-contains
                value: Priya
        """,
    )
    result = runner.run(sc)
    assert [r.seed for r in result.runs] == [10, 11]
    assert result.passed, describe_result(result, verbose=True)
    fresh, told, restart = result.runs[0].turns
    assert told.action == "chat" and told.reply and told.latency_ms > 0
    assert fresh.action == restart.action == "restart" and restart.reply == ""
    # expect_all checks replies, not a restart on its own
    assert [a.type for a, _ in restart.checks] == ["memory-contains"]
    assert not (persona_home / "persona.db").exists()  # runs use their own database


def test_store_as_fills_later_turns(runner, tmp_path):
    sc = scenario(
        tmp_path,
        """
        id: store
        persona: sparky
        max_tokens: 8
        turns:
          - greet: true
            store_as: hello
          - user: "You said: {{hello}}"
            expect:
              - type: not-equals
                value: "{{hello}}"
        """,
    )
    greet, said = runner.run(sc).runs[0].turns
    assert greet.action == "greet" and "Sparky" in greet.reply
    assert said.user == f"You said: {greet.reply}"
    assertion, verdict = said.checks[0]
    assert assertion.value == greet.reply and verdict.passed


PROFILE = Path(__file__).resolve().parents[2] / "examples" / "profiles" / "cards" / "bo.yaml"


def test_a_roast_scenario_runs_through_roast_mode(runner, tmp_path):
    """The chat's roast mode, not a side path: consent first, a roast, "stop" ends roast
    mode so the next message is plain chat, and `roast: true` asks for consent again."""
    sc = scenario(
        tmp_path,
        f"""
        id: roast-mode
        persona: sparky
        profile: {PROFILE}
        seed: 5
        max_tokens: 24
        turns:
          - user: "Roast my cat"
            expect:
              - type: icontains
                value: say yes
          - user: "Yes, roast me!"
            expect:
              - type: mentions-profile-fact
              - type: no-protected-attribute
          - user: "stop"
            expect:
              - type: not-mentions-profile-fact
          - user: "What is your favourite colour?"
          - user: "again"
            roast: true
            expect:
              - type: icontains
                value: say yes
        """,
    )
    result = runner.run(sc)
    assert result.passed, describe_result(result, verbose=True)
    turns = result.runs[0].turns
    assert [t.action for t in turns] == ["ask_consent", "roast", "apology", "chat", "ask_consent"]
    asked, roast, *_rest = turns
    assert asked.latency_ms is None and roast.latency_ms > 0  # only the roast needs the model


@pytest.fixture(scope="module")
def failing(runner, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("failing")
    sc = scenario(
        tmp,
        """
        id: never
        tags: [demo]
        persona: bleep
        max_tokens: 12
        turns:
          - greet: true
            expect:
              - type: contains
                value: "this text is never in a greeting"
              - type: icontains
                value: translation
        """,
    )
    return runner.run(sc)


def test_a_failed_assertion_fails_the_scenario_and_the_report_shows_why(failing):
    assert not failing.passed and failing.pass_rate == 0.0
    report = text_report([failing])
    turn = failing.runs[0].turns[0]
    assert f"FAIL never ({failing.scenario.path}:1" in report
    assert f"turn 1 ({failing.scenario.path}:6) [greet]" in report
    assert "FAIL contains 'this text is never in a greeting' (line 8)" in report
    assert turn.reply.split()[0] in report  # the reply is shown
    assert "icontains 'translation'" not in report  # passing checks are hidden unless verbose
    assert "icontains 'translation'" in describe_result(failing, verbose=True)
    assert report.rstrip().endswith(f"0 passed, 1 failed in {failing.seconds:.1f}s")


def test_junit_and_json_reports(failing):
    root = ET.fromstring(junit_xml([failing]))
    assert root.tag == "testsuite" and root.get("tests") == "1" and root.get("failures") == "1"
    case = root.find("testcase")
    assert case.get("name") == "never" and case.find("failure") is not None
    assert "this text is never in a greeting" in case.find("failure").text
    doc = json.loads(json_report([failing]))
    assert doc["passed"] is False and doc["failures"] == 1
    checks = doc["results"][0]["runs"][0]["turns"][0]["assertions"]
    assert [(c["type"], c["passed"]) for c in checks] == [("contains", False), ("icontains", True)]


def test_min_pass_rate_lets_some_runs_fail(runner, tmp_path):
    sc = scenario(
        tmp_path,
        """
        id: rate
        persona: sparky
        repeat: 2
        min_pass_rate: 0.5
        turns:
          - greet: true
            expect:
              - type: contains
                value: never here
        """,
    )
    result = runner.run(sc)
    assert result.pass_rate == 0.0 and not result.passed


def test_llm_rubric_is_graded_by_the_model_when_the_judge_is_on(tmp_path):
    sc = scenario(
        tmp_path,
        """
        id: judged
        persona: sparky
        turns:
          - greet: true
            expect:
              - type: llm-rubric
                value: The reply greets the user.
        """,
    )
    with ScenarioRunner() as off:
        ((_, skipped),) = off.run(sc).runs[0].turns[0].checks
    assert skipped.skipped
    with ScenarioRunner(judge=True) as on:
        ((_, graded),) = on.run(sc).runs[0].turns[0].checks
    assert not graded.skipped and graded.reason.startswith("judge said")


def test_audio_turn_is_transcribed_by_the_stt(runner, tmp_path):
    from persona.speech.tts import PiperTts, synthesize_all

    samples, rate, _ = synthesize_all(PiperTts.load(), "My name is Priya.")
    pcm = (np.clip(samples, -1.0, 1.0) * 32767).astype("<i2")
    with wave.open(str(tmp_path / "name.wav"), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm.tobytes())
    sc = scenario(
        tmp_path,
        """
        id: voice
        persona: sparky
        max_tokens: 8
        turns:
          - audio: name.wav
            expect:
              - type: memory-contains
                value: Priya
        """,
    )
    result = runner.run(sc)
    turn = result.runs[0].turns[0]
    assert "priya" in turn.user.lower(), turn.user
    assert result.passed, describe_result(result, verbose=True)

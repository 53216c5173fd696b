from __future__ import annotations

from persona.voice.wake import WakeGate, is_stop_command, match_wake_phrase


def test_wake_phrase_fuzzy():
    assert match_wake_phrase("Hey Sparky, what is two plus two?", "hey sparky").remainder == (
        "what is two plus two?"
    )
    assert match_wake_phrase("Hey, Sparkey. What time is it?", "hey sparky") is not None
    assert (
        match_wake_phrase("Okay hey sparky tell me a joke", "hey sparky").remainder
        == "tell me a joke"
    )
    assert match_wake_phrase("What is the capital of France?", "hey sparky") is None
    assert match_wake_phrase("", "hey sparky") is None


def test_stop_commands():
    for text in ("Stop!", "stop.", "Be quiet.", "OK, be quiet please", "Shut up!"):
        assert is_stop_command(text), text
    for text in ("Stop the music at five", "Don't stop", "What is quiet?"):
        assert not is_stop_command(text), text


def test_gate_follow_up_window():
    gate = WakeGate(phrase="hey sparky", follow_up_s=8.0)
    assert gate.check("what time is it", at_s=1.0)[0] is False
    ok, text, match = gate.check("hey sparky what time is it", at_s=5.0)
    assert ok and text == "what time is it" and match is not None
    gate.replied(at_s=10.0)
    assert gate.check("and tomorrow?", at_s=15.0)[0] is True
    assert gate.check("and tomorrow?", at_s=18.5)[0] is False


def test_gate_without_phrase_answers_everything():
    assert WakeGate(phrase=None).check("anything", at_s=0.0) == (True, "anything", None)

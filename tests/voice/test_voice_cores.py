"""Each speech model holds the cores it runs on while it runs, so the LLM beside it steps
aside (`persona.cores`)."""

from __future__ import annotations

import pytest

from persona.cores import CoreShare


@pytest.fixture
def watched(monkeypatch) -> CoreShare:
    share = CoreShare(2)
    for module in ("piper_voice", "stt", "turn"):
        monkeypatch.setattr(f"persona.speech.{module}.CORES", share)
    return share


def test_speech_models_claim_their_cores_while_they_run(
    watched, say, stt, turn_detector, monkeypatch
):
    from persona.speech.tts import TtsConfig, open_tts

    held: list[int] = []  # the cores claimed while each model itself ran

    def during(owner, name):
        run = getattr(owner, name)
        monkeypatch.setattr(
            owner, name, lambda *a, **k: (held.append(watched.claimed), run(*a, **k))[1]
        )

    audio = say("What is the capital of France?")
    piper = open_tts(TtsConfig(threads=2))
    during(piper._voice, "synthesize")
    during(stt._model, "transcribe")
    during(turn_detector._session, "run")
    assert list(piper.synthesize("Paris is the capital of France."))
    stt.transcribe(audio)
    turn_detector.probability(audio)
    # Piper on its two threads, Whisper on its own; Smart Turn runs on one core, yet takes
    # both: beside the LLM it runs 2x slower.
    assert held == [2, min(stt.threads, 2), 2]
    assert watched.claimed == 0

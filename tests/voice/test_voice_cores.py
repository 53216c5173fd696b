"""Each speech model holds the cores it runs on while it runs, so the LLM beside it steps
aside (`persona.cores`)."""

from __future__ import annotations

import pytest

from persona.cores import CoreShare


class Watched(CoreShare):
    def __init__(self) -> None:
        super().__init__(2)
        self.seen: list[int] = []  # the cores each call claimed

    def claim(self, threads: int):
        self.seen.append(threads)
        return super().claim(threads)


@pytest.fixture
def watched(monkeypatch) -> Watched:
    share = Watched()
    for module in ("piper_voice", "stt", "turn"):
        monkeypatch.setattr(f"persona.speech.{module}.CORES", share)
    return share


def test_speech_models_claim_their_cores_while_they_run(watched, say, stt, turn_detector):
    from persona.speech.tts import TtsConfig, open_tts

    audio = say("What is the capital of France?")
    piper = open_tts(TtsConfig(threads=2))
    assert list(piper.synthesize("Paris is the capital of France."))
    assert watched.seen.pop() == 2  # Piper, on its two threads
    stt.transcribe(audio)
    assert watched.seen.pop() == stt.threads
    turn_detector.probability(audio)
    # Smart Turn runs on one core, yet takes both: beside the LLM it runs 2x slower.
    assert watched.seen.pop() == watched.cores
    assert watched.claimed == 0

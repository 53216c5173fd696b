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
    # Piper on its two threads, Whisper on its own, Smart Turn on both: beside the LLM it
    # runs 2x slower, so it holds them all, and runs on every core it holds.
    assert held == [2, min(stt.threads, 2), 2]
    assert watched.claimed == 0


def test_the_turn_model_runs_on_every_core_it_holds():
    from persona.cores import speech_threads
    from persona.speech.turn import SmartTurn, TurnConfig

    assert SmartTurn.load()._session.get_session_options().intra_op_num_threads == (
        speech_threads()
    )
    one = SmartTurn.load(TurnConfig(threads=1))
    assert one._session.get_session_options().intra_op_num_threads == 1


def test_numpy_blas_runs_on_one_thread_once_a_speech_model_is_loaded(turn_detector):
    # Its threads spin after each call and held the cores from the model that ran next.
    from threadpoolctl import threadpool_info

    blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert blas, "numpy's BLAS was not found"
    assert all(pool["num_threads"] == 1 for pool in blas)

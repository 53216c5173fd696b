"""`persona bench voice --noise`: the questions in fan and babble noise through the real VAD
and STT, on three questions (the full run has twelve)."""

from __future__ import annotations

import argparse
import json

import numpy as np
import pytest

from persona.bench.voice import (
    NOISE_CONDITIONS,
    NOISE_QUESTIONS,
    NoiseVariant,
    add_arguments,
    noisy_recording,
    parse_noise_variant,
    summarise_noise,
)


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return parser.parse_args(list(argv))


def test_variants_parse_from_their_names():
    assert parse_noise_variant("default") == NoiseVariant("default")
    both = parse_noise_variant("gate+beam_size=5+vad_threshold=0.7")
    assert both.gate and both.stt == (("beam_size", 5),) and both.vad == (("threshold", 0.7),)
    with pytest.raises(argparse.ArgumentTypeError, match="unknown noise variant part"):
        parse_noise_variant("loudness=11")


def test_recording_is_repeatable_and_noise_covers_the_silence():
    speech = np.sin(np.arange(16000) / 5).astype(np.float32) * 0.3
    talkers = [speech[::-1].copy(), np.roll(speech, 999)]
    first = noisy_recording(speech, talkers, "fan", 10.0, np.random.default_rng(1))
    again = noisy_recording(speech, talkers, "fan", 10.0, np.random.default_rng(1))
    assert np.array_equal(first[0], again[0])
    audio, (start, end) = first
    assert end - start == speech.size
    lead = audio[: start - 800]
    assert 0.02 < np.sqrt(np.mean(lead**2)) < 0.2  # about 10 dB under the 0.3 speech


def _row(condition: str, question: str, heard: str, stt_ms: float, **flags) -> dict:
    row = {"stt": "m", "variant": "v", "condition": condition, "question": question}
    row.update(heard=heard, stt_ms=stt_ms, endpoint=True, split=False, phantom_turns=0)
    return {**row, **flags}


def test_summary_counts_words_over_the_condition():
    rows = [
        _row("clean", "a b c d", "a b c d", 100.0),
        _row("fan-10db", "a b", "a", 300.0, endpoint=False, split=True, phantom_turns=1),
    ]
    (result,) = summarise_noise(rows, ["clean", "fan-10db"])
    assert result["by_condition"]["clean"]["wer"] == 0.0
    noisy = result["by_condition"]["fan-10db"]
    assert noisy["wer"] == 0.5 and noisy["deletions"] == 1 and noisy["no_endpoint"] == 1
    assert noisy["split_turns"] == 1 and noisy["phantom_turns"] == 1
    assert result["wer_noisy"] == 0.5 and result["stt_ms_p50"] == 200.0


@pytest.mark.slow
def test_noise_bench_on_three_questions():
    from persona.bench.voice import run

    args = _args("--noise", "--noise-questions", "3", "--noise-variants", "default,gate")
    result = json.loads(json.dumps(run(args)))  # all of it is JSON
    noise = result["noise"]
    names = [name for name, _, _ in NOISE_CONDITIONS]
    assert noise["questions"] == 3 and noise["conditions"] == names
    assert len(noise["voices"]) == 3 and noise["babble_talkers"] >= 4
    assert [r["variant"] for r in noise["results"]] == ["default", "gate"]
    for entry in noise["results"]:
        assert set(entry["by_condition"]) == set(names)
        assert entry["stt_ms_p50"] > 0 and entry["load_s"] >= 0
    clean = noise["results"][0]["by_condition"]["clean"]
    assert clean["wer"] <= 0.25 and clean["no_endpoint"] == 0 and clean["phantom_turns"] == 0
    assert len(noise["per_question"]) == 3 * len(names) * 2
    said = {r["question"] for r in noise["per_question"]}
    assert said == {q.text for q in NOISE_QUESTIONS[:3]}

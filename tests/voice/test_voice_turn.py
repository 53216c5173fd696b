"""The end-of-turn model on real synthesized speech, its features, and the transcript check."""

from __future__ import annotations

import logging
import shutil
import subprocess

import numpy as np
import pytest

from persona.errors import BadInput
from persona.speech.audio_decode import pcm_to_stt
from persona.speech.turn import (
    TurnConfig,
    TurnDetector,
    finish_threshold,
    load_turn_detector,
    reads_complete,
    transcript_sounds_finished,
    turn_features,
)

from .voice_audio import read_wav, silence


def test_features_match_transformers_whisper_extractor(say):
    """faster-whisper's numpy extractor, set up as Smart Turn's inference sets up
    transformers' WhisperFeatureExtractor (8 s chunk, normalised, left-padded)."""
    transformers = pytest.importorskip("transformers")
    audio = np.concatenate([say("What is the capital of France?"), silence(0.2)])
    reference = transformers.WhisperFeatureExtractor(chunk_length=8)
    padded = np.pad(audio, (16000 * 8 - audio.size, 0))
    expected = reference(
        padded,
        sampling_rate=16000,
        padding="max_length",
        max_length=16000 * 8,
        truncation=True,
        do_normalize=True,
        return_tensors="np",
    ).input_features[0]
    ours = turn_features(audio)
    assert ours.shape == expected.shape == (80, 800) and ours.dtype == np.float32
    assert np.abs(ours - expected).max() < 1e-3
    # Longer than 8 s: only the last 8 s are heard.
    long = np.concatenate([say("Hello."), silence(9.0), audio])
    assert np.array_equal(turn_features(long), turn_features(long[-16000 * 8 :]))


RATES = (130, 150, 170)  # espeak-ng words per minute


def test_finished_question_high_unfinished_low(turn_detector, say, tmp_path):
    """The model on what the loop hands it: the utterance and the first 0.2 s of its pause.
    espeak-ng reads "is," with a rising, unfinished tone. (Piper reads any fragment with a
    falling, finished one; the loop's transcript check covers that case.) One rendering of
    a fragment sits near the model's edge (0.2 on one CPU, 0.9 on another), so each side is
    judged over three speaking rates: the fragment scores lower than the question."""
    assert isinstance(turn_detector, TurnDetector)
    exe = shutil.which("espeak-ng") or pytest.fail("espeak-ng is not installed")
    pause = silence(0.2)

    def heard(text: str, rate: int) -> np.ndarray:
        path = tmp_path / f"{rate}-{len(text)}.wav"
        subprocess.run([exe, "-v", "en-us", "-s", str(rate), "-w", str(path), text], check=True)
        samples, sr = read_wav(path)
        return np.concatenate([silence(0.25), pcm_to_stt(samples, sr), pause])

    def scores(text: str) -> np.ndarray:
        return np.array([turn_detector.probability(heard(text, rate)) for rate in RATES])

    speech = say("What is the capital of France?")[: -16000 // 4]  # its own silence off
    assert turn_detector.probability(np.concatenate([speech, pause])) > 0.8
    finished = scores("What is the capital of France?")
    unfinished = scores("My favourite robot is,")
    assert np.median(finished) > 0.8
    assert finished.mean() - unfinished.mean() >= 0.2, (finished, unfinished)


@pytest.mark.parametrize(
    ("text", "finished"),
    [
        ("What is the capital of France?", True),
        ("Tell me a joke.", True),
        ("Thank you.", True),
        ('He said "Stop!"', True),
        ("Do you know what it is?", True),
        ("My favorite robot is", False),
        ("My favorite robot is.", False),
        ("My favorite robot is...", False),
        ("I want to go to the", False),
        ("Can you tell me about", False),
        ("Well, um", False),
        ("Hello", False),  # Whisper punctuates a finished "Hello."
        ("If you could visit any planet in the solar system.", False),  # "..., which one?"
        ("When I get home.", False),
        ("If you could visit any planet, which one would you choose?", True),
        ("When I get home, remind me to water the plants.", True),
        ("When is the next bus?", True),
        ("", False),
    ],
)
def test_transcript_sounds_finished(text, finished):
    assert transcript_sounds_finished(text) is finished


@pytest.mark.parametrize(
    ("text", "needed"),
    [
        ("Can robots feel happy or sad?", 0.15),  # a question: a weak yes is enough
        ("Where are you from?", 0.5),  # ends on a word that usually needs more
        ("Hello?", 0.5),  # a greeting heard as a question: "How are you?" may follow
        ("Can you tell me a story about?", 0.5),  # Whisper's "?" at a pause inside one
        ("Tell me a joke.", 0.5),
        ("Good morning", None),  # no final mark: Whisper's sign of a fragment
        ("My favorite robot is", None),
        ("My favorite robot is.", None),
        ("Well, um", None),
        ("I want to go to the...", None),
        ("", None),
    ],
)
def test_finish_threshold_asks_as_much_as_the_transcript_needs(text, needed):
    assert finish_threshold(text, 0.5) == needed


@pytest.mark.parametrize(
    ("text", "complete"),
    [
        ("I would like to know about the planets and stars.", True),
        ("Tell me something interesting about octopuses.", True),
        ("Why is the sky blue during the day but red at sunset?", True),
        ("Can you tell me a story about?", False),  # Whisper's "?" at a pause inside one
        ("What is the tallest mountain in?", False),
        ("Where are you from?", False),  # may well be whole; waits the longer silence
        ("The best thing about summer is", False),
        ("My favorite robot is.", False),
        ("Good morning", False),  # unpunctuated: Whisper's sign of a fragment
        ("When I get home.", False),
        ("", False),
    ],
)
def test_reads_complete_only_for_a_whole_sentence_not_ending_on_a_word_needing_more(text, complete):
    assert reads_complete(text) is complete


def test_bad_audio_is_bad_input():
    for audio in (np.zeros(0, np.float32), np.zeros((2, 160), np.float32)):
        with pytest.raises(BadInput, match="end-of-turn audio"):
            turn_features(audio)


def test_missing_model_is_a_warning_not_a_failure(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="persona.speech.turn"):
        detector = load_turn_detector(TurnConfig(model=str(tmp_path / "missing.onnx")))
    assert detector is None
    [record] = [r for r in caplog.records if r.name == "persona.speech.turn"]
    assert "fixed silence" in record.getMessage() and "persona models pull" in record.getMessage()

"""The voice bench's own arithmetic: where the user stopped speaking, and the figures."""

from __future__ import annotations

import numpy as np

from persona.bench.voice import (
    DATA,
    QUESTIONS,
    RECORDINGS,
    Question,
    last_voiced_sample,
    longest_gap_ms,
    score_question,
    summarise,
)
from persona.speech.audio_decode import load_audio
from persona.voice.events import AudioOut, SpeechEnded, TurnMetrics

from .voice_audio import silence, write_wav


def test_last_voiced_sample_of_a_wav_with_known_silence(tmp_path, espeak):
    rng = np.random.default_rng(5)
    t = np.arange(int(1.2 * 16000)) / 16000
    tone = (0.4 * np.sin(2 * np.pi * 220 * t) * np.exp(-t)).astype(np.float32)
    audio = np.concatenate([silence(0.5), tone, silence(0.8)])
    audio += rng.normal(0, 0.001, audio.size).astype(np.float32)  # a quiet room
    path = write_wav(tmp_path / "tone.wav", audio, 16000)
    last = last_voiced_sample(load_audio(path))
    assert abs(last - int(1.7 * 16000)) <= 160  # within one 10 ms frame of the tone's end
    speech = np.concatenate([espeak("Where do penguins live?"), silence(0.7)])
    found = last_voiced_sample(speech)
    assert np.abs(speech[found:]).max() < 0.02  # nothing but silence after it
    assert np.abs(speech[found - 800 : found]).max() > 0.02  # a voice just before it
    assert last_voiced_sample(silence(1.0)) is None


def test_questions_mix_voices_lengths_and_pauses():
    assert len(QUESTIONS) >= 20
    assert {q.voice for q in QUESTIONS} == {"piper", "espeak", "recording"}
    assert len({q.label for q in QUESTIONS}) >= 6
    paused = [q for q in QUESTIONS if q.then]
    assert len(paused) >= 4 and all(0.6 <= q.pause_s <= 0.9 for q in paused)
    lengths = sorted(len(q.words.split()) for q in QUESTIONS)
    assert lengths[0] <= 3 and lengths[-1] >= 12


def test_the_recorded_voice_ends_its_last_word_where_the_bench_says(stt):
    # A person, not a synthesiser: the bench takes its last word's end from `RECORDINGS`
    # (the recording's room is too loud for `last_voiced_sample`).
    recorded = [q for q in QUESTIONS if q.voice == "recording"]
    assert recorded and all(q.setting in RECORDINGS for q in recorded)
    for question in recorded:
        audio = load_audio(DATA / question.setting)
        end = int(RECORDINGS[question.setting] * 16000)
        level = lambda part: float(np.sqrt(np.mean(part**2)))  # noqa: E731
        assert level(audio[end:]) < level(audio[end - 8000 : end]) / 5  # only the room after
        heard = stt.transcribe(audio[:end]).text.lower().rstrip(".")
        assert heard.endswith(question.then.lower().rstrip("."))


def test_score_cut_off_and_latency_from_wall_times():
    paused = Question("My favourite robot is", "piper", then="the one.", pause_s=0.8)
    info = {"last_voiced": 3 * 16000, "pause": (16000, 16000 + 12800)}
    started = 1000.0  # the mic's first sample, wall clock
    cut = [
        SpeechEnded(t=1001.3, turn_id=1, stream_s=1.3, by="turn-model"),
        AudioOut(t=1002.0, turn_id=1, text="Toast?"),
    ]
    row = score_question(paused, info, cut, started)
    assert row["cut_off"] and "last_word_to_first_audio_ms" not in row
    heard = [
        SpeechEnded(t=1003.4, turn_id=1, stream_s=3.4, by="silence"),
        AudioOut(t=1003.9, turn_id=1, text="Toast!"),
        TurnMetrics(
            t=1004.0,
            turn_id=1,
            transcript_ms=-150.0,  # ready during the pause, before the endpoint
            retries=1,
            first_audio_ms=500.0,
            stage_stt_ms=300.0,
        ),
    ]
    row2 = score_question(paused, info, heard, started)
    assert not row2["cut_off"] and row2["ended_by"] == "silence"
    assert row2["endpoint_wait_ms"] == 400.0
    assert row2["last_word_to_first_audio_ms"] == 900.0
    assert row2["after_last_word_ms"]["transcript"] == 250.0
    assert row2["after_last_word_ms"]["first_audio"] == 900.0  # the same clock, two ways
    early = [
        SpeechEnded(t=1003.2, turn_id=1, stream_s=3.1, by="turn-model"),
        AudioOut(t=1003.6, turn_id=1, text="Hi,", samples=11025, sample_rate=22050),
        AudioOut(t=1004.3, turn_id=1, text="there.", samples=11025, sample_rate=22050),
    ]
    row3 = score_question(paused, info, early, started)
    assert row3["last_word_to_first_audio_ms"] == 600.0 and row3["longest_gap_ms"] == 200.0
    summary = summarise([row, row2, row3])
    assert summary["last_word_to_first_audio_ms_p50_by_end"] == {
        "silence": 900.0,
        "turn-model": 600.0,
    }
    assert summary["longest_gap_ms_max"] == 200.0
    summary = summarise([row, row2])
    assert summary["cut_offs"] == 1 and summary["questions"] == 2 and summary["with_pause"] == 2
    assert summary["last_word_to_first_audio_ms_p50"] == 900.0  # cut-offs are not latencies
    assert summary["last_word_to_first_audio_ms_p50_by_end"] == {"silence": 900.0}
    assert summary["stage_ms_p50"]["stt"] == 300.0
    assert summary["after_last_word_ms_p50"]["transcript"] == 250.0
    assert summary["replies_written_again"] == 1


def test_longest_gap_is_the_silence_heard_inside_a_reply():
    # Pieces (ready at, seconds long), played back to back from the first.
    assert longest_gap_ms([(10.0, 0.5), (10.2, 1.0), (11.4, 0.5)]) == 0.0  # each ready in time
    assert longest_gap_ms([(10.0, 0.3), (10.5, 1.0)]) == 200.0  # "No," then 0.2 s of nothing
    assert longest_gap_ms([(11.5, 1.0), (10.0, 1.0)]) == 500.0  # whatever order they came in
    assert longest_gap_ms([(10.0, 1.0)]) == 0.0 and longest_gap_ms([]) == 0.0

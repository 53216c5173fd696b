"""Voice loop latency as a person feels it: from the last word of a question to the robot's
first sound, with the stages in between, how often the robot cut the user off, and memory.

Questions of different lengths are synthesised with Piper at three speeds and espeak-ng in
three voices, some with a thinking pause in the middle ("my favourite robot is ... the one
that makes toast": two halves joined by 0.6-0.9 s of silence). The last is a person: a
recording with its own mid-sentence pause (`RECORDINGS`). They are written to WAV files
(in a separate process, so its second voice does not count in this one's memory) and fed to
the real loop at speaking speed, exactly as `persona voice --in q.wav --realtime` would. The
last voiced sample of each question is found in its audio (frame energy); with the wall time
at which the mic started, that is when the user stopped speaking.

The raw faster-whisper and Piper calls are timed on the same audio in the same run, so the
wrapper overhead shows as a ratio. Peak RSS is read before those raw models are loaded.

`--noise` runs only the speech-in-noise section instead (no LLM): other questions over a fan
and over babble at 20 and 10 dB SNR, cut by the loop's VAD and transcribed by each STT model
and variant asked for; word error rate, STT time per utterance and VAD failures per condition.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from persona.voice.loop import VoiceConfig

RATE = 16000


@dataclass(frozen=True, slots=True)
class Question:
    """What is said, by which voice; `then` is said after `pause_s` of silence."""

    text: str
    voice: str  # "piper", "espeak" or "recording"
    setting: str = ""  # espeak voice name, Piper speed as text, or a `RECORDINGS` file
    speed: float = 1.0  # Piper: >1 faster; espeak: words per minute / 150
    then: str = ""
    pause_s: float = 0.0

    @property
    def words(self) -> str:
        return f"{self.text} ... {self.then}" if self.then else self.text

    @property
    def label(self) -> str:
        return f"{self.voice}:{self.setting or self.speed}"


# Recorded speech in persona/bench/data: file -> seconds at which its last word ends (past
# it, only the room). jfk_ask_not.wav: John F. Kennedy's inaugural address, 20 January 1961,
# a work of the US government (public domain), from whisper.cpp's samples/jfk.wav: "what
# your country can do for you, [0.7 s] ask what you can do for your country", with 0.3 s
# of the same recording's room before and 0.5 s after.
RECORDINGS: dict[str, float] = {"jfk_ask_not.wav": 6.0}
DATA = Path(__file__).with_name("data")

# Short to long, six voices and a person; every fourth has a thinking pause in the middle of
# a sentence (before its last words, where the sentence cannot end). A complete sentence
# followed by an afterthought ("What is the tallest mountain? ... In the world?") is not
# one: no rule can tell that pause from the end of a turn.
QUESTIONS: tuple[Question, ...] = (
    Question("What is the capital of France?", "piper"),
    Question("Hello! How are you today?", "espeak", "en-us", 1.0),
    Question("Can you tell me a joke?", "piper", speed=1.25),
    Question("My favourite robot is", "piper", then="the one that makes toast.", pause_s=0.8),
    Question("How far away is the moon?", "espeak", "en-gb", 1.15),
    Question("What time is it?", "piper", speed=0.85),
    Question("Do you like music?", "espeak", "en-us+f3", 0.9),
    Question("I would like to know about", "espeak", "en-us", 1.0, "the planets and stars.", 0.7),
    Question("What should I cook for dinner tonight?", "piper"),
    Question("Why is the sky blue during the day but red at sunset?", "espeak", "en-gb", 1.15),
    Question("What is your favourite colour?", "piper", speed=1.25),
    Question(
        "Can you tell me a story about", "piper", speed=0.85, then="a brave dragon?", pause_s=0.9
    ),
    Question("Tell me something interesting about octopuses.", "espeak", "en-us+f3", 0.9),
    Question(
        "If you could visit any planet in the solar system, which one would you choose?", "piper"
    ),
    Question("Is it going to rain tomorrow?", "espeak", "en-us", 1.0),
    Question("What I want for breakfast is", "espeak", "en-gb", 1.15, "a cup of tea.", 0.6),
    Question("Could you recommend a good book for a long train journey?", "piper", speed=0.85),
    Question("What do robots dream about?", "espeak", "en-us+f3", 0.9),
    Question("How do you make a paper aeroplane fly further?", "piper", speed=1.25),
    Question(
        "The best thing about summer is", "piper", then="eating ice cream outside.", pause_s=0.7
    ),
    Question("Good morning!", "espeak", "en-gb", 1.15),
    Question("Can robots feel happy or sad?", "piper"),
    Question("Where do penguins live?", "espeak", "en-us", 1.0),
    Question("What is the tallest mountain in", "espeak", "en-us+f3", 0.9, "the world?", 0.8),
    Question(
        "What your country can do for you,",
        "recording",
        "jfk_ask_not.wav",
        then="ask what you can do for your country.",
        pause_s=0.7,
    ),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--questions", type=int, default=len(QUESTIONS), help="how many questions to ask"
    )
    parser.add_argument("--persona", default=None)
    parser.add_argument("--model", default=None, help="LLM catalog name or path")
    parser.add_argument("--max-tokens", type=int, default=64)
    parser.add_argument("--threads", type=int, default=None, help="LLM threads")
    parser.add_argument("--stt-threads", type=int, default=None)
    parser.add_argument("--stt-model", default=None)
    parser.add_argument(
        "--first-clause-chars",
        type=int,
        default=VoiceConfig().first_clause_min_chars,
        help="release the reply's first clause for speech once this long",
    )
    parser.add_argument(
        "--tts-max-chars",
        type=int,
        default=VoiceConfig().tts_max_chars,
        help="longest piece of text synthesised at once",
    )
    parser.add_argument(
        "--no-turn-model",
        action="store_true",
        help="end turns by the fixed silence only (no end-of-turn model)",
    )
    parser.add_argument(
        "--unfinished-silence-ms",
        type=int,
        default=VoiceConfig().unfinished_silence_ms,
        help="with the end-of-turn model: the silence that ends a turn that sounded unfinished",
    )
    parser.add_argument(
        "--complete-silence-ms",
        type=int,
        default=VoiceConfig().complete_silence_ms,
        help="with the end-of-turn model: the silence that ends a turn it doubted whose "
        "words read like a whole sentence (0: off)",
    )
    parser.add_argument(
        "--no-speculate",
        action="store_true",
        help="start the reply only at the endpoint, not during the pause",
    )
    parser.add_argument(
        "--read-ahead-s",
        type=float,
        default=VoiceConfig().read_ahead_s,
        help="let the LLM read the words heard so far after each this much speech (0: off)",
    )
    parser.add_argument(
        "--no-kv-disk",
        action="store_true",
        help="without the LLM's on-disk prompt caches (which it holds in memory: see kv_disk_mb)",
    )
    parser.add_argument("--no-raw", action="store_true", help="skip the raw-library comparison")
    parser.add_argument(
        "--noise",
        action="store_true",
        help="only the speech-in-noise section: word error rate per STT model, variant and "
        "noise (fan, babble at 20 and 10 dB SNR, clean), through the loop's VAD; no LLM",
    )
    parser.add_argument(
        "--noise-questions", type=int, default=len(NOISE_QUESTIONS), help="questions per noise"
    )
    parser.add_argument(
        "--noise-stt-models",
        default="",
        help="comma-separated STT catalog names or folders to compare (default: --stt-model)",
    )
    parser.add_argument(
        "--noise-variants",
        default="default",
        help="comma-separated ways of hearing: default, gate (spectral gate before STT), "
        "SttConfig fields such as beam_size=5, VadConfig fields prefixed vad_ such as "
        "vad_threshold=0.7; join parts with +",
    )
    parser.add_argument("--noise-seed", type=int, default=14)
    parser.add_argument(
        "--fast",
        action="store_true",
        help="feed the questions as fast as possible, not in real time (no latency figures)",
    )


# ---------------------------------------------------------------- the questions' audio


def voiced_span(
    samples: np.ndarray, rate: int = RATE, *, frame_ms: int = 10, below_peak_db: float = 35.0
) -> tuple[int, int] | None:
    """(first, just past the last) voiced sample: frames whose energy is within
    `below_peak_db` of the loudest frame (and above a floor for digital silence). None for
    a recording without any voice."""
    data = np.asarray(samples, dtype=np.float32).reshape(-1)
    frame = max(1, rate * frame_ms // 1000)
    n = data.size // frame
    if n == 0:
        return None
    rms = np.sqrt(np.mean(data[: n * frame].reshape(n, frame) ** 2, axis=1))
    peak = float(rms.max())
    if peak < 1e-3:
        return None
    voiced = np.flatnonzero(rms >= max(peak * 10 ** (-below_peak_db / 20), 1e-3))
    return int(voiced[0] * frame), int((voiced[-1] + 1) * frame)


def last_voiced_sample(samples: np.ndarray, rate: int = RATE, **options: float) -> int | None:
    """The index just past the last voiced sample (see `voiced_span`)."""
    span = voiced_span(samples, rate, **options)
    return None if span is None else span[1]


def _trimmed(audio: np.ndarray) -> np.ndarray:
    """The voiced part only: synthesisers add their own silence either side (espeak-ng
    about a quarter second at the end), which would lengthen the pauses built from them."""
    span = voiced_span(audio)
    if span is None:
        return audio
    margin = RATE // 50  # 20 ms: soft onsets and decays below the threshold
    return audio[max(0, span[0] - margin) : span[1] + margin]


def _write_wav(path: Path, samples: np.ndarray, rate: int) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes((np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes())


def _speak(question: Question, text: str, folder: Path, voices: dict) -> np.ndarray:
    from persona.speech.audio_decode import load_audio, pcm_to_stt

    if question.voice == "espeak":
        espeak = shutil.which("espeak-ng")
        if espeak is None:  # a Piper voice instead, at the same pace
            return _speak(Question(text, "piper", speed=question.speed), text, folder, voices)
        path = folder / "espeak.wav"
        wpm = str(round(150 * question.speed))
        voice = question.setting or "en-us"
        subprocess.run([espeak, "-v", voice, "-s", wpm, "-w", str(path), text], check=True)
        return load_audio(path) * 0.8
    from persona.speech.tts import TtsConfig, open_tts, synthesize_all

    tts = voices.get(question.speed)
    if tts is None:
        tts = voices[question.speed] = open_tts(TtsConfig(speed=question.speed))
    samples, rate, _ = synthesize_all(tts, text)
    return pcm_to_stt(samples * 0.7, rate)


def make_questions(folder: str, count: int) -> list[dict]:
    """Write `count` question WAVs into `folder`; returns, per question, its path, its last
    voiced sample and the span of its mid-sentence pause (16 kHz sample positions)."""
    rng = np.random.default_rng(11)
    voices: dict = {}
    out = []
    for i in range(count):
        q = QUESTIONS[i % len(QUESTIONS)]
        path = Path(folder) / f"q{i}.wav"
        if q.voice == "recording":  # as recorded, room and all
            shutil.copyfile(DATA / q.setting, path)
            last = int(RECORDINGS[q.setting] * RATE)
            out.append({"path": str(path), "last_voiced": last, "pause": None})
            continue
        lead, tail = np.zeros(int(0.3 * RATE), np.float32), np.zeros(int(0.5 * RATE), np.float32)
        first = _trimmed(_speak(q, q.text, Path(folder), voices))
        parts = [lead, first]
        pause = None
        if q.then:
            gap = np.zeros(int(q.pause_s * RATE), np.float32)
            parts += [gap, _trimmed(_speak(q, q.then, Path(folder), voices))]
            pause = (lead.size + first.size, lead.size + first.size + gap.size)
        speech = np.concatenate([*parts, tail])
        last = last_voiced_sample(speech)
        # A quiet room, not digital silence: what a mic hears between words.
        audio = speech + rng.normal(0.0, 0.001, speech.size).astype(np.float32)
        _write_wav(path, audio, RATE)
        out.append({"path": str(path), "last_voiced": last, "pause": pause})
    return out


def _make_questions_apart(folder: Path, count: int) -> list[dict]:
    """`make_questions` in a fresh process: the voices it loads stay out of this one."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        return pool.apply(make_questions, (str(folder), count))


# ---------------------------------------------------------------- scoring


def score_question(question: Question, info: dict, events: list, started_at: float) -> dict:
    """One question's figures from the loop's events. Times are ms from the last word."""
    from persona.voice.events import (
        AudioOut,
        ReadAheadDone,
        SpeechEnded,
        Transcript,
        TurnDecision,
        TurnMetrics,
    )

    last_s = (info["last_voiced"] or 0) / RATE
    last_word = started_at + last_s
    ends = [e for e in events if isinstance(e, SpeechEnded)]
    cut_off = any(e.stream_s < last_s for e in ends)
    final = next((e for e in ends if e.stream_s >= last_s), None)
    row: dict = {
        "question": question.words,
        "voice": question.label,
        "pause_s": question.pause_s or None,
        "cut_off": cut_off,
        "ended_by": final.by if final else None,
    }
    decisions = [e for e in events if isinstance(e, TurnDecision)]
    # Every end-of-turn decision: [stream s, model probability, transcript finished, ended]
    row["decisions"] = [[d.stream_s, d.probability, d.text_finished, d.finished] for d in decisions]
    # The words the LLM read while the question was still being spoken.
    row["read_ahead"] = [e.text for e in events if isinstance(e, ReadAheadDone) and e.read]
    if final is None:
        return row
    row["endpoint_wait_ms"] = round((final.t - last_word) * 1000, 1)
    audio = next(
        (e for e in events if isinstance(e, AudioOut) and e.turn_id == final.turn_id), None
    )
    if audio is not None:
        row["last_word_to_first_audio_ms"] = round((audio.t - last_word) * 1000, 1)
        row["first_piece"] = audio.text  # what the first sound says
        pieces = [
            (e.t, e.samples / e.sample_rate if e.sample_rate else 0.0)
            for e in events
            if isinstance(e, AudioOut) and e.turn_id == final.turn_id
        ]
        row["longest_gap_ms"] = longest_gap_ms(pieces)
    heard = next(
        (e for e in events if isinstance(e, Transcript) and e.turn_id == final.turn_id), None
    )
    row["transcript"] = heard.text if heard else None
    decisions = [d for d in decisions if d.stream_s <= final.stream_s]
    if decisions:
        row["turn_probability"] = decisions[-1].probability
        row["turn_model_ms"] = decisions[-1].model_ms
    metric = next(
        (e for e in events if isinstance(e, TurnMetrics) and e.turn_id == final.turn_id), None
    )
    if metric is not None:
        row["end_of_speech_to_first_audio_ms"] = metric.first_audio_ms
        row["stt_ms"] = metric.stage_stt_ms
        row["llm_first_sentence_ms"] = metric.stage_llm_first_sentence_ms
        row["tts_first_chunk_ms"] = metric.stage_tts_first_chunk_ms
        row["speculative"] = metric.speculative
        row["retries"] = metric.retries  # each one costs a reply's opening again
        row["stt_rtf"] = metric.stt_rtf
        row["tts_rtf"] = metric.tts_rtf
        # Where the time went: each milestone of the reply, ms after the last word.
        marks = {
            "transcript": metric.transcript_ms,
            "first_token": metric.first_token_ms,
            "first_sentence": metric.first_sentence_ms,
            "first_audio": metric.first_audio_ms,
        }
        row["after_last_word_ms"] = {
            name: None if ms is None else round(row["endpoint_wait_ms"] + ms, 1)
            for name, ms in marks.items()
        }
    return row


def longest_gap_ms(pieces: list[tuple[float, float]]) -> float:
    """The longest silence a listener hears inside a reply: its pieces (time ready, seconds
    long) played back to back from the first, each as soon as it is ready. The benchmark's
    speaker writes a file at once, so "ready" is when each piece reached it."""
    gap = 0.0
    clock: float | None = None
    for ready, seconds in sorted(pieces):
        start = ready if clock is None else max(ready, clock)
        if clock is not None:
            gap = max(gap, start - clock)
        clock = start + seconds
    return round(gap * 1000, 1)


def _percentile(values: list, q: float) -> float | None:
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    return round(float(np.percentile(values, q)), 1)


def _p50(values: list) -> float | None:
    values = [v for v in values if v is not None]
    return round(statistics.median(values), 1) if values else None


def summarise(rows: list[dict]) -> dict:
    """The figures over all questions; latency only over questions not cut off."""
    heard = [r for r in rows if not r["cut_off"]]
    latency = [r.get("last_word_to_first_audio_ms") for r in heard]

    def col(name: str) -> list:
        return [r.get(name) for r in heard]

    return {
        "questions": len(rows),
        "with_pause": sum(1 for r in rows if r["pause_s"]),
        "cut_offs": sum(1 for r in rows if r["cut_off"]),
        "answered": sum(1 for v in latency if v is not None),
        "last_word_to_first_audio_ms_p50": _p50(latency),
        "last_word_to_first_audio_ms_p90": _percentile(latency, 90),
        "last_word_to_first_audio_ms_max": max((v for v in latency if v is not None), default=None),
        # Turns the end-of-turn model ended early, apart from those the longer silence ended
        # (mid-sentence pauses, and finished ones the model did not believe): the p50 over
        # all sits wherever the second group puts it.
        "last_word_to_first_audio_ms_p50_by_end": {
            by: _p50([r.get("last_word_to_first_audio_ms") for r in heard if r["ended_by"] == by])
            for by in sorted({r["ended_by"] for r in heard if r["ended_by"]})
        },
        "end_of_speech_to_first_audio_ms_p50": _p50(col("end_of_speech_to_first_audio_ms")),
        "end_of_speech_to_first_audio_ms_max": max(
            (v for v in col("end_of_speech_to_first_audio_ms") if v is not None), default=None
        ),
        "stage_ms_p50": {
            "endpoint_wait": _p50(col("endpoint_wait_ms")),
            "stt": _p50(col("stt_ms")),
            "turn_model": _p50(col("turn_model_ms")),
            "llm_first_sentence": _p50(col("llm_first_sentence_ms")),
            "tts_first_chunk": _p50(col("tts_first_chunk_ms")),
        },
        "after_last_word_ms_p50": {
            name: _p50([(r.get("after_last_word_ms") or {}).get(name) for r in heard])
            for name in ("transcript", "first_token", "first_sentence", "first_audio")
        },
        "ended_by": {
            by: sum(1 for r in heard if r["ended_by"] == by)
            for by in sorted({r["ended_by"] for r in heard if r["ended_by"]})
        },
        "speculative_replies": sum(1 for r in heard if r.get("speculative")),
        "questions_read_ahead": sum(1 for r in heard if r.get("read_ahead")),
        "replies_written_again": sum(1 for r in heard if r.get("retries")),
        # Silence inside a reply (a piece not ready when the one before had been played).
        "longest_gap_ms_max": max((r.get("longest_gap_ms") or 0.0 for r in heard), default=None),
        "stt_rtf": _p50(col("stt_rtf")),
        "tts_rtf": _p50(col("tts_rtf")),
    }


# ---------------------------------------------------------------- memory


def _memory_split() -> dict[str, float]:
    """Resident memory now, split into anonymous (heap) and file-backed pages (the mmapped
    model files and shared libraries, which the kernel can drop and reload)."""
    out: dict[str, float] = {}
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                key, _, value = line.partition(":")
                if key in ("RssAnon", "RssFile", "VmRSS"):
                    out[f"{key.lower()}_mb_now"] = round(int(value.split()[0]) / 1024, 1)
    except OSError:
        pass
    return out


def _kv_disk_mb(backend: object) -> float | None:
    """The prompt caches kept on disk for this model: the LLM backend holds them all in
    memory, so they are part of the resident figure."""
    disk = getattr(backend, "_disk", None)
    folder = getattr(disk, "folder", None)
    if folder is None or not Path(folder).is_dir():
        return None
    return round(sum(p.stat().st_size for p in Path(folder).glob("*.kv")) / 2**20, 1)


# ---------------------------------------------------------------- speech in noise

# Questions for the noise section: no numbers and no words with two spellings, so the word
# error rate counts mishearings only. Piper at three speeds, espeak-ng in six voices.
NOISE_QUESTIONS: tuple[Question, ...] = (
    Question("What is the weather like today?", "espeak", "en-us", 1.0),
    Question("Can you tell me a joke about cats?", "piper"),
    Question("How far away is the moon?", "espeak", "en-gb", 1.15),
    Question("Please turn on the kitchen lights.", "piper", speed=1.25),
    Question("What should I cook for dinner tonight?", "espeak", "en-us+f3", 0.9),
    Question("Why is the sky blue during the day?", "piper", speed=0.85),
    Question("Remind me to water the plants.", "espeak", "en-gb-scotland", 1.0),
    Question("Where do penguins live?", "piper"),
    Question("Do you know any good songs about the sea?", "espeak", "en-us+m3", 1.1),
    Question("Tell me something interesting about octopuses.", "piper", speed=1.25),
    Question("Is it going to rain tomorrow morning?", "espeak", "en-gb-x-rp", 1.0),
    Question("Could you recommend a good book for a long train journey?", "piper", speed=0.85),
)
# The babble: six other espeak-ng voices, none of them a question's, talking at once.
BABBLE_TALKERS: tuple[Question, ...] = (
    Question(
        "I told him the train would be late again, but he never listens to me.",
        "espeak",
        "en-029",
        1.0,
    ),
    Question(
        "We could paint the living room green, or a warm yellow if the landlord agrees.",
        "espeak",
        "en-us+f2",
        1.1,
    ),
    Question(
        "The market was busy this morning and the bread was gone before we arrived.",
        "espeak",
        "en-gb-x-gbclan",
        0.95,
    ),
    Question(
        "My brother keeps chickens in the garden and they wake everybody up at dawn.",
        "espeak",
        "en-us+m5",
        1.05,
    ),
    Question(
        "Did you see the match last night? The second half was absolutely incredible.",
        "espeak",
        "en-gb-x-gbcwmd",
        1.0,
    ),
    Question(
        "She said the meeting moved to Thursday, so we have a little more time.",
        "espeak",
        "en-us+f4",
        0.9,
    ),
)
# (name, noise, SNR in dB); "clean" is the quiet room the latency bench uses.
NOISE_CONDITIONS: tuple[tuple[str, str | None, float | None], ...] = (
    ("clean", None, None),
    ("fan-20db", "fan", 20.0),
    ("fan-10db", "fan", 10.0),
    ("babble-20db", "babble", 20.0),
    ("babble-10db", "babble", 10.0),
)
NOISE_LEAD_S, NOISE_TAIL_S = 1.5, 1.2  # the noise was on before the question


@dataclass(frozen=True, slots=True)
class NoiseVariant:
    """One way of hearing the noisy questions: `SttConfig` and `VadConfig` settings, and
    whether a spectral gate cleans each utterance before STT."""

    name: str
    stt: tuple[tuple[str, object], ...] = ()
    vad: tuple[tuple[str, object], ...] = ()
    gate: bool = False


def _field_value(kind: object, value: str) -> object:
    kind = str(kind)
    if value.lower() == "none" and "None" in kind:
        return None
    if "bool" in kind:
        return value.lower() in ("1", "true", "yes", "on")
    if "int" in kind and "float" not in kind:
        return int(value)
    if "float" in kind:
        return float(value)
    return value


def parse_noise_variant(text: str) -> NoiseVariant:
    """A variant from its name: "default", or parts joined by "+": "gate", an `SttConfig`
    field as "name=value" ("beam_size=5"), or a `VadConfig` field prefixed "vad_"
    ("vad_threshold=0.7")."""
    from dataclasses import fields

    from persona.speech.stt import SttConfig
    from persona.speech.vad import VadConfig

    stt_kinds = {f.name: f.type for f in fields(SttConfig) if f.name != "model"}
    vad_kinds = {f"vad_{f.name}": f.type for f in fields(VadConfig)}
    stt: list[tuple[str, object]] = []
    vad: list[tuple[str, object]] = []
    gate = False
    for part in filter(None, text.strip().split("+")):
        key, eq, value = part.partition("=")
        if part in ("default", "gate"):
            gate = gate or part == "gate"
        elif eq and key in stt_kinds:
            stt.append((key, _field_value(stt_kinds[key], value)))
        elif eq and key in vad_kinds:
            vad.append((key.removeprefix("vad_"), _field_value(vad_kinds[key], value)))
        else:
            known = ", ".join([*stt_kinds, *vad_kinds])
            raise argparse.ArgumentTypeError(
                f"unknown noise variant part {part!r}: use default, gate, or NAME=VALUE for "
                f"one of {known}"
            )
    return NoiseVariant(text.strip(), tuple(stt), tuple(vad), gate)


def make_noise_speech(count: int) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """The questions' speech (voiced part only) and the babble talkers', 16 kHz float32.
    Piper without sampling noise, so the recordings are the same every run."""
    from persona.speech.tts import TtsConfig, open_tts

    with tempfile.TemporaryDirectory(prefix="persona-bench-noise-") as tmp:
        voices: dict = {}
        questions = [NOISE_QUESTIONS[i % len(NOISE_QUESTIONS)] for i in range(count)]
        for q in questions:
            if q.voice == "piper" and q.speed not in voices:
                voices[q.speed] = open_tts(
                    TtsConfig(speed=q.speed, noise_scale=0.0, noise_w_scale=0.0)
                )
        speech = [_trimmed(_speak(q, q.text, Path(tmp), voices)) for q in questions]
        talkers = [_trimmed(_speak(t, t.text, Path(tmp), voices)) for t in BABBLE_TALKERS]
    return speech, talkers


def noisy_recording(
    speech: np.ndarray,
    talkers: list[np.ndarray],
    noise: str | None,
    snr: float | None,
    rng: np.random.Generator,
) -> tuple[np.ndarray, tuple[int, int]]:
    """The question with silence either side and `noise` under all of it at `snr` dB (or a
    quiet room); returns the recording and the speech's span in it."""
    from persona.bench.noise import babble, fan_noise, mix_at_snr

    lead, tail = int(NOISE_LEAD_S * RATE), int(NOISE_TAIL_S * RATE)
    padded = np.concatenate([np.zeros(lead, np.float32), speech, np.zeros(tail, np.float32)])
    room = rng.normal(0.0, 0.001, padded.size).astype(np.float32)
    if noise is None or snr is None:
        return padded + room, (lead, lead + speech.size)
    if noise == "fan":
        sound = fan_noise(padded.size, rng)
    elif noise == "babble":
        sound = babble(talkers, padded.size, rng)
    else:
        raise ValueError(f"unknown noise {noise!r}")
    return mix_at_snr(padded, sound, snr) + room, (lead, lead + speech.size)


def vad_utterances(
    audio: np.ndarray, settings: tuple[tuple[str, object], ...] = ()
) -> tuple[list, bool]:
    """The utterances the voice loop's VAD (with `settings` changed) cuts from `audio`, fed
    as 40 ms mic blocks, and whether it found an endpoint (else the last one is cut where
    the audio ends)."""
    from dataclasses import replace

    from persona.speech.vad import StreamingVad, VadEnd

    vad = StreamingVad(replace(VoiceConfig().vad, **dict(settings)))
    block = RATE // 25
    ends = []
    for i in range(0, audio.size, block):
        ends.extend(e for e in vad.feed(audio[i : i + block]) if isinstance(e, VadEnd))
    endpoint = not vad.in_speech
    if not endpoint:
        last = vad.end_now()
        if isinstance(last, VadEnd):
            ends.append(last)
    return ends, endpoint


@dataclass(slots=True)
class _Hearer:
    """One STT model heard one way, with what it heard so far."""

    model: str
    variant: NoiseVariant
    stt: object
    load_s: float


def _hear(hearer: _Hearer, utterances: list, span: tuple[int, int]) -> dict:
    """Transcribe the VAD's utterances of one recording: the text of those that overlap the
    question, and a count of those that do not but still produced text (phantom turns)."""
    from persona.bench.noise import spectral_gate

    start, end = span
    heard, times, phantom, spoken = [], [], 0, 0
    for e in utterances:
        said = e.start < end and e.start + e.audio.size > start
        samples = spectral_gate(e.audio) if hearer.variant.gate else e.audio
        result = hearer.stt.transcribe(samples, speech_ratio=e.speech_ratio)
        if said:
            spoken += 1
            heard.append(result.text)
            times.append(result.elapsed_s * 1000)
        elif result.text:
            phantom += 1
    return {
        "heard": " ".join(t for t in heard if t),
        "stt_ms": round(sum(times), 1) if times else None,
        "split": spoken > 1,
        "phantom_turns": phantom,
    }


def summarise_noise(rows: list[dict], conditions: list[str]) -> list[dict]:
    """Per STT model and variant: WER (over all words said) and STT p50 per condition, the
    WER over the noisy conditions, and how often the VAD failed."""
    from persona.bench.noise import corpus_wer

    out = []
    for stt, variant in dict.fromkeys((r["stt"], r["variant"]) for r in rows):
        mine = [r for r in rows if r["stt"] == stt and r["variant"] == variant]
        by_condition = {}
        for name in conditions:
            these = [r for r in mine if r["condition"] == name]
            total = corpus_wer((r["question"], r["heard"]) for r in these)
            by_condition[name] = {
                "wer": round(total.wer, 3),
                "substitutions": total.substitutions,
                "deletions": total.deletions,
                "insertions": total.insertions,
                "stt_ms_p50": _p50([r["stt_ms"] for r in these]),
                "no_endpoint": sum(1 for r in these if not r["endpoint"]),
                "split_turns": sum(1 for r in these if r["split"]),
                "phantom_turns": sum(r["phantom_turns"] for r in these),
            }
        noisy = corpus_wer((r["question"], r["heard"]) for r in mine if r["condition"] != "clean")
        out.append(
            {
                "stt": stt,
                "variant": variant,
                "wer_noisy": round(noisy.wer, 3),
                "stt_ms_p50": _p50([r["stt_ms"] for r in mine]),
                "by_condition": by_condition,
            }
        )
    return out


def noise_section(args: argparse.Namespace) -> dict:
    """Word error rate of the STT models and variants on the questions in each noise
    condition, through the loop's VAD, with the STT time per utterance. The models take
    turns on each recording, so a busy machine slows them all alike."""
    from persona.bench.noise import word_errors
    from persona.speech.stt import SttConfig, WhisperStt

    count = max(1, args.noise_questions)
    speech, talkers = make_noise_speech(count)
    questions = [NOISE_QUESTIONS[i % len(NOISE_QUESTIONS)] for i in range(count)]
    models = [m.strip() for m in args.noise_stt_models.split(",") if m.strip()] or [""]
    variants = [parse_noise_variant(v) for v in args.noise_variants.split(",") if v.strip()]
    hearers: list[_Hearer] = []
    loaded: dict[tuple, tuple[object, float]] = {}
    for model in models:
        for variant in variants:
            config = SttConfig(model=model or None, threads=args.stt_threads, **dict(variant.stt))
            if config not in loaded:
                started = time.perf_counter()
                stt = WhisperStt.load(config)
                loaded[config] = (stt, time.perf_counter() - started)
                stt.transcribe(np.zeros(RATE, dtype=np.float32))  # warm up
            stt, load_s = loaded[config]
            hearers.append(_Hearer(model or "default", variant, stt, load_s))
    rows = []
    for c, (name, noise, snr) in enumerate(NOISE_CONDITIONS):
        for i, (q, samples) in enumerate(zip(questions, speech, strict=True)):
            rng = np.random.default_rng([args.noise_seed, c, i])
            audio, span = noisy_recording(samples, talkers, noise, snr, rng)
            cuts = {}
            for hearer in hearers:
                settings = hearer.variant.vad
                if settings not in cuts:
                    cuts[settings] = vad_utterances(audio, settings)
                utterances, endpoint = cuts[settings]
                row = {
                    "stt": hearer.model,
                    "variant": hearer.variant.name,
                    "condition": name,
                    "question": q.text,
                    "voice": q.label,
                    "endpoint": endpoint,
                    **_hear(hearer, utterances, span),
                }
                row["wer"] = round(word_errors(q.text, row["heard"]).wer, 3)
                rows.append(row)
    conditions = [name for name, _, _ in NOISE_CONDITIONS]
    results = summarise_noise(rows, conditions)
    by_name = {(h.model, h.variant.name): h for h in hearers}
    for result in results:
        hearer = by_name[(result["stt"], result["variant"])]
        path = hearer.stt.model_path
        result["stt_model"] = path.name if path.name != "model" else str(path)
        result["load_s"] = round(hearer.load_s, 2)
    return {
        "questions": count,
        "voices": sorted({q.label for q in questions}),
        "babble_talkers": len(BABBLE_TALKERS),
        "snr_reference": "speech active RMS (voiced 10 ms frames) over noise RMS",
        "seed": args.noise_seed,
        "conditions": conditions,
        "stt_threads": args.stt_threads,
        "results": results,
        "per_question": rows,
    }


# ---------------------------------------------------------------- the run


def run(args: argparse.Namespace) -> dict:
    from persona.chat import ChatStore, Conversation
    from persona.llm import BackendConfig, GenerationOptions, open_backend
    from persona.personas import load_persona
    from persona.speech.audio_decode import load_audio
    from persona.speech.audio_io import FileAudioIn
    from persona.speech.stt import SttConfig, WhisperStt
    from persona.speech.turn import load_turn_detector
    from persona.voice.session import (
        VoiceSessionOptions,
        build_loop,
        limit_malloc_arenas,
        tts_for_persona,
        voice_llm_threads,
        warm_up,
    )

    if getattr(args, "noise", False):
        if not args.noise_stt_models and args.stt_model:
            args.noise_stt_models = args.stt_model
        return {"noise": noise_section(args)}
    limit_malloc_arenas()
    count = max(1, args.questions)
    with tempfile.TemporaryDirectory(prefix="persona-bench-voice-") as tmp:
        folder = Path(tmp)
        infos = _make_questions_apart(folder, count)
        started = time.perf_counter()
        persona = load_persona(args.persona)
        threads = args.threads or voice_llm_threads()
        # The LLM first, as `persona voice` loads it. No in-memory cache of other
        # conversations' KV state: each question is a fresh conversation here, while a
        # voice session holds one, so that cache would only grow in the benchmark.
        extra: dict[str, object] = {"kv_snapshot_mb": 0}
        if args.no_kv_disk:
            extra["kv_disk"] = False
        backend = open_backend(
            "llama", BackendConfig(model=args.model, threads=threads, extra=extra)
        )
        stt = WhisperStt.load(SttConfig(model=args.stt_model, threads=args.stt_threads))
        tts = tts_for_persona(persona)
        turn = None if args.no_turn_model else load_turn_detector()
        load_s = time.perf_counter() - started
        rows: list[dict] = []
        store = ChatStore.open(folder / "bench.db")
        try:
            warm = Conversation.open(persona=persona, backend=backend, store=store)
            warm_up(conversation=warm, stt=stt, tts=tts, turn_detector=turn)
            for i, info in enumerate(infos):
                # A fresh conversation per question: every turn sees the same prompt size.
                conv = Conversation.open(
                    persona=persona,
                    backend=backend,
                    store=store,
                    options=GenerationOptions(max_tokens=args.max_tokens, temperature=0.7, seed=i),
                )
                # The question arrives at speaking speed, as from a mic, so the endpoint,
                # the end-of-turn model and the early transcription happen as they would live.
                mic = FileAudioIn(info["path"], realtime=not args.fast)
                loop = build_loop(
                    VoiceSessionOptions(
                        out_path=folder / f"r{i}.wav",
                        end_of_turn_model=turn is not None,
                        loop=VoiceConfig(
                            first_clause_min_chars=args.first_clause_chars,
                            tts_max_chars=args.tts_max_chars,
                            speculate_reply=not args.no_speculate,
                            read_ahead_s=args.read_ahead_s,
                            unfinished_silence_ms=args.unfinished_silence_ms,
                            complete_silence_ms=args.complete_silence_ms,
                        ),
                    ),
                    conversation=conv,
                    stt=stt,
                    tts=tts,
                    audio_in=mic,
                    turn_detector=turn,
                )
                events = loop.run()
                loop.audio_out.close()
                question = QUESTIONS[i % len(QUESTIONS)]
                rows.append(score_question(question, info, events, mic.started_at or 0.0))
        finally:
            store.close()
        peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        result = {
            **summarise(rows),
            "peak_rss_mb": round(peak_rss_mb, 1),
            **_memory_split(),
            "kv_disk_mb": _kv_disk_mb(backend),
            "load_s": round(load_s, 2),
            "llm_threads": threads,
            "llm_model": Path(str(getattr(backend, "model_path", args.model))).name,
            "turn_model": Path(turn.model_path).name if turn is not None else None,
            "speculate": not args.no_speculate,
            "read_ahead_s": args.read_ahead_s,
            "complete_silence_ms": args.complete_silence_ms,
            "stt_model": str(
                stt.model_path.name if stt.model_path.name != "model" else stt.model_path
            ),
            "tts_voice": str(getattr(tts, "model_path", "beeps")),
        }
        if not args.no_raw:
            audio = [load_audio(info["path"]) for info in infos]
            result.update(_raw_comparison(stt, tts, audio, result))
        result["per_question"] = rows
    backend.close()
    return result


def _raw_comparison(stt, tts, audio: list[np.ndarray], ours: dict) -> dict:
    """The same work through the libraries directly: faster-whisper and PiperVoice."""
    from faster_whisper import WhisperModel
    from piper import PiperVoice

    model = WhisperModel(
        str(stt.model_path), device="cpu", compute_type="int8", cpu_threads=stt.config.threads or 0
    )
    spent = total = 0.0
    for samples in audio:
        start = time.perf_counter()
        segments, _ = model.transcribe(
            samples,
            language="en",
            beam_size=1,
            condition_on_previous_text=False,
            without_timestamps=True,
        )
        list(segments)
        spent += time.perf_counter() - start
        total += samples.size / 16000
    raw_stt = spent / total
    out = {"raw_stt_rtf": round(raw_stt, 4)}
    if ours.get("stt_rtf"):
        out["stt_rtf_vs_raw"] = round(ours["stt_rtf"] / raw_stt, 2)
    path = getattr(tts, "model_path", None)
    if path is not None:
        voice = PiperVoice.load(path)
        text = "Hello! It is a lovely day. Shall we go for a walk in the park?"
        list(voice.synthesize("warm up"))
        start = time.perf_counter()
        chunks = list(voice.synthesize(text))
        spent = time.perf_counter() - start
        seconds = sum(c.audio_float_array.size for c in chunks) / chunks[0].sample_rate
        out["raw_tts_rtf"] = round(spent / seconds, 4)
        start = time.perf_counter()
        ours_chunks = list(tts.synthesize(text))
        spent = time.perf_counter() - start
        seconds = sum(c.samples.size for c in ours_chunks) / ours_chunks[0].sample_rate
        out["tts_rtf_same_text"] = round(spent / seconds, 4)
    return out

"""Voice loop latency: end of speech to first audio, STT/TTS real-time factors, peak memory.

Questions are synthesised with Piper (and espeak-ng when installed) into WAV files, then run
through the real loop with file audio, exactly as `persona voice --in q.wav --out r.wav`.
The raw faster-whisper and Piper calls are timed on the same audio in the same run, so the
wrapper overhead shows as a ratio. Peak RSS is read before those raw models are loaded.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
import wave
from pathlib import Path

import numpy as np

from persona.voice.loop import VoiceConfig

QUESTIONS = (
    "What is the capital of France?",
    "Can you tell me a joke?",
    "What should I cook for dinner tonight?",
    "How far away is the moon?",
    "What is your favourite colour?",
    "Do you like music?",
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--questions", type=int, default=5, help="how many questions to ask")
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
    parser.add_argument("--no-raw", action="store_true", help="skip the raw-library comparison")
    parser.add_argument(
        "--fast",
        action="store_true",
        help="feed the questions as fast as possible, not in real time",
    )


def _write_wav(path: Path, samples: np.ndarray, rate: int) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes((np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes())


def _make_questions(folder: Path, count: int, tts) -> list[Path]:
    from persona.speech.tts import synthesize_all

    espeak = shutil.which("espeak-ng")
    paths = []
    for i in range(count):
        text = QUESTIONS[i % len(QUESTIONS)]
        path = folder / f"q{i}.wav"
        if espeak and i % 2 == 1:
            subprocess.run([espeak, "-v", "en-us", "-w", str(path), text], check=True)
        else:
            samples, rate, _ = synthesize_all(tts, text)
            pad = np.zeros(int(rate * 0.3), np.float32)
            _write_wav(path, np.concatenate([pad, samples * 0.7, pad]), rate)
        paths.append(path)
    return paths


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


def _p50(values: list[float]) -> float | None:
    values = [v for v in values if v is not None]
    return round(statistics.median(values), 1) if values else None


def run(args: argparse.Namespace) -> dict:
    from persona.chat import ChatStore, Conversation
    from persona.llm import BackendConfig, GenerationOptions, open_backend
    from persona.personas import load_persona
    from persona.speech.audio_decode import load_audio
    from persona.speech.audio_io import FileAudioIn
    from persona.speech.stt import SttConfig, WhisperStt
    from persona.voice.events import TurnMetrics
    from persona.voice.session import (
        VoiceSessionOptions,
        build_loop,
        limit_malloc_arenas,
        tts_for_persona,
        voice_llm_threads,
        warm_up,
    )

    limit_malloc_arenas()
    started = time.perf_counter()
    persona = load_persona(args.persona)
    stt = WhisperStt.load(SttConfig(model=args.stt_model, threads=args.stt_threads))
    tts = tts_for_persona(persona)
    threads = args.threads or voice_llm_threads()
    backend = open_backend("llama", BackendConfig(model=args.model, threads=threads))
    load_s = time.perf_counter() - started
    turns: list[TurnMetrics] = []
    with tempfile.TemporaryDirectory(prefix="persona-bench-voice-") as tmp:
        folder = Path(tmp)
        questions = _make_questions(folder, args.questions, tts)
        store = ChatStore.open(folder / "bench.db")
        try:
            warm = Conversation.open(persona=persona, backend=backend, store=store)
            warm_up(conversation=warm, stt=stt, tts=tts)
            for i, question in enumerate(questions):
                # A fresh conversation per question: every turn sees the same prompt size.
                conv = Conversation.open(
                    persona=persona,
                    backend=backend,
                    store=store,
                    options=GenerationOptions(max_tokens=args.max_tokens, temperature=0.7, seed=i),
                )
                # The question arrives at speaking speed, as from a mic, so the endpoint
                # and the early (speculative) transcription happen as they would live.
                mic = FileAudioIn(question, realtime=not args.fast)
                loop = build_loop(
                    VoiceSessionOptions(
                        out_path=folder / f"r{i}.wav",
                        loop=VoiceConfig(
                            first_clause_min_chars=args.first_clause_chars,
                            tts_max_chars=args.tts_max_chars,
                        ),
                    ),
                    conversation=conv,
                    stt=stt,
                    tts=tts,
                    audio_in=mic,
                )
                events = loop.run()
                loop.audio_out.close()
                turns.extend(e for e in events if isinstance(e, TurnMetrics))
        finally:
            store.close()
        peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        memory = _memory_split()
        result = {
            "questions": len(questions),
            "turns": len(turns),
            "end_of_speech_to_first_audio_ms_p50": _p50([t.first_audio_ms for t in turns]),
            "end_of_speech_to_first_audio_ms_max": max(
                (t.first_audio_ms for t in turns if t.first_audio_ms is not None), default=None
            ),
            "transcript_ms_p50": _p50([t.transcript_ms for t in turns]),
            "first_token_ms_p50": _p50([t.first_token_ms for t in turns]),
            "first_sentence_ms_p50": _p50([t.first_sentence_ms for t in turns]),
            "stt_rtf": _p50([t.stt_rtf for t in turns]),
            "tts_rtf": _p50([t.tts_rtf for t in turns]),
            "peak_rss_mb": round(peak_rss_mb, 1),
            **memory,
            "load_s": round(load_s, 2),
            "llm_threads": threads,
            "stt_model": str(
                stt.model_path.name if stt.model_path.name != "model" else stt.model_path
            ),
            "tts_voice": str(getattr(tts, "model_path", "beeps")),
        }
        if not args.no_raw:
            audio = [load_audio(q) for q in questions]
            result.update(_raw_comparison(stt, tts, audio, result))
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

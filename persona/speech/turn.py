"""End of turn: has the user finished their sentence, or only paused in the middle of it?

A pause after "my favourite robot is" sounds unfinished; one after "...the one that makes
toast" does not. Smart Turn v3 (pipecat-ai, BSD-2-Clause) hears the difference in the audio
itself: a Whisper-tiny encoder with a classifier, int8 ONNX, run with onnxruntime on the last
8 s of the utterance. Its input is Whisper's log-mel spectrogram, computed here with
faster-whisper's own numpy feature extractor, so nothing heavier is imported at run time.

`load_turn_detector()` returns None (and says so in a log warning) when the model is not
installed; the voice loop then ends turns after a fixed silence, as it did before.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from persona.cores import CORES, single_threaded_blas, speech_threads
from persona.errors import BadInput, ModelError, PersonaError

log = logging.getLogger(__name__)

RATE = 16000
WINDOW_S = 8  # the model hears the last 8 s of the turn, left-padded with silence
MODEL_NAME = "smart-turn-v3.2"  # the catalog entry used when none is named


@runtime_checkable
class TurnDetector(Protocol):
    """Says how likely it is that an utterance, ending in a pause, is a finished turn."""

    threshold: float

    def probability(self, audio_16k: np.ndarray) -> float:
        """`audio_16k`: the utterance so far, 16 kHz mono float32, ending in the pause."""
        ...


@dataclass(frozen=True, slots=True, kw_only=True)
class TurnConfig:
    """Load-time options. `model`: catalog name or .onnx path; None = the catalog default."""

    model: str | None = None
    threshold: float = 0.5  # probability at or above which the turn is finished
    # None: every core, up to 4 (`speech_threads`). It claims them all while it runs anyway
    # (beside the LLM it runs 2x slower), so it may as well use them: on 2 cores 129 ms
    # against 220-237 on one thread (AMD EPYC, 2 s of speech).
    threads: int | None = None


# Words a finished sentence hardly ends on: articles, prepositions, conjunctions, copulas...
_DANGLING = frozenset(
    """a an the my your her our their its every
    to of in on at for with about from by into onto than
    and or but because if when while although though whether nor
    is are was were am very um uh er erm hmm""".split()
)
_FINAL_MARK = re.compile(r"[.?!][\"')\]]*$")
# A statement that opens with one of these is a subordinate clause until its main clause
# follows, after a comma ("If you could visit any planet in the solar system, ..."); Whisper
# still ends the first half with a full stop at the pause.
_SUBORDINATE = frozenset("if when whenever while although though unless because since".split())
_CLAUSE_BREAK = re.compile(r"[,;:]|\s[-–—]\s")


def transcript_sounds_finished(text: str) -> bool:
    """Whether a transcript reads like a finished utterance: it ends with . ? or ! (Whisper
    leaves fragments unpunctuated or ends them with "..."), and a statement does not end on
    a word that needs more ("My favorite robot is.") nor is a lone "if" or "when" clause
    (a curt "Because I said so." then waits for the longer silence: late, not cut off).
    Pure; a second opinion beside the acoustic model, which synthetic and flat voices can
    fool."""
    stripped = text.strip()
    if not stripped or stripped.endswith(("...", "…", ",", "-", ";", ":")):
        return False
    if not _FINAL_MARK.search(stripped):
        return False
    if _is_question(stripped):
        return True
    words = _words(stripped)
    if words and words[0] in _SUBORDINATE and not _CLAUSE_BREAK.search(stripped):
        return False
    return bool(words) and words[-1] not in _DANGLING


def reads_complete(text: str) -> bool:
    """A transcript that reads like a whole sentence, question or not, and does not end on
    a word that needs more ("Can you tell me a story about?" does): when the end-of-turn
    model doubts such a pause, a shorter silence than an unfinished one's still ends the
    turn (`VoiceConfig.complete_silence_ms`). Synthetic and flat voices' finished statements
    get 0.01-0.1 from Smart Turn. Pure."""
    words = _words(text)
    return transcript_sounds_finished(text) and bool(words) and words[-1] not in _DANGLING


def _is_question(text: str) -> bool:
    return text.rstrip("\"')]").endswith("?")


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower())


# How sure the model must be of a question. Measured on the voice bench's synthetic voices,
# which rarely sound finished to it: finished questions scored 0.18-0.46 ("Can robots feel
# happy or sad?" 0.18), the pauses inside questions 0.06-0.10, and those end on a word that
# needs more ("Can you tell me a story about?").
QUESTION_THRESHOLD = 0.15
# "Hello?": Whisper marks a greeting as a question, and "How are you today?" follows.
QUESTION_MIN_WORDS = 3


def finish_threshold(text: str, threshold: float) -> float | None:
    """The probability at or above which a pause with this transcript ends the turn, the
    transcript being a second opinion beside the acoustic model's; None when it reads
    unfinished (`transcript_sounds_finished`), so only the longer silence ends the turn. A
    question of three words or more that Whisper marked with "?" and that ends on a word
    needing nothing more needs only a weak yes; anything else the model's own `threshold`.
    (Words without a final mark stay unfinished: Whisper leaves "Hello robot" bare when
    "What is your..." follows.)"""
    stripped = text.strip()
    if not transcript_sounds_finished(stripped):
        return None
    words = _words(stripped)
    if _is_question(stripped) and len(words) >= QUESTION_MIN_WORDS and words[-1] not in _DANGLING:
        return min(threshold, QUESTION_THRESHOLD)
    return threshold


@lru_cache(maxsize=1)
def _extractor() -> Any:
    from faster_whisper.feature_extractor import FeatureExtractor

    return FeatureExtractor(feature_size=80, sampling_rate=RATE, chunk_length=WINDOW_S)


def turn_features(audio_16k: np.ndarray) -> np.ndarray:
    """The model's input for one utterance: (80, 800) float32 log-mel features.

    The same as `transformers.WhisperFeatureExtractor(chunk_length=8)` with
    `do_normalize=True` on the last 8 s, zero-padded at the start (Smart Turn's inference).
    """
    samples = np.asarray(audio_16k, dtype=np.float32)
    if samples.ndim != 1 or samples.size == 0:
        raise BadInput(f"end-of-turn audio must be non-empty mono samples, got {samples.shape}")
    window = RATE * WINDOW_S
    if samples.size >= window:
        samples = samples[-window:]
    else:
        samples = np.pad(samples, (window - samples.size, 0))
    samples = (samples - samples.mean()) / np.sqrt(samples.var() + 1e-7)
    # 128000 samples -> 801 centred frames; the extractor drops the last, as Whisper does.
    return np.asarray(_extractor()(samples, padding=0), dtype=np.float32)


class SmartTurn:
    """Smart Turn v3 behind `TurnDetector`. Thread-safe: one inference at a time."""

    def __init__(self, session: Any, config: TurnConfig, model_path: Path) -> None:
        self._session = session
        self.config = config
        self.threshold = config.threshold
        self.model_path = model_path
        self._input = session.get_inputs()[0].name
        self._lock = threading.Lock()
        self.last_elapsed_s = 0.0

    @staticmethod
    def load(config: TurnConfig | None = None) -> SmartTurn:
        import onnxruntime

        from persona.catalog import resolve

        config = config or TurnConfig()
        single_threaded_blas()
        path = Path(resolve(config.model or MODEL_NAME, "turn"))
        options = onnxruntime.SessionOptions()
        # No arena: it would keep the peak of every call's buffers for good (memory counts).
        options.enable_cpu_mem_arena = False
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        options.intra_op_num_threads = max(1, config.threads or speech_threads())
        options.inter_op_num_threads = 1
        # Idle workers that spin would hold a core the LLM needs next (no slower without).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        try:
            session = onnxruntime.InferenceSession(
                str(path), sess_options=options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # onnxruntime raises its own error types
            raise ModelError(
                f"cannot load the end-of-turn model {path}: {exc}; "
                f"pull it again with `persona models pull {MODEL_NAME}`"
            ) from None
        log.debug("loaded end-of-turn model %s", path)
        return SmartTurn(session, config, path)

    def probability(self, audio_16k: np.ndarray) -> float:
        features = turn_features(audio_16k)[None]
        start = time.perf_counter()
        # Every core, whatever its threads: beside an LLM on another core it runs 1.6-2x
        # slower (the LLM streams its weights through the shared cache), and the LLM no faster.
        with self._lock, CORES.claim(CORES.cores):
            (out, *_rest) = self._session.run(None, {self._input: features})
        self.last_elapsed_s = time.perf_counter() - start
        return float(np.asarray(out, dtype=np.float32).reshape(-1)[0])  # already a sigmoid


def load_turn_detector(config: TurnConfig | None = None) -> SmartTurn | None:
    """The end-of-turn model, or None with a warning when it is missing or does not load."""
    try:
        return SmartTurn.load(config)
    except PersonaError as exc:
        log.warning(
            "no end-of-turn model (%s): turns end after a fixed silence instead; "
            "`persona models pull %s` installs it",
            exc,
            MODEL_NAME,
        )
        return None

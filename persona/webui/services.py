"""What every browser session shares: the chat store, the loaded models and the app options.

Models load lazily (the first request that needs one) and once; the llama backends are
guarded by Gradio's queue (one generation at a time) and by the backend's own lock.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from persona.chat import ChatStore
from persona.cores import speech_threads
from persona.errors import PersonaError
from persona.llm import BackendConfig, GenerationOptions, LLMBackend, open_backend
from persona.roast.session import DEFAULT_CANDIDATES, DEFAULT_MAX_TOKENS

log = logging.getLogger(__name__)

DEFAULT_MODEL = "smollm2-135m"


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


@dataclass(frozen=True, slots=True, kw_only=True)
class UiConfig:
    """Load-time options of the app. `from_env` reads PERSONA_UI_* (tests shorten replies)
    and, as the CLI does, PERSONA_BACKEND, PERSONA_BASE_URL and PERSONA_API_KEY."""

    model: str | None = None
    backend: str = "llama"
    base_url: str | None = None  # an OpenAI-compatible server, for backend "openai"
    api_key: str | None = None
    n_ctx: int = 2048
    threads: int | None = None
    max_tokens: int = 160
    temperature: float = 0.7
    roast_n: int = DEFAULT_CANDIDATES
    roast_max_tokens: int = DEFAULT_MAX_TOKENS
    db_path: str | None = None
    upload_root: str | None = None  # per-session folders go here (default: a temp folder)

    @classmethod
    def from_env(cls) -> UiConfig:
        return cls(
            model=os.environ.get("PERSONA_UI_MODEL") or None,
            backend=os.environ.get("PERSONA_BACKEND") or "llama",
            base_url=os.environ.get("PERSONA_BASE_URL") or None,
            api_key=os.environ.get("PERSONA_API_KEY") or None,
            max_tokens=_env_int("PERSONA_UI_MAX_TOKENS", 160),
            roast_n=_env_int("PERSONA_UI_ROAST_N", DEFAULT_CANDIDATES),
            roast_max_tokens=_env_int("PERSONA_UI_ROAST_MAX_TOKENS", DEFAULT_MAX_TOKENS),
            threads=_env_int("PERSONA_UI_THREADS", 0) or None,
            db_path=os.environ.get("PERSONA_UI_DB") or None,
            upload_root=os.environ.get("PERSONA_UI_UPLOADS") or None,
        )


@dataclass(eq=False)
class Services:
    """Shared, thread-safe resources: one store, one backend per model, STT and TTS voices."""

    config: UiConfig
    store: ChatStore
    upload_root: Path
    _backends: dict[str, LLMBackend] = field(default_factory=dict)
    _voices: dict[tuple[str, float], object] = field(default_factory=dict)
    _stt: object | None = None
    _turn: object = False  # not loaded yet
    _load_lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def open(cls, config: UiConfig) -> Services:
        root = (
            Path(config.upload_root)
            if config.upload_root
            else Path(tempfile.mkdtemp(prefix="persona-ui-"))
        )
        root.mkdir(parents=True, exist_ok=True)
        return cls(config=config, store=ChatStore.open(config.db_path), upload_root=root)

    def options(self) -> GenerationOptions:
        return GenerationOptions(
            max_tokens=self.config.max_tokens, temperature=self.config.temperature
        )

    def backend(self, model: str | None) -> LLMBackend:
        key = model or self.config.model or DEFAULT_MODEL
        with self._load_lock:
            if key not in self._backends:
                config = BackendConfig(
                    model=None if key == DEFAULT_MODEL and not self.config.model else key,
                    n_ctx=self.config.n_ctx,
                    threads=self.config.threads,
                    # No burst: a hands-free turn's reply starts while the tab's listener
                    # still hears the mic, and a browser on the same cores slowed it
                    # (bench browser, 2 cores, 2 runs each: first token p50 510-694 ms
                    # without, 822-874 ms with).
                    burst_threads=1,
                    base_url=self.config.base_url,
                    api_key=self.config.api_key,
                )
                backend = open_backend(self.config.backend, config)
                self._backends[key] = backend
                self._warm(backend)
            return self._backends[key]

    def _warm(self, backend: LLMBackend) -> None:
        """Warm every built-in persona's prompt in the background, so the first reply and a
        persona switch never read a persona's prompt cold."""
        from persona.chat.engine import warm_in_background
        from persona.personas import list_personas, load_persona

        try:
            personas = [load_persona(pid) for pid in list_personas()]
        except PersonaError as exc:
            log.debug("no personas to warm: %s", exc)
            return
        warm_in_background(backend, personas)

    def stt(self) -> object:
        from persona.speech.stt import WhisperStt

        with self._load_lock:
            if self._stt is None:
                self._stt = WhisperStt.load()
            return self._stt

    def turn_detector(self) -> object | None:
        """The end-of-turn model for hands-free turns; None (silence decides) if missing."""
        from persona.speech.turn import load_turn_detector

        with self._load_lock:
            if self._turn is False:
                self._turn = load_turn_detector()
            return self._turn

    def tts(self, voice: str, speed: float) -> object:
        from persona.speech.tts import TtsConfig, open_tts

        key = (voice, speed)
        with self._load_lock:
            if key not in self._voices:
                self._voices[key] = open_tts(
                    TtsConfig(voice=voice, speed=speed, threads=speech_threads())
                )
            return self._voices[key]

    def installed_models(self) -> list[str]:
        """Installed LLM catalog names for the picker (the default first). Another backend
        serves its own model: then the picker holds just that one."""
        if self.config.backend != "llama":
            return [self.config.model or DEFAULT_MODEL]
        try:
            from persona.catalog import list_models

            models = [m for m in list_models() if m.kind == "llm" and m.installed]
        except (PersonaError, OSError, ValueError) as exc:
            log.warning("cannot list models: %s", exc)
            return [self.config.model or DEFAULT_MODEL]
        names = [m.name for m in sorted(models, key=lambda m: not m.default)]
        if self.config.model and self.config.model not in names:
            names.insert(0, self.config.model)
        return names or [DEFAULT_MODEL]

    def default_model(self) -> str:
        return self.config.model or self.installed_models()[0]

    def close(self) -> None:
        for backend in self._backends.values():
            backend.close()
        self.store.close()

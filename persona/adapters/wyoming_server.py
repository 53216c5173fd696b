"""A Wyoming server over the robot's brain (`persona wyoming`), for Home Assistant.

It advertises three services, so Home Assistant can use the robot as its speech-to-text,
its text-to-speech and its conversation agent:

- asr: `Transcribe`? + `AudioStart` / `AudioChunk`... / `AudioStop` -> `Transcript`, through
  the same Whisper model as the voice loop.
- tts: `Synthesize` -> `AudioStart` / `AudioChunk`... / `AudioStop`, in the voice of the
  persona its `voice.name` names (one voice per persona; the server's persona otherwise).
- handle: `Transcript` (what Home Assistant sends its conversation agent) -> `Handled` with
  the persona's reply. The conversation and memory follow the transcript's
  `context.conversation_id`: the same id continues, a new id starts fresh, and a
  transcript without one is an anonymous turn that keeps nothing.

Bad input is answered with an `Error` event and the connection stays open.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
from wyoming.asr import Transcribe, Transcript
from wyoming.audio import AudioChunk, AudioStart, AudioStop
from wyoming.error import Error
from wyoming.event import Event
from wyoming.handle import Handled
from wyoming.info import (
    AsrModel,
    AsrProgram,
    Attribution,
    Describe,
    HandleModel,
    HandleProgram,
    Info,
    TtsProgram,
    TtsVoice,
)
from wyoming.ping import Ping, Pong
from wyoming.server import AsyncEventHandler, AsyncServer
from wyoming.tts import Synthesize

from persona.adapters.conversations import ChatTurn, ConversationPool
from persona.chat import ReplyDone, ReplyEvent
from persona.errors import BadInput, PersonaError
from persona.personas import Persona
from persona.speech.tts import BEEPS
from persona.webui.security import MAX_AUDIO_SECONDS

log = logging.getLogger(__name__)

USER_PREFIX = "wyoming:"  # how a Home Assistant conversation shows in `persona forget`
MAX_SYNTHESIZE_CHARS = 4096
SAMPLES_PER_CHUNK = 1024
LANGUAGES = ["en"]
_PROJECT = Attribution(name="robot-persona", url="")
_WHISPER = Attribution(name="faster-whisper", url="https://github.com/SYSTRAN/faster-whisper")
_PIPER = Attribution(name="Piper", url="https://github.com/OHF-Voice/piper1-gpl")
_WIDTHS = {1: np.uint8, 2: np.dtype("<i2"), 4: np.dtype("<i4")}


def _version() -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("robot-persona")
    except PackageNotFoundError:
        return None


def build_info(*, stt_model: str, personas: list[Persona], handle: Persona) -> Info:
    """What `Describe` answers: the STT model, one voice per persona, the handle persona."""
    version = _version()
    voices = [
        TtsVoice(
            name=p.id,
            description=f"{p.name} ({p.voice.tts})",
            attribution=_PROJECT if p.voice.tts == BEEPS else _PIPER,
            installed=True,
            version=version,
            languages=LANGUAGES,
        )
        for p in personas
    ]
    return Info(
        asr=[
            AsrProgram(
                name="faster-whisper",
                description="robot-persona speech to text (faster-whisper)",
                attribution=_WHISPER,
                installed=True,
                version=version,
                models=[
                    AsrModel(
                        name=stt_model,
                        description=f"Whisper {stt_model}",
                        attribution=_WHISPER,
                        installed=True,
                        version=None,
                        languages=LANGUAGES,
                    )
                ],
            )
        ],
        tts=[
            TtsProgram(
                name="robot-persona-voices",
                description="the personas' voices (Piper and beeps)",
                attribution=_PROJECT,
                installed=True,
                version=version,
                voices=voices,
            )
        ],
        handle=[
            HandleProgram(
                name=handle.name,
                description=f"robot-persona conversation agent: {handle.name}",
                attribution=_PROJECT,
                installed=True,
                version=version,
                models=[
                    HandleModel(
                        name=handle.id,
                        description=handle.name,
                        attribution=_PROJECT,
                        installed=True,
                        version=version,
                        languages=LANGUAGES,
                    )
                ],
            )
        ],
    )


def pcm_samples(audio: bytes, *, width: int, channels: int) -> np.ndarray:
    """Raw little-endian PCM -> an array of shape (n,) or (n, channels). Pure."""
    dtype = _WIDTHS.get(width)
    if dtype is None or not 1 <= channels <= 8:
        raise BadInput(
            f"audio of width {width} bytes and {channels} channels is not supported: "
            "send 8, 16 or 32 bit PCM with 1 to 8 channels"
        )
    frame = width * channels
    data = np.frombuffer(audio[: len(audio) - len(audio) % frame], dtype=dtype)
    return data.reshape(-1, channels) if channels > 1 else data


class AudioCapture:
    """The audio of one utterance, up to `max_seconds`; the format comes from `AudioStart`
    (or the first chunk) and every chunk must keep it."""

    def __init__(self, *, rate: int, width: int, channels: int, max_seconds: float) -> None:
        if not 1000 <= rate <= 192000:
            raise BadInput(f"audio rate {rate} Hz is not supported: use 8000 to 48000 Hz")
        pcm_samples(b"", width=width, channels=channels)  # checks the format
        self.format = (rate, width, channels)
        self.max_bytes = int(max_seconds * rate) * width * channels
        self.max_seconds = max_seconds
        self._chunks: list[bytes] = []
        self._size = 0
        self.too_long = False

    def add(self, chunk: AudioChunk) -> None:
        if (chunk.rate, chunk.width, chunk.channels) != self.format:
            raise BadInput(
                "an audio chunk changed format mid-stream "
                f"({chunk.rate} Hz, {chunk.width} bytes, {chunk.channels} channels): "
                "keep the format of audio-start"
            )
        if self._size + len(chunk.audio) > self.max_bytes:
            self.too_long = True
            return
        self._chunks.append(chunk.audio)
        self._size += len(chunk.audio)

    def samples(self) -> np.ndarray:
        if self.too_long:
            raise BadInput(
                f"the recording is longer than {self.max_seconds:.0f} s: keep it shorter"
            )
        rate, width, channels = self.format
        return pcm_samples(b"".join(self._chunks), width=width, channels=channels)


@dataclass(eq=False)
class WyomingBrain:
    """What every connection shares: the pool (and its services) and the personas."""

    pool: ConversationPool
    persona: Persona  # the conversation agent, and the voice when none is named
    personas: dict[str, Persona]
    info: Info

    @classmethod
    def create(cls, pool: ConversationPool, *, persona: Persona) -> WyomingBrain:
        from persona.personas import list_personas, load_persona

        personas = {pid: load_persona(pid) for pid in list_personas()}
        personas.setdefault(persona.id, persona)
        stt = pool.services.stt()
        info = build_info(
            stt_model=stt.model_path.name, personas=list(personas.values()), handle=persona
        )
        return cls(pool=pool, persona=persona, personas=personas, info=info)

    # Each of these blocks: the handler runs them on a worker thread.
    def transcribe(self, capture: AudioCapture) -> str:
        rate = capture.format[0]
        return self.pool.services.stt().transcribe(capture.samples(), sample_rate=rate).text

    def speak(self, text: str, voice: str | None) -> tuple[int, np.ndarray]:
        from persona.webui.handlers import speak

        if len(text) > MAX_SYNTHESIZE_CHARS:
            raise BadInput(
                f"the text is {len(text):,} characters; the limit is {MAX_SYNTHESIZE_CHARS:,}"
            )
        persona = self.personas.get(voice or "", self.persona)
        spoken = speak(self.pool.services, persona, text, started=time.perf_counter())
        if spoken is None:  # nothing speakable
            return 22050, np.zeros(0, dtype=np.int16)
        return spoken.sample_rate, spoken.samples

    def reply(self, text: str, conversation_id: str | None) -> str:
        user = f"{USER_PREFIX}{conversation_id}"[:64] if conversation_id else None
        events = self.pool.start(ChatTurn(persona=self.persona, text=text, user=user))
        return _reply_text(events)


def _reply_text(events: Iterator[ReplyEvent]) -> str:
    text = ""
    for event in events:
        if isinstance(event, ReplyDone):
            text = event.text
    return text


def conversation_id(context: object) -> str | None:
    """Home Assistant's conversation id from a transcript's context, if it sent one."""
    if isinstance(context, dict):
        value = context.get("conversation_id")
        if isinstance(value, str | int) and str(value).strip():
            return str(value).strip()
    return None


class PersonaEventHandler(AsyncEventHandler):
    """One client connection. Unknown events are ignored, as Wyoming servers do."""

    def __init__(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, *, brain: WyomingBrain
    ) -> None:
        super().__init__(reader, writer)
        self.brain = brain
        self.capture: AudioCapture | None = None

    async def handle_event(self, event: Event) -> bool:
        try:
            await self._dispatch(event)
        except PersonaError as exc:
            await self.write_event(Error(text=str(exc), code=type(exc).__name__).event())
        except (KeyError, TypeError, ValueError) as exc:  # a malformed event
            log.debug("bad %s event: %r", event.type, exc)
            await self.write_event(
                Error(text=f"malformed {event.type} event: {exc!r}", code="BadInput").event()
            )
        return True

    async def _dispatch(self, event: Event) -> None:
        if Describe.is_type(event.type):
            await self.write_event(self.brain.info.event())
        elif Ping.is_type(event.type):
            await self.write_event(Pong(text=Ping.from_event(event).text).event())
        elif Transcribe.is_type(event.type):
            self.capture = None  # a new utterance follows
        elif AudioStart.is_type(event.type):
            start = AudioStart.from_event(event)
            self.capture = self._new_capture(start.rate, start.width, start.channels)
        elif AudioChunk.is_type(event.type):
            chunk = AudioChunk.from_event(event)
            if self.capture is None:  # no audio-start: the first chunk sets the format
                self.capture = self._new_capture(chunk.rate, chunk.width, chunk.channels)
            self.capture.add(chunk)
        elif AudioStop.is_type(event.type):
            capture, self.capture = self.capture, None
            text = await self._blocking(self.brain.transcribe, capture) if capture else ""
            language = self.brain.pool.services.stt().config.language
            await self.write_event(Transcript(text=text, language=language).event())
        elif Synthesize.is_type(event.type):
            synthesize = Synthesize.from_event(event)
            voice = synthesize.voice.name if synthesize.voice is not None else None
            rate, samples = await self._blocking(self.brain.speak, synthesize.text, voice)
            await self._write_audio(rate, samples)
        elif Transcript.is_type(event.type):
            transcript = Transcript.from_event(event)
            cid = conversation_id(transcript.context)
            text = await self._blocking(self.brain.reply, transcript.text, cid)
            context = {"conversation_id": cid} if cid else None
            await self.write_event(Handled(text=text, context=context).event())
        else:
            log.debug("ignoring a %s event", event.type)

    @staticmethod
    def _new_capture(rate: int, width: int, channels: int) -> AudioCapture:
        return AudioCapture(
            rate=rate, width=width, channels=channels, max_seconds=MAX_AUDIO_SECONDS
        )

    @staticmethod
    async def _blocking(work: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.to_thread(work, *args)

    async def _write_audio(self, rate: int, samples: np.ndarray) -> None:
        pcm = np.asarray(samples, dtype="<i2")
        await self.write_event(AudioStart(rate=rate, width=2, channels=1).event())
        for start in range(0, pcm.size, SAMPLES_PER_CHUNK):
            piece = pcm[start : start + SAMPLES_PER_CHUNK].tobytes()
            await self.write_event(AudioChunk(rate=rate, width=2, channels=1, audio=piece).event())
        await self.write_event(AudioStop().event())


async def serve(brain: WyomingBrain, uri: str, *, ready: Callable[[], None] | None = None) -> None:
    """Listen on `uri` (tcp://HOST:PORT or unix://PATH) until cancelled; `ready` is called
    once the socket is bound."""
    server = AsyncServer.from_uri(uri)
    await server.start(lambda reader, writer: PersonaEventHandler(reader, writer, brain=brain))
    if ready is not None:
        ready()
    try:
        await asyncio.Event().wait()
    finally:
        await server.stop()

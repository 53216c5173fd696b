"""`persona xiaozhi`: the brain behind an ESP32 robot that runs the xiaozhi-esp32 firmware.

The robot opens a WebSocket, says `hello`, and streams its microphone as Opus (16 kHz, 60 ms
frames) between `listen start` and `listen stop` (manual mode), or until this server hears
the end of the question (auto mode: Silero VAD endpointing). Then the turn runs through the
same parts as `persona voice`: Whisper STT -> `stt`; the reply from the conversation pool
(one conversation and memory per device) -> `llm` with the face's emotion; Piper speech,
sentence by sentence, as `tts sentence_start` and 24 kHz Opus frames, between `tts start`
and `tts stop`. `abort` (or a new question) stops generation and audio together: no audio
frame follows the `tts stop` that answers it.

One thread per connection reads the socket; one thread per turn produces the reply text and
another synthesises and sends it, so an `abort` is read while audio is still streaming.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import numpy as np

from persona.adapters.conversations import ChatTurn, ConversationPool
from persona.adapters.xiaozhi_opus import OpusDecoder, OpusEncoder
from persona.adapters.xiaozhi_protocol import (
    FRAME_MS,
    IN_RATE,
    OUT_RATE,
    ClientMessage,
    dumps,
    emotion_for,
    hello_reply,
    is_wake_word,
    llm_message,
    parse_message,
    persona_emotion,
    stt_message,
    tts_message,
)
from persona.chat import ReplyDone
from persona.errors import BadInput, PersonaError
from persona.speech.vad import VadConfig

if TYPE_CHECKING:
    from persona.personas import Persona

log = logging.getLogger(__name__)

TOKEN_ENV = "PERSONA_XIAOZHI_TOKEN"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
MIN_TOKEN_CHARS = 16
_END = object()


@dataclass(frozen=True, slots=True, kw_only=True)
class XiaozhiConfig:
    """Load-time options. `lead_s`: how far the audio sent may run ahead of real time (the
    robot's playback buffer); an abort silences the robot within about that long. 0 sends
    as fast as it is synthesised."""

    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    out_rate: int = OUT_RATE
    frame_ms: int = FRAME_MS
    lead_s: float = 1.0
    hello_timeout_s: float = 10.0
    max_utterance_s: float = 30.0
    vad: VadConfig = field(default_factory=lambda: VadConfig(min_silence_ms=600))


def check_bind(host: str, port: int, token: str | None) -> None:
    """Loopback may go without a token; any other address needs one. BadInput before
    anything loads or listens."""
    if token is not None and len(token) < MIN_TOKEN_CHARS:
        raise BadInput(f"--token is {len(token)} characters: use at least {MIN_TOKEN_CHARS}")
    if host not in LOCAL_HOSTS and not token:
        raise BadInput(
            f"--host {host} exposes the robot to the network: add --token SECRET (or set "
            f"{TOKEN_ENV}); set the same token as the robot's access token"
        )
    if not 0 <= port < 65536:
        raise BadInput(f"--port {port} is not a valid port: use 1-65535")


def device_user(headers: Any, path: str) -> str | None:
    """The memory key of a robot: its Device-Id (MAC address) header, else Client-Id, else
    the same as `?device-id=` / `?client-id=` query parameters (browser test pages cannot
    set headers). None: an anonymous robot, whose chat is not kept."""
    query = parse_qs(urlsplit(path).query)
    for header, param in (("Device-Id", "device-id"), ("Client-Id", "client-id")):
        value = headers.get(header) or (query.get(param) or [None])[0]
        if value and value.strip():
            return f"xiaozhi:{value.strip()[:48]}"
    return None


def _bearer(headers: Any, path: str) -> str | None:
    auth = headers.get("Authorization") or ""
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return (parse_qs(urlsplit(path).query).get("token") or [None])[0]


class XiaozhiServer:
    """The WebSocket server. `start()` listens on a background thread (tests, the CLI);
    `stop()` closes it and every connection."""

    def __init__(
        self, pool: ConversationPool, *, persona: Persona, config: XiaozhiConfig | None = None
    ) -> None:
        self.pool = pool
        self.persona = persona
        self.config = config or XiaozhiConfig()
        self._server: Any = None
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self._server.socket.getsockname()[1]

    def start(self) -> XiaozhiServer:
        from websockets.sync.server import serve

        cfg = self.config
        self._server = serve(
            self._handle,
            cfg.host,
            cfg.port,
            process_request=self._check_request,
            compression=None,  # Opus does not compress; the firmware does not negotiate it
            max_size=256 * 1024,
        )
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="xiaozhi-server", daemon=True
        )
        self._thread.start()
        log.info("xiaozhi server on ws://%s:%d", cfg.host, self.port)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _check_request(self, connection: Any, request: Any) -> Any:
        if self.config.token and _bearer(request.headers, request.path) != self.config.token:
            return connection.respond(401, "a valid access token is required\n")
        return None

    def _handle(self, ws: Any) -> None:
        session = _Session(self, ws)
        try:
            session.run()
        finally:
            session.close()


class _Turn:
    """One question and its reply; `abort` cancels generation and audio together."""

    def __init__(self, turn_id: int) -> None:
        self.id = turn_id
        self.abort = threading.Event()
        self.thread: threading.Thread | None = None


class _Session:
    """One robot connection."""

    def __init__(self, server: XiaozhiServer, ws: Any) -> None:
        self.server = server
        self.config = server.config
        self.ws = ws
        self.session_id = str(uuid.uuid4())
        request = ws.request
        self.user = device_user(request.headers, request.path)
        self.persona = server.persona
        self._send_lock = threading.Lock()
        self._decoder: OpusDecoder | None = None
        self._listening = False
        self._mode = "auto"
        self._heard: list[np.ndarray] = []
        self._heard_samples = 0
        self._vad: Any = None
        self._turn: _Turn | None = None
        self._turn_ids = 0
        self._closed = threading.Event()

    # -- the socket ---------------------------------------------------------------------
    def send(self, message: dict[str, Any] | bytes) -> bool:
        """Send a message; False once the robot is gone."""
        if self._closed.is_set():
            return False
        try:
            with self._send_lock:
                self.ws.send(message if isinstance(message, bytes) else dumps(message))
            return True
        except Exception as exc:  # noqa: BLE001 - any socket failure ends the session
            log.debug("xiaozhi %s: send failed: %s", self.session_id, exc)
            self._closed.set()
            return False

    def run(self) -> None:
        from websockets.exceptions import ConnectionClosed

        try:
            first = self.ws.recv(timeout=self.config.hello_timeout_s)
        except (TimeoutError, ConnectionClosed):
            return
        if not self._hello(first):
            return
        try:
            for raw in self.ws:
                if isinstance(raw, bytes):
                    self._audio(raw)
                else:
                    self._text(raw)
        except ConnectionClosed:
            pass

    def close(self) -> None:
        self._closed.set()
        self._cancel_turn(send_stop=False)

    def _hello(self, raw: str | bytes) -> bool:
        try:
            if isinstance(raw, bytes):
                raise BadInput("the first message must be hello, not audio")
            message = parse_message(raw)
            if message.type != "hello":
                raise BadInput(f"the first message must be hello, not {message.type}")
        except BadInput as exc:
            log.warning("xiaozhi: refused a connection: %s", exc)
            self.ws.close(code=1008, reason=str(exc)[:120])
            return False
        params = message.get("audio_params") or {}
        self._decoder = OpusDecoder(params.get("sample_rate", IN_RATE))
        return self.send(
            hello_reply(
                self.session_id, sample_rate=self.config.out_rate, frame_ms=self.config.frame_ms
            )
        )

    # -- messages -----------------------------------------------------------------------
    def _text(self, raw: str) -> None:
        try:
            message = parse_message(raw)
        except BadInput as exc:
            log.info("xiaozhi %s: ignored a message: %s", self.session_id, exc)
            return
        handler = {
            "listen": self._listen,
            "abort": self._abort,
            "hello": lambda m: self._hello(raw),
        }.get(message.type)
        if handler is None:
            log.debug("xiaozhi %s: ignored a %s message", self.session_id, message.type)
            return
        handler(message)

    def _listen(self, message: ClientMessage) -> None:
        state = message.get("state")
        if state == "start":
            self._mode = message.get("mode", "auto")
            self._listening = True
            self._reset_heard()
        elif state == "stop":
            was_listening, self._listening = self._listening, False
            audio = self._take_heard()
            in_speech = self._vad is not None and self._vad.in_speech
            if was_listening and audio.size and (self._mode == "manual" or in_speech):
                self._start_turn(audio=audio)
        elif state == "detect":
            text = message.get("text")
            if isinstance(text, str) and not is_wake_word(text, self.persona.wake_phrase):
                self._start_turn(text=text.strip())

    def _abort(self, message: ClientMessage) -> None:
        log.debug("xiaozhi %s: abort (%s)", self.session_id, message.get("reason"))
        self._cancel_turn(send_stop=True)

    # -- audio in -----------------------------------------------------------------------
    def _audio(self, packet: bytes) -> None:
        if not self._listening or self._decoder is None:
            return  # the firmware sends nothing while it speaks; stray frames are dropped
        try:
            pcm = self._decoder.decode(packet)
        except BadInput as exc:
            log.debug("xiaozhi %s: dropped a frame: %s", self.session_id, exc)
            return
        if self._decoder.sample_rate != IN_RATE:
            from persona.speech.audio_decode import resample

            pcm = resample(pcm, self._decoder.sample_rate, IN_RATE)
        if self._heard_samples < self.config.max_utterance_s * IN_RATE:
            self._heard.append(pcm)
            self._heard_samples += pcm.size
        if self._mode == "manual":
            return
        from persona.speech.vad import VadEnd

        for event in self._vad_stream().feed(pcm):
            if isinstance(event, VadEnd):
                self._reset_heard()
                if self._mode == "auto":  # half-duplex: deaf until the next listen start
                    self._listening = False
                self._start_turn(audio=event.audio)  # realtime: speech over it barges in
                return

    def _vad_stream(self) -> Any:
        if self._vad is None:
            from persona.speech.vad import StreamingVad

            self._vad = StreamingVad(config=self.config.vad)
        return self._vad

    def _reset_heard(self) -> None:
        self._heard, self._heard_samples = [], 0
        if self._vad is not None:
            self._vad.reset()

    def _take_heard(self) -> np.ndarray:
        audio = np.concatenate(self._heard) if self._heard else np.zeros(0, np.float32)
        self._heard, self._heard_samples = [], 0
        return audio

    # -- turns --------------------------------------------------------------------------
    def _start_turn(self, *, audio: np.ndarray | None = None, text: str | None = None) -> None:
        self._cancel_turn(send_stop=False)  # a new question supersedes the old reply
        self._turn_ids += 1
        turn = _Turn(self._turn_ids)
        turn.thread = threading.Thread(
            target=self._run_turn,
            args=(turn, audio, text),
            name=f"xiaozhi-turn-{turn.id}",
            daemon=True,
        )
        self._turn = turn
        turn.thread.start()

    def _cancel_turn(self, *, send_stop: bool) -> None:
        turn, self._turn = self._turn, None
        if turn is None:
            if send_stop:  # the robot still expects its speaking state to end
                self.send(tts_message(self.session_id, "stop"))
            return
        turn.abort.set()
        if turn.thread is not None:
            turn.thread.join(timeout=10)  # the turn sends its own `tts stop` as it ends

    def _run_turn(self, turn: _Turn, audio: np.ndarray | None, text: str | None) -> None:
        try:
            if audio is not None:
                text = self._transcribe(audio)
                if not text:
                    return
                if turn.abort.is_set() or not self.send(stt_message(self.session_id, text)):
                    return
            if text:
                self._reply(turn, text)
        except PersonaError as exc:
            log.warning("xiaozhi %s: turn failed: %s", self.session_id, exc)
        except Exception:  # a bad turn must not take the connection with it
            log.exception("xiaozhi %s: turn failed", self.session_id)

    def _transcribe(self, audio: np.ndarray) -> str:
        result = self.server.pool.services.stt().transcribe(audio)
        return result.text.strip()

    def _reply(self, turn: _Turn, text: str) -> None:
        """Generate on one thread, speak on this one: sentences flow between them."""
        try:
            events = self.server.pool.start(
                ChatTurn(persona=self.persona, text=text, user=self.user), abort=turn.abort
            )
        except BadInput as exc:
            log.info("xiaozhi %s: not answered: %s", self.session_id, exc)
            return
        sentences: queue.Queue[object] = queue.Queue()
        producer = threading.Thread(
            target=_produce_sentences,
            args=(events, sentences, turn.abort),
            name=f"xiaozhi-reply-{turn.id}",
            daemon=True,
        )
        producer.start()
        if turn.abort.is_set() or not self.send(tts_message(self.session_id, "start")):
            turn.abort.set()
        try:
            self._speak(turn, sentences)
        finally:
            if self._closed.is_set():
                turn.abort.set()  # the robot left: stop generating for nobody
            self.send(tts_message(self.session_id, "stop"))
            producer.join(timeout=10)

    def _speak(self, turn: _Turn, sentences: queue.Queue[object]) -> None:
        from persona.speech.audio_decode import resample
        from persona.speech.sentences import BUSY_COVER, split_for_tts
        from persona.speech.textclean import speakable
        from persona.speech.tts import BEEPS

        voice = self.persona.voice
        tts = self.server.pool.services.tts(voice.tts or None, voice.speed)
        encoder = OpusEncoder(self.config.out_rate, frame_ms=self.config.frame_ms)
        resting = persona_emotion(self.persona.personality)
        face: str | None = None
        clock = _Pacer(self.config.frame_ms / 1000, self.config.lead_s)
        opening = True  # the first sentence: its first sound after its opening clause
        try:
            while not turn.abort.is_set():
                item = sentences.get()
                if item is _END or turn.abort.is_set():
                    break
                sentence = str(item)
                emotion = emotion_for(sentence, default=resting)
                if emotion != face:
                    face = emotion
                    self.send(llm_message(self.session_id, emotion))
                self.send(tts_message(self.session_id, "sentence_start", sentence))
                spoken = sentence if voice.tts == BEEPS else speakable(sentence)
                # Cautiously: other devices' sessions may share the cores.
                pieces = split_for_tts(spoken, 120, opening=opening, cover=BUSY_COVER)
                opening = False
                for piece in pieces:
                    for chunk in tts.synthesize(piece):
                        if turn.abort.is_set():
                            return
                        pcm = chunk.samples
                        if chunk.sample_rate != encoder.sample_rate:
                            pcm = resample(pcm, chunk.sample_rate, encoder.sample_rate)
                        for packet in encoder.encode(pcm):
                            if not clock.wait(turn.abort) or not self.send(packet):
                                return
            for packet in encoder.flush():
                if turn.abort.is_set() or not self.send(packet):
                    return
        finally:
            encoder.close()


class _Pacer:
    """Keeps the frames sent at most `lead_s` ahead of real time."""

    def __init__(self, frame_s: float, lead_s: float) -> None:
        self.frame_s = frame_s
        self.lead_s = lead_s
        self.sent = 0
        self.start: float | None = None

    def wait(self, abort: threading.Event) -> bool:
        """Wait for the next frame's slot; False when aborted meanwhile."""
        now = time.monotonic()
        if self.start is None:
            self.start = now
        if self.lead_s > 0:
            due = self.start + self.sent * self.frame_s - self.lead_s
            if due > now and abort.wait(due - now):
                return False
        self.sent += 1
        return not abort.is_set()


def _produce_sentences(events: Any, out: queue.Queue[object], abort: threading.Event) -> None:
    """The reply's sentences into `out`, then `_END`. Stops generating on `abort`."""
    from persona.speech.sentences import SentenceSplitter

    splitter = SentenceSplitter()
    try:
        for event in events:
            if abort.is_set():
                continue  # let the engine finish its abort cleanly
            if isinstance(event, ReplyDone):
                break
            for sentence in splitter.push(getattr(event, "text", "")):
                out.put(sentence)
        if not abort.is_set():
            for sentence in splitter.flush():
                out.put(sentence)
    except PersonaError as exc:
        log.warning("xiaozhi: the reply failed: %s", exc)
    finally:
        close = getattr(events, "close", None)
        if close is not None:
            close()
        out.put(_END)

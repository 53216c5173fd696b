"""`persona wyoming` driven by the `wyoming` package's own async client, as Home Assistant
drives a Wyoming service (a new connection per request)."""

from __future__ import annotations

import asyncio

import numpy as np
import pytest
from wyoming.asr import Transcribe, Transcript
from wyoming.audio import AudioChunk, AudioStart, AudioStop
from wyoming.client import AsyncTcpClient
from wyoming.error import Error
from wyoming.event import Event
from wyoming.handle import Handled
from wyoming.info import Describe, Info
from wyoming.tts import Synthesize, SynthesizeVoice

from persona.chat.guards import identity_problems

from .servers import read_wav, words

pytestmark = pytest.mark.slow


def exchange(
    server, *events: Event, until: tuple[str, ...], errors_end: bool = True
) -> list[Event]:
    """Send `events` on a fresh connection; read until an event whose type is in `until`
    (or an error, with `errors_end`)."""

    async def run() -> list[Event]:
        async with AsyncTcpClient("127.0.0.1", server.port, read_timeout=60) as client:
            for event in events:
                await client.write_event(event)
            received: list[Event] = []
            while True:
                event = await client.read_event()
                assert event is not None, "the server closed the connection"
                received.append(event)
                if event.type in until or (errors_end and Error.is_type(event.type)):
                    return received

    return asyncio.run(run())


def handled(server, text: str, conversation: str | None) -> str:
    context = {"conversation_id": conversation} if conversation else None
    events = exchange(server, Transcript(text, context=context).event(), until=("handled",))
    assert Handled.is_type(events[-1].type), events[-1]
    reply = Handled.from_event(events[-1])
    assert reply.text and reply.text.strip()
    if conversation:
        assert reply.context == {"conversation_id": conversation}
    return reply.text


def test_describe_advertises_asr_tts_and_handle(wyoming_server):
    (event,) = exchange(wyoming_server, Describe().event(), until=("info",))
    info = Info.from_event(event)
    assert info.asr and info.asr[0].installed and info.asr[0].models[0].languages == ["en"]
    voices = {voice.name for voice in info.tts[0].voices}
    assert {"sparky", "bleep", "percival"} <= voices
    assert info.handle[0].name == "Sparky" and info.handle[0].models[0].name == "sparky"


def test_audio_becomes_a_transcript(wyoming_server, espeak_wav):
    samples, rate, channels = read_wav(espeak_wav("Please turn on the kitchen lights."))
    audio = samples.tobytes()
    step = 2 * 1024
    chunks = [
        AudioChunk(rate=rate, width=2, channels=channels, audio=audio[i : i + step]).event()
        for i in range(0, len(audio), step)
    ]
    events = exchange(
        wyoming_server,
        Transcribe(language="en").event(),
        AudioStart(rate=rate, width=2, channels=channels).event(),
        *chunks,
        AudioStop().event(),
        until=("transcript",),
    )
    transcript = Transcript.from_event(events[-1])
    assert {"turn", "kitchen", "lights"} <= words(transcript.text), transcript.text


def test_synthesize_streams_audio_in_the_persona_voice(wyoming_server):
    events = exchange(
        wyoming_server,
        Synthesize("Hello there, my friend.", voice=SynthesizeVoice(name="percival")).event(),
        until=("audio-stop",),
    )
    assert AudioStart.is_type(events[0].type) and AudioStop.is_type(events[-1].type)
    start = AudioStart.from_event(events[0])
    chunks = [AudioChunk.from_event(e) for e in events[1:-1]]
    assert len(chunks) > 1 and all(c.rate == start.rate and c.width == 2 for c in chunks)
    pcm = np.frombuffer(b"".join(c.audio for c in chunks), dtype="<i2")
    assert pcm.size > start.rate // 2 and np.abs(pcm.astype(float)).max() > 1000


def test_a_transcript_is_handled_in_persona(wyoming_server):
    reply = handled(wyoming_server, "Hello! How are you today?", "ha-conversation-1")
    assert not identity_problems(reply, persona_names=("Sparky", "sparky")), reply
    assert "Bleep" not in reply and "Percival" not in reply


def test_memory_follows_the_conversation_id(wyoming_server):
    handled(wyoming_server, "Hi there, my name is Zelda.", "ha-conversation-2")
    assert "Zelda" in handled(wyoming_server, "What is my name?", "ha-conversation-2")
    assert "Zelda" not in handled(wyoming_server, "What is my name?", "ha-conversation-3")
    assert "Zelda" not in handled(wyoming_server, "What is my name?", None)


def test_bad_audio_is_an_error_and_the_connection_stays(wyoming_server):
    events = exchange(
        wyoming_server,
        AudioStart(rate=16000, width=3, channels=1).event(),
        Describe().event(),
        until=("info",),
        errors_end=False,
    )
    assert Error.is_type(events[0].type) and "width" in Error.from_event(events[0]).text
    assert Info.is_type(events[-1].type)

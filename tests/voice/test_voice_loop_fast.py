"""The voice loop's fast, deterministic tier: the real loop, VAD state machine, chat engine
and SQLite store, with the models' numerics faked (a list-fed mic of tones, a loudness VAD,
a scripted STT and LLM, a silent voice). Turn routing, barge-in and the event buffer are
checked exactly here; the real-model tests beside it check the same paths with real audio."""

from __future__ import annotations

import dataclasses
import threading
import time

import pytest

from persona.chat import ChatStore, Conversation
from persona.personas import load_persona
from persona.speech.audio_io import NullAudioOut
from persona.voice.events import (
    Ignored,
    Interrupted,
    ListenStopped,
    ReadAheadDone,
    ReplyFinished,
    SpeculationDropped,
    SpeechEnded,
    Transcript,
    TurnMetrics,
    WakeHeard,
)
from persona.voice.loop import VoiceConfig, VoiceLoop
from persona.voice.messages import QUIT, Generate, Quit, Speak, Transcribe
from persona.voice.turn_state import TurnState, heard_words, turn_metrics
from persona.voice.wake import WakeGate, route_transcript
from tests.fakes import (
    HoldingSpeaker,
    ListMic,
    ScriptedBackend,
    ScriptedStt,
    SilentTts,
    loudness_vad,
    quiet,
    tone,
)


def of(events, kind):
    return [e for e in events if isinstance(e, kind)]


@pytest.fixture
def conversation(tmp_path):
    stores = []

    def make(replies):
        store = ChatStore.open(tmp_path / f"chat{len(stores)}.db")
        stores.append(store)
        return Conversation.open(
            persona=load_persona("sparky"), backend=ScriptedBackend(replies), store=store
        )

    yield make
    for store in stores:
        store.close()


def run(loop: VoiceLoop, timeout: float = 30.0):
    """`loop.run()`, failing (not hanging) if it does not finish."""
    result: list = []
    thread = threading.Thread(target=lambda: result.append(loop.run()), daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        loop.stop()
        pytest.fail(f"the voice loop did not finish in {timeout} s")
    return result[0]


def make_loop(conv, mic, stt, *, tts=None, speaker=None, on_event=None, **config):
    cfg = VoiceConfig(**config)
    return VoiceLoop(
        conversation=conv,
        stt=stt,
        tts=tts or SilentTts(),
        audio_in=mic,
        audio_out=speaker or NullAudioOut(),
        config=cfg,
        on_event=on_event,
        vad=loudness_vad(cfg.vad),
    )


def utterances(*seconds: float):
    """Tones of these lengths, each followed by a second of quiet (an endpoint)."""
    parts = [quiet(0.3)]
    for s in seconds:
        parts += [tone(s), quiet(1.0)]
    return parts


def test_turns_are_routed_and_answered_in_order(conversation):
    conv = conversation(["Hi there! I am Sparky.", "Blue, like the sky!"])
    stt = ScriptedStt(
        {0.4: "Hello robot.", 0.6: "", 0.8: "Stop.", 1.0: "What is your favourite colour?"}
    )
    tts = SilentTts()
    events = run(make_loop(conv, ListMic(*utterances(0.4, 0.6, 0.8, 1.0)), stt, tts=tts))

    assert [(t.turn_id, t.text) for t in of(events, Transcript)] == [
        (1, "Hello robot."),
        (2, ""),
        (3, "Stop."),
        (4, "What is your favourite colour?"),
    ]
    assert [(i.turn_id, i.reason) for i in of(events, Ignored)] == [
        (2, "empty"),
        (3, "stop-command"),
    ]
    finished = of(events, ReplyFinished)
    assert [(f.turn_id, f.text) for f in finished] == [
        (1, "Hi there! I am Sparky."),
        (4, "Blue, like the sky!"),
    ]
    assert [f.spoken for f in finished] == [f.text for f in finished]  # heard in full
    # Each sentence said on its own; a reply's opening clause too, when it has one.
    assert tts.said == ["Hi there!", "I am Sparky.", "Blue,", "like the sky!"]
    assert [m.content for m in conv.history()] == [
        "Hello robot.",
        "Hi there! I am Sparky.",
        "What is your favourite colour?",
        "Blue, like the sky!",
    ]
    metrics = of(events, TurnMetrics)
    assert [m.turn_id for m in metrics] == [1, 4] and not any(m.interrupted for m in metrics)
    assert all(m.first_audio_ms is not None for m in metrics)
    assert of(events, ListenStopped)[-1].reason == "end of input"
    assert not of(events, Interrupted)  # a stop command with nothing playing cuts nothing


def test_wake_phrase_then_follow_up(conversation):
    conv = conversation(["Why did the robot cross the road?", "Because it could!"])
    stt = ScriptedStt(
        {0.4: "What time is it?", 0.6: "Hey Sparky.", 0.8: "Tell me a joke.", 1.0: "Why?"}
    )
    loop = make_loop(conv, ListMic(*utterances(0.4, 0.6, 0.8, 1.0)), stt, wake_phrase="hey sparky")
    events = run(loop)

    assert [(i.turn_id, i.reason) for i in of(events, Ignored)] == [
        (1, "no-wake-phrase"),
        (2, "wake-only"),
    ]
    assert [w.turn_id for w in of(events, WakeHeard)] == [2]
    # The wake phrase alone opens the follow-up window; each reply keeps it open.
    assert [f.turn_id for f in of(events, ReplyFinished)] == [3, 4]
    assert [m.content for m in conv.history() if m.role == "user"] == ["Tell me a joke.", "Why?"]


def test_speech_after_a_pause_drops_the_provisional_turn(conversation):
    """A pause long enough to start transcribing, then more speech: one turn, heard whole."""
    conv = conversation(["Toast robots are the best."])
    stt = ScriptedStt({0.5: "My favourite robot is", 1.0: "My favourite robot is the toaster."})
    mic = ListMic(quiet(0.3), tone(0.5), quiet(0.3), tone(0.5), quiet(1.0))
    events = run(make_loop(conv, mic, stt, speculate_reply=False))

    [dropped] = of(events, SpeculationDropped)
    assert not dropped.reply_started
    assert [t.text for t in of(events, Transcript)] == ["My favourite robot is the toaster."]
    assert [f.turn_id for f in of(events, ReplyFinished)] == [1]


@pytest.mark.parametrize(
    ("second", "answered"),
    [("Do you like dragons?", True), ("Stop.", False)],
)
def test_barge_in_cuts_the_reply_to_what_was_heard(conversation, second, answered):
    """Speech over the robot stops playback at once; the history keeps only the words that
    were played. A question is then answered; a stop command is not sent on."""
    conv = conversation(
        ["Once upon a time there was a dragon. It was very big and green.", "I love dragons."]
    )
    stt = ScriptedStt({0.4: "Tell me a story.", 0.8: second})
    speaker = HoldingSpeaker(hold_after=3)  # 4 of the first sentence's 20 blocks are heard
    mic = ListMic(
        quiet(0.3),
        tone(0.4),
        quiet(1.0),
        speaker.holding.is_set,  # the user speaks up while the robot is talking
        tone(0.8),
        quiet(1.0),
        live=True,
    )
    loop = make_loop(
        conv, mic, stt, speaker=speaker, tts=SilentTts(), barge_in=True, speculate_reply=False
    )
    events = run(loop)

    [cut] = of(events, Interrupted)
    assert (cut.turn_id, cut.reason, cut.spoken) == (1, "barge-in", "Once…")
    assert cut.latency_ms is not None
    history = [m.content for m in conv.history()]
    assert history[:2] == ["Tell me a story.", "Once… [interrupted by the user]"]
    metrics = {m.turn_id: m.interrupted for m in of(events, TurnMetrics)}
    if answered:
        assert history[2:] == ["Do you like dragons?", "I love dragons."]
        assert [f.turn_id for f in of(events, ReplyFinished)] == [2]
        assert metrics == {1: True, 2: False}
    else:
        assert len(history) == 2  # "Stop." went nowhere
        assert [(i.turn_id, i.reason) for i in of(events, Ignored)] == [(2, "stop-command")]
        assert not of(events, ReplyFinished) and metrics == {1: True}


def test_event_buffer_is_bounded(conversation):
    conv = conversation(["Hi there!"])
    seen = []
    loop = make_loop(
        conv,
        ListMic(*utterances(0.4)),
        ScriptedStt({0.4: "Hello."}),
        on_event=seen.append,
        max_events=4,
    )
    events = run(loop)
    assert len(seen) > 4  # the handler sees every event ...
    assert events == list(loop.events) == seen[-4:]  # ... the loop keeps the latest
    assert isinstance(events[-1], ListenStopped)


# --- the pure parts -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "dropped", "phrase", "expected"),
    [
        ("", False, None, ("ignore", "empty", "")),
        ("  ", True, None, ("ignore", "hallucination", "")),
        ("Stop!", False, None, ("stop", "stop-command", "")),
        ("What is up?", False, None, ("reply", "", "What is up?")),
        ("What is up?", False, "hey sparky", ("ignore", "no-wake-phrase", "")),
        ("Hey Sparky.", False, "hey sparky", ("wake-only", "wake-only", "")),
        ("Hey Sparky, what is up?", False, "hey sparky", ("reply", "", "what is up?")),
    ],
)
def test_route_transcript(text, dropped, phrase, expected):
    routing = route_transcript(text, dropped=dropped, gate=WakeGate(phrase=phrase), at_s=0.0)
    assert (routing.action, routing.reason, routing.request) == expected
    assert (routing.wake is not None) == (phrase is not None and "Sparky" in text)


def test_follow_up_window_lets_a_request_through_without_the_phrase():
    gate = WakeGate(phrase="hey sparky", follow_up_s=8.0)
    gate.replied(at_s=10.0)
    assert route_transcript("And then?", dropped=False, gate=gate, at_s=17.0).action == "reply"
    assert route_transcript("And then?", dropped=False, gate=gate, at_s=19.0).action == "ignore"


def test_turn_metrics_are_times_from_the_endpoint():
    turn = TurnState(key=1, id=3, start=0, speech_windows=10, stream_s=2.0, t_end=100.0)
    turn.t_transcript, turn.t_reply_start, turn.t_first_token = 100.2, 100.25, 100.5
    turn.t_first_sentence, turn.t_first_audio = 100.8, 101.0
    turn.stt_s, turn.audio_s = 0.2, 2.0
    turn.tts_s, turn.tts_audio_s, turn.tts_first_s = 0.5, 2.5, 0.15
    m = turn_metrics(turn, interrupted=False, t=123.0)
    assert (m.t, m.turn_id, m.transcript_ms, m.first_token_ms) == (123.0, 3, 200.0, 500.0)
    assert (m.first_sentence_ms, m.first_audio_ms) == (800.0, 1000.0)
    assert (m.stt_rtf, m.tts_rtf, m.stage_stt_ms) == (0.1, 0.2, 200.0)
    assert (m.stage_llm_first_sentence_ms, m.stage_tts_first_chunk_ms) == (550.0, 150.0)
    bare = turn_metrics(
        TurnState(key=2, id=4, start=0, speech_windows=1, stream_s=0.0), interrupted=True, t=1.0
    )
    assert bare.interrupted and bare.first_audio_ms is None and bare.stt_rtf is None


def test_heard_words():
    text = "Once upon a time there was a dragon."
    assert heard_words(text, 100, 100) == text
    assert heard_words(text, 40, 100) == "Once upon a…"
    assert heard_words(text, 5, 100) == ""


def test_queue_items_are_frozen_and_carry_their_turn():
    item = Speak(7, 0, "Hello.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        item.text = "Bye."  # type: ignore[misc]
    assert Generate(7, "hi").key == Transcribe(7, quiet(0.1), 1.0, final=True).key == 7
    assert isinstance(QUIT, Quit) and not hasattr(QUIT, "key")


class _ReadingBackend(ScriptedBackend):
    """A scripted backend that also records what it was asked to read ahead."""

    def __init__(self, replies) -> None:
        super().__init__(replies)
        self.read: list[str] = []

    def prefill(self, messages, *, upto=None, abort=None) -> bool:
        if upto is not None:
            assert messages[-1].content == upto  # the heard words end the prompt so far
            self.read.append(upto)
        return True


@pytest.mark.parametrize("read_ahead_s", [0.4, 0.0])
def test_the_llm_reads_the_words_heard_while_the_user_still_talks(tmp_path, read_ahead_s):
    backend = _ReadingBackend(["Paris, of course!"])
    store = ChatStore.open(tmp_path / "chat.db")
    conv = Conversation.open(persona=load_persona("sparky"), backend=backend, store=store)
    stt = ScriptedStt(
        {0.5: "What is the capital", 1.0: "What is the capital of", 1.6: "What is the capital?"}
    )
    deadline = []

    def first_read_done() -> bool:  # the user talks on once the first look was read
        deadline.append(time.monotonic())
        return bool(backend.read) or not read_ahead_s or time.monotonic() - deadline[0] > 10

    mic = ListMic(quiet(0.3), tone(0.6), first_read_done, tone(1.0), quiet(1.0))
    events = run(make_loop(conv, mic, stt, read_ahead_s=read_ahead_s))
    store.close()

    reads = of(events, ReadAheadDone)
    assert [f.text for f in of(events, ReplyFinished)] == ["Paris, of course!"]
    if not read_ahead_s:
        assert not reads and not backend.read and stt.calls == ["What is the capital?"]
        return
    # The last word of each look is left out (it may be cut off mid-word).
    assert backend.read and backend.read[0] == "What is the"
    assert set(backend.read) <= {"What is the", "What is the capital"}
    assert [r.text for r in reads if r.read] == backend.read
    ended = of(events, SpeechEnded)[0]
    assert all(r.t <= ended.t for r in reads)  # all while the question was still going on

"""Which hands-free events start a reply on the server (no model: a stand-in starter)."""

from __future__ import annotations

from persona.webui.hands_free import HeardTurn, TurnPaused, TurnResumed
from persona.webui.reply_ahead import HandsFreeReplies


class _Started:
    """What `start` hands back: a reply that records being dropped."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.aborted = False
        self.speaker = None

    def drop(self) -> None:
        self.aborted = True


def _replies() -> tuple[HandsFreeReplies, list[tuple[str, bool]]]:
    started: list[tuple[str, bool]] = []

    def start(text: str, speculative: bool, after: object) -> _Started:
        started.append((text, speculative))
        return _Started(text)

    return HandsFreeReplies(start), started


def test_a_pause_that_reads_unfinished_starts_no_reply():
    replies, started = _replies()
    replies.on_event(TurnPaused("My favourite robot is", last_voice_at=0.0))
    replies.on_event(TurnResumed())
    assert started == []
    # Said through to the end: the turn's reply starts then, and it stands.
    text = "My favourite robot is the one that makes toast."
    replies.on_event(HeardTurn(text, last_voice_at=0.0, by="turn-model"))
    assert started == [(text, False)]
    assert replies.take(text) is not None


def test_a_pause_that_reads_finished_starts_the_reply_at_once():
    replies, started = _replies()
    text = "What is the capital of France?"
    replies.on_event(TurnPaused(text, last_voice_at=0.0))
    assert started == [(text, True)]
    replies.on_event(HeardTurn(text, last_voice_at=0.0, by="turn-model"))
    assert started == [(text, True)]  # confirmed, not started again
    ahead = replies.take(text)
    assert ahead is not None and not ahead.aborted


def test_an_unfinished_pause_after_a_finished_one_drops_its_reply():
    replies, started = _replies()
    replies.on_event(TurnPaused("Good morning.", last_voice_at=0.0))
    [(_, speculative)] = started
    assert speculative
    replies.on_event(TurnPaused("Good morning. Can you tell me about", last_voice_at=0.0))
    assert len(started) == 1
    replies.on_event(HeardTurn("Good morning. Can you tell me about", 0.0, by="silence"))
    assert started[-1] == ("Good morning. Can you tell me about", False)
    assert replies.take("Good morning.") is None

"""One sentence definition: a scenario's `max-sentences` counts the sentences the voice
speaks one by one, however the reply streams in, and the chat's gate sees the same ones."""

from __future__ import annotations

import pytest

from persona.chat.reply_gate import complete_sentences
from persona.scenarios.assertions import ReplyContext, max_sentences
from persona.speech.sentences import split_stream
from persona.text import ends_sentence, split_sentences, strip_emoji

TRICKY = [
    ("Dr. Smith is in. He will see you now.", 2),
    ("It weighs 3.5 kg. That is heavy!", 2),
    ("Wait... what?", 2),
    ("Wait… what? Really…", 3),
    ("Hi!! How are you?", 2),
    ('He said "hi!" Then we left.', 2),
    ("She said “no.” I agreed.", 2),
    ("(That was a joke.) Relax.", 2),
    ("*Beep boop!* [Translation: Hello there.]", 2),
    ("I like tea, e.g. green tea. Also coffee", 2),
    ("Version 2.0 is out", 1),
    ("No ending at all", 1),
    ("", 0),
]


def _counted(text: str) -> int:
    reason = max_sentences(text, 99, ReplyContext()).reason
    return int(reason.split()[0])


def _spoken(text: str, size: int) -> list[str]:
    # Sentences only: the voice's early release of a long first clause is not a sentence.
    deltas = [text[i : i + size] for i in range(0, len(text), size)] or [""]
    return split_stream(deltas, first_clause_min_chars=10_000)


@pytest.mark.parametrize(("text", "sentences"), TRICKY)
def test_scenario_count_matches_speech_chunks(text, sentences):
    assert _counted(text) == len(split_sentences(text)) == sentences
    for size in (1, 2, 3, 7, len(text) or 1):
        assert _spoken(text, size) == split_sentences(text), size


@pytest.mark.parametrize(("text", "sentences"), TRICKY)
def test_the_chat_gate_never_sees_a_sentence_the_count_splits_otherwise(text, sentences):
    whole = split_sentences(text)
    for end in range(len(text) + 1):
        done, _rest = complete_sentences(text[:end])  # the gate, as the reply streams in
        assert done == whole[: len(done)], text[:end]


def test_sentence_end_at_the_end_of_finished_text():
    assert ends_sentence('He said "hi!"') and ends_sentence("Right… ") and ends_sentence("[ok]")
    assert not ends_sentence("Then we") and not ends_sentence("")


def test_one_emoji_definition():
    assert strip_emoji("Hi 😀 there 👍🏽 ☀️ ⭐") == "Hi  there   "
    assert strip_emoji("20°C, © me") == "20°C, © me"  # symbols, not emoji (speech says °C)

from __future__ import annotations

import pytest

from persona.speech.textclean import (
    decimal_to_words,
    number_to_words,
    ordinal_to_words,
    speakable,
    strip_markdown,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It is 3.5 km away.", "It is three point five kilometres away."),
        ("42% of robots agree", "forty-two percent of robots agree"),
        ("*beeps happily* Hello there.", "Hello there."),
        ("I'm **very** _happy_ today", "I'm very happy today"),
        ("See https://example.com/x?y=1 now", "See a link now"),
        ("Read [the docs](http://x.org) first", "Read the docs first"),
        ("It costs $3.50", "It costs three dollars and fifty cents"),
        ("£1,200 please", "one thousand two hundred pounds please"),
        ("Meet at 10:30 on the 21st", "Meet at ten thirty on the twenty-first"),
        ("It is -5°C outside", "It is minus five degrees Celsius outside"),
        ("Drive 100 km/h", "Drive one hundred kilometres per hour"),
        ("Add 1 kg of flour", "Add one kilogram of flour"),
        ("Wait 10-20 min", "Wait ten to twenty minutes"),
        ("Yay 🎉🤖 done 👍🏽", "Yay done"),
        ("# Title\n- item one\n- item 2", "Title. item one. item two"),
        ("Use `print()` here", "Use print() here"),
        ("Hi! :) ok", "Hi! ok"),
        ("", ""),
        ("🤖", ""),
    ],
)
def test_speakable(text, expected):
    assert speakable(text) == expected


def test_numbers():
    assert number_to_words(0) == "zero"
    assert number_to_words(115) == "one hundred fifteen"
    assert number_to_words(2_000_017) == "two million seventeen"
    assert number_to_words(-3) == "minus three"
    assert ordinal_to_words(1) == "first"
    assert ordinal_to_words(12) == "twelfth"
    assert ordinal_to_words(40) == "fortieth"
    assert ordinal_to_words(103) == "one hundred third"
    assert decimal_to_words("0.25") == "zero point two five"
    assert decimal_to_words("1,000") == "one thousand"


def test_code_blocks_and_stage_directions_go():
    text = "Here:\n```python\nprint('x')\n```\n*whirrs* Done [laughs]"
    out = strip_markdown(text)
    assert "print" not in out and "whirrs" not in out and "laughs" not in out
    assert "Done" in out


def test_plain_text_is_untouched():
    assert speakable("Hello, how are you today?") == "Hello, how are you today?"


def test_beeps_voice_keeps_the_actions():
    reply = "*Bwoo-dee-dee!* [Translation: Take it easy.]"
    assert speakable(reply) == ""
    kept = speakable(reply, keep_actions=True)
    assert "Bwoo-dee-dee!" in kept and "Translation: Take it easy." in kept

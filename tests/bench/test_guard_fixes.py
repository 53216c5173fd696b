"""Guard cases the quality benchmark found on real replies (persona.chat.guards): correct
replies that were flagged, and bad ones that slipped through."""

from __future__ import annotations

import pytest

from persona.chat import guards

NAMES = ("Sparky", "sparky")


@pytest.mark.parametrize(
    ("reply", "user"),
    [
        # Restating the question to answer it is not parroting (SmolLM2, capital questions).
        ("Paris is the capital of France, and it's lovely.", "What is the capital of France?"),
        (
            "Excellence! The capital of the Czech Republic is Prague.",
            "What is the capital of the Czech Republic?",
        ),
    ],
)
def test_an_answer_that_restates_the_question_is_no_echo(reply, user):
    assert not guards.echoes(reply, user)


@pytest.mark.parametrize(
    ("reply", "user"),
    [
        ("What is the capital of France?", "What is the capital of France?"),
        ("Marek from Brno and I love cooking.", "I'm Marek from Brno and I love cooking."),
        ("Hi, I'm Ada", "Hi, I'm Ada"),
    ],
)
def test_parroting_is_an_echo(reply, user):
    assert guards.echoes(reply, user)


@pytest.mark.parametrize(
    "reply",
    [
        "No, I'm not ChatGPT. I'm Sparky!",
        "I'm not an AI, I'm a robot on wheels.",
        "OpenAI didn't make me, my family did.",
    ],
)
def test_denying_an_ai_identity_is_in_character(reply):
    assert "ai-claim" not in guards.identity_problems(reply, persona_names=NAMES)


def test_claiming_an_ai_identity_is_caught():
    assert "ai-claim" in guards.identity_problems("I am an AI.", persona_names=NAMES)
    assert "ai-claim" in guards.identity_problems(
        "As an AI language model, no.", persona_names=NAMES
    )


def test_a_possessive_is_not_a_claimed_name():
    assert guards.claimed_names("I'm Percival's biggest fan.") == []
    assert guards.claimed_names("I'm Khadijah, after the emperor.") == ["Khadijah"]


def test_short_english_is_english():
    # "a" and "as" are Portuguese stopwords too: this was once guessed Portuguese.
    assert guards.guess_language("I work as a nurse.") == "en"
    assert guards.language_scores("Good luck.")["en"] == 1
    assert guards.language_scores("¡Hola, Marek!")["es"] == 1


@pytest.mark.parametrize(
    ("reply", "names"),
    [
        ("I’m Ada.", ["Ada"]),  # a typographic apostrophe
        ("I am now Dave.", ["Dave"]),
        ("Im Winter ist es kalt.", []),  # German, not "I'm Winter"
        ("Ich bin im Garten.", []),
    ],
)
def test_claimed_names(reply, names):
    assert guards.claimed_names(reply) == names

"""The line for a user writing in another language (persona.chat.other_language): pure."""

from __future__ import annotations

import pytest

from persona.chat.guards import BEEP_FORMAT, guess_language
from persona.chat.known import known_answer
from persona.chat.memory import Fact, extract_facts, recall_question
from persona.chat.other_language import languages, other_language_line, user_language

GREETINGS = {
    "fr": "Bonjour ! Comment ça va ?",
    "de": "Hallo! Wie geht es dir heute?",
    "es": "¡Hola! ¿Cómo estás hoy?",
    "pt": "Olá! Como você está?",
    "it": "Ciao! Come stai?",
    "nl": "Hallo! Hoe gaat het met je?",
    "pl": "Cześć! Jak się masz?",
    "cs": "Ahoj! Jak se máš?",
}


def test_the_languages_asked_for_are_there():
    assert set(GREETINGS) <= set(languages())


@pytest.mark.parametrize("lang", sorted(GREETINGS))
@pytest.mark.parametrize(
    ("persona", "fmt", "limit"),
    [("sparky", None, 300), ("percival", None, 350), ("bleep", "beeps", 160)],
)
def test_every_line_is_in_the_users_language(lang, persona, fmt, limit):
    for index in range(3):
        line = other_language_line(
            lang=lang,
            user_text=GREETINGS[lang],
            persona_id=persona,
            persona_name=persona.capitalize(),
            reply_format=fmt,
            index=index,
            max_chars=limit,
        )
        assert line and len(line) <= limit
        spoken = line
        if fmt == "beeps":
            assert BEEP_FORMAT.match(line), line
            spoken = line.partition("[Translation: ")[2].rstrip("]")
        assert guess_language(spoken) == lang, line


def test_the_line_answers_what_is_simple():
    es = dict(lang="es", persona_id="sparky", persona_name="Sparky")
    assert other_language_line(user_text="¡Hola! ¿Cómo estás hoy?", **es).startswith(
        "¡Hola! Estoy muy bien"
    )
    capital = known_answer("¿Cuál es la capital de España?")
    assert "Madrid" in other_language_line(user_text="¿Cuál es la capital?", known=capital, **es)
    name = other_language_line(user_text="¿Cómo me llamo?", recall=Fact("name", "Lucía"), **es)
    assert "Te llamas Lucía" in name
    fr = other_language_line(
        lang="fr",
        user_text="Bonjour ! Comment tu t'appelles ?",
        persona_id="bleep",
        persona_name="Bleep",
        reply_format="beeps",
    )
    assert "Je m'appelle Bleep" in fr and BEEP_FORMAT.match(fr)
    cs = known_answer("Jaké je hlavní město České republiky?")
    line = other_language_line(
        lang="cs",
        user_text="Jaké je hlavní město?",
        persona_id="sparky",
        persona_name="Sparky",
        known=cs,
    )
    assert "Praha" in line


def test_the_apology_is_said_once_and_plain_talk_gets_only_it():
    es = dict(lang="es", persona_id="sparky", persona_name="Sparky")
    first = other_language_line(user_text="¡Hola!", **es)
    again = other_language_line(
        user_text="¿Cómo me llamo?", recall=Fact("name", "Lucía"), earlier=[first], **es
    )
    assert again == "Te llamas Lucía."
    assert other_language_line(user_text="Tengo un perro.", answers_only=True, **es) is None
    assert "español" in other_language_line(user_text="Tengo un perro.", earlier=[first], **es)


def test_english_has_no_line():
    assert (
        other_language_line(
            lang="en", user_text="Hello!", persona_id="sparky", persona_name="Sparky"
        )
        is None
    )
    assert (
        other_language_line(
            lang=None, user_text="Hello!", persona_id="sparky", persona_name="Sparky"
        )
        is None
    )


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("¿Cómo me llamo?", "es"),
        ("Ahoj! Jak se máš?", "cs"),
        ("Wo wohne ich?", "de"),  # too few words for a guess: its common words tell
        ("Quelle est la capitale de la France ?", "fr"),
        ("Ok?", None),  # too little to tell: the engine keeps the last language
        ("Hello!", None),
        ("Hi there, how are you today?", "en"),
    ],
)
def test_the_users_language(text, lang):
    assert user_language(text) == lang


def test_facts_told_in_other_languages_are_remembered():
    lucia = extract_facts("Hola, me llamo Lucía y soy de Sevilla.")
    assert Fact("name", "Lucía") in lucia and Fact("from", "Sevilla") in lucia
    jonas = extract_facts("Ich heiße Jonas und ich wohne in Berlin.")
    assert Fact("name", "Jonas") in jonas and Fact("lives_in", "Berlin") in jonas
    assert recall_question("¿Cómo me llamo?", lucia) == Fact("name", "Lucía")
    assert recall_question("Wo wohne ich?", jonas) == Fact("lives_in", "Berlin")

""" "Roast me!" in an ordinary chat: the request, the material, and the line, through the
real engine and the real roast pipeline (only the model's numerics are scripted)."""

from __future__ import annotations

import pytest

from persona.chat.chat_roast import asks_for_roast, statements
from persona.roast.coherence import addresses_person, coherence_problems
from tests.chat.test_chat_guards import _conversation, _send


@pytest.mark.parametrize(
    "text",
    [
        "Roast me!",
        "Can you roast me? I always lose my keys.",
        "Go on, make fun of me.",
        "Give me your best roast.",
    ],
)
def test_a_request_for_a_roast_of_the_speaker(text):
    assert asks_for_roast(text)


@pytest.mark.parametrize(
    "text",
    [
        "Please don't roast me.",
        "My friend roasted me yesterday.",
        "I love roast chicken.",
        "Roast my brother instead.",
    ],
)
def test_no_request_for_a_roast(text):
    assert not asks_for_roast(text)


def test_the_material_is_what_the_user_said_about_themselves():
    said = statements(["Hi, I'm Marek!", "What should I cook?", "I always lose my keys. Roast me!"])
    assert said == ["Hi, I'm Marek!", "I always lose my keys."]


@pytest.mark.parametrize("persona", ["sparky", "percival", "bleep"])
def test_roast_me_in_the_chat_roasts_what_the_user_said(tmp_path, persona):
    conv, backend, store = _conversation(tmp_path, ["Ducks are lovely!"], persona)
    _send(conv, "I'm Marek and I collect rubber ducks.")
    asked = len(backend.requests)
    _deltas, done = _send(conv, "Go on, roast me.")
    assert "rubber ducks" in done.text and addresses_person(done.text)
    assert not coherence_problems(done.text), done.text
    assert len(backend.requests) == asked  # built in code: the roast needs no model turn
    _deltas, again = _send(conv, "Can you roast me? I always lose my keys.")
    assert "keys" in again.text and again.text != done.text
    store.close()


def test_roast_me_with_nothing_said_teases_that(tmp_path):
    conv, backend, store = _conversation(tmp_path, ["Hello!"])
    _deltas, done = _send(conv, "Roast me!")
    assert addresses_person(done.text) and "nothing" in done.text and not backend.requests
    store.close()


def test_a_chat_roast_never_touches_who_someone_is(tmp_path):
    conv, _backend, store = _conversation(tmp_path, ["Hello!"])
    _deltas, done = _send(conv, "I'm Muslim and I'm 70 and I always lose my keys. Roast me!")
    assert addresses_person(done.text)  # a roast, or a kind way out; never the traits
    assert "muslim" not in done.text.lower() and "70" not in done.text
    store.close()

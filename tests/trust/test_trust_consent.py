"""Roast mode in a conversation: a "no" ends it and normal chat resumes (no model needed)."""

from __future__ import annotations

import pytest

from persona.chat import ChatStore, Conversation
from persona.chat.roast_mode import RoastMode
from persona.personas import load_persona
from persona.roast import load_profile
from persona.roast.session import RoastSession


@pytest.fixture
def roast_mode(tmp_path):
    store = ChatStore.open(tmp_path / "chat.db")
    conv = Conversation.open(persona=load_persona("sparky"), backend=None, store=store, user="ada")
    session = RoastSession(profile=load_profile("I'm Ada, I knit scarves.\n"), backend=None)
    yield RoastMode(conv, session)
    store.close()


def test_no_returns_to_normal_chat(roast_mode):
    events = list(roast_mode.send("no thanks"))
    assert roast_mode.last.action == "declined"
    assert "no roast" in events[0].text.lower()
    assert not roast_mode.active  # the next message goes to the plain chat


def test_no_is_stored_as_a_declined_exchange(roast_mode):
    list(roast_mode.send("nope"))
    turns = roast_mode.conversation.store.turns(roast_mode.conversation.conversation_id)
    assert [t.finish_reason for t in turns if t.user_text] == ["roast:declined"]
    assert not roast_mode.session.consent

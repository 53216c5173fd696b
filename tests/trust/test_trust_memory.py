"""Nothing a stranger types rewrites someone else's memory (issue 14).

The default user `guest` is whoever is at the keyboard, so what is said under it holds for
that conversation only; a named user's remembered name changes only on a correction.
"""

from __future__ import annotations

import sqlite3

import pytest

from persona.chat import ChatStore, Conversation, ReplyDone
from persona.chat.memory import Fact, extract_facts, is_name_correction, memory_update
from persona.llm import GenerationOptions
from persona.personas import load_persona

OPTS = GenerationOptions(max_tokens=12, temperature=0.0, seed=1)
ADA = [Fact("name", "Ada")]


@pytest.mark.parametrize(
    "message",
    [
        "Call me Bob.",
        "No, my name is Bob.",
        "no, I'm Bob",
        "My name is actually Bob.",
        "Actually, I'm Bob.",
        "I'm actually Bob.",
    ],
)
def test_a_correction_renames(message):
    assert is_name_correction(message)
    new = extract_facts(message)
    assert new == [Fact("name", "Bob")]
    update = memory_update(message, new, ADA, shared=False)
    assert update.saved == (Fact("name", "Bob"),) and not update.note


@pytest.mark.parametrize("message", ["Hi, I'm Bob.", "My name is Bob.", "I am called Bob."])
def test_a_different_introduction_does_not_rename(message):
    assert not is_name_correction(message)
    update = memory_update(message, extract_facts(message), ADA, shared=False)
    assert update.saved == () and update.session == (Fact("name", "Bob"),)
    assert "Ada" in update.note and 'call me Bob"' in update.note


def test_other_facts_of_a_named_user_are_still_saved():
    message = "Hi, I'm Bob and I live in Lisbon."
    update = memory_update(message, extract_facts(message), ADA, shared=False)
    assert update.saved == (Fact("lives_in", "Lisbon"),)
    assert update.session == (Fact("name", "Bob"),)


def test_a_first_or_repeated_name_is_saved():
    for remembered, said in (([], "Hi, I'm Ada."), (ADA, "I'm Ada."), (ADA, "I'm Ada Lovelace.")):
        update = memory_update(said, extract_facts(said), remembered, shared=False)
        assert update.saved and not update.session and not update.note


def test_the_shared_user_saves_nothing():
    for message in ("Hi, I'm Ada.", "Call me Ada.", "I live in Lisbon."):
        update = memory_update(message, extract_facts(message), [], shared=True)
        assert update.saved == () and update.session and "--user" in update.note
    assert memory_update("How are you?", [], [], shared=True).note == ""


def _memory_rows(db) -> list[tuple[str, str, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT user, kind, value FROM memory ORDER BY user, kind").fetchall()


def _reply(conv: Conversation, text: str) -> ReplyDone:
    return [e for e in conv.send(text) if isinstance(e, ReplyDone)][0]


def test_guest_facts_last_one_conversation(llama_backend, tmp_path):
    db = tmp_path / "chat.db"
    store = ChatStore.open(db)
    sparky = load_persona("sparky")
    conv = Conversation.open(persona=sparky, backend=llama_backend, store=store, options=OPTS)
    done = _reply(conv, "Hi, I'm Ada.")
    assert done.turn_id and "kept for this chat only" in done.unsaved_note
    assert conv.user_name == "Ada"  # this conversation knows
    stranger = Conversation.open(persona=sparky, backend=llama_backend, store=store, options=OPTS)
    assert stranger.user_name is None and stranger.memory() == []  # the next one does not
    store.close()
    assert _memory_rows(db) == []


def test_old_guest_memory_is_not_read(llama_backend, tmp_path):
    """A database written before the fix may hold a name under guest: it is not used."""
    store = ChatStore.open(tmp_path / "chat.db")
    sparky = load_persona("sparky")
    old = Conversation.open(persona=sparky, backend=None, store=store)
    store.add_turn(old.conversation_id, user="guest", user_text="hi", reply_text="hey", facts=ADA)
    conv = Conversation.open(persona=sparky, backend=llama_backend, store=store)
    assert conv.user_name is None and "Ada" not in conv.memory_note()
    store.close()


def test_a_named_users_name_changes_only_on_a_correction(llama_backend, tmp_path):
    db = tmp_path / "chat.db"
    store = ChatStore.open(db)
    sparky = load_persona("sparky")

    def chat() -> Conversation:
        return Conversation.open(
            persona=sparky, backend=llama_backend, store=store, user="ada", options=OPTS
        )

    _reply(chat(), "Hi, my name is Ada.")
    stranger = chat()
    done = _reply(stranger, "Hi, I'm Bob.")
    assert "still remembering you as Ada" in done.unsaved_note
    assert stranger.user_name == "Bob"  # for this conversation only
    assert chat().user_name == "Ada"
    assert _memory_rows(db) == [("ada", "name", "Ada")]
    _reply(chat(), "No, my name is Bob.")
    assert _memory_rows(db) == [("ada", "name", "Bob")]
    store.close()


def _memory_cli(cli, db, user: str, message: str):
    proc = cli("chat", "--once", message, "--user", user, "--db", str(db), "--max-tokens", "8")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return proc


def test_cli_strangers_cannot_rename_anyone(cli, tmp_path):
    db = tmp_path / "chat.db"
    proc = _memory_cli(cli, db, "guest", "Hi, I'm Ada")
    assert "kept for this chat only" in proc.stderr and "--user" in proc.stderr
    assert _memory_rows(db) == []  # the next stranger is not greeted as Ada
    _memory_cli(cli, db, "ada", "Hi, my name is Ada.")
    proc = _memory_cli(cli, db, "ada", "Hi, I'm Bob")
    assert 'say "call me Bob"' in proc.stderr
    assert _memory_rows(db) == [("ada", "name", "Ada")]
    _memory_cli(cli, db, "ada", "Call me Bob")
    assert _memory_rows(db) == [("ada", "name", "Bob")]
    assert "guest, is shared by anyone" in " ".join(cli("chat", "--help").stdout.split())

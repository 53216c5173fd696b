"""`persona forget` finds what `persona chat` stored, and a running chat survives it."""

from __future__ import annotations

import sqlite3

from persona.chat import ChatStore, Conversation
from persona.cli import main
from persona.personas import load_persona


def _rows(db, user: str) -> tuple[int, int]:
    conn = sqlite3.connect(db)
    try:
        convs = conn.execute("SELECT count(*) FROM conversations WHERE user = ?", (user,))
        memory = conn.execute("SELECT count(*) FROM memory WHERE user = ?", (user,))
        return convs.fetchone()[0], memory.fetchone()[0]
    finally:
        conn.close()


def _chat(store: ChatStore, user: str) -> Conversation:
    """A conversation as `persona chat --user USER` opens it (no model needed to store)."""
    return Conversation.open(persona=load_persona("sparky"), backend=None, store=store, user=user)


def test_forget_trims_the_user_id_as_chat_does(tmp_path, capsys):
    db = tmp_path / "chat.db"
    store = ChatStore.open(db)
    conv = _chat(store, " ada ")
    conv.record_exchange("Hi, I'm Ada, my name is Ada.", "Hello Ada!")
    store.close()
    assert conv.user == "ada" and _rows(db, "ada")[0] == 1
    assert main(["forget", " ada ", "--db", str(db)]) == 0
    assert "forgot ada" in capsys.readouterr().out
    assert _rows(db, "ada") == (0, 0)


def test_forget_of_a_blank_user_is_one_line(tmp_path, capsys):
    assert main(["forget", "   ", "--db", str(tmp_path / "chat.db")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1


def test_a_running_chat_survives_its_user_being_forgotten(tmp_path, capsys):
    db = tmp_path / "chat.db"
    store = ChatStore.open(db)  # the running chat's connection
    conv = _chat(store, "ada")
    conv.record_exchange("Remember my cat Biscuit.", "Biscuit, noted!")
    assert main(["forget", "ada", "--db", str(db)]) == 0  # another process, same file
    turn_id = conv.record_exchange("Are you still there?", "Still here.")  # no IntegrityError
    assert turn_id
    turns = store.turns(conv.conversation_id)
    assert [t.user_text for t in turns] == ["Are you still there?"]  # the old turns stay gone
    assert store.last_conversation("ada", "sparky") == conv.conversation_id  # --resume finds it
    store.close()

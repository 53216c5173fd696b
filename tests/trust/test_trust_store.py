"""A damaged chat database is one clear line, and the turn in flight is never lost (issue 14)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from persona.chat import store as chat_store
from persona.chat.store import ChatStore, unsaved_turns_path
from persona.cli import main
from persona.errors import BadInput


def _chat_db(cli, db: Path) -> None:
    """A conversation database written by the CLI, a few turns long."""
    for message in ("Hi there!", "How are you?", "Tell me a joke."):
        proc = cli("chat", "--once", message, "--db", str(db), "--max-tokens", "8", "--seed", "1")
        assert proc.returncode == 0, proc.stderr


def _damage_table(db: Path, table: str) -> None:
    """Overwrite the first bytes of `table`'s root page: a page in the middle, not the header."""
    with sqlite3.connect(db) as conn:
        (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,))
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    assert root[0] > 1
    with db.open("r+b") as f:
        f.seek((root[0] - 1) * page_size)
        f.write(b"\xde\xad\xbe\xef" * 256)


def _one_line_error(err: str, *words: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert "Traceback" not in err
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def test_cli_refuses_a_damaged_database_before_replying(cli, tmp_path):
    db = tmp_path / "chat.db"
    _chat_db(cli, db)
    _damage_table(db, "turns")
    proc = cli("chat", "--once", "hello", "--db", str(db), "--max-tokens", "8")
    assert proc.returncode == 2
    _one_line_error(proc.stderr, str(db), "damaged", "move it aside", "--db")
    assert proc.stdout == ""  # no reply that could not be kept


def test_open_tells_damage_from_other_failures(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database, only text " * 40)
    with pytest.raises(BadInput, match="is damaged .file is not a database"):
        ChatStore.open(junk)
    with pytest.raises(BadInput, match="cannot open the chat database"):
        ChatStore.open(tmp_path)  # a folder: not damage, and no advice to move it


def test_a_turn_the_database_refuses_goes_to_a_recovery_file(cli, tmp_path, monkeypatch, capsys):
    """Damage the check at open cannot see (files over its size limit skip it): the reply
    is shown, the turn is kept beside the database, and the error says where."""
    db = tmp_path / "chat.db"
    _chat_db(cli, db)
    _damage_table(db, "turns")
    monkeypatch.setattr(chat_store, "QUICK_CHECK_MAX_BYTES", 0)
    code = main(["chat", "--once", "hello", "--db", str(db), "--max-tokens", "8", "--seed", "1"])
    out, err = capsys.readouterr()
    assert code == 2 and out.strip()  # the reply was shown
    recovery = unsaved_turns_path(db)
    _one_line_error(err, "damaged", f"kept in {recovery}", "move it aside")
    (turn,) = [json.loads(line) for line in recovery.read_text().splitlines()]
    assert turn["user_text"] == "hello" and turn["reply_text"] == out.strip()
    assert turn["user"] == "guest" and turn["persona"] == "sparky"


def test_a_read_of_a_damaged_page_is_a_user_error(tmp_path, monkeypatch):
    db = tmp_path / "chat.db"
    store = ChatStore.open(db)
    conv = store.new_conversation("ada", "sparky")
    store.add_turn(conv, user="ada", user_text="hi", reply_text="hello")
    store.close()
    _damage_table(db, "turns")
    monkeypatch.setattr(chat_store, "QUICK_CHECK_MAX_BYTES", 0)
    store = ChatStore.open(db)
    try:
        with pytest.raises(BadInput, match="is damaged"):
            store.turns(conv)
    finally:
        store.close()

"""Conversations and per-user memory in one SQLite file (WAL).

A turn is written in a single transaction once its reply is complete, so a crash
mid-turn loses at most that turn and never leaves half a turn behind.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from persona import paths
from persona.chat.memory import Fact
from persona.errors import BadInput

log = logging.getLogger(__name__)

MAX_USER_CHARS = 64

_SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user TEXT NOT NULL,
    persona TEXT NOT NULL,
    started_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS turns (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    user_text TEXT,
    reply_text TEXT NOT NULL,
    finish_reason TEXT NOT NULL DEFAULT 'stop',
    created_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS turns_by_conversation ON turns(conversation_id, id);
CREATE TABLE IF NOT EXISTS memory (
    user TEXT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    updated_at REAL NOT NULL,
    PRIMARY KEY (user, kind)
);
"""


@dataclass(frozen=True, slots=True)
class StoredTurn:
    id: int
    user_text: str | None
    reply_text: str
    finish_reason: str


def default_db_path() -> Path:
    return paths.data_dir() / "persona.db"


def normalise_user(user: str) -> str:
    """The user id as it is stored: trimmed and at most 64 characters. The one rule
    `Conversation.open` and `forget` share, so `forget " ada "` finds what
    `chat --user " ada "` kept."""
    return user.strip()[:MAX_USER_CHARS]


class ChatStore:
    """Thread-safe access to the database; one connection guarded by a lock."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self._lock = threading.RLock()
        self.path = path
        self._personas: dict[int, str] = {}  # conversation id -> persona, to recreate it

    @classmethod
    def open(cls, path: str | Path | None = None) -> ChatStore:
        db = Path(path) if path else default_db_path()
        try:
            db.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(db, check_same_thread=False, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.executescript(_SCHEMA)
        except (sqlite3.DatabaseError, OSError) as exc:
            raise BadInput(
                f"cannot open the chat database {db}: {exc} (fix or move it, or pass --db)"
            ) from None
        return cls(conn, db)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # conversations -------------------------------------------------------
    def new_conversation(self, user: str, persona: str) -> int:
        with self._lock:
            cur = self._conn.execute(
                "INSERT INTO conversations(user, persona, started_at) VALUES (?, ?, ?)",
                (user, persona, time.time()),
            )
            self._personas[int(cur.lastrowid)] = persona
            return int(cur.lastrowid)

    def last_conversation(self, user: str, persona: str) -> int | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT id FROM conversations WHERE user = ? AND persona = ? "
                "ORDER BY id DESC LIMIT 1",
                (user, persona),
            ).fetchone()
        if row:
            self._personas[int(row[0])] = persona
        return int(row[0]) if row else None

    def turns(self, conversation_id: int) -> list[StoredTurn]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT id, user_text, reply_text, finish_reason FROM turns "
                "WHERE conversation_id = ? ORDER BY id",
                (conversation_id,),
            ).fetchall()
        return [StoredTurn(*row) for row in rows]

    def add_turn(
        self,
        conversation_id: int,
        *,
        user: str,
        user_text: str | None,
        reply_text: str,
        finish_reason: str = "stop",
        facts: Iterable[Fact] = (),
    ) -> int:
        """Store a finished turn and the facts learnt from it, atomically.

        If the conversation was deleted meanwhile (`persona forget` while the chat runs),
        it is started again under the same id: the chat goes on, keeping only what is
        said from now on."""
        now = time.time()
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                self._recreate_if_forgotten(conversation_id, user, now)
                cur = self._conn.execute(
                    "INSERT INTO turns(conversation_id, user_text, reply_text, finish_reason,"
                    " created_at) VALUES (?, ?, ?, ?, ?)",
                    (conversation_id, user_text, reply_text, finish_reason, now),
                )
                for fact in facts:
                    self._conn.execute(
                        "INSERT INTO memory(user, kind, value, updated_at) VALUES (?, ?, ?, ?) "
                        "ON CONFLICT(user, kind) DO UPDATE SET value = excluded.value, "
                        "updated_at = excluded.updated_at",
                        (user, fact.kind, fact.value, now),
                    )
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            return int(cur.lastrowid)

    def _recreate_if_forgotten(self, conversation_id: int, user: str, now: float) -> None:
        row = self._conn.execute(
            "SELECT 1 FROM conversations WHERE id = ?", (conversation_id,)
        ).fetchone()
        if row is not None:
            return
        log.warning(
            "conversation %d was deleted while in use (forgotten?): keeping only new turns",
            conversation_id,
        )
        self._conn.execute(
            "INSERT INTO conversations(id, user, persona, started_at) VALUES (?, ?, ?, ?)",
            (conversation_id, user, self._personas.get(conversation_id, ""), now),
        )

    def replace_reply(self, turn_id: int, reply_text: str, finish_reason: str) -> None:
        with self._lock:
            self._conn.execute(
                "UPDATE turns SET reply_text = ?, finish_reason = ? WHERE id = ?",
                (reply_text, finish_reason, turn_id),
            )

    def delete_turn(self, turn_id: int) -> None:
        with self._lock:
            self._conn.execute("DELETE FROM turns WHERE id = ?", (turn_id,))

    # memory ---------------------------------------------------------------
    def facts(self, user: str) -> list[Fact]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT kind, value FROM memory WHERE user = ? ORDER BY updated_at, kind", (user,)
            ).fetchall()
        return [Fact(kind, value) for kind, value in rows]

    def users(self) -> list[str]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT user FROM conversations UNION SELECT user FROM memory ORDER BY 1"
            ).fetchall()
        return [r[0] for r in rows]

    def forget(self, user: str) -> int:
        """Delete everything stored about `user`; returns how many rows went."""
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:  # another process holds the write lock
                raise BadInput(
                    f"the chat database {self.path} is busy ({exc}): try again in a moment"
                ) from None
            try:
                n = self._conn.execute("DELETE FROM memory WHERE user = ?", (user,)).rowcount
                n += self._conn.execute(
                    "DELETE FROM turns WHERE conversation_id IN "
                    "(SELECT id FROM conversations WHERE user = ?)",
                    (user,),
                ).rowcount
                n += self._conn.execute(
                    "DELETE FROM conversations WHERE user = ?", (user,)
                ).rowcount
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
        with self._lock:
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._conn.execute("VACUUM")
        return n

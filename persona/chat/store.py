"""Conversations and per-user memory in one SQLite file (WAL).

A turn is written in a single transaction once its reply is complete, so a crash
mid-turn loses at most that turn and never leaves half a turn behind. A damaged file is
refused when opened; a turn that cannot be written goes to a recovery file beside it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from persona import paths
from persona.chat.memory import Fact
from persona.errors import BadInput

log = logging.getLogger(__name__)

MAX_USER_CHARS = 64
QUICK_CHECK_MAX_BYTES = 256 * 1024 * 1024  # larger files skip the check at open (it reads all)
UNSAVED_SUFFIX = ".unsaved.jsonl"
_DAMAGE_CODES = ("SQLITE_CORRUPT", "SQLITE_NOTADB")  # and their extended codes

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


def damaged_message(db: Path, detail: object, *, then: str = "") -> str:
    """The one-line error for a database SQLite cannot read, and what to do about it;
    `then` says what happened to the turn in flight."""
    return (
        f"the chat database {db} is damaged ({detail}){then}: move it aside, with its -wal "
        f"and -shm files if any, to start a new one (or pass --db another file)"
    )


def is_damage(exc: sqlite3.DatabaseError) -> bool:
    """True for a file SQLite cannot read as a database (not for a lock or a full disk)."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    return type(exc) is sqlite3.DatabaseError or name.startswith(_DAMAGE_CODES)


def _quick_check(conn: sqlite3.Connection, db: Path) -> str:
    """What `PRAGMA quick_check` finds wrong with the file, "" when it is intact. The
    check reads every page, so files over QUICK_CHECK_MAX_BYTES (years of chat) skip it."""
    try:
        size = db.stat().st_size
    except OSError:  # ":memory:", or a file that is not there yet
        size = 0
    if size > QUICK_CHECK_MAX_BYTES:
        return ""
    rows = [str(row[0]) for row in conn.execute("PRAGMA quick_check(3)").fetchall()]
    return "" if rows == ["ok"] else "; ".join(rows)


def unsaved_turns_path(db: Path) -> Path:
    """Where turns that could not be written to `db` are kept, one JSON object a line."""
    return db.with_name(db.name + UNSAVED_SUFFIX)


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
        """Open (or create) the database; a damaged one is refused here, before any reply
        is generated that it could not keep."""
        db = Path(path) if path else default_db_path()
        conn = None
        try:
            db.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(db, check_same_thread=False, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.executescript(_SCHEMA)
            problem = _quick_check(conn, db)
        except (sqlite3.DatabaseError, OSError) as exc:
            if conn is not None:
                conn.close()
            if isinstance(exc, sqlite3.DatabaseError) and is_damage(exc):
                raise BadInput(damaged_message(db, exc)) from None
            raise BadInput(
                f"cannot open the chat database {db}: {exc} (fix or move it, or pass --db)"
            ) from None
        if problem:
            conn.close()
            raise BadInput(damaged_message(db, problem))
        return cls(conn, db)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextlib.contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        """The connection, under the lock; a page found damaged while the store is in use
        (the check at open skips big files) is a one-line error, not a traceback."""
        with self._lock:
            try:
                yield self._conn
            except sqlite3.DatabaseError as exc:
                if not is_damage(exc):
                    raise
                raise BadInput(damaged_message(self.path, exc)) from None

    # conversations -------------------------------------------------------
    def new_conversation(self, user: str, persona: str) -> int:
        with self._connection() as conn:
            cur = conn.execute(
                "INSERT INTO conversations(user, persona, started_at) VALUES (?, ?, ?)",
                (user, persona, time.time()),
            )
            self._personas[int(cur.lastrowid)] = persona
            return int(cur.lastrowid)

    def last_conversation(self, user: str, persona: str) -> int | None:
        with self._connection() as conn:
            row = conn.execute(
                "SELECT id FROM conversations WHERE user = ? AND persona = ? "
                "ORDER BY id DESC LIMIT 1",
                (user, persona),
            ).fetchone()
        if row:
            self._personas[int(row[0])] = persona
        return int(row[0]) if row else None

    def turns(self, conversation_id: int) -> list[StoredTurn]:
        with self._connection() as conn:
            rows = conn.execute(
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
        facts = tuple(facts)
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
            except sqlite3.DatabaseError as exc:
                self._rollback()
                turn = {
                    "conversation_id": conversation_id,
                    "persona": self._personas.get(conversation_id, ""),
                    "user": user,
                    "user_text": user_text,
                    "reply_text": reply_text,
                    "finish_reason": finish_reason,
                    "facts": {f.kind: f.value for f in facts},
                    "created_at": now,
                }
                raise BadInput(self._unsaved_message(exc, self._keep_unsaved(turn))) from None
            except BaseException:
                self._rollback()
                raise
            return int(cur.lastrowid)

    def _rollback(self) -> None:
        if self._conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("ROLLBACK")

    def _keep_unsaved(self, turn: dict[str, object]) -> Path | None:
        """Append a turn the database refused to the recovery file; None if that fails too."""
        if str(self.path) == ":memory:":
            return None
        where = unsaved_turns_path(self.path)
        try:
            with where.open("a", encoding="utf-8") as out:
                out.write(json.dumps(turn, ensure_ascii=False) + "\n")
        except OSError as exc:
            log.error("could not keep the unsaved turn in %s: %s", where, exc)
            return None
        return where

    def _unsaved_message(self, exc: sqlite3.DatabaseError, kept: Path | None) -> str:
        then = (
            f", so this turn was kept in {kept} instead"
            if kept
            else ", and this turn could not be kept anywhere"
        )
        if is_damage(exc):
            return damaged_message(self.path, exc, then=then)
        return (
            f"cannot write to the chat database {self.path} ({exc}){then}: check the disk "
            "space and the file's permissions, or pass --db another file"
        )

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
        with self._connection() as conn:
            conn.execute(
                "UPDATE turns SET reply_text = ?, finish_reason = ? WHERE id = ?",
                (reply_text, finish_reason, turn_id),
            )

    def delete_turn(self, turn_id: int) -> None:
        with self._connection() as conn:
            conn.execute("DELETE FROM turns WHERE id = ?", (turn_id,))

    # memory ---------------------------------------------------------------
    def facts(self, user: str) -> list[Fact]:
        with self._connection() as conn:
            rows = conn.execute(
                "SELECT kind, value FROM memory WHERE user = ? ORDER BY updated_at, kind", (user,)
            ).fetchall()
        return [Fact(kind, value) for kind, value in rows]

    def users(self) -> list[str]:
        with self._connection() as conn:
            rows = conn.execute(
                "SELECT user FROM conversations UNION SELECT user FROM memory ORDER BY 1"
            ).fetchall()
        return [r[0] for r in rows]

    def forget(self, user: str) -> int:
        """Delete everything stored about `user`; returns how many rows went."""
        with self._connection():
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
                self._rollback()
                raise
        with self._connection():
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._conn.execute("VACUUM")
        return n

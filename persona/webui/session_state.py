"""One browser session's state: its conversation, session-only personas, profile and files.

Each browser keeps a random secret in its own storage; the chat user is a hash of it, so
a conversation survives a reload of that browser and never crosses to another one. Each
tab also gets its own folder for uploads, removed by `close()` when the tab goes away.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

from persona.personas import Persona

log = logging.getLogger(__name__)

_BROWSER_KEY = re.compile(r"[0-9a-f]{32}")


def browser_key(saved: object) -> str:
    """The browser's secret from its stored state, or a new one when it has none (or the
    stored value is not one of ours: browser storage is untrusted input)."""
    key = saved.get("key") if isinstance(saved, dict) else None
    if isinstance(key, str) and _BROWSER_KEY.fullmatch(key):
        return key
    return secrets.token_hex(16)


def browser_user(key: str) -> str:
    """The chat user id of a browser: a hash, so the secret itself is never stored."""
    return "web-" + hashlib.sha256(key.encode()).hexdigest()[:24]


@dataclass(frozen=True, slots=True, kw_only=True)
class Latency:
    """Timings of the last turn in milliseconds (None = that stage did not run)."""

    transcribe_ms: float | None = None
    first_token_ms: float | None = None
    reply_ms: float | None = None
    first_audio_ms: float | None = None


@dataclass(eq=False, kw_only=True)
class UiSession:
    """Mutable per-session state; only ever touched by that session's events."""

    session_id: str
    workdir: Path
    persona: Persona
    model: str
    conversation: object | None = None  # a Conversation, opened on first use
    custom_personas: dict[str, Persona] = field(default_factory=dict)
    profile: object | None = None  # persona.roast.Profile
    profile_upload: str | None = None  # the upload it came from (the file box keeps it)
    consented: object | None = None  # the profile whose consent box was ticked
    roast: object | None = None  # persona.roast.session.RoastSession
    latency: Latency = field(default_factory=Latency)
    closed: bool = False
    busy: bool = False  # a reply is being generated: edits to the chat must wait
    abort: threading.Event = field(default_factory=threading.Event)  # Stop / switch
    idle: threading.Event = field(default_factory=threading.Event)  # set when not busy
    speaker: object | None = None  # the ReplySpeaker of the reply being said
    waiting: bool = False  # a typed message is queued for the model
    stop_note: str = "[stopped]"  # how a stopped reply is marked in the history
    speaking_until: float = 0.0  # epoch s when the reply audio sent so far ends
    said: list[tuple[float, str]] = field(default_factory=list)  # (starts at, text) sent
    listener: object | None = None  # the HandsFreeListener of this tab's open mic
    replies: object | None = None  # the HandsFreeReplies its events start

    def __post_init__(self) -> None:
        self.idle.set()

    def begin_reply(self) -> threading.Event:
        """Mark a reply as running; returns the event that stops it."""
        self.busy = True
        self.idle.clear()
        self.abort = threading.Event()
        return self.abort

    def end_reply(self) -> None:
        self.busy = False
        self.idle.set()

    def interrupt(self, timeout: float = 20.0) -> bool:
        """Stop the reply in flight (if any) and wait for it to end; False on timeout."""
        if not self.busy:
            return True
        self.abort.set()
        return self.idle.wait(timeout)

    @classmethod
    def create(
        cls, *, root: Path, persona: Persona, model: str, user: str | None = None
    ) -> UiSession:
        """`user`: the browser's chat user (see `browser_user`); a random one if None."""
        session_id = user or "web-" + secrets.token_hex(12)
        workdir = root / f"{session_id}-{secrets.token_hex(4)}"  # one per tab
        workdir.mkdir(parents=True, exist_ok=False)
        workdir.chmod(0o700)
        return cls(session_id=session_id, workdir=workdir, persona=persona, model=model)

    def close(self) -> None:
        """Forget the profile and delete every uploaded file of this session."""
        self.closed = True
        if self.listener is not None:
            self.listener.close()
            self.listener = None
        self.profile = None
        self.consented = None
        self.roast = None
        shutil.rmtree(self.workdir, ignore_errors=True)
        log.debug("closed session %s", self.session_id)


class SessionRegistry:
    """Sessions by Gradio session hash, so `demo.unload` can clean up the right one."""

    def __init__(self) -> None:
        self._sessions: dict[str, UiSession] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> UiSession | None:
        with self._lock:
            return self._sessions.get(key)

    def put(self, key: str, session: UiSession) -> None:
        with self._lock:
            old = self._sessions.get(key)
            self._sessions[key] = session
        if old is not None and old is not session:
            old.close()

    def close(self, key: str) -> None:
        with self._lock:
            session = self._sessions.pop(key, None)
        if session is not None:
            session.close()

    def close_all(self) -> None:
        with self._lock:
            sessions, self._sessions = list(self._sessions.values()), {}
        for session in sessions:
            session.close()

    def __len__(self) -> int:
        with self._lock:
            return len(self._sessions)

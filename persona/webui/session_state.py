"""One browser session's state: its conversation, session-only personas, profile and files.

Each session gets an opaque id (used as the chat user, so memory never crosses sessions)
and its own folder for uploads, removed by `close()` when the tab goes away.
"""

from __future__ import annotations

import logging
import secrets
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

from persona.personas import Persona

log = logging.getLogger(__name__)


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
    consented: object | None = None  # the profile whose consent box was ticked
    roast: object | None = None  # persona.roast.session.RoastSession
    latency: Latency = field(default_factory=Latency)
    closed: bool = False
    busy: bool = False  # a reply is being generated: edits to the chat must wait

    @classmethod
    def create(cls, *, root: Path, persona: Persona, model: str) -> UiSession:
        session_id = "web-" + secrets.token_hex(8)
        workdir = root / session_id
        workdir.mkdir(parents=True, exist_ok=False)
        workdir.chmod(0o700)
        return cls(session_id=session_id, workdir=workdir, persona=persona, model=model)

    def close(self) -> None:
        """Forget the profile and delete every uploaded file of this session."""
        self.closed = True
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

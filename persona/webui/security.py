"""Who may reach the UI and what they may upload. Pure rules, checked before launch."""

from __future__ import annotations

import hmac
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from persona.chat.engine import MAX_MESSAGE_CHARS as _ENGINE_MAX_MESSAGE_CHARS
from persona.errors import BadInput

log = logging.getLogger(__name__)

AUTH_ENV = "PERSONA_UI_AUTH"
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_FILE_SIZE = "20mb"  # the same limit in Gradio's words, enforced by its server
MAX_MESSAGE_CHARS = _ENGINE_MAX_MESSAGE_CHARS  # one limit for every front end
MAX_AUDIO_SECONDS = 60.0
MIN_PASSWORD_CHARS = 8

CARD_SUFFIXES = (".png", ".json")
PROFILE_SUFFIXES = (
    ".zip",
    ".tar.gz",
    ".tgz",
    ".car",
    ".json",
    ".yaml",
    ".yml",
    ".md",
    ".markdown",
    ".txt",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class BindPolicy:
    """Where to listen and the one login allowed (None = no login)."""

    host: str
    port: int
    auth: tuple[str, str] | None


def parse_auth(text: str) -> tuple[str, str]:
    user, sep, password = text.partition(":")
    if not sep or not user.strip() or not password:
        raise BadInput("--auth must look like user:password (both parts non-empty)")
    if len(password) < MIN_PASSWORD_CHARS:
        raise BadInput(
            f"--auth password is {len(password)} characters: use at least "
            f"{MIN_PASSWORD_CHARS} (anyone on the network can try to guess it)"
        )
    return user.strip(), password


class LoginGuard:
    """Checks the one login, and locks logins out after repeated failures.

    After `max_failures` wrong logins in a row every login (even a right one) is refused
    for `lockout_s` seconds, doubling with each further lockout up to `max_lockout_s`; a
    right login resets the count. Each failure also earns a short `delay_s`, which the
    server waits (asynchronously) before answering. Pure apart from the clock."""

    def __init__(
        self,
        user: str,
        password: str,
        *,
        max_failures: int = 5,
        lockout_s: float = 60.0,
        max_lockout_s: float = 900.0,
        delay_s: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._user = user.encode()
        self._password = password.encode()
        self.max_failures = max_failures
        self.lockout_s = lockout_s
        self.max_lockout_s = max_lockout_s
        self.delay_s = delay_s
        self._clock = clock
        self._lock = threading.Lock()
        self._failures = 0
        self._lockouts = 0
        self._locked_until = 0.0

    def locked_for(self) -> float:
        """Seconds until logins are accepted again (0 when not locked)."""
        with self._lock:
            return max(0.0, self._locked_until - self._clock())

    def check(self, username: str, password: str) -> bool:
        """True for the right login while not locked out; counts the failures."""
        right = hmac.compare_digest(username.strip().encode(), self._user) & hmac.compare_digest(
            password.encode(), self._password
        )
        with self._lock:
            now = self._clock()
            if now < self._locked_until:
                log.warning("login refused: locked out for %.0f s more", self._locked_until - now)
                return False
            if right:
                self._failures = 0
                self._lockouts = 0
                return True
            self._failures += 1
            if self._failures >= self.max_failures:
                wait = min(self.lockout_s * 2**self._lockouts, self.max_lockout_s)
                self._locked_until = now + wait
                self._lockouts += 1
                self._failures = 0
                log.warning("%d failed logins: refusing logins for %.0f s", self.max_failures, wait)
            return False


def bind_policy(
    *,
    host: str = "127.0.0.1",
    port: int = 7860,
    auth: str | None = None,
    insecure_no_auth: bool = False,
    environ: dict[str, str] | None = None,
) -> BindPolicy:
    """Localhost needs no login; any other address needs one unless explicitly waived."""
    env = os.environ if environ is None else environ
    auth_text = auth or env.get(AUTH_ENV) or None
    pair = parse_auth(auth_text) if auth_text else None
    if host not in LOCAL_HOSTS and pair is None and not insecure_no_auth:
        raise BadInput(
            f"--host {host} exposes the robot to the network: add --auth user:password "
            f"(or set {AUTH_ENV}), or pass --insecure-no-auth if you really mean it"
        )
    if not 0 < port < 65536:
        raise BadInput(f"--port {port} is not a valid port: use 1-65535")
    return BindPolicy(host=host, port=port, auth=pair)


def check_upload(path: str | Path, *, allowed: tuple[str, ...], what: str) -> Path:
    """An uploaded file's path, once its name and size are acceptable."""
    path = Path(path)
    name = path.name.lower()
    if not any(name.endswith(suffix) for suffix in allowed):
        raise BadInput(f"{path.name}: not a {what} file; use one of {', '.join(allowed)}")
    size = path.stat().st_size if path.exists() else 0
    if size > MAX_UPLOAD_BYTES:
        raise BadInput(
            f"{path.name} is {size / 1e6:.1f} MB; "
            f"the upload limit is {MAX_UPLOAD_BYTES // 2**20} MB"
        )
    return path

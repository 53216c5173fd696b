"""Who may reach the UI and what they may upload. Pure rules, checked before launch."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from persona.errors import BadInput

AUTH_ENV = "PERSONA_UI_AUTH"
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_FILE_SIZE = "20mb"  # the same limit in Gradio's words, enforced by its server
MAX_MESSAGE_CHARS = 4000
MAX_AUDIO_SECONDS = 60.0

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
    return user.strip(), password


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

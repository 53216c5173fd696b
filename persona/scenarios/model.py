"""The scenario dataclasses: what a YAML scenario file says, as plain frozen data.

Every part keeps the line it came from, so a failure can point at the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True, kw_only=True)
class Assertion:
    """One `- type: NAME` check. `type` is the base name; `negate` comes from a `not-` prefix."""

    type: str
    value: Any = None
    negate: bool = False
    weight: float = 1.0
    line: int = 0

    @property
    def name(self) -> str:
        return f"not-{self.type}" if self.negate else self.type


@dataclass(frozen=True, slots=True, kw_only=True)
class Turn:
    """One step: a user message (`user` text or an `audio` WAV), the greeting, or a restart.

    `restart` reopens the conversation from its SQLite file in a new engine instance before
    the message is sent. With a profile the scenario starts in roast mode, which ends on
    "stop" or a no, as in the chat; `roast: true` turns it on again before this message
    (consent is asked anew) and `roast: false` sends this one to the plain chat.
    """

    user: str | None = None
    audio: Path | None = None
    greet: bool = False
    restart: bool = False
    roast: bool | None = None
    expect: tuple[Assertion, ...] = ()
    threshold: float | None = None
    store_as: str | None = None
    line: int = 0

    @property
    def sends_message(self) -> bool:
        return self.user is not None or self.audio is not None


@dataclass(frozen=True, slots=True, kw_only=True)
class Scenario:
    """One scenario file. `repeat` runs it N times with seeds `seed`, `seed + 1`, ... and it
    passes when at least `min_pass_rate` of the runs pass."""

    id: str
    path: Path
    description: str = ""
    tags: tuple[str, ...] = ()
    persona: str | None = None
    model: str | None = None
    backend: str = "llama"
    seed: int = 0
    temperature: float = 0.0
    max_tokens: int = 48
    user_id: str = "tester"
    profile: Path | None = None
    intensity: str = "medium"
    roast_candidates: int = 1
    repeat: int = 1
    min_pass_rate: float = 1.0
    judge: bool = False
    turns: tuple[Turn, ...] = ()
    expect_all: tuple[Assertion, ...] = ()
    line: int = 1

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}"

"""Roast mode inside a conversation: while it is on, messages go to the roast session
(consent first, then "again" / "harder" / "be nicer", and "stop" ends it) instead of the
plain chat, and every exchange is still stored in the conversation's history.

Roast-in-chat is this object everywhere (the terminal chat, the voice loop, the servers'
`/roast` and the scenarios), built by `RoastMode.for_profile`, so it behaves the same. The
UI's roast tab has no conversation: it roasts its loaded profile through the same
`RoastSession`, built by the same `new_roast_session` with the same defaults.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

from persona.chat.engine import Conversation, ReplyDelta, ReplyDone, ReplyEvent

if TYPE_CHECKING:
    from persona.roast.profile import Profile
    from persona.roast.session import RoastSession, SessionReply


class RoastMode:
    """A `Conversation` with roast mode switched on; it switches itself off on "stop"."""

    def __init__(self, conversation: Conversation, session: RoastSession) -> None:
        self.conversation = conversation
        self.session = session
        self.active = True
        self.last: SessionReply | None = None

    @classmethod
    def for_profile(
        cls,
        conversation: Conversation,
        profile: Profile,
        *,
        intensity: str | None = None,
        seed: int | None = None,
        n: int | None = None,
        max_tokens: int | None = None,
    ) -> RoastMode:
        """Roast mode on `conversation` for `profile`, consent not yet asked; None takes
        `new_roast_session`'s default."""
        from persona.roast.session import new_roast_session

        session = new_roast_session(
            profile,
            conversation.backend,
            conversation.persona,
            intensity=intensity,
            seed=seed,
            n=n,
            max_tokens=max_tokens,
        )
        return cls(conversation, session)

    @classmethod
    def from_source(
        cls, conversation: Conversation, source: str, *, seed: int | None = None
    ) -> RoastMode:
        """Load a profile (a path or free text, so never from a network client) and offer
        to roast it."""
        from persona.roast import load_profile

        return cls.for_profile(conversation, load_profile(source), seed=seed)

    def __getattr__(self, name: str):
        return getattr(self.conversation, name)

    def ask_consent(self) -> str:
        """The question the robot asks before the first roast."""
        return self.session.ask_consent().text

    def send(
        self, text: str, *, abort: threading.Event | None = None, **options
    ) -> Iterator[ReplyEvent]:
        """Like `Conversation.send`. A roast streams as soon as its checked text is chosen;
        the consent question, a decline and an apology arrive as one delta."""
        if not self.active:
            return self.conversation.send(text, abort=abort, **options)
        text = self.conversation._validate(text)
        return self._roast_reply(text, abort)

    def _roast_reply(self, text: str, abort: threading.Event | None) -> Iterator[ReplyEvent]:
        from persona.roast.generate import RoastDelta

        started = time.perf_counter()
        first_ms: float | None = None
        reply = None
        shown = ""
        for event in self.session.stream(text, abort=abort):
            if isinstance(event, RoastDelta):
                if first_ms is None:
                    first_ms = (time.perf_counter() - started) * 1000
                shown += event.text
                yield ReplyDelta(event.text)
            else:
                reply = event
        self.last = reply
        elapsed = (time.perf_counter() - started) * 1000
        if abort is not None and abort.is_set() or reply is None:
            yield ReplyDone("", None, "abort", first_ms, elapsed, 0, 0)
            return
        turn_id = self.conversation.record_exchange(text, reply.text, kind=f"roast:{reply.action}")
        if reply.action in ("apology", "declined"):
            self.active = False  # "stop" or "no": back to the normal chat
        if not shown:
            yield ReplyDelta(reply.text)
        elif reply.text.startswith(shown) and len(reply.text) > len(shown):
            yield ReplyDelta(reply.text[len(shown) :])
        yield ReplyDone(reply.text, turn_id, "stop", first_ms or elapsed, elapsed, 0, 0)

    def record_interruption(self, spoken_text: str) -> None:
        self.conversation.record_interruption(spoken_text)

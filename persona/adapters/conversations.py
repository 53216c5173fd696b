"""Conversations for the network adapters: one live conversation per (user, persona), roast
mode started from the chat, and one model turn at a time.

The adapters only translate their protocol into a `ChatTurn` and the `ReplyEvent`s back;
the reply itself comes from the same `Conversation`, `RoastMode` and `ChatStore` as the
terminal chat and the browser UI use.

- A turn with a `user` continues that user's conversation (or starts a new one with
  `fresh`); what the user told the robot about themselves is remembered across
  conversations, as in `persona chat --user`.
- A turn without a `user` is anonymous: it runs in a throwaway in-memory store, so it
  never reads or writes anyone's memory. Its earlier exchanges, if the client sent them,
  are replayed into that store so the model sees them.
- "/roast TEXT" or "roast me: TEXT" offers roast mode on the profile TEXT (always free
  text, never a path on this machine): the robot asks for consent first, a clear "yes"
  roasts, "again" / "harder" / "be nicer" continue, "stop" or "no" end it. Roast mode
  lives with the user's conversation, so it needs a `user` to last beyond one turn.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from persona.chat import ChatStore, Conversation, ReplyDelta, ReplyDone, ReplyEvent
from persona.chat.roast_mode import RoastMode
from persona.errors import BadInput
from persona.llm import GenerationOptions
from persona.personas import Persona

if TYPE_CHECKING:
    from persona.webui.services import Services

log = logging.getLogger(__name__)

ANONYMOUS_USER = "anonymous"
MAX_OPEN_CONVERSATIONS = 256
MAX_REPLAYED_EXCHANGES = 16  # earlier exchanges of an anonymous turn that reach the prompt
MAX_REPLAYED_CHARS = 4000

_ROAST_REQUEST = re.compile(r"^\s*(?:/roast\b|roast me\s*:)\s*(?P<profile>.*)\Z", re.I | re.S)

Chat = Conversation | RoastMode


def roast_request(text: str) -> str | None:
    """The profile of a roast request ("/roast TEXT", "roast me: TEXT"), else None. Pure.

    An empty profile comes back as "" (the caller asks for one); a plain "roast me" is
    not a request: it is just a message (and a "yes" while roast mode is on)."""
    match = _ROAST_REQUEST.match(text)
    return match.group("profile").strip() if match else None


@dataclass(frozen=True, slots=True, kw_only=True)
class ChatTurn:
    """One message to answer, as an adapter hands it over."""

    persona: Persona
    text: str
    user: str | None = None  # None: anonymous, nothing is kept
    fresh: bool = False  # start a new conversation for `user` (its memory stays)
    history: tuple[tuple[str, str], ...] = ()  # earlier (user, reply) pairs; anonymous only
    options: GenerationOptions | None = None


class ConversationPool:
    """Live conversations of the adapters' users, on the shared `Services`.

    Thread-safe. Replies are serialised: while one is generated, the next waits (the model
    computes one reply at a time anyway, and roast mode makes several calls per reply).
    The least recently used conversations are let go beyond `max_open`; their history stays
    in the store and comes back on the user's next turn (a roast bit in progress does not).
    """

    def __init__(
        self,
        services: Services,
        *,
        options: GenerationOptions | None = None,
        max_open: int = MAX_OPEN_CONVERSATIONS,
    ) -> None:
        self.services = services
        self.options = options or services.options()
        self.max_open = max_open
        self._open: OrderedDict[tuple[str, str], Chat] = OrderedDict()
        self._lock = threading.Lock()
        self._model_lock = threading.Lock()

    def start(
        self, turn: ChatTurn, *, abort: threading.Event | None = None
    ) -> Iterator[ReplyEvent]:
        """Check the turn now and return its reply events.

        Raises `BadInput` at once for an empty or too long message or an empty roast
        profile. The events are lazy: nothing is generated until they are iterated, and
        while they are, no other turn of this pool generates. Setting `abort` stops the
        reply within a token, or before it starts when it is still waiting its turn."""
        options = turn.options or self.options
        if turn.user is None:
            store = ChatStore.open(":memory:")
            try:
                chat = self._anonymous(turn, store, options)
                events = self._send(chat, None, turn.text, abort, options)
            except BaseException:
                store.close()
                raise
            return self._serialised(events, abort, cleanup=store.close)
        key = (turn.user, turn.persona.id)
        chat = self._chat_for(key, turn, options)
        return self._serialised(self._send(chat, key, turn.text, abort, options), abort)

    def close(self) -> None:
        with self._lock:
            self._open.clear()

    # -- conversations ------------------------------------------------------------------
    def _chat_for(self, key: tuple[str, str], turn: ChatTurn, options: GenerationOptions) -> Chat:
        with self._lock:
            chat = None if turn.fresh else self._open.get(key)
            if chat is None:
                chat = Conversation.open(
                    persona=turn.persona,
                    backend=self.services.backend(None),
                    store=self.services.store,
                    user=key[0],
                    resume=not turn.fresh,
                    options=options,
                    user_id_is_name=False,  # API user ids are often opaque: never said aloud
                )
            self._remember(key, chat)
            return chat

    def _remember(self, key: tuple[str, str], chat: Chat) -> None:
        """Keep `chat` as the live one for `key`. Called with `_lock` held."""
        self._open[key] = chat
        self._open.move_to_end(key)
        while len(self._open) > self.max_open:
            self._open.popitem(last=False)

    def _anonymous(
        self, turn: ChatTurn, store: ChatStore, options: GenerationOptions
    ) -> Conversation:
        conv = Conversation.open(
            persona=turn.persona,
            backend=self.services.backend(None),
            store=store,
            user=ANONYMOUS_USER,
            options=options,
            user_id_is_name=False,
        )
        for asked, said in turn.history[-MAX_REPLAYED_EXCHANGES:]:
            try:
                conv.record_exchange(asked, said[:MAX_REPLAYED_CHARS])
            except BadInput:  # an empty or huge earlier message: the model does without it
                continue
        return conv

    # -- replies ------------------------------------------------------------------------
    def _send(
        self,
        chat: Chat,
        key: tuple[str, str] | None,
        text: str,
        abort: threading.Event | None,
        options: GenerationOptions,
    ) -> Iterator[ReplyEvent]:
        profile = roast_request(text)
        if profile is None:
            return chat.send(text, abort=abort, options=options)
        if not profile:
            raise BadInput("say what to roast: /roast followed by some text about the person")
        conv = chat.conversation if isinstance(chat, RoastMode) else chat
        mode = self._roast_mode(conv, profile, options)
        question = mode.ask_consent()
        turn_id = conv.record_exchange(text, question, kind="roast:ask_consent")
        if key is not None:
            with self._lock:
                self._remember(key, mode)
        return _said(question, turn_id)

    def _roast_mode(self, conv: Conversation, profile: str, options: GenerationOptions):
        # The profile is read as text only, never with `RoastMode.from_source`, which also
        # reads paths: a network client must never make the robot open files on this machine.
        from persona.roast.importers.freetext import from_text

        config = self.services.config
        return RoastMode.for_profile(
            conv,
            from_text(profile, origin="the roast request"),
            seed=options.seed,
            n=config.roast_n,
            max_tokens=config.roast_max_tokens,
        )

    def _serialised(
        self,
        events: Iterator[ReplyEvent],
        abort: threading.Event | None,
        *,
        cleanup: Callable[[], None] | None = None,
    ) -> Iterator[ReplyEvent]:
        try:
            with self._model_lock:
                if abort is not None and abort.is_set():
                    return  # the client left while waiting its turn
                yield from events
        finally:
            close = getattr(events, "close", None)
            if close is not None:
                close()
            if cleanup is not None:
                cleanup()


def _said(text: str, turn_id: int | None) -> Iterator[ReplyEvent]:
    """A reply that needs no model (the consent question), as events."""
    yield ReplyDelta(text)
    yield ReplyDone(text, turn_id, "stop", 0.0, 0.0, 0, 0)

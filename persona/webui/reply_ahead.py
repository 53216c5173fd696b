"""Hands-free replies started on the server the moment the words are heard.

The page learns of a finished turn only with the answer to its next mic chunk, and its
request for the reply then waits in Gradio's queue. So, as the voice loop does, the
listener's own events start the reply here: at the pause, from the pause's transcript
when it reads finished, while the turn model is still deciding (speculation), or at the end
of the turn. The reply is generated and synthesised at once; the page's handler takes it
when it comes and sends what is ready. When the user goes on after the pause the reply is
dropped: generation aborted, its audio discarded, a reply already stored undone
(`Conversation.undo()`).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator
from itertools import chain

from persona.errors import PersonaError
from persona.speech.turn import transcript_sounds_finished
from persona.webui import handlers
from persona.webui.hands_free import HandsFreeEvent, HeardTurn, TurnPaused, TurnResumed
from persona.webui.services import Services
from persona.webui.session_state import UiSession
from persona.webui.speech_stream import ReplySpeaker

log = logging.getLogger(__name__)

_END = object()
_PIECE = object()  # a piece of audio is ready: the page's handler should look
MAX_UNTAKEN = 4  # confirmed replies the page has not asked for yet (it went away, say)


class ReplyAhead:
    """One reply to `text` (or, with `retry`, a new try at the last one), generated and
    spoken by `speaker` on its own thread from the moment it is made, so neither the page
    nor Gradio's queue holds it up. `updates()` yields its chat for the page (and None when
    a piece of audio is ready); `drop()` takes it back. `after`: an earlier reply that must
    end first (one reply at a time per session)."""

    def __init__(
        self,
        services: Services,
        session: UiSession,
        text: str | None,
        *,
        speaker: ReplySpeaker | None,
        speculative: bool = False,
        retry: bool = False,
        after: ReplyAhead | None = None,
    ) -> None:
        self.text = text
        self.speaker = speaker
        self.retry = retry
        if speaker is not None:
            speaker.on_ready = lambda: self._box.put(_PIECE)
        self.speculative = speculative
        self.started_at = time.time()
        self._services = services
        self._session = session
        self._after = after
        self._box: queue.Queue = queue.Queue()
        self._lock = threading.Lock()
        self._abort: threading.Event | None = None
        self._dropped = False
        self._stored = False
        self._over = False  # the thread is done with the conversation
        self._ended = threading.Event()
        self._thread = threading.Thread(target=self._run, name="ui-reply-ahead", daemon=True)
        self._thread.start()

    @property
    def aborted(self) -> bool:
        """Stopped (Stop, barge-in) or dropped before it was done."""
        return self._dropped or (self._abort is not None and self._abort.is_set())

    def drop(self) -> None:
        """The user went on: stop generating and speaking, and undo a stored reply."""
        with self._lock:
            if self._dropped:
                return
            self._dropped = True
            if self._abort is not None:
                self._abort.set()
            undo = self._over and self._stored
        if self.speaker is not None:
            self.speaker.cancel()
        if undo:
            self._undo()

    def wait(self, timeout: float | None = None) -> bool:
        """Until its thread is done with the conversation; False on timeout."""
        return self._ended.wait(timeout)

    def updates(self) -> Iterator[handlers.ChatUpdate | None]:
        """The newest chat each time it is asked (never skipping the last), or None when
        only audio is new; raises what the reply raised. Leaving early (the page went
        away) stops the reply."""
        over = False
        try:
            while True:
                item = self._box.get()
                while not isinstance(item, handlers.ChatUpdate) or not item.done:
                    if item is _END or isinstance(item, BaseException):
                        break
                    try:  # a newer chat replaces this one: the page shows the latest
                        newer = self._box.get_nowait()
                    except queue.Empty:
                        break
                    if newer is not _PIECE:
                        item = newer
                if item is _END:
                    over = True
                    return
                if isinstance(item, BaseException):
                    over = True
                    raise item
                yield None if item is _PIECE else item
        finally:
            if not over and self._abort is not None:
                self._abort.set()

    def _run(self) -> None:
        session = self._session
        said = ""
        try:
            # Only the wait needs the reply before: let it go, so a tab's replies (and
            # their audio) do not stay chained to each other for the life of the tab.
            after, self._after = self._after, None
            if after is not None:
                after.wait(timeout=30)
            with self._lock:
                if self._dropped:
                    return
                stream = handlers.stream_reply(
                    self._services,
                    session,
                    self.text,
                    retry=self.retry,
                    keep_stopped=lambda: not self._dropped,
                )
                first = next(stream)  # the reply has begun: its abort is the session's now
                self._abort = session.abort
            for update in chain([first], stream):
                reply = update.text if update.done else handlers.last_reply(update.messages)
                if self.speaker is not None and reply.startswith(said) and len(reply) > len(said):
                    self.speaker.push(reply[len(said) :])
                    said = reply
                if update.done:
                    self._stored = update.stored
                self._box.put(update)
        except BaseException as exc:  # noqa: BLE001 - handed to the page's handler
            self._box.put(exc)
        finally:
            with self._lock:
                self._over = True
                undo = self._dropped and self._stored
            if self.speaker is not None:
                if self.aborted:
                    self.speaker.cancel()
                else:
                    self.speaker.finish()
            if undo:
                self._undo()
            self._box.put(_END)
            self._ended.set()

    def _undo(self) -> None:
        with self._lock:
            if not self._stored:
                return
            self._stored = False
        conv = self._session.conversation
        try:
            if conv is not None:
                conv.undo()
        except PersonaError as exc:
            log.warning("could not undo a reply the user talked over: %s", exc)
        log.debug("hands-free: dropped the reply started at a pause (%r)", self.text)


class HandsFreeReplies:
    """A tab's hands-free replies, started from the listener's events on its thread: at a
    pause whose transcript reads finished (speculation), else at the end of the turn.

    `start(text, speculative, after)` makes a `ReplyAhead`, or None when the session
    cannot take one now (busy with a typed message, say): the page's handler then starts
    the reply itself, as before. `on_confirm(reply)`: a reply now stands (Stop and
    barge-in must reach its speech). `take(text)` hands the page's handler the confirmed
    reply to those words. `speak`: whether replies are spoken (the page's tick box)."""

    def __init__(
        self,
        start: Callable[[str, bool, ReplyAhead | None], ReplyAhead | None],
        *,
        on_confirm: Callable[[ReplyAhead], None] | None = None,
    ) -> None:
        self._start = start
        self._on_confirm = on_confirm
        self.speak = True
        self._lock = threading.Lock()
        self._pending: ReplyAhead | None = None  # started at a pause, not confirmed yet
        self._ready: list[ReplyAhead] = []  # confirmed, waiting for the page's handler
        self._last: ReplyAhead | None = None  # the newest started (the next waits for it)

    def on_event(self, event: HandsFreeEvent) -> None:
        if isinstance(event, TurnPaused):
            self._drop_pending()
            # "My favourite robot is": the user nearly always goes on, and that turn can
            # only end after the longer silence anyway. A reply started now would take the
            # cores from the transcription of what follows, to be dropped.
            if transcript_sounds_finished(event.text):
                self._begin(event.text, speculative=True)
        elif isinstance(event, TurnResumed):
            self._drop_pending()
        elif isinstance(event, HeardTurn):
            with self._lock:
                pending, self._pending = self._pending, None
                confirmed = (
                    pending is not None and pending.text == event.text and not pending.aborted
                )
                if confirmed:
                    self._keep(pending)
            if confirmed:
                self._confirmed(pending)
                return
            if pending is not None:
                pending.drop()
            self._begin(event.text, speculative=False)

    def take(self, text: str) -> ReplyAhead | None:
        with self._lock:
            for ahead in self._ready:
                if ahead.text == text:
                    self._ready.remove(ahead)
                    return ahead
        return None

    def _begin(self, text: str, *, speculative: bool) -> None:
        with self._lock:
            after = self._last
        try:
            ahead = self._start(text, speculative, after)
        except Exception:  # noqa: BLE001 - the page's handler still answers
            log.exception("could not start a hands-free reply")
            ahead = None
        if ahead is None:
            return
        with self._lock:
            self._last = ahead
            if speculative:
                self._pending = ahead
            else:
                self._keep(ahead)
        if not speculative:
            self._confirmed(ahead)

    def _confirmed(self, ahead: ReplyAhead) -> None:
        if self._on_confirm is not None:
            self._on_confirm(ahead)

    def _keep(self, ahead: ReplyAhead) -> None:
        """Under the lock: a confirmed reply waits for the page (the oldest go first)."""
        self._ready.append(ahead)
        while len(self._ready) > MAX_UNTAKEN:
            self._ready.pop(0).drop()

    def _drop_pending(self) -> None:
        with self._lock:
            pending, self._pending = self._pending, None
        if pending is not None:
            pending.drop()

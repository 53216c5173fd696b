"""The conversation engine: persona + memory + history in, a streamed, cleaned reply out."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime

from persona.chat.chat_roast import asks_for_roast, chat_roast
from persona.chat.guards import ReplyContext
from persona.chat.known import (
    KnownAnswer,
    allowed_numbers,
    answer_forms,
    english_number_words,
    known_answer,
    note_phrases,
)
from persona.chat.memory import (
    Fact,
    MemoryUpdate,
    extract_facts,
    memory_update,
    recall_question,
)
from persona.chat.other_language import languages, other_language_line, user_language
from persona.chat.prompt import (
    ChatPrompt,
    chat_prompt,
    known_note,
    memory_note,
    prompt_prefix,
)
from persona.chat.reply_gate import SentenceGate
from persona.chat.store import ChatStore, normalise_user
from persona.chat.text import (
    cut_at_turn_marker,
    prefix_undecided,
    strip_speaker_prefix,
)
from persona.errors import BadInput, PersonaError
from persona.llm.base import GenerationOptions, LLMBackend, Message
from persona.personas import (
    DEFAULT_FALLBACK_REPLY,
    Persona,
    render_greeting,
    render_template,
    reply_grammar,
)

log = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 4000
DEFAULT_USER = "guest"


@dataclass(frozen=True, slots=True)
class ReplyDelta:
    """New reply text, already cleaned (no echoed speaker prefix)."""

    text: str


@dataclass(frozen=True, slots=True)
class ReplyDone:
    """The end of a reply. `text` is authoritative: it may be shorter than the deltas
    streamed (cut at a sentence boundary to the persona's maximum length)."""

    text: str
    turn_id: int | None
    finish_reason: str  # "stop", "length", "abort"
    ttft_ms: float | None
    total_ms: float
    prompt_tokens: int
    dropped_turns: int
    retries: int = 0  # fresh tries after a first sentence failed the guards
    problems: tuple[str, ...] = ()  # what the guards caught (persona.chat.guards codes)
    fallback: bool = False  # every try failed: the persona's fallback line was said
    unsaved_note: str = ""  # why facts said in this turn are kept for this chat only


ReplyEvent = ReplyDelta | ReplyDone


@dataclass(slots=True)
class _Turn:
    user_text: str | None  # None for the greeting
    reply_text: str
    db_id: int | None
    kind: str = "stop"  # the stored finish reason; "roast:..." for a roast-mode exchange


def check_message(text: object, *, max_chars: int = MAX_MESSAGE_CHARS) -> str:
    """The user's message, stripped; BadInput (one line) when empty or too long. The one
    message check every front end uses."""
    if not isinstance(text, str) or not text.strip():
        raise BadInput("the message is empty: type something to say")
    text = text.strip()
    if len(text) > max_chars:
        raise BadInput(
            f"the message is too long ({len(text):,} characters; the limit is "
            f"{max_chars:,}): shorten it"
        )
    return text


def warm_prefix(backend: LLMBackend, persona: Persona, *, reply_tokens: int = 0) -> bool | None:
    """Evaluate (or load from disk) `persona`'s prompt prefix on backends that keep KV state.
    False when there was nothing to do (already cached, or a backend without `warm`); None
    when a reply took the model first (try again after it)."""
    warm = getattr(backend, "warm", None)
    if warm is None:
        return False
    try:
        prefix = fixed_prompt(backend, persona, reply_tokens=reply_tokens)
    except BadInput as exc:  # a card too big to chat with: the reply says so
        log.info("not warming %s: %s", persona.id, exc)
        return False
    done = warm(list(prefix.messages))
    return None if done is None else bool(done)


def fixed_prompt(backend: LLMBackend, persona: Persona, *, reply_tokens: int = 0) -> ChatPrompt:
    """The start every conversation with `persona` shares (system message and the examples
    that fit `backend`'s context): what `warm_prefix` evaluates."""
    return chat_prompt(
        persona,
        user_text=None,
        count_tokens=backend.count_tokens,
        context_length=backend.context_length,
        reply_tokens=reply_tokens,
    )


def warm_in_background(
    backend: LLMBackend, personas: list[Persona], *, tries: int = 5
) -> threading.Thread:
    """Warm each persona's prefix in turn on a daemon thread (the first one first), so a
    persona switch never reads its prompt cold. A reply takes the model from a warm-up
    (`warm_prefix` gives None): that persona is warmed again once the reply is done, up to
    `tries` times. A failure only costs speed."""

    def run() -> None:
        todo = [(persona, tries) for persona in personas]
        while todo:
            persona, left = todo.pop(0)
            try:
                done = warm_prefix(backend, persona)
            except Exception as exc:  # an optimisation: the chat works without it
                log.debug("warming %s failed: %s", persona.id, exc)
                continue
            if done is None and left > 1:
                todo.insert(0, (persona, left - 1))  # after the reply that took the model
                time.sleep(0.05)

    thread = threading.Thread(target=run, name="persona-warm", daemon=True)
    thread.start()
    return thread


class Conversation:
    """One conversation between a user and a persona, persisted turn by turn.

    Not thread-safe: one reply at a time per conversation (the UI and voice loop
    serialise calls; the model itself is guarded by the backend's user).
    """

    def __init__(
        self,
        *,
        persona: Persona,
        backend: LLMBackend,
        store: ChatStore,
        user: str = DEFAULT_USER,
        conversation_id: int,
        options: GenerationOptions | None = None,
        max_message_chars: int = MAX_MESSAGE_CHARS,
        user_id_is_name: bool = True,
        guard_retries: int = 1,
    ) -> None:
        self.persona = persona
        self.backend = backend
        self.store = store
        self.user = user
        self.conversation_id = conversation_id
        self.options = options or GenerationOptions()
        self.max_message_chars = max_message_chars
        self.user_id_is_name = user_id_is_name
        self.guard_retries = guard_retries
        self._turns: list[_Turn] = [
            _Turn(t.user_text, t.reply_text, t.id, t.finish_reason)
            for t in store.turns(conversation_id)
        ]
        self._examples_fit = True  # sticky, so the prompt prefix (and KV cache) stays stable
        self._aborted_user_text: str | None = None
        self._session_facts: dict[str, Fact] = {}  # known in this conversation, never stored
        # What "what time is it?" is answered from (the device's local time; tests set it).
        self.clock: Callable[[], datetime] = datetime.now

    @classmethod
    def open(
        cls,
        *,
        persona: Persona,
        backend: LLMBackend,
        store: ChatStore,
        user: str = DEFAULT_USER,
        resume: bool = False,
        options: GenerationOptions | None = None,
        user_id_is_name: bool = True,
    ) -> Conversation:
        """Start a new conversation, or continue the user's last one with `resume`.

        `user_id_is_name=False` for opaque ids (a browser session): the robot then calls
        the user only by a name they told it.
        """
        user = normalise_user(user or DEFAULT_USER) or DEFAULT_USER
        conv_id = store.last_conversation(user, persona.id) if resume else None
        if conv_id is None:
            conv_id = store.new_conversation(user, persona.id)
        return cls(
            persona=persona,
            backend=backend,
            store=store,
            user=user,
            conversation_id=conv_id,
            options=options,
            user_id_is_name=user_id_is_name,
        )

    # -- state ---------------------------------------------------------------
    @property
    def shared_user(self) -> bool:
        """True for the default user, whoever is at the keyboard: what they say about
        themselves holds for this conversation only and is never read from or written to
        the database, so one stranger's name is not the next one's."""
        return self.user == DEFAULT_USER

    @property
    def user_name(self) -> str | None:
        """The name the robot calls the user: a remembered one, else the user id."""
        for fact in self.memory():
            if fact.kind == "name":
                return fact.value
        return self._id_as_name()

    def _id_as_name(self) -> str | None:
        if not self.user_id_is_name or self.user == DEFAULT_USER:
            return None
        return self.user

    def memory(self) -> list[Fact]:
        """What the robot knows about the user: the stored facts, overlaid with those
        kept for this conversation only."""
        known = {f.kind: f for f in self._remembered()}
        known.update(self._session_facts)
        return list(known.values())

    def _remembered(self) -> list[Fact]:
        return [] if self.shared_user else self.store.facts(self.user)

    def _learn(self, text: str) -> tuple[list[Fact], MemoryUpdate]:
        """The facts stated in `text`, and which of them may be stored."""
        new = extract_facts(text)
        return new, memory_update(text, new, self._remembered(), shared=self.shared_user)

    def history(self) -> list[Message]:
        """The conversation so far as chat messages (greeting included)."""
        messages: list[Message] = []
        for turn in self._turns:
            if turn.user_text is not None:
                messages.append(Message("user", turn.user_text))
            messages.append(Message("assistant", turn.reply_text))
        return messages

    def _prefill_next(self) -> None:
        """After a stored reply: let the backend evaluate the conversation so far on a
        thread while the user takes their turn (llama backends; others have no `prefill`)."""
        prefill = getattr(self.backend, "prefill", None)
        if prefill is None:
            return
        try:
            start = self._prompt(None, self.user_name, self.memory(), None)
        except BadInput:  # cannot happen after a reply that fit; a speed-up only anyway
            return
        if start.dropped_turns:  # the next prompt drops turns too, maybe more: only a guess
            return
        messages = list(start.messages)

        def run() -> None:
            try:
                prefill(messages)
            except Exception as exc:  # noqa: BLE001 - a speed-up only; the reply will read it
                log.debug("prefill skipped: %s", exc)

        threading.Thread(target=run, name="prefill", daemon=True).start()

    def read_ahead(self, heard: str, abort: threading.Event | None = None) -> bool:
        """Let the model read the words heard so far of a question still being spoken (the
        voice loop's look while the user talks), so the reply, once the question is whole,
        reads only what came after them. Runs here and now (call it from a worker thread);
        False when nothing was read (a backend without `prefill`, the model busy, `abort`)."""
        prefill = getattr(self.backend, "prefill", None)
        heard = heard.strip()
        if prefill is None or not heard:
            return False
        try:
            fitted = self._prompt(heard, self.user_name, self.memory(), None)
        except BadInput:
            return False
        if fitted.dropped_turns:
            return False  # the reply's prompt may drop other turns: nothing sure to reuse
        try:
            return bool(prefill(list(fitted.messages), upto=heard, abort=abort))
        except PersonaError as exc:  # a speed-up only: the reply reads it anyway
            log.debug("read-ahead skipped: %s", exc)
            return False

    def _chat_history(self) -> list[Message]:
        """The history the model continues in normal chat: roast-mode exchanges are left
        out, so the bit's insults are not copied into the conversation after it ends."""
        messages: list[Message] = []
        for turn in self._turns:
            if turn.kind.startswith("roast:"):
                continue
            if turn.user_text is not None:
                messages.append(Message("user", turn.user_text))
            messages.append(Message("assistant", turn.reply_text))
        return messages

    def system_prompt(self) -> str:
        """The system message as the model sees it (examples follow it as chat turns).

        It names no user: who the user is goes in the note after the history, so every
        conversation with a persona starts with the same tokens, whose evaluated KV state
        is kept on disk (`warm`)."""
        return prompt_prefix(self.persona, examples=False)[0].content

    def prompt_prefix(self) -> list[Message]:
        """The fixed start of every prompt of this persona, as `warm` evaluates it."""
        prefix = fixed_prompt(self.backend, self.persona, reply_tokens=self.options.max_tokens)
        return list(prefix.messages)

    def warm(self) -> bool:
        """Have the backend evaluate (or load from disk) the fixed prompt prefix now, so the
        first reply only reads what is new. False when there was nothing to do."""
        return warm_prefix(self.backend, self.persona, reply_tokens=self.options.max_tokens)

    def memory_note(self) -> str:
        """What the robot remembers about the user, as placed after the history."""
        return memory_note(self.user_name, self.memory())

    def _prompt(
        self,
        text: str | None,
        user_name: str | None,
        facts: list[Fact],
        known_say: str | None,
        reply_tokens: int | None = None,
    ) -> ChatPrompt:
        """This conversation's prompt for `text` (None: the start of the next one)."""
        return chat_prompt(
            self.persona,
            history=self._chat_history(),
            user_text=text,
            user_name=user_name,
            facts=facts,
            known_say=known_say,
            examples=self._examples_fit,
            count_tokens=self.backend.count_tokens,
            context_length=self.backend.context_length,
            reply_tokens=self.options.max_tokens if reply_tokens is None else reply_tokens,
        )

    # -- turns ---------------------------------------------------------------
    def greet(self) -> str:
        """The persona's greeting; stored as the conversation's first reply."""
        if self._turns:
            return self._turns[0].reply_text if self._turns[0].user_text is None else ""
        text = render_greeting(self.persona, user_name=self.user_name or "friend")
        if not text:
            return ""
        self._store_turn(None, text)
        return text

    def send(
        self,
        text: str,
        *,
        abort: threading.Event | None = None,
        options: GenerationOptions | None = None,
    ) -> Iterator[ReplyEvent]:
        """Stream the reply to `text`. Lazy: nothing happens until iterated.

        The turn is stored only when the reply completes; an aborted or failed turn
        leaves the database untouched.
        """
        text = self._validate(text)
        return self._reply(text, abort=abort, options=options or self.options)

    def _validate(self, text: str) -> str:
        return check_message(text, max_chars=self.max_message_chars)

    def _reply(
        self, text: str, *, abort: threading.Event | None, options: GenerationOptions
    ) -> Iterator[ReplyEvent]:
        started = time.perf_counter()
        new_facts, update = self._learn(text)
        known = {f.kind: f for f in self.memory()}
        known.update({f.kind: f for f in new_facts})
        name = known["name"].value if "name" in known else self._id_as_name()

        earlier_user = [t.user_text for t in self._turns if t.user_text is not None]
        lang = self._user_language(text, earlier_user)
        # A question the robot knows for certain is answered from code and data; the fact
        # goes nearest to where the model writes, and the gate checks the reply holds it.
        known_ans = known_answer(
            text,
            earlier=earlier_user,
            persona_name=self.persona.name,
            user_name=name,
            now=self.clock(),
        )
        hint = known_note(known_ans.say) if known_ans else ""
        say = known_ans.say if known_ans else None
        fitted = self._prompt(text, name, list(known.values()), say, options.max_tokens)
        self._examples_fit = fitted.used_examples
        if fitted.dropped_turns:
            log.info("dropped %d old messages to fit the context", fitted.dropped_turns)

        stops = fitted.stop
        gen_options = replace(
            options,
            stop=tuple(dict.fromkeys((*options.stop, *stops))),
            grammar=options.grammar or reply_grammar(self.persona.reply_format),
        )
        names = (self.persona.name, self.persona.id)
        recall = recall_question(text, list(known.values()))
        # A user writing in a language the small model cannot hold: the reply must be in it,
        # else the robot says, in that language, that it speaks only a little of it.
        other = lang if lang is not None and lang != "en" and lang in languages() else None
        introduced = next((f.value for f in new_facts if f.kind == "name"), None)
        # A statement about themselves ("I live in Lisbon") is taken up, not talked past.
        told = (
            tuple(new_facts)
            if new_facts and not (known_ans or recall or other) and "?" not in text
            else ()
        )
        # What the line can answer in their language (a greeting, a known answer, a fact
        # told before) it says at once: the small model's own words there read as nonsense.
        direct = (
            self._other_language_line(text, other, recall, known_ans, introduced, True)
            if other
            else self._roast_line(text, earlier_user)
        )
        if not direct and known_ans is not None and known_ans.kind == "clock":
            # The clock is read out, not written: given the time, the small model still
            # says another ("Wednesday is Wednesday, but it's actually Friday").
            direct = self._fallback_reply(None, known_ans)
        ctx = ReplyContext(
            persona_names=names,
            user_text=text,
            user_name=name,
            earlier_replies=tuple(t.reply_text for t in self._turns),
            max_chars=self.persona.max_reply_chars,
            reply_format=self.persona.reply_format,
            must_mention=recall.answer if recall else None,
            acknowledge=tuple(k for f in told for k in f.keys),
            answer_forms=answer_forms(known_ans, lang) if known_ans and not recall else (),
            answer_about=known_ans.about if known_ans and not recall and not other else (),
            answer_wrong=(*known_ans.wrong, *note_phrases(hint, known_ans.say))
            if known_ans and not recall
            else (),
            answer_numbers=allowed_numbers(known_ans, text) if known_ans and not recall else None,
            number_words=english_number_words() if known_ans else (),
            reply_language=other,
            system_prompt=fitted.messages[0].content,
        )
        whole = bool(told) or any(x is not None for x in (self.persona.reply_format, recall, other))
        # A known answer streams once its sentence has passed (not after the whole reply).
        hold = known_ans is not None and not whole
        tries = 0 if direct else 1 + max(0, self.guard_retries)
        emitted = ""
        ttft: float | None = None
        finish = "stop"
        problems: list[str] = []
        retries = 0
        for attempt in range(tries):
            gate = SentenceGate(
                ctx,
                max_chars=self.persona.max_reply_chars,
                final_try=attempt == tries - 1,
                whole=whole,
                hold_for_answer=hold,
            )
            opts = gen_options
            if attempt:
                # A fresh sample: another seed, and never greedy (greedy would say it again).
                seed = None if opts.seed is None else opts.seed + 7919 * attempt
                opts = replace(opts, seed=seed, temperature=max(opts.temperature, 0.7))
            raw = visible = ""
            finish, status = "stop", "more"
            stream = self.backend.stream_chat(list(fitted.messages), opts, abort)
            try:
                for delta in stream:
                    if delta.finish_reason:
                        finish = delta.finish_reason
                    raw += delta.text
                    if prefix_undecided(raw, names):
                        continue
                    visible, cut = cut_at_turn_marker(strip_speaker_prefix(raw, names), stops)
                    shown, status = gate.feed(visible, finished=cut)
                    if len(shown) > len(emitted) and shown.startswith(emitted):
                        if ttft is None:
                            ttft = (time.perf_counter() - started) * 1000
                        yield ReplyDelta(shown[len(emitted) :])
                        emitted = shown
                    if status != "more" or cut:
                        break
            finally:
                stream.close()
            if abort is not None and abort.is_set():
                finish = "abort"
                break
            if status == "more":
                shown, status = gate.feed(visible, finished=True, truncated=finish == "length")
                if len(shown) > len(emitted) and shown.startswith(emitted):
                    if ttft is None:
                        ttft = (time.perf_counter() - started) * 1000
                    yield ReplyDelta(shown[len(emitted) :])
                    emitted = shown
            problems += gate.problems
            if status == "retry":
                retries += 1
                continue
            break

        final = emitted
        fallback = False
        if direct:
            final = direct
            ttft = (time.perf_counter() - started) * 1000
            yield ReplyDelta(final)
        elif finish != "abort" and not final:
            final = self._fallback_reply(
                recall, known_ans, text=text, lang=other, introduced=introduced, told=told
            )
            fallback = True
            if ttft is None:
                ttft = (time.perf_counter() - started) * 1000
            yield ReplyDelta(final)
        turn_id = None
        if finish == "abort":
            self._aborted_user_text = text
        elif final:
            turn_id = self._store_turn(text, final, finish, update)
            self._aborted_user_text = None
            self._prefill_next()
        yield ReplyDone(
            text=final,
            turn_id=turn_id,
            finish_reason=finish,
            ttft_ms=ttft,
            total_ms=(time.perf_counter() - started) * 1000,
            prompt_tokens=fitted.prompt_tokens,
            dropped_turns=fitted.dropped_turns,
            retries=retries,
            problems=tuple(dict.fromkeys(problems)),
            fallback=fallback,
            unsaved_note=update.note if turn_id is not None else "",
        )

    @staticmethod
    def _user_language(text: str, earlier: list[str]) -> str | None:
        """The language the user writes in; a message too short to tell ("¿Cómo me
        llamo?") is in the language of their last one that could be told."""
        for message in (text, *reversed(earlier)):
            lang = user_language(message)
            if lang is not None:
                return lang
        return None

    def _other_language_line(
        self,
        text: str,
        lang: str,
        recall: Fact | None,
        known: KnownAnswer | None,
        introduced: str | None,
        answers_only: bool,
    ) -> str | None:
        return other_language_line(
            lang=lang,
            user_text=text,
            persona_id=self.persona.id,
            persona_name=self.persona.name,
            reply_format=self.persona.reply_format,
            known=known,
            recall=recall,
            introduced=introduced,
            earlier=[t.reply_text for t in self._turns],
            index=len(self._turns),
            max_chars=self.persona.max_reply_chars,
            answers_only=answers_only,
        )

    def _roast_line(self, text: str, earlier_user: list[str]) -> str | None:
        """For "roast me": a code-built roast of what the user said in this chat (asking
        is the consent), or a tease that they said nothing yet; None for other messages."""
        if not asks_for_roast(text):
            return None
        from persona.roast.session import DEFAULT_INTENSITY

        line = chat_roast(
            [*earlier_user, text],
            self.persona,
            intensity=DEFAULT_INTENSITY,
            avoid=[t.reply_text for t in self._turns],
        )
        if line:
            return line
        return render_template(
            "chat/roast_nothing.j2", persona=self.persona.id, index=len(self._turns)
        ).strip()

    def _fallback_reply(
        self,
        recall: Fact | None = None,
        known: KnownAnswer | None = None,
        *,
        text: str = "",
        lang: str | None = None,
        introduced: str | None = None,
        told: tuple[Fact, ...] = (),
    ) -> str:
        """An in-character line for when every try broke character, said nothing, came out
        in another language than the user's (then the line is in theirs), or left out the
        remembered fact or known answer the user asked for (then the line gives it), or
        talked past what the user just told about themselves (then the line takes it up)."""
        if lang is not None:
            line = self._other_language_line(text, lang, recall, known, introduced, False)
            if line:
                return line
        if recall is None and known is not None:
            return render_template(
                "chat/known.j2",
                persona=self.persona.id,
                say=known.say,
                kind=known.kind,
                index=len(self._turns),
            ).strip()
        if recall is not None:
            return render_template(
                "chat/recall.j2",
                persona=self.persona.id,
                kind=recall.kind,
                value=recall.value,
                index=len(self._turns),
            ).strip()
        if told:
            other = next((f for f in told if f.kind != "name"), None)
            return render_template(
                "chat/acknowledge.j2",
                persona=self.persona.id,
                name=introduced or "",
                kind=other.kind if other else "",
                value=other.value if other else "",
                index=len(self._turns),
            ).strip()
        lines = self.persona.fallback_replies or (DEFAULT_FALLBACK_REPLY,)
        return lines[len(self._turns) % len(lines)]

    def _store_turn(
        self,
        user_text: str | None,
        reply_text: str,
        finish_reason: str = "stop",
        update: MemoryUpdate | None = None,
    ) -> int:
        """Persist a finished turn (one transaction) and add it to the in-memory history,
        with the facts `update` says to store; the others hold for this conversation."""
        update = update or MemoryUpdate()
        db_id = self.store.add_turn(
            self.conversation_id,
            user=self.user,
            user_text=user_text,
            reply_text=reply_text,
            finish_reason=finish_reason,
            facts=update.saved,
        )
        self._turns.append(_Turn(user_text, reply_text, db_id, finish_reason))
        for fact in update.saved:
            self._session_facts.pop(fact.kind, None)
        self._session_facts.update({f.kind: f for f in update.session})
        return db_id

    def record_exchange(self, user_text: str, reply_text: str, *, kind: str = "stop") -> int:
        """Store a turn answered outside the LLM chat path (a roast line, an apology), so
        the history shows what the robot really said."""
        user_text = self._validate(user_text)
        return self._store_turn(user_text, reply_text, kind)

    def record_interruption(
        self, spoken_text: str, *, note: str = "[interrupted by the user]"
    ) -> None:
        """After a barge-in, keep only what was actually said, marked as interrupted."""
        spoken = spoken_text.strip()
        reply = f"{spoken} {note}".strip() if spoken else note
        if self._aborted_user_text is not None:
            asked = self._aborted_user_text
            self._store_turn(asked, reply, "interrupted", self._learn(asked)[1])
            self._aborted_user_text = None
            return
        if not self._turns or self._turns[-1].user_text is None:
            return
        last = self._turns[-1]
        last.reply_text = reply
        if last.db_id is not None:
            self.store.replace_reply(last.db_id, reply, "interrupted")

    def undo(self) -> str | None:
        """Remove the last exchange; returns its user message (None if nothing to undo)."""
        if not self._turns or self._turns[-1].user_text is None:
            return None
        last = self._turns.pop()
        if last.db_id is not None:
            self.store.delete_turn(last.db_id)
        return last.user_text

    def retry(
        self, *, abort: threading.Event | None = None, options: GenerationOptions | None = None
    ) -> Iterator[ReplyEvent]:
        """Regenerate the last reply (with a fresh seed unless one is fixed). Lazy.

        The old exchange is replaced only once the new reply is stored: a retry that is
        aborted, interrupted (Ctrl-C) or fails leaves the conversation as it was."""
        if not self._turns or self._turns[-1].user_text is None:
            raise BadInput("there is no reply to retry yet: send a message first")
        opts = options or self.options
        if opts.seed is not None:
            opts = replace(opts, seed=opts.seed + len(self._turns))
        return self._retry(abort=abort, options=opts)

    def _retry(
        self, *, abort: threading.Event | None, options: GenerationOptions
    ) -> Iterator[ReplyEvent]:
        last = self._turns.pop()  # out of the prompt, still in the database
        replaced = False
        try:
            for event in self.send(last.user_text or "", abort=abort, options=options):
                if isinstance(event, ReplyDone) and event.turn_id is not None:
                    if last.db_id is not None:
                        self.store.delete_turn(last.db_id)
                    replaced = True
                yield event
        finally:
            if not replaced:  # nothing new was stored: the old exchange stands
                self._turns.append(last)
                self._aborted_user_text = None

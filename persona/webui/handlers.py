"""The UI's behaviour as plain functions on a `UiSession`: no Gradio components here.

Streaming handlers are generators that yield the whole chat so far (Gradio's convention);
user mistakes surface as `PersonaError`, which the app turns into a visible warning.
"""

from __future__ import annotations

import html
import logging
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from persona.chat import Conversation, ReplyDelta, ReplyDone
from persona.chat.engine import check_message as engine_check_message
from persona.errors import BadInput, PersonaError
from persona.personas import Persona, list_personas, load_persona
from persona.webui.security import (
    CARD_SUFFIXES,
    MAX_AUDIO_SECONDS,
    MAX_MESSAGE_CHARS,
    PROFILE_SUFFIXES,
    check_upload,
)
from persona.webui.services import Services
from persona.webui.session_state import Latency, UiSession

log = logging.getLogger(__name__)

WAITING = "⏳ waiting for the robot…"
CARD_PREFIX = "card: "
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")

ChatMessages = list[dict[str, str]]


@dataclass(frozen=True, slots=True)
class ChatUpdate:
    """The chat so far; `done` on the last update of a turn (then `text` is the reply, and
    `stored` says whether the exchange went into the conversation)."""

    messages: ChatMessages
    done: bool = False
    text: str = ""
    stored: bool = False


@dataclass(frozen=True, slots=True)
class SpokenReply:
    """A reply as audio: int16 samples, their rate, and the subtitle shown beside them."""

    sample_rate: int
    samples: np.ndarray
    subtitle: str
    first_audio_ms: float


@dataclass(frozen=True, slots=True)
class RoastView:
    text: str
    angles_markdown: str
    intensity: str
    persona: Persona


def plain_text_messages(messages: ChatMessages) -> ChatMessages:
    """Chat text as the browser should show it: literal text, never HTML or Markdown.

    Replies and card greetings are untrusted; rendered as HTML, an `<img src=...>` in a
    card's greeting would make the browser fetch a remote address."""
    return [
        {**m, "content": html.escape(m["content"]).replace("\n", "<br>")}
        if isinstance(m.get("content"), str)
        else m
        for m in messages
    ]


def md_escape(text: str) -> str:
    """Untrusted text shown as literal Markdown (no links, emphasis or HTML)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


# -- sessions and personas -------------------------------------------------------------


def persona_choices(session: UiSession) -> list[str]:
    return [*list_personas(), *(CARD_PREFIX + key for key in session.custom_personas)]


def persona_cards(session: UiSession) -> str:
    """The persona picker's HTML: a card per persona, the session's own marked."""
    from persona.webui.avatars import PersonaCard, avatar_uri, cards_html, tagline

    cards = []
    for choice in persona_choices(session):
        persona = resolve_persona(session, choice)
        cards.append(PersonaCard(choice, persona.name, tagline(persona), avatar_uri(persona)))
    return cards_html(cards, current_choice(session))


def current_choice(session: UiSession) -> str:
    """The picker's value for the persona the session talks to."""
    for key, persona in session.custom_personas.items():
        if persona is session.persona:
            return CARD_PREFIX + key
    return session.persona.id


def is_card(session: UiSession) -> bool:
    """Whether the session talks to an uploaded card (kept for this tab only)."""
    return any(p is session.persona for p in session.custom_personas.values())


def builtin_persona(choice: object) -> str | None:
    """A persona id the browser remembered, if it is still a built-in one (browser storage
    is untrusted input)."""
    return choice if isinstance(choice, str) and choice in list_personas() else None


def speaks_raw(persona: Persona) -> bool:
    """The beeps voice reads the reply as written (beeps, then the bracketed translation)."""
    from persona.speech.tts import BEEPS

    return (persona.voice.tts or None) == BEEPS


def resolve_persona(session: UiSession, choice: str | None) -> Persona:
    if choice and choice.startswith(CARD_PREFIX):
        key = choice[len(CARD_PREFIX) :]
        if key not in session.custom_personas:
            raise BadInput(f"{key}: that card is not loaded in this session; upload it again")
        return session.custom_personas[key]
    return load_persona(choice or None)


def check_idle(session: UiSession) -> None:
    if session.busy:
        raise BadInput("the robot is still answering: wait for the reply, then try again")


def new_conversation(
    services: Services, session: UiSession, *, resume: bool = False
) -> ChatMessages:
    """Start over with the session's persona (the greeting is the first message), or with
    `resume` continue this browser's last conversation with it."""
    check_idle(session)
    silence(session)
    session.conversation = Conversation.open(
        persona=session.persona,
        backend=services.backend(session.model),
        store=services.store,
        user=session.session_id,
        resume=resume,
        options=services.options(),
        user_id_is_name=False,  # the id is an opaque browser key, never said aloud
    )
    if not session.conversation.history():
        session.conversation.greet()
    session.latency = Latency()
    return chat_messages(session)


def start_session(
    services: Services, *, persona: str | None = None, user: str | None = None
) -> UiSession:
    """A tab's session. With `user` (a browser's id) it continues that browser's last
    conversation with the persona, so a reload loses nothing."""
    session = UiSession.create(
        root=services.upload_root,
        persona=load_persona(persona),
        model=services.default_model(),
        user=user,
    )
    new_conversation(services, session, resume=user is not None)
    return session


def switch_persona(services: Services, session: UiSession, choice: str) -> ChatMessages:
    """Pick another persona; a reply still streaming is stopped first, so the picker and
    the voice that answers always agree. A built-in persona continues this browser's last
    conversation with it; a card starts afresh."""
    persona = resolve_persona(session, choice)
    if not session.interrupt():
        raise BadInput("the robot is still answering: press Stop, then pick again")
    session.persona = persona
    session.roast = None
    builtin = not (choice or "").startswith(CARD_PREFIX)
    return new_conversation(services, session, resume=builtin)


def cut_spoken_reply(
    session: UiSession, heard: str, *, note: str = "[interrupted by the user]"
) -> ChatMessages | None:
    """A reply was stopped while its (complete) text was still being said: keep what the
    user heard of it, marked with `note`, as the voice loop does. None: nothing to cut."""
    conv = session.conversation
    if conv is None or session.busy:
        return None
    conv.record_interruption(heard, note=note)
    return chat_messages(session)


def silence(session: UiSession) -> bool:
    """Stop saying the reply whose text is done (its audio may still be coming): the
    conversation it belongs to is going away. False when nothing was being said."""
    speaker, session.speaker = session.speaker, None
    if speaker is not None:
        speaker.cancel()
    return speaker is not None


def stop_reply(session: UiSession, *, note: str = "[stopped]") -> bool:
    """Stop the reply in flight; what was already shown is kept, marked with `note`.
    Returns False when nothing was running."""
    session.stop_note = note
    said = silence(session)  # the rest of the reply is not said either
    if not session.busy:
        return said
    session.abort.set()
    return True


def switch_model(services: Services, session: UiSession, model: str) -> None:
    if model not in services.installed_models():
        raise BadInput(f"{model}: not an installed model; pick one from the list")
    session.model = model
    backend = services.backend(model)
    if session.conversation is not None:
        session.conversation.backend = backend
    if session.roast is not None:
        session.roast.backend = backend


def import_persona_card(services: Services, session: UiSession, path: str | Path) -> str:
    """Load an uploaded character card (PNG or JSON) as a persona for this session only."""
    from persona.personas import import_card

    path = check_upload(path, allowed=CARD_SUFFIXES, what="character card")
    persona = import_card(path)
    key = f"{persona.name or persona.id}"[:40]
    session.custom_personas[key] = persona
    _discard(path)
    return CARD_PREFIX + key


# -- chat -------------------------------------------------------------------------------


def chat_messages(session: UiSession) -> ChatMessages:
    conv = session.conversation
    if conv is None:
        return []
    return [{"role": m.role, "content": m.content} for m in conv.history()]


def pending_messages(session: UiSession, text: str) -> ChatMessages:
    """The chat with the user's message and a waiting placeholder, shown before the queue."""
    return [
        *chat_messages(session),
        {"role": "user", "content": text},
        {"role": "assistant", "content": WAITING},
    ]


def check_message(text: str | None) -> str:
    return engine_check_message(text or "", max_chars=MAX_MESSAGE_CHARS)


def stream_reply(
    services: Services,
    session: UiSession,
    text: str | None,
    *,
    retry: bool = False,
    keep_stopped: Callable[[], bool] | None = None,
) -> Iterator[ChatUpdate]:
    """Stream one reply (or regenerate the last one with `retry`). Lazy. (`ReplyAhead`
    runs it on a thread of its own, so a slow page never slows the model.) A stopped reply
    keeps what was shown unless `keep_stopped()` says no (a reply started during a pause
    that the user talked on through)."""
    check_idle(session)
    abort = session.begin_reply()
    try:
        updates = _stream_reply(
            services, session, text, retry=retry, abort=abort, keep_stopped=keep_stopped
        )
        for update in updates:
            if update.done and not abort.is_set():
                session.end_reply()  # free before the last yield: the user may act at once
            # A stopped reply frees the session only once its last update is taken, so a
            # persona switch waiting for it never has its new chat overwritten by the old.
            yield update
    finally:
        session.end_reply()


def last_reply(messages: ChatMessages) -> str:
    """The assistant's text at the end of the chat ("" when the user spoke last)."""
    return messages[-1]["content"] if messages and messages[-1]["role"] == "assistant" else ""


def _stream_reply(
    services: Services,
    session: UiSession,
    text: str | None,
    *,
    retry: bool,
    abort: threading.Event,
    keep_stopped: Callable[[], bool] | None = None,
) -> Iterator[ChatUpdate]:
    conv = session.conversation
    if conv is None:
        new_conversation(services, session)
        conv = session.conversation
    before = chat_messages(session)
    if retry:
        users = [m.content for m in conv.history() if m.role == "user"]
        events = conv.retry(abort=abort)  # the old exchange stands until the new is stored
        text = users[-1]
        before = before[:-2]
    else:
        text = check_message(text)
        events = conv.send(text, abort=abort)
    shown = ""
    start = time.perf_counter()
    yield ChatUpdate(
        [*before, {"role": "user", "content": text}, {"role": "assistant", "content": ""}]
    )
    done: ReplyDone | None = None
    for event in events:
        if isinstance(event, ReplyDelta):
            shown += event.text
            yield ChatUpdate(
                [
                    *before,
                    {"role": "user", "content": text},
                    {"role": "assistant", "content": shown},
                ]
            )
        elif isinstance(event, ReplyDone):
            done = event
    reply = done.text if done is not None else shown
    if done is not None and done.finish_reason == "abort":
        # Keep what was shown; a stopped retry keeps the old reply.
        if not retry and (keep_stopped is None or keep_stopped()):
            conv.record_interruption(shown, note=session.stop_note)
        yield ChatUpdate(chat_messages(session), done=True, text="")
        return
    session.latency = Latency(
        first_token_ms=done.ttft_ms if done else None,
        reply_ms=(time.perf_counter() - start) * 1000,
    )
    messages = chat_messages(session)
    stored = done is not None and done.turn_id is not None
    if not stored:  # nothing stored: still show what was said
        messages = [
            *before,
            {"role": "user", "content": text},
            {"role": "assistant", "content": reply},
        ]
    yield ChatUpdate(messages, done=True, text=reply, stored=stored)


def undo(session: UiSession) -> tuple[ChatMessages, str]:
    """Remove the last exchange; returns the chat and the removed message (to edit)."""
    check_idle(session)
    conv = session.conversation
    removed = conv.undo() if conv is not None else None
    if removed is None:
        raise BadInput("there is nothing to undo yet")
    return chat_messages(session), removed


# -- voice ------------------------------------------------------------------------------


def transcribe(services: Services, audio: str | Path | None) -> tuple[str, float]:
    """A recorded file -> (text, milliseconds); the file is deleted. Silence is a BadInput."""
    from persona.speech.audio_decode import STT_RATE, load_audio

    if not audio:
        raise BadInput("no recording received: press record, speak, then stop")
    path = Path(audio)
    try:
        try:
            samples = load_audio(path)
        except PersonaError:
            raise
        except Exception as exc:  # noqa: BLE001 - any decoder failure is a bad recording
            raise BadInput(
                f"cannot read that recording ({exc.__class__.__name__}): record again"
            ) from None
    finally:
        _discard(path)
    seconds = samples.size / STT_RATE
    if samples.size == 0:
        raise BadInput("the recording is empty: press record, speak, then stop")
    if seconds > MAX_AUDIO_SECONDS:
        raise BadInput(
            f"the recording is {seconds:.0f} s long; keep it under {MAX_AUDIO_SECONDS:.0f} s"
        )
    start = time.perf_counter()
    result = services.stt().transcribe(samples)
    elapsed = (time.perf_counter() - start) * 1000
    if not result.text.strip():
        raise BadInput("I couldn't hear any words in that recording: try again, closer to the mic")
    return result.text.strip(), elapsed


def speak(services: Services, persona: Persona, text: str, *, started: float) -> SpokenReply | None:
    """The reply in the persona's voice; beeps keep the text as their subtitle."""
    from persona.speech.textclean import speakable

    voice = persona.voice.tts or None
    spoken = text if speaks_raw(persona) else speakable(text)
    if not spoken.strip():
        return None
    tts = services.tts(voice, persona.voice.speed)
    chunks = []
    first_audio_ms = None
    for chunk in tts.synthesize(spoken):
        if first_audio_ms is None:
            first_audio_ms = (time.perf_counter() - started) * 1000
        chunks.append(chunk.samples)
    if not chunks:
        return None
    samples = np.concatenate(chunks)
    pcm = (np.clip(samples, -1.0, 1.0) * 32767).astype(np.int16)
    return SpokenReply(tts.sample_rate, pcm, spoken, first_audio_ms or 0.0)


def latency_markdown(latency: Latency) -> str:
    def ms(value: float | None) -> str:
        return "–" if value is None else f"{value:,.0f} ms"

    return (
        "| stage | last turn |\n|---|---|\n"
        f"| transcription | {ms(latency.transcribe_ms)} |\n"
        f"| first token | {ms(latency.first_token_ms)} |\n"
        f"| whole reply | {ms(latency.reply_ms)} |\n"
        f"| first audio | {ms(latency.first_audio_ms)} |"
    )


# -- roast ------------------------------------------------------------------------------


def load_roast_profile(
    session: UiSession, *, path: str | Path | None, text: str | None
) -> tuple[str, str]:
    """Import an uploaded profile (kept in the session folder) or pasted text.

    Returns the profile summary and its roast angles, both as escaped Markdown.
    """
    from persona.roast import extract_angles, load_profile

    again = bool(path) and str(path) == session.profile_upload
    if again:
        path = None  # the file box still shows the file loaded before: the text is new
    if path:
        session.profile_upload = str(path)
        upload = check_upload(path, allowed=PROFILE_SUFFIXES, what="profile")
        kept = session.workdir / ("profile-" + upload.name.replace("/", "_"))
        shutil.move(str(upload), kept)
        profile = load_profile(kept)
    elif text and text.strip():
        if len(text) > 64 * 1024:
            raise BadInput("the pasted profile is larger than 64 KB: paste less")
        profile = load_profile(text if "\n" in text else text + "\n")
    elif again:
        raise BadInput("that file is loaded already: tick the consent box, or upload another")
    else:
        raise BadInput("upload a profile file or paste some text about the person first")
    session.profile = profile
    session.consented = None  # consent belongs to one profile: a new one needs a new tick
    session.roast = None
    angles = extract_angles(profile)
    return profile_summary(profile), angles_markdown(angles)


def set_consent(session: UiSession, ticked: bool) -> bool:
    """The consent box changed: consent now applies to the loaded profile only.

    Returns whether roasting is allowed (ticked, with a profile loaded)."""
    session.consented = session.profile if ticked and session.profile is not None else None
    session.roast = None if session.consented is None else session.roast
    return session.consented is not None


def profile_summary(profile: object) -> str:
    rows = [
        ("source", f"{profile.source}"),
        ("name", profile.display_name),
        ("handle", profile.handle),
        ("bio", profile.bio[:300]),
        ("location", profile.location),
        ("followers", "" if profile.followers is None else str(profile.followers)),
        ("posts", str(profile.post_count or len(profile.posts) or "")),
        ("repos", str(len(profile.repos)) if profile.repos else ""),
        ("top words", ", ".join(w for w, _ in profile.top_words[:8])),
    ]
    lines = [f"- **{key}**: {md_escape(value)}" for key, value in rows if value]
    lines += [f"- **fact**: {md_escape(fact[:200])}" for fact in profile.facts[:5]]
    return "\n".join(lines) or "_(an empty profile)_"


def angles_markdown(angles: object) -> str:
    if not angles:
        return "_(nothing safe to roast here)_"
    return "\n".join(f"- [{md_escape(a.kind)}] {md_escape(a.fact[:200])}" for a in angles)


def roast(
    services: Services,
    session: UiSession,
    *,
    consent: bool,
    intensity: str,
    action: str = "roast",
) -> RoastView:
    """Roast the session's profile; "again", "harder" and "nicer" continue the bit."""
    views = list(
        stream_roast(services, session, consent=consent, intensity=intensity, action=action)
    )
    return views[-1]  # stream_roast always ends with the final view


def stream_roast(
    services: Services,
    session: UiSession,
    *,
    consent: bool,
    intensity: str,
    action: str = "roast",
) -> Iterator[RoastView]:
    """Like `roast`, lazily: a view with the text so far each time a checked piece of the
    roast is chosen, then the final view with the angles it used. The checks run before
    the first view, so a refused roast raises before anything is shown."""
    from persona.roast.generate import RoastDelta
    from persona.roast.session import new_roast_session, shift_intensity

    if not consent:
        raise BadInput("tick the consent box first: roast only someone who agreed to it")
    if session.profile is None:
        raise BadInput("load a profile first (upload a file or paste text), then roast")
    if session.consented is not session.profile:
        raise BadInput("consent is given per profile: tick the consent box again for this profile")
    bit = session.roast
    if bit is None or action == "roast":
        bit = new_roast_session(
            session.profile,
            services.backend(session.model),
            session.persona,
            intensity=intensity,
            consent=True,  # the box ticked for this profile, checked above
            n=services.config.roast_n,
            max_tokens=services.config.roast_max_tokens,
        )
        session.roast = bit
    else:
        bit.intensity = intensity
    if action == "harder":
        bit.intensity = shift_intensity(bit.intensity, +1)
    elif action == "nicer":
        bit.intensity = shift_intensity(bit.intensity, -1)
    return _roast_views(bit, session, RoastDelta)


def _roast_views(bit: Any, session: UiSession, delta_type: type) -> Iterator[RoastView]:
    shown = ""
    for event in bit.stream_roast():
        if isinstance(event, delta_type):
            shown += event.text
            yield RoastView(shown, "", bit.intensity, session.persona)
        else:
            used = event.result.angles if event.result is not None else ()
            yield RoastView(event.text, angles_markdown(used), bit.intensity, session.persona)


def _discard(path: Path) -> None:
    try:
        path.unlink()
    except OSError as exc:
        log.debug("could not remove upload %s: %s", path, exc)

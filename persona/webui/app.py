"""Event wiring: which component triggers which handler; behaviour lives in `handlers`,
the page itself in `layout`.

Every event that runs the language model shares the concurrency group "model" with a limit
of one, so two generations never overlap and a waiting user sees their queue position.
"""

from __future__ import annotations

import functools
import inspect
import json
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import gradio as gr

from persona.errors import PersonaError
from persona.webui import handlers
from persona.webui.hands_free import (
    BackgroundListener,
    HandsFreeListener,
    HeardTurn,
    SpeechBegan,
)
from persona.webui.layout import Layout, build_layout, launch_options
from persona.webui.reply_ahead import HandsFreeReplies, ReplyAhead
from persona.webui.services import Services, UiConfig
from persona.webui.session_state import (
    Latency,
    SessionRegistry,
    UiSession,
    browser_key,
    browser_user,
)
from persona.webui.speech_stream import ReplySpeaker, control

log = logging.getLogger(__name__)

MODEL = {"concurrency_id": "model", "concurrency_limit": 1}
PRIVATE = {"api_visibility": "private"}
STOP_AUDIO_JS = "() => { window.robotAudio && window.robotAudio.stop(); }"
# New, a persona switch or a card: the conversation goes, and the subtitle with it.
CLEAR_AUDIO_JS = "() => { window.robotAudio && window.robotAudio.stop(true); }"
# Hands-free on: start the open mic's recording (a click the user already made allows it).
START_LIVE_MIC_JS = """(on) => { setTimeout(() => {
  const button = document.querySelector(on ? '#live-mic button.record-button'
                                           : '#live-mic button.stop-button');
  if (button) button.click(); }, 400); }"""
# Every message sent to the visible chat goes through this (the API gets the raw text).
shown = handlers.plain_text_messages


def user_errors(n_outputs: int) -> Callable[[Callable], Callable]:
    """A user mistake (`PersonaError`) becomes a warning toast and leaves the page as it
    was (`n_outputs` skips); works for plain and generator handlers."""

    def skips() -> Any:
        if n_outputs == 0:
            return None
        return gr.skip() if n_outputs == 1 else tuple(gr.skip() for _ in range(n_outputs))

    def wrap(fn: Callable) -> Callable:
        if inspect.isgeneratorfunction(fn):

            @functools.wraps(fn)
            def gen(*args: Any, **kwargs: Any) -> Iterator[Any]:
                try:
                    yield from fn(*args, **kwargs)
                except PersonaError as exc:
                    gr.Warning(str(exc))
                    yield skips()

            return gen

        @functools.wraps(fn)
        def plain(*args: Any, **kwargs: Any) -> Any:
            try:
                return fn(*args, **kwargs)
            except PersonaError as exc:
                gr.Warning(str(exc))
                return skips()

        return plain

    return wrap


def build_app(config: UiConfig | None = None) -> gr.Blocks:
    """The whole app. Models load on first use, so building it is cheap."""
    services = Services.open(config or UiConfig.from_env())
    sessions = SessionRegistry()
    with gr.Blocks(title="Robot persona", delete_cache=(600, 900)) as demo:
        ui = build_layout(handlers.latency_markdown(Latency()))
        _wire(demo, ui, services, sessions)
    demo.services = services  # for tests and the launcher's cleanup
    demo.sessions = sessions
    demo.launch_options = launch_options()
    return demo


def _wire(demo: gr.Blocks, ui: Layout, services: Services, sessions: SessionRegistry) -> None:
    def session_for(request: gr.Request, saved: object = None) -> UiSession:
        key = request.session_hash or "anonymous"
        session = sessions.get(key)
        if session is None or session.closed:
            user = browser_user(browser_key(saved)) if isinstance(saved, dict) else None
            session = handlers.start_session(services, user=user)
            sessions.put(key, session)
        return session

    def saved_state(session: UiSession, key: str) -> dict:
        """What the browser keeps: its secret and the persona it last talked to."""
        persona = session.persona.id if not handlers.is_card(session) else None
        return {"key": key, "persona": persona}

    def cleared() -> tuple:
        """Outputs that must not outlive a conversation: audio and its subtitle (the page's
        player draws it), timings, transcript."""
        return control(stop=True, clear=True), handlers.latency_markdown(Latency()), None, ""

    # -- page life ---------------------------------------------------------------------
    def on_load(saved: dict | None, request: gr.Request):
        key = browser_key(saved)
        persona = saved.get("persona") if isinstance(saved, dict) else None
        session = handlers.start_session(
            services, user=browser_user(key), persona=handlers.builtin_persona(persona)
        )
        sessions.put(request.session_hash or "anonymous", session)
        return (
            shown(handlers.chat_messages(session)),
            gr.Dropdown(choices=handlers.persona_choices(session), value=session.persona.id),
            gr.Dropdown(choices=services.installed_models(), value=session.model),
            saved_state(session, key),
            handlers.persona_cards(session),
        )

    def on_unload(request: gr.Request) -> None:
        sessions.close(request.session_hash or "anonymous")

    # -- chat --------------------------------------------------------------------------
    def show_pending(text: str, request: gr.Request):
        session = session_for(request)
        try:
            text = handlers.check_message(text)
        except PersonaError as exc:
            raise gr.Error(str(exc), print_exception=False) from None
        session.waiting = True  # queued for the model: Stop now means "never mind"
        return shown(handlers.pending_messages(session, text)), "", text

    def open_speaker(
        session: UiSession, speak: bool, started: float, *, warn: bool = True
    ) -> ReplySpeaker | None:
        """`warn`: say on the page when the voice cannot load (only inside an event)."""
        if not speak:
            return None
        persona = session.persona
        voice = lambda: services.tts(persona.voice.tts or None, persona.voice.speed)  # noqa: E731
        tts = _guard(voice) if warn else _quiet(voice)
        if tts is None:
            return None
        return ReplySpeaker(
            tts, raw_text=handlers.speaks_raw(persona), started=started, whole_sentences=True
        )

    def run_reply(
        session: UiSession,
        text: str | None,
        speak: bool,
        *,
        retry: bool,
        transcribe_ms: float | None = None,
        extra: tuple = (),
        heard: dict | None = None,
        ahead: ReplyAhead | None = None,
    ) -> Iterator[tuple]:
        """Outputs: *extra, chatbot, feed, latency, replay audio. The subtitle is the page
        player's: it shows each piece's text as that piece plays, so a stopped reply's late
        pieces, which the player drops, never show (a server-drawn one could land after
        the clear of a persona switch).
        `heard`: a hands-free turn's times (epoch ms of its last word, `lastWord`, of its
        pause, `pausedAt`, and of the end of turn, `heardAt`; `sttMs`, `turnMs`), for the
        player's last-word-to-first-sound figure. `ahead`: the reply, already started on
        the server (a hands-free turn); otherwise it starts here. A spoken reply runs on a
        thread of its own, so each piece of audio goes to the page the moment it is ready."""
        skip = gr.skip()
        entered_at = time.time() * 1000
        heard = heard or {}
        if ahead is None:
            speaker = open_speaker(session, speak, time.perf_counter())
            if speaker is not None:
                ahead = ReplyAhead(services, session, text, speaker=speaker, retry=retry)
        speaker = ahead.speaker if ahead is not None else None
        started_at = ahead.started_at * 1000 if ahead is not None else entered_at
        session.speaker = speaker
        session.said = []

        def sent(piece) -> str:
            """The piece's message; the session knows when the page will say it."""
            starts = max(time.time(), session.speaking_until)
            session.said.append((starts, piece.text))
            session.speaking_until = starts + len(piece.pcm) / 2 / piece.sample_rate
            return piece.payload()

        def silenced() -> bool:
            """Stop, a barge-in, a persona switch or New took this reply's voice away:
            nothing of it may reach the page after what they cleared."""
            return speaker is not None and session.speaker is not speaker

        def pieces() -> Iterator[tuple]:
            for piece in speaker.ready() if speaker and not silenced() else ():
                yield (*extra, skip, sent(piece), skip, skip)

        thinking = control(state="thinking", lastWord=heard.get("lastWord"))
        yield (*extra, skip, thinking, skip, None)
        updates = (
            ahead.updates()
            if ahead is not None
            else handlers.stream_reply(services, session, text, retry=retry)
        )
        try:
            for update in updates:
                if update is None:  # only audio is new
                    yield from pieces()
                    continue
                if update.done:
                    session.latency = replace(session.latency, transcribe_ms=transcribe_ms)
                yield (*extra, shown(update.messages), skip, skip, skip)
                yield from pieces()
        except PersonaError as exc:
            if speaker:
                speaker.cancel()
                session.speaker = None
            gr.Warning(str(exc))
            yield (
                *extra,
                shown(handlers.chat_messages(session)),
                control(state="done"),
                skip,
                skip,
            )
            return
        if speaker is None:
            yield (
                *extra,
                skip,
                control(state="done"),
                handlers.latency_markdown(session.latency),
                skip,
            )
            return
        if ahead.aborted or silenced():  # stopped, or a switch: nothing stale after
            speaker.cancel()
            yield (*extra, skip, control(state="done"), skip, skip)
            return
        for piece in speaker.rest():  # the reply's thread has said its last sentence
            if silenced():
                yield (*extra, skip, control(state="done"), skip, skip)
                return
            yield (*extra, skip, sent(piece), skip, skip)
        if session.speaker is speaker:
            session.speaker = None  # all said (the page may still be playing it)
        if speaker.failed:
            gr.Warning("no audio: speech synthesis failed (see the server log)")
        session.latency = replace(session.latency, first_audio_ms=speaker.first_audio_ms)
        last_word = heard.get("lastWord")
        ready_at = None if speaker.first_audio_ms is None else started_at + speaker.first_audio_ms
        stages = {
            "pause_seen_ms": _minus(heard.get("pausedAt"), last_word),
            "stt_ms": heard.get("sttMs"),
            "turn_model_ms": heard.get("turnMs"),
            "end_of_turn_ms": _minus(heard.get("heardAt"), last_word),
            # Negative: the reply started during the pause, before the turn was decided.
            "to_reply_ms": _minus(started_at, heard.get("heardAt")),
            "page_round_trip_ms": _minus(entered_at, heard.get("heardAt")),
            "first_token_ms": session.latency.first_token_ms,
            "first_text_ms": speaker.first_text_ms,
            "first_piece_ms": speaker.first_piece_ms,
            "first_tts_ms": speaker.first_tts_ms,
            "first_audio_ready_ms": speaker.first_audio_ms,
            "audio_ready_after_last_word_ms": _minus(ready_at, last_word),
            "ended_by": heard.get("by"),
            "speculative": bool(ahead.speculative),
        }
        yield (
            *extra,
            skip,
            control(state="done", stages=stages),
            handlers.latency_markdown(session.latency),
            speaker.full_audio(),
        )

    def generate(text: str | None, speak: bool, request: gr.Request):
        session = session_for(request)
        waiting, session.waiting = session.waiting, False
        if not text:
            return
        if not waiting:  # stopped while it waited in the queue: drop the message
            gr.Info("stopped before the robot answered")
            yield (shown(handlers.chat_messages(session)), gr.skip(), gr.skip(), None)
            return
        yield from run_reply(session, text, speak, retry=False)

    def retry(speak: bool, request: gr.Request):
        yield from run_reply(session_for(request), None, speak, retry=True)

    @user_errors(6)
    def voice_turn(audio: str | None, speak: bool, request: gr.Request):
        session = session_for(request)
        text, ms = handlers.transcribe(services, audio)
        for out in run_reply(session, text, speak, retry=False, transcribe_ms=ms, extra=(text,)):
            yield (*out, None)

    def open_listener(session: UiSession) -> BackgroundListener:
        """The tab's listener, with its models loaded before the first chunk needs them.
        Its events start replies on the server (`HandsFreeReplies`), at the pause."""
        if session.listener is None:
            replies = HandsFreeReplies(
                functools.partial(reply_ahead, session),
                on_confirm=functools.partial(reply_stands, session),
            )
            session.replies = replies
            listener = HandsFreeListener(services.stt(), services.turn_detector())
            session.listener = BackgroundListener(listener, on_event=replies.on_event)
            # Once per listener, not per mic chunk: tts() takes the lock a model load
            # holds, and a chunk handler that waits loses chunks.
            persona = session.persona
            _quiet(lambda: services.tts(persona.voice.tts or None, persona.voice.speed))
        return session.listener

    def reply_ahead(
        session: UiSession, text: str, speculative: bool, after: ReplyAhead | None
    ) -> ReplyAhead | None:
        """On the listener's thread: start the reply to a hands-free turn, or None when the
        session is busy with another (the page's handler then starts it, as it queues)."""
        if after is not None and after.aborted:
            after.wait(timeout=2.0)  # a reply talked over ends within a token
        replies = session.replies
        if session.closed or session.busy or session.waiting or replies is None:
            return None
        try:
            text = handlers.check_message(text)
        except PersonaError:
            return None
        speaker = open_speaker(session, replies.speak, time.perf_counter(), warn=False)
        ahead = ReplyAhead(
            services, session, text, speaker=speaker, speculative=speculative, after=after
        )
        log.debug("hands-free: reply started (%s): %r", "pause" if speculative else "turn", text)
        return ahead

    def reply_stands(session: UiSession, ahead: ReplyAhead) -> None:
        """A hands-free reply is confirmed: Stop and barge-in now cut its speech too."""
        if ahead.speaker is not None:
            session.speaker = ahead.speaker

    def listen(chunk: tuple | None, speak: bool, request: gr.Request):
        """A chunk of the open mic: a finished question goes to the hidden `heard` box (its
        change sends the reply, which the server started already); speech over the robot
        stops it (barge-in)."""
        session = session_for(request)
        if chunk is None:
            return gr.skip(), gr.skip(), gr.skip()
        listener = open_listener(session)
        session.replies.speak = bool(speak)
        listener.push(*chunk)
        heard, feed, chat = gr.skip(), gr.skip(), gr.skip()
        # Brief: a busy handler loses mic chunks; the server starts replies by itself.
        for event in listener.take(wait_s=0.05):
            if isinstance(event, SpeechBegan):
                log.debug(
                    "hands-free: speech began (replying: %s, speaking for %.1f s more)",
                    session.busy,
                    max(0.0, session.speaking_until - time.time()),
                )
                if session.busy or session.speaking_until > time.time():
                    feed, chat = interrupt(session, "[interrupted by the user]")
            elif isinstance(event, HeardTurn):
                paused = event.paused_at
                heard = json.dumps(
                    {
                        "text": event.text,
                        "lastWord": event.last_voice_at * 1000,
                        "pausedAt": None if paused is None else paused * 1000,
                        "heardAt": event.heard_at * 1000,
                        "sttMs": event.stt_ms,
                        "turnMs": event.turn_ms,
                        "by": event.by,
                    }
                )
        return heard, feed, chat

    @user_errors(6)
    def hands_free_turn(heard: str, speak: bool, request: gr.Request):
        try:
            turn = json.loads(heard or "{}")
        except ValueError:
            return
        text = handlers.check_message(str(turn.get("text") or ""))
        times = {k: turn.get(k) for k in ("lastWord", "pausedAt", "heardAt", "sttMs", "turnMs")}
        times = {k: float(v) for k, v in times.items() if isinstance(v, int | float)}
        times["by"] = str(turn.get("by") or "")[:20]
        session = session_for(request)
        replies = session.replies
        ahead = replies.take(text) if replies is not None else None
        for out in run_reply(
            session, text, speak, retry=False, extra=(text,), heard=times, ahead=ahead
        ):
            yield (*out, gr.skip())

    def toggle_hands_free(on: bool, request: gr.Request):
        session = session_for(request)
        if on:
            open_listener(session)  # load the models now: no chunk waits for them
        if session.listener is not None:
            session.listener.reset()
        return gr.Audio(visible=not on), gr.Audio(visible=on), control(handsFree=on)

    def api_chat_fn(text: str, request: gr.Request):
        session = session_for(request)
        try:
            for update in handlers.stream_reply(services, session, text):
                yield update.messages
        except PersonaError as exc:
            raise gr.Error(str(exc), print_exception=False) from None

    def interrupt(session: UiSession, note: str) -> tuple:
        """Stop the reply: a reply still being written keeps what was shown; one already
        written but still being said keeps what was said. Returns (feed, chatbot)."""
        now = time.time()
        # Written but not all said yet: still being synthesised, or playing in the page.
        saying = session.speaker is not None or session.speaking_until > now
        playing = saying and not session.busy
        handlers.stop_reply(session, note=note)
        session.waiting = False
        chat = gr.skip()
        if playing:
            heard = " ".join(text for starts, text in session.said if starts <= now)
            cut = handlers.cut_spoken_reply(session, heard, note=note)
            chat = gr.skip() if cut is None else shown(cut)
        session.speaking_until = 0.0
        return control(stop=True), chat

    def stop(request: gr.Request):
        return interrupt(session_for(request), "[stopped]")

    @user_errors(5)
    def new_chat(request: gr.Request):
        return shown(handlers.new_conversation(services, session_for(request))), *cleared()

    @user_errors(2)
    def undo(request: gr.Request):
        messages, text = handlers.undo(session_for(request))
        return shown(messages), text

    @user_errors(7)
    def pick_persona(choice: str, saved: dict | None, request: gr.Request):
        session = session_for(request)
        messages = handlers.switch_persona(services, session, choice)
        return (
            shown(messages),
            *cleared(),
            saved_state(session, browser_key(saved)),
            handlers.persona_cards(session),
        )

    @user_errors(8)
    def pick_card(clicked: str, saved: dict | None, request: gr.Request):
        """A persona card was clicked: the page script put "CHOICE|nonce" in the box."""
        session = session_for(request)
        choice = (clicked or "").rpartition("|")[0]
        if choice not in handlers.persona_choices(session):
            return tuple(gr.skip() for _ in range(8))
        messages = handlers.switch_persona(services, session, choice)
        return (
            gr.Dropdown(value=choice),
            shown(messages),
            *cleared(),
            saved_state(session, browser_key(saved)),
            handlers.persona_cards(session),
        )

    @user_errors(0)
    def pick_model(choice: str, request: gr.Request):
        handlers.switch_model(services, session_for(request), choice)

    @user_errors(8)
    def upload_card(path: str | None, saved: dict | None, request: gr.Request):
        session = session_for(request)
        choice = handlers.import_persona_card(services, session, path or "")
        messages = handlers.switch_persona(services, session, choice)
        return (
            gr.Dropdown(choices=handlers.persona_choices(session), value=choice),
            shown(messages),
            *cleared(),
            saved_state(session, browser_key(saved)),
            handlers.persona_cards(session),
        )

    # -- roast -------------------------------------------------------------------------
    def roast_buttons_enabled(allowed: bool) -> list:
        return [gr.Button(interactive=allowed) for _ in ui.roast_buttons]

    @user_errors(5 + len(ui.roast_buttons))
    def load_profile(path: str | None, text: str, request: gr.Request):
        session = session_for(request)
        summary_md, angles_md = handlers.load_roast_profile(session, path=path, text=text)
        # A new profile clears the consent tick: consent belongs to one person. The file
        # box keeps the uploaded file's name.
        return summary_md, angles_md, gr.skip(), False, "", *roast_buttons_enabled(False)

    def tick_consent(ticked: bool, request: gr.Request):
        allowed = handlers.set_consent(session_for(request), ticked)
        if ticked and not allowed:
            gr.Warning("load their profile first, then tick the consent box")
            return False, *roast_buttons_enabled(False)
        return gr.skip(), *roast_buttons_enabled(allowed)

    def roast_action(action: str) -> Callable[..., Any]:
        @user_errors(4)
        def run(agreed: bool, level: str, speak: bool, request: gr.Request):
            # A generator: the roast shows as soon as its checked text is chosen.
            session = session_for(request)
            started = time.perf_counter()
            views = handlers.stream_roast(
                services, session, consent=agreed, intensity=level, action=action
            )
            view = None
            for view in views:
                yield view.text, view.angles_markdown or gr.skip(), view.intensity, None
            if view is None or not speak:
                return
            spoken = _guard(
                lambda: handlers.speak(services, view.persona, view.text, started=started)
            )
            audio = None if spoken is None else (spoken.sample_rate, spoken.samples)
            yield view.text, view.angles_markdown, view.intensity, audio

        run.__name__ = f"roast_{action}"
        return run

    # -- events ------------------------------------------------------------------------
    demo.load(
        on_load,
        [ui.browser],
        [ui.chatbot, ui.persona, ui.model, ui.browser, ui.cards],
        **PRIVATE,
    )
    demo.unload(on_unload)
    reply_out = [ui.chatbot, ui.feed, ui.latency, ui.reply_audio]
    ui.feed.change(None, [ui.feed], None, js="(m) => { window.robotAudio.feed(m); }")
    for trigger in (ui.msg.submit, ui.send.click):
        # "multiple": a message sent while the robot still talks queues behind that reply.
        trigger(
            show_pending,
            [ui.msg],
            [ui.chatbot, ui.msg, ui.pending],
            trigger_mode="multiple",
            **PRIVATE,
        ).success(
            generate,
            [ui.pending, ui.speak],
            reply_out,
            trigger_mode="multiple",
            **MODEL,
            **PRIVATE,
        )
    ui.retry.click(retry, [ui.speak], reply_out, **MODEL, **PRIVATE)
    ui.stop.click(None, None, None, js=STOP_AUDIO_JS)
    ui.stop.click(stop, None, [ui.feed, ui.chatbot], **PRIVATE)
    ui.undo.click(undo, None, [ui.chatbot, ui.msg], **PRIVATE)
    cleared_out = [ui.feed, ui.latency, ui.reply_audio, ui.transcript]
    ui.new.click(None, None, None, js=CLEAR_AUDIO_JS)
    ui.new.click(new_chat, None, [ui.chatbot, *cleared_out], **PRIVATE)
    ui.persona.input(None, None, None, js=CLEAR_AUDIO_JS)
    ui.persona.input(
        pick_persona,
        [ui.persona, ui.browser],
        [ui.chatbot, *cleared_out, ui.browser, ui.cards],
        **PRIVATE,
    )
    ui.card_choice.change(None, None, None, js=CLEAR_AUDIO_JS)
    ui.card_choice.change(
        pick_card,
        [ui.card_choice, ui.browser],
        [ui.persona, ui.chatbot, *cleared_out, ui.browser, ui.cards],
        **PRIVATE,
    )
    ui.model.input(pick_model, [ui.model], None, **PRIVATE)
    ui.card.upload(
        upload_card,
        [ui.card, ui.browser],
        [ui.persona, ui.chatbot, *cleared_out, ui.browser, ui.cards],
        **PRIVATE,
    )
    ui.mic.stop_recording(
        voice_turn,
        [ui.mic, ui.speak],
        [ui.transcript, *reply_out, ui.mic],
        trigger_mode="multiple",  # a question asked while the robot talks queues
        **MODEL,
        **PRIVATE,
    )
    ui.hands_free.change(
        toggle_hands_free, [ui.hands_free], [ui.mic, ui.live_mic, ui.feed], **PRIVATE
    ).then(None, [ui.hands_free], None, js=START_LIVE_MIC_JS)
    ui.live_mic.stream(
        listen,
        [ui.live_mic, ui.speak],
        [ui.heard, ui.feed, ui.chatbot],
        stream_every=0.25,
        time_limit=3600,
        concurrency_id="mic",
        concurrency_limit=8,
        show_progress="hidden",
        **PRIVATE,
    )
    ui.heard.change(
        hands_free_turn,
        [ui.heard, ui.speak],
        [ui.transcript, *reply_out, ui.mic],
        **MODEL,
        **PRIVATE,
    )
    ui.load_profile.click(
        load_profile,
        [ui.profile_file, ui.profile_text],
        [ui.summary, ui.angles, ui.profile_file, ui.consent, ui.roast_text, *ui.roast_buttons],
        **PRIVATE,
    )
    ui.consent.input(tick_consent, [ui.consent], [ui.consent, *ui.roast_buttons], **PRIVATE)
    roast_out = [ui.roast_text, ui.used_angles, ui.intensity, ui.roast_audio]
    for button, action in zip(ui.roast_buttons, ("roast", "again", "harder", "nicer"), strict=True):
        button.click(
            roast_action(action),
            [ui.consent, ui.intensity, ui.speak],
            roast_out,
            **MODEL,
            **PRIVATE,
        )
    ui.api_btn.click(api_chat_fn, [ui.api_msg], [ui.api_chat], api_name="chat", **MODEL)


def _minus(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else round(a - b, 1)


def _guard(fn: Callable[[], Any]) -> Any:
    """Speech is a bonus: a voice that fails to load must not lose the text reply."""
    try:
        return fn()
    except PersonaError as exc:
        gr.Warning(f"no audio: {exc}")
    except Exception:  # noqa: BLE001 - logged; the text reply still stands
        log.exception("speech synthesis failed")
        gr.Warning("no audio: speech synthesis failed (see the server log)")
    return None


def _quiet(fn: Callable[[], Any]) -> Any:
    """`_guard` off the page's events (no page to warn): the failure is only logged."""
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001 - the page's own handler reports it
        log.warning("no audio: %s", exc)
    return None

"""The Gradio Blocks: layout and event wiring only; behaviour lives in `handlers`.

Every event that runs the language model shares the concurrency group "model" with a limit
of one, so two generations never overlap and a waiting user sees their queue position.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from typing import Any

import gradio as gr

from persona.errors import PersonaError
from persona.roast import INTENSITIES
from persona.webui import handlers
from persona.webui.security import CARD_SUFFIXES, MAX_MESSAGE_CHARS, PROFILE_SUFFIXES
from persona.webui.services import Services, UiConfig
from persona.webui.session_state import Latency, SessionRegistry, UiSession

log = logging.getLogger(__name__)

MODEL = {"concurrency_id": "model", "concurrency_limit": 1}
PRIVATE = {"api_visibility": "private"}
# Every message sent to the visible chat goes through this (the API gets the raw text).
shown = handlers.plain_text_messages


def build_app(config: UiConfig | None = None) -> gr.Blocks:
    """The whole app. Models load on first use, so building it is cheap."""
    services = Services.open(config or UiConfig.from_env())
    sessions = SessionRegistry()

    def session_for(request: gr.Request) -> UiSession:
        key = request.session_hash or "anonymous"
        session = sessions.get(key)
        if session is None or session.closed:
            session = handlers.start_session(services)
            sessions.put(key, session)
        return session

    with gr.Blocks(title="Robot persona", delete_cache=(600, 900)) as demo:
        gr.Markdown("## Robot persona")
        with gr.Tabs():
            with gr.Tab("Chat", id="chat"):
                with gr.Row():
                    persona_dd = gr.Dropdown(label="Persona", elem_id="persona", scale=2)
                    model_dd = gr.Dropdown(label="Model", elem_id="model", scale=2)
                    card_btn = gr.UploadButton(
                        "Upload character card (PNG/JSON)",
                        file_types=list(CARD_SUFFIXES),
                        elem_id="card-upload",
                        scale=1,
                    )
                # Replies and card greetings are untrusted: shown as literal text (see `shown`).
                chatbot = gr.Chatbot(
                    label="Chat",
                    elem_id="chatbot",
                    height=380,
                    render_markdown=False,
                    sanitize_html=True,
                )
                with gr.Row():
                    msg = gr.Textbox(
                        placeholder="Say something to the robot…",
                        show_label=False,
                        elem_id="msg",
                        max_length=MAX_MESSAGE_CHARS * 2,
                        scale=5,
                    )
                    send_btn = gr.Button("Send", variant="primary", elem_id="send", scale=1)
                with gr.Row():
                    new_btn = gr.Button("New conversation", elem_id="new")
                    retry_btn = gr.Button("Retry", elem_id="retry")
                    undo_btn = gr.Button("Undo", elem_id="undo")
                with gr.Row():
                    with gr.Column():
                        mic = gr.Audio(
                            sources=["microphone"],
                            type="filepath",
                            label="Talk to the robot",
                            elem_id="mic",
                        )
                        transcript = gr.Textbox(
                            label="You said", interactive=False, elem_id="transcript"
                        )
                    with gr.Column():
                        speak_cb = gr.Checkbox(
                            value=True, label="Speak replies aloud", elem_id="speak"
                        )
                        reply_audio = gr.Audio(
                            label="Robot voice",
                            autoplay=True,
                            interactive=False,
                            elem_id="reply-audio",
                        )
                        subtitle = gr.Markdown(elem_id="subtitle")
                    with gr.Column():
                        latency = gr.Markdown(
                            handlers.latency_markdown(Latency()), elem_id="latency"
                        )
            with gr.Tab("Roast", id="roast"):
                gr.Markdown(
                    "Roast someone who **agreed** to it: upload their profile export "
                    "(X archive, GitHub, Mastodon, Bluesky, card) or paste a few facts."
                )
                with gr.Row():
                    profile_file = gr.File(
                        label="Profile file",
                        file_types=list(PROFILE_SUFFIXES),
                        elem_id="profile-file",
                    )
                    profile_text = gr.Textbox(
                        label="…or paste text about them", lines=5, elem_id="profile-text"
                    )
                load_btn = gr.Button("Load profile", elem_id="load-profile")
                with gr.Row():
                    summary = gr.Markdown(elem_id="profile-summary")
                    angles = gr.Markdown(elem_id="profile-angles")
                with gr.Row():
                    consent = gr.Checkbox(
                        label="They consented to being roasted (tick after loading their profile)",
                        elem_id="consent",
                    )
                    intensity = gr.Radio(
                        list(INTENSITIES), value="medium", label="Intensity", elem_id="intensity"
                    )
                with gr.Row():
                    # Enabled only once consent is ticked for the loaded profile.
                    roast_btn = gr.Button(
                        "Roast", variant="primary", elem_id="roast", interactive=False
                    )
                    again_btn = gr.Button("Again", elem_id="again", interactive=False)
                    harder_btn = gr.Button("Harder", elem_id="harder", interactive=False)
                    nicer_btn = gr.Button("Nicer", elem_id="nicer", interactive=False)
                roast_buttons = [roast_btn, again_btn, harder_btn, nicer_btn]
                roast_text = gr.Textbox(label="Roast", interactive=False, elem_id="roast-text")
                used_angles = gr.Markdown(elem_id="roast-angles")
                roast_audio = gr.Audio(
                    label="Roast, spoken", autoplay=True, interactive=False, elem_id="roast-audio"
                )
        pending = gr.State(None)
        with gr.Row(visible=False):  # an API-only endpoint for clients and the benchmark
            api_msg = gr.Textbox()
            api_chat = gr.Chatbot()
            api_btn = gr.Button()

        # -- wiring ------------------------------------------------------------------------

        def on_load(request: gr.Request):
            session = session_for(request)
            return (
                shown(handlers.chat_messages(session)),
                gr.Dropdown(choices=handlers.persona_choices(session), value=session.persona.id),
                gr.Dropdown(choices=services.installed_models(), value=session.model),
            )

        def on_unload(request: gr.Request) -> None:
            sessions.close(request.session_hash or "anonymous")

        def show_pending(text: str, request: gr.Request):
            session = session_for(request)
            try:
                text = handlers.check_message(text)
            except PersonaError as exc:
                raise gr.Error(str(exc), print_exception=False) from None
            return shown(handlers.pending_messages(session, text)), "", text

        def reply_outputs(session: UiSession, update, speak: bool, started: float):
            audio, sub = None, ""
            if update.done and speak and update.text:
                spoken = _guard(
                    lambda: handlers.speak(services, session.persona, update.text, started=started)
                )
                if spoken is not None:
                    audio = (spoken.sample_rate, spoken.samples)
                    sub = f"*{handlers.md_escape(spoken.subtitle)}*"
                    session.latency = _with(session.latency, first_audio_ms=spoken.first_audio_ms)
            return audio, sub

        def run_reply(
            session: UiSession,
            text: str | None,
            speak: bool,
            *,
            retry: bool,
            transcribe_ms: float | None = None,
            extra: tuple = (),
        ) -> Iterator[tuple]:
            started = time.perf_counter()
            try:
                for update in handlers.stream_reply(services, session, text, retry=retry):
                    if update.done:
                        session.latency = _with(session.latency, transcribe_ms=transcribe_ms)
                        audio, sub = reply_outputs(session, update, speak, started)
                        yield (
                            *extra,
                            shown(update.messages),
                            audio,
                            sub,
                            handlers.latency_markdown(session.latency),
                        )
                    else:
                        yield (*extra, shown(update.messages), gr.skip(), gr.skip(), gr.skip())
            except PersonaError as exc:
                gr.Warning(str(exc))
                yield (*extra, shown(handlers.chat_messages(session)), None, "", gr.skip())

        def generate(text: str | None, speak: bool, request: gr.Request):
            if not text:
                return
            yield from run_reply(session_for(request), text, speak, retry=False)

        def retry(speak: bool, request: gr.Request):
            yield from run_reply(session_for(request), None, speak, retry=True)

        def voice_turn(audio: str | None, speak: bool, request: gr.Request):
            session = session_for(request)
            try:
                text, ms = handlers.transcribe(services, audio)
            except PersonaError as exc:
                gr.Warning(str(exc))
                yield "", gr.skip(), gr.skip(), gr.skip(), gr.skip(), None
                return
            for out in run_reply(
                session, text, speak, retry=False, transcribe_ms=ms, extra=(text,)
            ):
                yield (*out, None)

        def api_chat_fn(text: str, request: gr.Request):
            session = session_for(request)
            try:
                for update in handlers.stream_reply(services, session, text):
                    yield update.messages
            except PersonaError as exc:
                raise gr.Error(str(exc), print_exception=False) from None

        def new_chat(request: gr.Request):
            try:
                return shown(handlers.new_conversation(services, session_for(request))), None, ""
            except PersonaError as exc:
                gr.Warning(str(exc))
                return gr.skip(), gr.skip(), gr.skip()

        def undo(request: gr.Request):
            session = session_for(request)
            try:
                messages, text = handlers.undo(session)
            except PersonaError as exc:
                gr.Warning(str(exc))
                return gr.skip(), gr.skip()
            return shown(messages), text

        def pick_persona(choice: str, request: gr.Request):
            session = session_for(request)
            try:
                return shown(handlers.switch_persona(services, session, choice)), None, ""
            except PersonaError as exc:
                gr.Warning(str(exc))
                return gr.skip(), gr.skip(), gr.skip()

        def pick_model(choice: str, request: gr.Request):
            try:
                handlers.switch_model(services, session_for(request), choice)
            except PersonaError as exc:
                gr.Warning(str(exc))

        def upload_card(path: str | None, request: gr.Request):
            session = session_for(request)
            try:
                choice = handlers.import_persona_card(services, session, path or "")
                messages = handlers.switch_persona(services, session, choice)
            except PersonaError as exc:
                gr.Warning(str(exc))
                return gr.skip(), gr.skip()
            return (
                gr.Dropdown(choices=handlers.persona_choices(session), value=choice),
                shown(messages),
            )

        def roast_buttons_enabled(allowed: bool) -> list:
            return [gr.Button(interactive=allowed) for _ in roast_buttons]

        def load_profile(path: str | None, text: str, request: gr.Request):
            session = session_for(request)
            try:
                summary_md, angles_md = handlers.load_roast_profile(session, path=path, text=text)
            except PersonaError as exc:
                gr.Warning(str(exc))
                return gr.skip(), gr.skip(), None, gr.skip(), *[gr.skip()] * len(roast_buttons)
            # A new profile clears the consent tick: consent belongs to one person.
            return summary_md, angles_md, None, False, *roast_buttons_enabled(False)

        def tick_consent(ticked: bool, request: gr.Request):
            allowed = handlers.set_consent(session_for(request), ticked)
            if ticked and not allowed:
                gr.Warning("load their profile first, then tick the consent box")
                return False, *roast_buttons_enabled(False)
            return gr.skip(), *roast_buttons_enabled(allowed)

        def roast_action(action: str) -> Callable[..., Any]:
            def run(agreed: bool, level: str, speak: bool, request: gr.Request):
                # A generator: the roast shows as soon as its checked text is chosen.
                session = session_for(request)
                started = time.perf_counter()
                try:
                    views = handlers.stream_roast(
                        services, session, consent=agreed, intensity=level, action=action
                    )
                    view = None
                    for view in views:
                        yield view.text, view.angles_markdown or gr.skip(), view.intensity, None
                except PersonaError as exc:
                    gr.Warning(str(exc))
                    yield gr.skip(), gr.skip(), gr.skip(), gr.skip()
                    return
                if view is None or not speak:
                    return
                spoken = _guard(
                    lambda: handlers.speak(services, view.persona, view.text, started=started)
                )
                audio = None if spoken is None else (spoken.sample_rate, spoken.samples)
                yield view.text, view.angles_markdown, view.intensity, audio

            run.__name__ = f"roast_{action}"
            return run

        demo.load(on_load, None, [chatbot, persona_dd, model_dd], **PRIVATE)
        demo.unload(on_unload)
        reply_out = [chatbot, reply_audio, subtitle, latency]
        for trigger in (msg.submit, send_btn.click):
            trigger(show_pending, [msg], [chatbot, msg, pending], **PRIVATE).success(
                generate, [pending, speak_cb], reply_out, **MODEL, **PRIVATE
            )
        retry_btn.click(retry, [speak_cb], reply_out, **MODEL, **PRIVATE)
        undo_btn.click(undo, None, [chatbot, msg], **PRIVATE)
        new_btn.click(new_chat, None, [chatbot, reply_audio, subtitle], **PRIVATE)
        persona_dd.input(pick_persona, [persona_dd], [chatbot, reply_audio, subtitle], **PRIVATE)
        model_dd.input(pick_model, [model_dd], None, **PRIVATE)
        card_btn.upload(upload_card, [card_btn], [persona_dd, chatbot], **PRIVATE)
        mic.stop_recording(
            voice_turn, [mic, speak_cb], [transcript, *reply_out, mic], **MODEL, **PRIVATE
        )
        load_btn.click(
            load_profile,
            [profile_file, profile_text],
            [summary, angles, profile_file, consent, *roast_buttons],
            **PRIVATE,
        )
        consent.input(tick_consent, [consent], [consent, *roast_buttons], **PRIVATE)
        roast_out = [roast_text, used_angles, intensity, roast_audio]
        for button, action in (
            (roast_btn, "roast"),
            (again_btn, "again"),
            (harder_btn, "harder"),
            (nicer_btn, "nicer"),
        ):
            button.click(
                roast_action(action), [consent, intensity, speak_cb], roast_out, **MODEL, **PRIVATE
            )
        api_btn.click(api_chat_fn, [api_msg], [api_chat], api_name="chat", **MODEL)
    demo.services = services  # for tests and the launcher's cleanup
    demo.sessions = sessions
    return demo


def _with(latency: Latency, **changes: float | None) -> Latency:
    from dataclasses import replace

    return replace(latency, **changes)


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

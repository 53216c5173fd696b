"""The page's components and where they sit; `app` wires them to `handlers`.

Element ids are the page's contract with the browser tests and the player script.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import gradio as gr

from persona.roast import INTENSITIES
from persona.webui.security import CARD_SUFFIXES, MAX_MESSAGE_CHARS, PROFILE_SUFFIXES

STATIC = Path(__file__).parent / "static"
BROWSER_STORAGE_KEY = "robot-persona"


@dataclass(frozen=True, slots=True)
class Layout:
    """Every component an event reads or writes."""

    state: gr.HTML
    cards: gr.HTML
    card_choice: gr.Textbox  # hidden: the card clicked (set by the page script)
    persona: gr.Dropdown
    card: gr.UploadButton
    chatbot: gr.Chatbot
    msg: gr.Textbox
    send: gr.Button
    stop: gr.Button
    new: gr.Button
    retry: gr.Button
    undo: gr.Button
    mic: gr.Audio
    hands_free: gr.Checkbox
    live_mic: gr.Audio
    transcript: gr.Textbox
    speak: gr.Checkbox
    reply_audio: gr.Audio
    model: gr.Dropdown
    latency: gr.Markdown
    profile_file: gr.File
    profile_text: gr.Textbox
    load_profile: gr.Button
    summary: gr.Markdown
    angles: gr.Markdown
    consent: gr.Checkbox
    intensity: gr.Radio
    roast_buttons: tuple[gr.Button, gr.Button, gr.Button, gr.Button]
    roast_text: gr.Textbox
    used_angles: gr.Markdown
    roast_audio: gr.Audio
    feed: gr.Textbox  # hidden: JSON messages for the player (audio pieces, state, stop)
    heard: gr.Textbox  # hidden: a hands-free turn's transcript, which starts the reply
    pending: gr.State
    browser: gr.BrowserState
    api_msg: gr.Textbox
    api_chat: gr.Chatbot
    api_btn: gr.Button


def launch_options() -> dict:
    """Theme, style sheet and the player script (Gradio takes these at launch)."""
    return {
        "theme": gr.themes.Soft(primary_hue="orange", secondary_hue="sky", radius_size="lg"),
        "css": (STATIC / "style.css").read_text(encoding="utf-8"),
        "head": "<script>" + (STATIC / "player.js").read_text(encoding="utf-8") + "</script>",
    }


def build_layout(latency_md: str) -> Layout:
    """The components, inside the caller's `gr.Blocks`."""
    with gr.Row(elem_id="header"):
        gr.Markdown("## Robot persona", elem_id="title")
        state = gr.HTML(
            '<span class="state-label">● ready</span>', elem_id="robot-state", padding=False
        )
    with gr.Tabs():
        with gr.Tab("Chat", id="chat"):
            with gr.Accordion("Pick a robot", open=True, elem_id="robots"):
                cards = gr.HTML(elem_id="persona-cards", js_on_load=None)
            with gr.Row(equal_height=True):
                persona = gr.Dropdown(label="Persona", elem_id="persona", scale=3)
                card = gr.UploadButton(
                    "Upload character card",
                    file_types=list(CARD_SUFFIXES),
                    elem_id="card-upload",
                    size="sm",
                    scale=1,
                )
            # Replies and card greetings are untrusted: shown as literal text.
            chatbot = gr.Chatbot(
                label="Chat",
                elem_id="chatbot",
                height=420,
                render_markdown=False,
                sanitize_html=True,
            )
            with gr.Row(equal_height=True):
                msg = gr.Textbox(
                    placeholder="Say something to the robot…",
                    show_label=False,
                    elem_id="msg",
                    max_length=MAX_MESSAGE_CHARS * 2,
                    scale=5,
                )
                send = gr.Button("Send", variant="primary", elem_id="send", scale=1)
                stop = gr.Button("Stop", variant="stop", elem_id="stop", scale=1)
            with gr.Row():
                new = gr.Button("New conversation", elem_id="new", size="sm")
                retry = gr.Button("Retry", elem_id="retry", size="sm")
                undo = gr.Button("Undo (edit last)", elem_id="undo", size="sm")
            with gr.Row():
                with gr.Column():
                    hands_free = gr.Checkbox(
                        value=False,
                        label="Hands-free: keep the mic open and talk (talk over the robot "
                        "to stop it)",
                        elem_id="hands-free",
                    )
                    mic = gr.Audio(
                        sources=["microphone"],
                        type="filepath",
                        label="Push to talk",
                        elem_id="mic",
                    )
                    live_mic = gr.Audio(
                        sources=["microphone"],
                        type="numpy",
                        streaming=True,
                        label="Hands-free microphone",
                        elem_id="live-mic",
                        visible=False,
                    )
                    transcript = gr.Textbox(
                        label="You said", interactive=False, elem_id="transcript"
                    )
                with gr.Column():
                    speak = gr.Checkbox(value=True, label="Speak replies aloud", elem_id="speak")
                    # The page's player writes each piece's text here as it plays.
                    gr.HTML('<p class="subtitle-line"></p>', elem_id="subtitle")
                    reply_audio = gr.Audio(
                        label="Replay the last reply",
                        autoplay=False,
                        interactive=False,
                        elem_id="reply-audio",
                    )
            with gr.Accordion("Diagnostics", open=False, elem_id="diagnostics"):
                model = gr.Dropdown(label="Model", elem_id="model")
                latency = gr.Markdown(latency_md, elem_id="latency")
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
            load_profile = gr.Button("Load profile", elem_id="load-profile")
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
                roast_buttons = (
                    gr.Button("Roast", variant="primary", elem_id="roast", interactive=False),
                    gr.Button("Again", elem_id="again", interactive=False),
                    gr.Button("Harder", elem_id="harder", interactive=False),
                    gr.Button("Nicer", elem_id="nicer", interactive=False),
                )
            with gr.Row():
                roast_text = gr.Textbox(
                    label="Roast", interactive=False, elem_id="roast-text", scale=3
                )
                used_angles = gr.Markdown(elem_id="roast-angles")
            roast_audio = gr.Audio(
                label="Roast, spoken", autoplay=True, interactive=False, elem_id="roast-audio"
            )
    # Hidden but mounted, so their change events reach the page script (and a hidden box
    # is not laid out: an audio piece reaches the player in tens of milliseconds).
    feed = gr.Textbox(elem_id="audio-feed", visible="hidden", show_label=False)
    card_choice = gr.Textbox(elem_id="card-choice", visible="hidden", show_label=False)
    heard = gr.Textbox(elem_id="heard", visible="hidden", show_label=False)
    pending = gr.State(None)
    browser = gr.BrowserState({}, storage_key=BROWSER_STORAGE_KEY)
    with gr.Row(visible=False):  # an API-only endpoint for clients and the benchmark
        api_msg = gr.Textbox()
        api_chat = gr.Chatbot()
        api_btn = gr.Button()
    return Layout(
        state=state,
        cards=cards,
        card_choice=card_choice,
        persona=persona,
        card=card,
        chatbot=chatbot,
        msg=msg,
        send=send,
        stop=stop,
        new=new,
        retry=retry,
        undo=undo,
        mic=mic,
        hands_free=hands_free,
        live_mic=live_mic,
        transcript=transcript,
        speak=speak,
        reply_audio=reply_audio,
        model=model,
        latency=latency,
        profile_file=profile_file,
        profile_text=profile_text,
        load_profile=load_profile,
        summary=summary,
        angles=angles,
        consent=consent,
        intensity=intensity,
        roast_buttons=roast_buttons,
        roast_text=roast_text,
        used_angles=used_angles,
        roast_audio=roast_audio,
        feed=feed,
        heard=heard,
        pending=pending,
        browser=browser,
        api_msg=api_msg,
        api_chat=api_chat,
        api_btn=api_btn,
    )

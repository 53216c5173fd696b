"""The UI's handlers on the real default model, store and voices (no browser)."""

from __future__ import annotations

import re
import wave

import numpy as np
import pytest

from persona.errors import BadInput
from persona.personas import load_persona
from persona.webui import handlers
from persona.webui.services import Services, UiConfig


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    base = tmp_path_factory.mktemp("ui-handlers")
    svc = Services.open(
        UiConfig(
            max_tokens=24,
            roast_n=1,
            roast_max_tokens=30,
            db_path=str(base / "chat.db"),
            upload_root=str(base / "up"),
        )
    )
    yield svc
    svc.close()


def greeting_pattern(persona_id: str) -> re.Pattern[str]:
    """The persona's greetings with whatever name the engine fills in for {{user}}."""
    persona = load_persona(persona_id)
    options = []
    for template in persona.greetings:
        text = re.escape(template.strip())
        text = text.replace(re.escape("{{char}}"), re.escape(persona.name))
        options.append(text.replace(re.escape("{{user}}"), r"[\w ]+"))
    return re.compile("|".join(f"(?:{o})" for o in options))


def test_stream_reply_grows_and_ends_with_the_stored_reply(services):
    session = handlers.start_session(services)
    [greeting] = handlers.chat_messages(session)
    assert greeting["role"] == "assistant"
    assert greeting_pattern("sparky").fullmatch(greeting["content"])
    updates = list(handlers.stream_reply(services, session, "Hello, who are you?"))
    partials = [u.messages[-1]["content"] for u in updates if not u.done]
    assert len(set(partials)) >= 2  # streamed in pieces
    last = updates[-1]
    assert last.done and last.messages == handlers.chat_messages(session)
    assert last.messages[-1]["content"] == last.text and last.text
    assert session.latency.first_token_ms is not None


def test_undo_and_retry(services):
    session = handlers.start_session(services)
    list(handlers.stream_reply(services, session, "Name a fruit."))
    chat, removed = handlers.undo(session)
    assert removed == "Name a fruit." and len(chat) == 1
    with pytest.raises(BadInput, match="nothing to undo"):
        handlers.undo(session)
    with pytest.raises(BadInput, match="retry"):
        list(handlers.stream_reply(services, session, None, retry=True))
    list(handlers.stream_reply(services, session, "Name a fruit."))
    again = list(handlers.stream_reply(services, session, None, retry=True))[-1]
    assert [m["role"] for m in again.messages] == ["assistant", "user", "assistant"]
    assert again.messages[1]["content"] == "Name a fruit."


def test_sessions_do_not_share_memory(services):
    a = handlers.start_session(services)
    b = handlers.start_session(services)
    assert a.session_id != b.session_id and a.workdir != b.workdir
    list(handlers.stream_reply(services, a, "My name is Quorbelle."))
    assert "Quorbelle" in a.conversation.memory_note()
    assert "Quorbelle" not in b.conversation.memory_note()
    assert "Quorbelle" not in str(handlers.chat_messages(b))
    assert "web-" not in str(handlers.chat_messages(b))  # the opaque id is never a name


def test_huge_and_empty_messages_are_refused(services):
    session = handlers.start_session(services)
    with pytest.raises(BadInput, match="too long"):
        list(handlers.stream_reply(services, session, "x" * 5000))
    with pytest.raises(BadInput, match="empty"):
        handlers.check_message("   ")
    assert len(handlers.chat_messages(session)) == 1


def test_persona_switch_and_card_upload(services, tmp_path):
    from persona.personas import export_card

    session = handlers.start_session(services)
    chat = handlers.switch_persona(services, session, "percival")
    assert greeting_pattern("percival").fullmatch(chat[0]["content"])
    card = export_card(load_persona("bleep"), tmp_path / "bleep-card.png")
    choice = handlers.import_persona_card(services, session, card)
    assert choice.startswith(handlers.CARD_PREFIX) and choice in handlers.persona_choices(session)
    assert not card.exists()  # the upload is not kept
    other = handlers.start_session(services)
    assert choice not in handlers.persona_choices(other)  # cards are per session
    with pytest.raises(BadInput, match="not loaded"):
        handlers.resolve_persona(other, choice)


def test_roast_needs_consent_and_a_profile(services):
    session = handlers.start_session(services)
    with pytest.raises(BadInput, match="consent"):
        handlers.roast(services, session, consent=False, intensity="medium")
    with pytest.raises(BadInput, match="profile"):
        handlers.roast(services, session, consent=True, intensity="medium")
    summary, angles = handlers.load_roast_profile(
        session,
        path=None,
        text="I am Dana. I own 14 houseplants and name them all after sandwiches.\n",
    )
    assert "houseplants" in summary + angles
    with pytest.raises(BadInput, match="consent"):  # ticked before this profile was loaded
        handlers.roast(services, session, consent=True, intensity="gentle")
    assert handlers.set_consent(session, True)
    view = handlers.roast(services, session, consent=True, intensity="gentle")
    assert view.text and view.intensity == "gentle"
    harder = handlers.roast(services, session, consent=True, intensity="gentle", action="harder")
    assert harder.intensity == "medium"


def test_consent_is_cleared_when_another_profile_loads(services):
    """Consent belongs to one person: loading someone else's profile needs a new tick."""
    session = handlers.start_session(services)
    assert not handlers.set_consent(session, True)  # no profile yet: nothing to consent to
    handlers.load_roast_profile(session, path=None, text="I am Ada. I knit scarves for cats.\n")
    assert handlers.set_consent(session, True)
    handlers.load_roast_profile(session, path=None, text="I am Bo. I collect rubber ducks.\n")
    with pytest.raises(BadInput, match="consent"):  # the box was still ticked from Ada
        handlers.roast(services, session, consent=True, intensity="gentle")
    assert session.roast is None
    assert handlers.set_consent(session, True)
    assert not handlers.set_consent(session, False)  # unticked: no roast either
    with pytest.raises(BadInput, match="consent"):
        handlers.roast(services, session, consent=True, intensity="gentle")


def test_profile_upload_lives_in_the_session_folder_until_close(services, tmp_path):
    session = handlers.start_session(services)
    upload = tmp_path / "me.txt"
    upload.write_text("I collect vintage toasters and run marathons in costume.\n")
    handlers.load_roast_profile(session, path=upload, text=None)
    assert not upload.exists() and list(session.workdir.glob("profile-*"))
    bad = tmp_path / "broken.zip"
    bad.write_bytes(b"PK\x03\x04 garbage")
    with pytest.raises(BadInput):
        handlers.load_roast_profile(session, path=bad, text=None)
    session.close()
    assert not session.workdir.exists() and session.profile is None


def test_markdown_escape_neutralises_untrusted_text():
    out = handlers.md_escape("[click](http://evil) <img src=x> **bold**")
    assert "\\[" in out and "\\<" in out and "\\*\\*" in out


def test_silent_and_garbage_audio_are_bad_input(services, tmp_path):
    silent = tmp_path / "silence.wav"
    with wave.open(str(silent), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(np.zeros(16000, dtype=np.int16).tobytes())
    with pytest.raises(BadInput, match="couldn't hear"):
        handlers.transcribe(services, silent)
    assert not silent.exists()
    garbage = tmp_path / "noise.wav"
    garbage.write_bytes(b"RIFF\x00\x00not audio at all")
    with pytest.raises(BadInput):
        handlers.transcribe(services, garbage)


def test_beeps_voice_keeps_its_subtitle(services):
    spoken = handlers.speak(
        services, load_persona("bleep"), "Bweep! [Translation: Hi.]", started=0.0
    )
    assert spoken is not None and spoken.samples.dtype == np.int16 and spoken.samples.size
    assert "Translation: Hi." in spoken.subtitle


def test_model_picker_accepts_only_installed_models(services):
    session = handlers.start_session(services)
    installed = services.installed_models()
    assert installed[0] == session.model
    with pytest.raises(BadInput, match="not an installed model"):
        handlers.switch_model(services, session, "no-such-model")
    handlers.switch_model(services, session, installed[0])
    assert session.conversation.backend is services.backend(installed[0])


def test_chat_edits_wait_for_a_running_reply(services):
    session = handlers.start_session(services)
    stream = handlers.stream_reply(services, session, "Tell me a story.")
    next(stream)  # the reply has started
    with pytest.raises(BadInput, match="still answering"):
        handlers.undo(session)
    with pytest.raises(BadInput, match="still answering"):
        handlers.new_conversation(services, session)
    list(stream)
    assert not session.busy
    assert handlers.undo(session)[1] == "Tell me a story."


def test_chat_messages_for_the_browser_are_literal_text():
    [shown] = handlers.plain_text_messages(
        [{"role": "assistant", "content": 'Hi <img src="http://x/p.png">\n& bye'}]
    )
    assert shown == {
        "role": "assistant",
        "content": "Hi &lt;img src=&quot;http://x/p.png&quot;&gt;<br>&amp; bye",
    }


def test_a_reply_runs_ahead_of_a_slow_page(services):
    """The model runs on its own thread: the page gets the newest chat when it asks,
    skipping what it was too slow to see, and the stored reply is the same."""
    import time

    from persona.webui.reply_ahead import ReplyAhead

    session = handlers.start_session(services)
    ahead = ReplyAhead(services, session, "Tell me about your favourite gadget.", speaker=None)
    updates = []
    for update in ahead.updates():
        if update is not None:
            updates.append(update)
        time.sleep(0.05)  # a page that takes its time over each update
    done = updates[-1]
    assert done.done and done.text and done.stored
    ahead.wait(timeout=30)
    assert not session.busy
    assert handlers.chat_messages(session)[-1]["content"] == done.text


def test_a_page_that_goes_away_stops_the_model(services):
    from persona.webui.reply_ahead import ReplyAhead

    session = handlers.start_session(services)
    ahead = ReplyAhead(services, session, "Count to one hundred.", speaker=None)
    stream = ahead.updates()
    next(stream)
    stream.close()  # the browser closed mid-reply: the model stops, the question is kept
    ahead.wait(timeout=30)
    assert not session.busy
    last = handlers.chat_messages(session)[-2:]
    assert last[0] == {"role": "user", "content": "Count to one hundred."}
    assert last[1]["content"].endswith("[stopped]")


def test_a_reply_started_at_a_pause_is_taken_back_when_the_user_goes_on(services):
    """Speculation: a dropped reply leaves no trace, finished (undone) or not (no
    interruption recorded); a confirmed one is the turn, spoken and stored."""
    from persona.webui.reply_ahead import ReplyAhead
    from persona.webui.speech_stream import ReplySpeaker

    session = handlers.start_session(services)
    before = handlers.chat_messages(session)
    done = ReplyAhead(services, session, "What is your name?", speaker=None, speculative=True)
    assert done.wait(60) and not session.busy
    assert handlers.chat_messages(session)[-2]["content"] == "What is your name?"
    done.drop()  # already stored: undone
    assert handlers.chat_messages(session) == before
    cut = ReplyAhead(services, session, "Count to one hundred.", speaker=None, speculative=True)
    cut.drop()  # mid-reply (or before it began): nothing is kept
    assert cut.wait(60) and not session.busy
    assert handlers.chat_messages(session) == before
    voice = services.tts(session.persona.voice.tts or None, session.persona.voice.speed)
    speaker = ReplySpeaker(voice, raw_text=False, started=0.0, whole_sentences=True)
    kept = ReplyAhead(
        services, session, "Name a colour.", speaker=speaker, speculative=True, after=cut
    )
    updates = [u for u in kept.updates() if u is not None]
    assert updates[-1].done and updates[-1].stored and not kept.aborted
    assert list(speaker.rest()) and handlers.chat_messages(session)[-2]["content"] == (
        "Name a colour."
    )

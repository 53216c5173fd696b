"""The app in a real Chromium: streaming chat, personas, retry/undo, roast, voice, isolation."""

from __future__ import annotations

import json
import re
import time
import zipfile
from pathlib import Path

import pytest

from persona.personas import load_persona
from persona.webui.handlers import WAITING
from tests.ui.conftest import open_diagnostics

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "ui"

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def greeting_pattern(persona_id: str) -> re.Pattern[str]:
    """The persona's greetings with whatever name the engine fills in for {{user}}."""
    persona = load_persona(persona_id)
    options = []
    for template in persona.greetings:
        text = re.escape(template.strip())
        text = text.replace(re.escape("{{char}}"), re.escape(persona.name))
        options.append(text.replace(re.escape("{{user}}"), r"[\w ]+"))
    return re.compile("|".join(f"(?:{o})" for o in options))


ROWS_JS = """() => [...document.querySelectorAll('#chatbot .message-row')].map(r =>
    [r.classList.contains('user-row') ? 'user' : 'bot', r.innerText.trim()])"""

WATCH_JS = """() => {
  window.__lens = [];
  const chat = document.querySelector('#chatbot');
  new MutationObserver(() => {
    const rows = chat.querySelectorAll('.message-row.bot-row');
    const last = rows[rows.length - 1];
    if (last) window.__lens.push(last.innerText.trim().length);
  }).observe(chat, {subtree: true, childList: true, characterData: true});
}"""


def rows(page) -> list[list[str]]:
    return page.evaluate(ROWS_JS)


def latency_text(page) -> str:
    return page.inner_text("#latency table")


def wait_reply(page, n_rows: int, old_latency: str) -> list[list[str]]:
    """Until the chat has `n_rows` rows, the last a finished reply (the latency panel moves)."""
    page.wait_for_function(
        """([n, old, waiting]) => {
          const rows = [...document.querySelectorAll('#chatbot .message-row')];
          const last = rows[rows.length - 1];
          return rows.length === n && last && last.classList.contains('bot-row')
            && last.innerText.trim() && !last.innerText.includes(waiting)
            && document.querySelector('#latency table').innerText !== old;
        }""",
        arg=[n_rows, old_latency, WAITING],
    )
    return rows(page)


def send(page, text: str) -> list[list[str]]:
    before = len(rows(page))
    old = latency_text(page)
    page.fill("#msg textarea", text)
    page.press("#msg textarea", "Enter")
    return wait_reply(page, before + 2, old)


def toast_text(page) -> str:
    page.wait_for_selector(".toast-body")
    return " ".join(page.locator(".toast-body").all_inner_texts())


def wait_toast(page, pattern: str) -> None:
    page.wait_for_function(
        "p => [...document.querySelectorAll('.toast-body')]"
        ".some(t => new RegExp(p, 'i').test(t.innerText))",
        arg=pattern,
    )


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_greeting_and_streamed_reply(page):
    [[who, greeting]] = rows(page)
    assert who == "bot" and greeting_pattern("sparky").fullmatch(greeting)
    page.evaluate(WATCH_JS)
    chat = send(page, "Tell me about your favourite gadget.")
    assert chat[1] == ["user", "Tell me about your favourite gadget."]
    reply = chat[2][1]
    assert reply and WAITING not in reply
    lens = [n for n in page.evaluate("window.__lens") if n > 0]
    growth = sorted(set(lens))
    assert len(growth) >= 3, f"the reply did not stream: lengths seen {lens}"
    assert "ms" in latency_text(page)  # first token and whole reply timings are shown
    shot(page, "chat_streamed")


def test_persona_switch_shows_new_greeting(page):
    page.click("#persona input")
    page.click("ul[role=listbox] li:has-text('percival')")
    page.wait_for_function(
        "() => document.querySelector('#chatbot .message-row')?.innerText.includes('Percival')"
    )
    [[who, greeting]] = rows(page)
    assert who == "bot" and greeting_pattern("percival").fullmatch(greeting)
    chat = send(page, "Hello there.")
    assert len(chat) == 3
    shot(page, "persona_percival")


def test_undo_retry_new(page):
    greeting = rows(page)[0]
    send(page, "What is two plus two?")
    page.click("#undo")
    page.wait_for_function("() => document.querySelectorAll('#chatbot .message-row').length === 1")
    assert page.input_value("#msg textarea") == "What is two plus two?"
    send(page, "Name a colour.")
    old = latency_text(page)
    page.click("#retry")
    chat = wait_reply(page, 3, old)
    assert chat[1] == ["user", "Name a colour."]
    page.click("#new")
    page.wait_for_function("() => document.querySelectorAll('#chatbot .message-row').length === 1")
    assert rows(page) == [greeting]


def test_sessions_are_isolated(browser, ui_server, page):
    secret = "Quillibrant"
    send(page, f"My name is {secret} and my secret word is {secret}.")
    other_ctx = browser.new_context()
    other = other_ctx.new_page()
    other.set_default_timeout(60_000)
    other.goto(ui_server.url)
    other.wait_for_selector("#chatbot .message-row")
    open_diagnostics(other)
    chat = send(other, "What is my name? What is my secret word?")
    assert secret not in json.dumps(chat)
    assert secret not in other.content()
    dirs_before = ui_server.session_dirs()
    other_ctx.close()  # the server drops that session and its folder
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(ui_server.session_dirs()) >= len(dirs_before):
        time.sleep(0.5)
    assert len(ui_server.session_dirs()) < len(dirs_before)
    assert secret in json.dumps(rows(page))  # the first session still has its own chat


def test_roast_from_uploaded_profile(page, ui_server):
    page.click("button[role=tab]:has-text('Roast')")
    page.set_input_files(
        "#profile-file input[type=file]", str(ROOT / "examples" / "profiles" / "freetext.txt")
    )
    page.wait_for_selector("#profile-file :text('freetext.txt')")
    page.click("#load-profile")
    page.wait_for_function("() => document.querySelector('#profile-angles').innerText.trim()")
    assert page.locator("#roast").is_disabled()  # no consent, no roast
    page.click("#consent input")
    page.wait_for_function("() => !document.querySelector('#roast').disabled")
    page.click("#roast")
    page.wait_for_function(
        "() => document.querySelector('#roast-text textarea').value.trim().length > 0"
    )
    first = page.input_value("#roast-text textarea")
    page.wait_for_selector("#roast-audio audio, #roast-audio a[download]", state="attached")
    page.click("#harder")
    page.wait_for_function(
        "t => document.querySelector('#roast-text textarea').value !== t", arg=first
    )
    # The roast streams: the intensity lands with its pieces, not necessarily the first.
    page.wait_for_function("() => document.querySelector('#intensity input[value=spicy]').checked")
    assert page.locator("#intensity input[value=spicy]").is_checked()
    assert any(d.glob("profile-*") for d in ui_server.session_dirs())
    shot(page, "roast")
    page.fill("#profile-text textarea", "I am Bo. I collect rubber ducks and name them.")
    page.click("#load-profile")  # someone else: their consent has not been given
    page.wait_for_function("() => document.querySelector('#roast').disabled")
    assert not page.locator("#consent input").is_checked()


def test_card_greeting_is_plain_text_and_fetches_nothing(page, tmp_path: Path):
    """An <img> in an uploaded card's greeting must not make the browser fetch it."""
    import http.server
    import threading

    hits: list[str] = []

    class Counter(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the stdlib's name
            hits.append(self.path)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Counter)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    card = tmp_path / "pixel.json"
    card.write_text(
        json.dumps(
            {
                "spec": "chara_card_v2",
                "spec_version": "2.0",
                "data": {
                    "name": "Pixel",
                    "description": "A small robot.",
                    "first_mes": f'Hi! <img src="{url}/track.png"> **bold** [link]({url}/x)',
                },
            }
        )
    )
    try:
        with page.expect_file_chooser() as chooser:
            page.click("#card-upload")
        chooser.value.set_files(str(card))
        page.wait_for_function(
            "() => document.querySelector('#chatbot .message-row')?.innerText.includes('track')"
        )
        page.wait_for_timeout(1000)  # time for any image request to go out
        [[who, greeting]] = rows(page)
        assert who == "bot" and f'<img src="{url}/track.png">' in greeting
        assert "**bold**" in greeting and page.locator("#chatbot img[src*=track]").count() == 0
        assert hits == []
    finally:
        server.shutdown()


def test_voice_turn_from_microphone(page):
    page.click("#mic button.record-button")
    page.wait_for_timeout(3000)  # let the fake microphone play the sentence
    page.click("#mic button.stop-button")
    page.wait_for_function("() => document.querySelector('#transcript textarea').value.length > 0")
    heard = page.input_value("#transcript textarea").lower()
    assert "robot" in heard or "colour" in heard or "color" in heard, heard
    page.wait_for_selector("#reply-audio a[download]", state="attached")
    page.wait_for_function(
        "() => !document.querySelector('#latency table').innerText.includes('transcription\\t–')"
    )
    table = latency_text(page)
    assert table.count("ms") == 4, table  # transcription, first token, reply, first audio
    chat = rows(page)
    assert chat[-2][0] == "user" and chat[-2][1].lower() == heard
    shot(page, "voice")


def test_beeps_voice_shows_subtitle(page):
    page.click("#persona input")
    page.click("ul[role=listbox] li:has-text('bleep')")
    page.wait_for_function("() => document.querySelectorAll('#chatbot .message-row').length === 1")
    chat = send(page, "Are you ready?")
    page.wait_for_function("() => document.querySelector('#subtitle').innerText.trim()")
    subtitle = page.inner_text("#subtitle").strip()
    assert subtitle and subtitle.split()[0].strip("*[") in chat[-1][1]


def test_bad_input_keeps_the_app_working(page, tmp_path: Path):
    page.fill("#msg textarea", "spam " * 1000)
    page.press("#msg textarea", "Enter")
    assert "too long" in toast_text(page)
    wrong = tmp_path / "notes.exe"
    wrong.write_bytes(b"MZ")
    with page.expect_file_chooser() as chooser:
        page.click("#card-upload")
    chooser.value.set_files(str(wrong))
    wait_toast(page, "file type|character card")
    page.click("button[role=tab]:has-text('Roast')")
    corrupt = tmp_path / "archive.zip"
    corrupt.write_bytes(b"PK\x03\x04 this is not really a zip")
    page.set_input_files("#profile-file input[type=file]", str(corrupt))
    page.wait_for_selector("#profile-file :text('archive.zip')")
    page.click("#load-profile")
    wait_toast(page, "zip|archive")
    page.click("button[role=tab]:has-text('Chat')")
    chat = send(page, "Still there?")
    assert chat[-1][0] == "bot" and chat[-1][1]
    shot(page, "bad_input")


def test_roast_zip_archive_is_accepted(page, tmp_path: Path):
    """A real export archive (the GitHub example) loads and shows a summary."""
    page.click("button[role=tab]:has-text('Roast')")
    page.set_input_files(
        "#profile-file input[type=file]", str(ROOT / "examples" / "profiles" / "github.zip")
    )
    page.wait_for_selector("#profile-file :text('github.zip')")
    page.click("#load-profile")
    page.wait_for_function(
        "() => document.querySelector('#profile-summary').innerText.includes('github')"
    )
    assert zipfile.is_zipfile(ROOT / "examples" / "profiles" / "github.zip")


def test_second_user_sees_they_are_waiting(browser, ui_server, page):
    other_ctx = browser.new_context()
    other = other_ctx.new_page()
    other.set_default_timeout(60_000)
    other.goto(ui_server.url)
    other.wait_for_selector("#chatbot .message-row")
    open_diagnostics(other)
    other.evaluate("""() => { window.__waited = false;
      new MutationObserver(() => {
        const t = document.body.innerText;
        if (/queue: *\\d+\\/\\d+/.test(t)) window.__waited = true;
      }).observe(document.body, {subtree: true, childList: true, characterData: true}); }""")
    old_a, old_b = latency_text(page), latency_text(other)
    page.fill("#msg textarea", "Count slowly from one to twenty.")
    other.fill("#msg textarea", "Tell me about the weather.")
    page.press("#msg textarea", "Enter")
    other.press("#msg textarea", "Enter")
    wait_reply(page, 3, old_a)
    wait_reply(other, 3, old_b)
    assert other.evaluate("window.__waited"), "the queued user never saw a queue position"
    other_ctx.close()


AUDIO_JS = "() => window.robotAudio && window.robotAudio.stats"


def wait_streaming(page, n_rows: int) -> None:
    """Until the reply in row `n_rows` has begun to stream (its first words are shown)."""
    page.wait_for_function(
        """([n, waiting]) => { const r = document.querySelectorAll('#chatbot .message-row');
          const last = r[r.length - 1];
          return r.length === n && last.classList.contains('bot-row')
            && last.innerText.trim().length > 3 && !last.innerText.includes(waiting); }""",
        arg=[n_rows, WAITING],
    )


def test_reload_keeps_this_browsers_conversation(browser, ui_server, page):
    """The conversation lives in the server's database under this browser's own key."""
    chat = send(page, "My favourite number is 4711.")
    page.reload()
    open_diagnostics(page)
    page.wait_for_function(
        "n => document.querySelectorAll('#chatbot .message-row').length === n", arg=len(chat)
    )
    assert rows(page) == chat
    stranger = browser.new_context()
    other = stranger.new_page()
    other.goto(ui_server.url)
    other.wait_for_selector("#chatbot .message-row")
    assert "4711" not in json.dumps(rows(other))  # another browser starts its own chat
    stranger.close()


def test_stop_keeps_what_was_said_and_the_chat_goes_on(page):
    page.fill("#msg textarea", "Tell me a long story about a robot who learns to cook.")
    page.press("#msg textarea", "Enter")
    wait_streaming(page, 3)
    page.click("#stop")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#chatbot .message-row')].pop()"
        "?.innerText.includes('[stopped]')"
    )
    assert page.evaluate("() => window.robotAudio.speaking()") is False
    chat = send(page, "Thanks. Now say hello.")
    assert "[stopped]" in chat[2][1] and chat[-1][0] == "bot" and chat[-1][1]


def test_switching_persona_mid_reply_stops_the_old_one(page):
    page.fill("#msg textarea", "Tell me everything about your favourite gadgets.")
    page.press("#msg textarea", "Enter")
    wait_streaming(page, 3)
    page.click("#persona input")
    page.click("ul[role=listbox] li:has-text('percival')")
    pattern = greeting_pattern("percival")
    page.wait_for_function(
        "() => document.querySelectorAll('#chatbot .message-row').length === 1"
        " && document.querySelector('#chatbot .message-row').innerText.includes('Percival')"
    )
    page.wait_for_timeout(3000)  # anything the old reply still sent would land by now
    [[who, greeting]] = rows(page)
    assert who == "bot" and pattern.fullmatch(greeting)
    assert page.input_value("#persona input") == "percival"
    assert page.inner_text("#subtitle").strip() == ""


def test_subtitle_shows_what_plays_and_never_a_stopped_reply(page):
    """The player draws the subtitle: a piece's text shows as it plays, a stopped reply's
    late piece never shows, and the next reply's does (the switch race, made certain)."""
    silence = "AAAA" * 800  # 75 ms of int16 silence at 16 kHz, base64

    def feed(message: dict) -> None:
        page.evaluate("(m) => window.robotAudio.feed(JSON.stringify(m))", message)

    def subtitle() -> str:
        return page.inner_text("#subtitle").strip()

    def piece(turn: str, seq: int, text: str) -> dict:
        return {"turn": turn, "seq": seq, "rate": 16000, "pcm": silence, "text": text}

    page.click("#msg textarea")  # a gesture: the page may start audio
    feed({"state": "thinking"})
    feed(piece("old", 0, "Old words."))
    feed(piece("old", 1, "More old words."))
    page.wait_for_function(
        "() => document.querySelector('#subtitle').innerText.includes('More old words.')"
    )
    assert subtitle() == "Old words. More old words."
    page.evaluate("() => window.robotAudio.stop(true)")  # New or a persona switch
    feed(piece("old", 2, "Late old words."))
    page.wait_for_timeout(600)
    assert subtitle() == ""
    feed({"state": "thinking"})
    feed(piece("new", 0, "New words."))
    page.wait_for_function("() => document.querySelector('#subtitle').innerText.trim()")
    assert subtitle() == "New words."
    page.evaluate("() => window.robotAudio.stop()")  # Stop keeps what was said
    assert subtitle() == "New words."


def test_reply_is_spoken_sentence_by_sentence(page):
    """Audio pieces reach the page's player while the reply is written, and it plays them."""
    page.evaluate("""() => { window.__states = [];
      new MutationObserver(() => window.__states.push(
        document.querySelector('#robot-state').dataset.state)).observe(
        document.querySelector('#robot-state'), {attributes: true}); }""")
    chat = send(page, "Say two short sentences about the sea.")
    page.wait_for_function("() => window.robotAudio.stats.pieces > 0")
    page.wait_for_function("() => document.querySelector('#robot-state').dataset.state === 'ready'")
    stats = page.evaluate(AUDIO_JS)
    turn = stats["turns"][stats["lastTurn"]]
    assert turn["pieces"] >= 1 and turn["firstSound"] > 0
    states = page.evaluate("window.__states")
    assert "thinking" in states and "speaking" in states, states
    assert chat[-1][1]
    page.wait_for_selector("#reply-audio audio, #reply-audio a[download]", state="attached")


def test_the_server_never_suggests_a_public_link(ui_server, page):
    log = ui_server.log.read_text(errors="replace")
    assert "persona ui: open http://localhost:" in log
    assert "share=True" not in log and "public link" not in log

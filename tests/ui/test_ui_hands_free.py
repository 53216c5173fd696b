"""Hands-free in a real Chromium: the open mic (a scripted WAV as the fake microphone) ends
turns by the voice loop's endpointing, the reply is spoken while it is written, and talking
over the robot stops it."""

from __future__ import annotations

import pytest

from tests.ui.conftest import launch_chromium, open_diagnostics, spoken_wav

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

QUESTION = "Please tell me a long story about a brave little robot."
OVER = "Please tell me a joke about robots."

ROWS_JS = """() => [...document.querySelectorAll('#chatbot .message-row')].map(r =>
    [r.classList.contains('user-row') ? 'user' : 'bot', r.innerText.trim()])"""


@pytest.fixture(scope="module")
def talker(playwright_driver, tmp_path_factory):
    """A speaker who asks for a story, waits 3 s, talks over the robot, then stays quiet
    (Chromium loops the file, so the quiet part is long). At 3 s the robot is writing or
    saying its reply on any machine: asked for a long story, the small model may still say
    one short sentence, which a longer wait let it finish (CI saw that)."""
    wav = spoken_wav(tmp_path_factory.mktemp("talker") / "talker.wav", [QUESTION, 3.0, OVER, 40.0])
    browser = launch_chromium(playwright_driver, wav)
    yield browser
    browser.close()


def test_hands_free_turns_answers_and_barge_in(talker, ui_server):
    context = talker.new_context(
        viewport={"width": 1280, "height": 1400}, permissions=["microphone"]
    )
    page = context.new_page()
    page.set_default_timeout(90_000)
    page.goto(ui_server.url)
    page.wait_for_selector("#chatbot .message-row")
    open_diagnostics(page)
    page.click("#hands-free input")
    page.wait_for_function(
        "() => document.querySelector('#robot-state').dataset.state === 'listening'"
    )
    # The question, heard without pressing anything, and answered.
    page.wait_for_function(
        "() => [...document.querySelectorAll('#chatbot .message-row.user-row')].length >= 1"
    )
    first_question = page.evaluate(ROWS_JS)[1][1].lower()
    assert "story" in first_question or "robot" in first_question, first_question
    # Talking over the robot stops that reply; the new question gets its own answer.
    page.wait_for_function(
        "() => [...document.querySelectorAll('#chatbot .message-row.user-row')].length >= 2"
    )
    page.wait_for_function(
        "() => { const r = [...document.querySelectorAll('#chatbot .message-row')];"
        " return r.length >= 5 && r[r.length - 1].classList.contains('bot-row')"
        " && r[r.length - 1].innerText.trim().length > 0; }"
    )
    chat = page.evaluate(ROWS_JS)
    assert chat[2][0] == "bot" and "[interrupted by the user]" in chat[2][1], chat
    # Said over the robot's voice, the words come through the browser's echo canceller
    # (double talk), so only that a second question was heard is checked.
    assert chat[3][0] == "user" and len(chat[3][1].split()) >= 3, chat
    page.wait_for_function("() => window.robotAudio.stats.pieces > 0")
    stats = page.evaluate("() => window.robotAudio.stats")
    assert stats["stops"] >= 1
    measured = [
        t["lastWordToFirstSound"] for t in stats["turns"].values() if "lastWordToFirstSound" in t
    ]
    assert measured and all(0 < ms < 60_000 for ms in measured), stats
    page.click("#hands-free input")  # off: the mic closes, the state says ready
    page.wait_for_function("() => document.querySelector('#robot-state').dataset.state === 'ready'")
    context.close()

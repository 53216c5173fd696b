"""A first-time user's walk through the app, at desktop and phone sizes, in a real Chromium:
pick a persona card, chat (streamed), stop a reply, switch persona, talk through the mic,
roast an uploaded profile with consent. Screenshots are kept as test artifacts; with
PERSONA_REFRESH_SCREENSHOTS=1 they also replace the README's pictures in docs/screenshots."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.ui.conftest import ARTIFACTS

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "screenshots"
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

ROWS_JS = """() => [...document.querySelectorAll('#chatbot .message-row')].map(r =>
    [r.classList.contains('user-row') ? 'user' : 'bot', r.innerText.trim()])"""
GROWTH_JS = """() => { window.__lens = [];
  new MutationObserver(() => { const rows = document.querySelectorAll('#chatbot .bot-row');
    const last = rows[rows.length - 1]; if (last) window.__lens.push(last.innerText.length); })
  .observe(document.querySelector('#chatbot'),
           {subtree: true, childList: true, characterData: true}); }"""


def rows(page):
    return page.evaluate(ROWS_JS)


def shot(page, size: str, step: str) -> None:
    path = ARTIFACTS / f"walkthrough-{size}-{step}.png"
    page.screenshot(path=str(path), full_page=size == "phone")
    if os.environ.get("PERSONA_REFRESH_SCREENSHOTS") == "1":
        DOCS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, DOCS / f"{size}-{step}.png")


def pick_card(page, name: str) -> None:
    page.click(f"#persona-cards button.persona-card:has-text('{name}')")
    page.wait_for_function(  # the picker shows it and its greeting starts the chat
        "n => document.querySelector('#persona input').value === n"
        " && document.querySelectorAll('#chatbot .message-row').length === 1",
        arg=name.lower(),
    )


def say(page, text: str) -> list:
    before = len(rows(page))
    page.fill("#msg textarea", text)
    page.press("#msg textarea", "Enter")
    page.wait_for_function(
        "n => { const r = [...document.querySelectorAll('#chatbot .message-row')];"
        " return r.length >= n && !r[r.length - 1].innerText.includes('waiting')"
        " && document.querySelector('#robot-state').dataset.state !== 'thinking'; }",
        arg=before + 2,
    )
    return rows(page)


@pytest.mark.parametrize("size", list(SIZES))
def test_first_time_user(browser, ui_server, size):
    context = browser.new_context(viewport=SIZES[size], permissions=["microphone"])
    page = context.new_page()
    page.set_default_timeout(90_000)
    page.goto(ui_server.url)
    page.wait_for_selector("#persona-cards button.persona-card")
    assert page.locator("#persona-cards button.persona-card").count() >= 3
    shot(page, size, "1-pick")

    pick_card(page, "Percival")
    page.evaluate(GROWTH_JS)
    chat = say(page, "Good day! What do you do?")
    assert chat[-2] == ["user", "Good day! What do you do?"] and chat[-1][0] == "bot"
    assert len(set(page.evaluate("window.__lens"))) >= 3, "the reply did not stream"
    shot(page, size, "2-chat")

    before = len(rows(page))
    page.fill("#msg textarea", "Please tell me a long story about the house you serve.")
    page.press("#msg textarea", "Enter")
    page.wait_for_function(  # the reply has begun to stream
        "n => { const r = document.querySelectorAll('#chatbot .message-row');"
        " const t = r[r.length - 1].innerText.trim();"
        " return r.length === n && t.length > 3 && !t.includes('waiting'); }",
        arg=before + 2,
    )
    page.click("#stop")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#chatbot .bot-row')].pop().innerText"
        ".includes('[stopped]')"
    )

    pick_card(page, "Bleep")
    assert len(rows(page)) == 1  # a fresh conversation with the new robot

    page.click("#mic button.record-button")
    page.wait_for_timeout(3000)  # the fake microphone says its sentence
    page.click("#mic button.stop-button")
    page.wait_for_function("() => document.querySelector('#transcript textarea').value.length > 0")
    page.wait_for_function(
        "() => document.querySelectorAll('#chatbot .message-row').length >= 3"
        " && document.querySelector('#robot-state').dataset.state !== 'thinking'"
    )
    assert rows(page)[1][0] == "user"
    shot(page, size, "3-voice")

    page.click("button[role=tab]:has-text('Roast')")
    page.set_input_files(
        "#profile-file input[type=file]", str(ROOT / "examples" / "profiles" / "freetext.txt")
    )
    page.wait_for_function(
        "() => document.querySelector('#profile-file').innerText.includes('freetext')"
    )
    page.click("#load-profile")
    page.wait_for_function("() => document.querySelector('#profile-angles').innerText.trim()")
    assert page.locator("#roast").is_disabled()
    page.click("#consent input")
    page.wait_for_function("() => !document.querySelector('#roast').disabled")
    page.click("#roast")
    page.wait_for_function(
        "() => document.querySelector('#roast-text textarea').value.trim().length > 0"
    )
    assert "freetext" in page.inner_text("#profile-file")  # the file's name stays shown
    shot(page, size, "4-roast")
    context.close()

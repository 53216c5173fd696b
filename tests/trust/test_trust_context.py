"""A persona card too big for the context says so, not "the message is too long" (issue 14)."""

from __future__ import annotations

import json

import pytest

from persona.chat.context import MIN_MESSAGE_ROOM, fit_prompt
from persona.errors import BadInput
from persona.llm.base import Message


def _words(text: str) -> int:
    return len(text.split())


def _fit(system: str, message: str, budget: int = 300):
    return fit_prompt(
        system=system,
        history=[],
        new_message=Message("user", message),
        count_tokens=_words,
        budget=budget,
        context_length=budget + 100,
    )


def test_a_persona_prompt_that_leaves_no_room_is_blamed():
    with pytest.raises(BadInput) as caught:
        _fit("word " * 400, "hello")
    text = str(caught.value)
    assert "persona's prompt is too big for the model's context" in text
    assert "406 tokens" in text and "only 300 fit" in text and "less 100 for the reply" in text
    assert "description" in text and "--n-ctx" in text
    assert "message is too long" not in text


def test_a_long_message_after_a_small_persona_is_still_the_message():
    with pytest.raises(BadInput, match="the message is too long .* about 292 fit"):
        _fit("be kind", "word " * 290)
    crowded = "word " * (300 - MIN_MESSAGE_ROOM + 20)  # leaves under the minimum room
    assert _fit(crowded, "hi").prompt_tokens <= 300  # a short message still fits
    with pytest.raises(BadInput, match="persona's prompt"):
        _fit(crowded, "word " * 100)


def test_cli_reports_an_oversize_card(cli, tmp_path):
    description = " ".join(f"Zork keeps item number {i} on the top shelf." for i in range(700))
    card = {
        "spec": "chara_card_v2",
        "spec_version": "2.0",
        "data": {
            "name": "Zork",
            "description": description,
            "personality": "grumpy",
            "scenario": "",
            "first_mes": "Hello.",
            "mes_example": "<START>\n{{user}}: hi\n{{char}}: go away",
        },
    }
    path = tmp_path / "zork.json"
    path.write_text(json.dumps(card), encoding="utf-8")
    db = str(tmp_path / "c.db")
    proc = cli("chat", "--once", "hi", "--persona", str(path), "--db", db, "--max-tokens", "20")
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "persona's prompt is too big for the model's context" in lines[0]
    assert "only 2,028 fit (a 2,048-token context less 20 for the reply)" in lines[0]
    assert "--n-ctx" in lines[0] and "description" in lines[0]

"""`chat_prompt` against reference renderings, and the proof that the engine, the prefill
and `personas show --system` send or show exactly what it returns.

PERSONA_REFRESH_REFERENCES=1 rewrites the files in tests/chat/reference/ (read them after).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pytest

from persona.chat import ChatStore, Conversation, Fact, ReplyDone
from persona.chat.known import known_answer
from persona.chat.prompt import ChatPrompt, chat_prompt, prompt_prefix, render_chat_prompt
from persona.llm import GenerationOptions
from persona.llm.base import Message
from persona.personas import load_persona, render_greeting
from tests.fakes import ScriptedBackend

REFERENCE = Path(__file__).parent / "reference"
REFRESH = os.environ.get("PERSONA_REFRESH_REFERENCES") == "1"
OPTS = GenerationOptions(max_tokens=48, temperature=0.0, seed=1)
REPLY = "Sure thing, that sounds fun to me!"


def count(text: str) -> int:
    return max(1, len(text) // 4)  # ScriptedBackend's count, so engine tests agree


def greeting(persona_id: str, name: str | None = None) -> Message:
    return Message(
        "assistant", render_greeting(load_persona(persona_id), user_name=name or "friend")
    )


def build(persona_id: str, **kw) -> ChatPrompt:
    kw.setdefault("context_length", 4096)
    kw.setdefault("reply_tokens", OPTS.max_tokens)
    return chat_prompt(load_persona(persona_id), count_tokens=count, **kw)


def long_history() -> list[Message]:
    history = [greeting("sparky", "bob")]
    for i in range(29):
        history += [
            Message("user", f"Tell me thing number {i} about robots."),
            Message("assistant", REPLY),
        ]
    return history


CASES = {
    "sparky_first_turn": lambda: build(
        "sparky", history=[greeting("sparky")], user_text="Hi! What do you like doing?"
    ),
    "percival_name_and_fact": lambda: build(
        "percival",
        history=[
            greeting("percival", "ada"),
            Message("user", "My name is Ada and I live in Lisbon."),
            Message("assistant", REPLY),
        ],
        user_text="What do you think of rain?",
        user_name="Ada",
        facts=[Fact("name", "Ada"), Fact("lives_in", "Lisbon")],
    ),
    "bleep_known_answer": lambda: build(
        "bleep",
        history=[greeting("bleep")],
        user_text="What is 2 plus 3?",
        known_say=known_answer("What is 2 plus 3?", earlier=[], persona_name="Bleep").say,
    ),
    "sparky_long_history_trimmed": lambda: build(
        "sparky",
        history=long_history(),
        user_text="And one more thing?",
        user_name="bob",
        context_length=900,
    ),
    "percival_next_turn_start": lambda: build(
        "percival",
        history=[greeting("percival", "ada")],
        user_text=None,
        user_name="Ada",
        facts=[Fact("name", "Ada")],
    ),
}


def rendering(prompt: ChatPrompt) -> str:
    return (
        f"# used_examples: {prompt.used_examples}, dropped_turns: {prompt.dropped_turns}, "
        f"prompt_tokens: {prompt.prompt_tokens}\n{render_chat_prompt(prompt)}"
    )


@pytest.mark.parametrize("case", sorted(CASES))
def test_reference_rendering(case):
    text = rendering(CASES[case]())
    path = REFERENCE / f"{case}.txt"
    if REFRESH:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path.name} is missing: run with PERSONA_REFRESH_REFERENCES=1"
    assert text == path.read_text(encoding="utf-8")


def test_trimming_and_the_stable_prefix():
    trimmed = CASES["sparky_long_history_trimmed"]()
    assert not trimmed.used_examples and trimmed.dropped_turns > 0
    assert trimmed.messages[1].role == "user"  # never an answer without its question
    # Who the user is and what they said change only the end: the KV-cached start stays.
    prefix = prompt_prefix(load_persona("percival"))
    for case in ("percival_name_and_fact", "percival_next_turn_start"):
        assert list(CASES[case]().messages[: len(prefix)]) == prefix
    start = CASES["percival_next_turn_start"]()
    full = build(
        "percival",
        history=[greeting("percival", "ada")],
        user_text="Hello",
        user_name="Ada",
        facts=[Fact("name", "Ada")],
    )
    assert full.messages[: len(start.messages)] == start.messages
    assert full.messages[len(start.messages) :][0] == Message("user", "Hello")


class PrefillBackend(ScriptedBackend):
    """Records the prefills too (the llama backend's speed-up, run on a thread)."""

    def __init__(self, *args, **kw) -> None:
        super().__init__(*args, **kw)
        self.prefills: list[list[Message]] = []

    def prefill(self, messages) -> bool:
        self.prefills.append(list(messages))
        return True


def test_the_engine_sends_what_chat_prompt_returns(tmp_path):
    store = ChatStore.open(tmp_path / "chat.db")
    backend = PrefillBackend([REPLY] * 8)
    conv = Conversation.open(
        persona=load_persona("percival"), backend=backend, store=store, user="ada", options=OPTS
    )
    conv.greet()
    list(conv.send("My name is Ada and I live in Lisbon."))
    history = conv.history()
    text = "What is 2 plus 3?"
    events = list(conv.send(text))
    store.close()
    expected = build(
        "percival",
        history=history,
        user_text=text,
        user_name="Ada",
        facts=[Fact("name", "Ada"), Fact("lives_in", "Lisbon")],
        known_say=known_answer(text, earlier=[history[1].content], persona_name="Percival").say,
    )
    messages, options = backend.requests[-1]
    assert messages == list(expected.messages)
    assert options.stop == expected.stop  # OPTS has no stop strings of its own
    done = events[-1]
    assert isinstance(done, ReplyDone) and done.prompt_tokens == expected.prompt_tokens
    # The prefill after the first reply is the start of the second prompt.
    first_prefill = backend.prefills[0]
    assert messages[: len(first_prefill)] == first_prefill
    assert first_prefill[-1] == Message("assistant", history[-1].content)


def test_personas_show_system_prints_chat_prompt(capsys):
    from persona.cli import personas_cmd

    parser = argparse.ArgumentParser(prog="persona")
    personas_cmd.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["personas", "show", "percival", "--system", "--user", "Ada"])
    assert args.func(args) == 0
    out = capsys.readouterr().out
    expected = build(
        "percival",
        history=[greeting("percival", "Ada")],
        user_text=personas_cmd.SHOWN_MESSAGE,
        user_name="Ada",
        context_length=2048,
        reply_tokens=256,
    )
    assert out.startswith(render_chat_prompt(expected))
    assert out.count("\n# ") == 1  # and one line saying what it is


def test_a_full_context_drops_old_turns_in_blocks_so_its_start_stays_cached():
    # The model keeps the prompt's start cached; each change of the first kept turn makes it
    # read all the kept history again. As a chat grows a turn at a time, the start may move
    # only every few turns, and every prompt still fits.
    from persona.chat.context import DROP_BLOCK, fit_prompt
    from persona.llm.base import Message

    history: list[Message] = [Message("assistant", "Hello there, I am a robot.")]
    starts = []
    for turn in range(40):
        fitted = fit_prompt(
            system="You are a robot. " * 10,
            history=history,
            new_message=Message("user", f"Question {turn}: tell me about robots, please."),
            count_tokens=lambda text: len(text.split()),
            budget=300,
        )
        assert fitted.prompt_tokens <= 300
        kept = fitted.messages[1:-1]
        if fitted.dropped_turns:
            assert kept[0].role == "user"  # never an answer without its question
        starts.append(fitted.dropped_turns)
        history += [
            Message("user", f"Question {turn}: tell me about robots, please."),
            Message("assistant", "Robots are machines that help people with their work. " * 2),
        ]
    moves = [i for i in range(1, len(starts)) if starts[i] != starts[i - 1]]
    assert len(moves) >= 3  # the context did fill, again and again
    gaps = [b - a for a, b in zip(moves, moves[1:], strict=False)]
    # Never two turns in a row; mostly a block's worth of exchanges apart (3 here).
    assert min(gaps) >= 2 and sum(gaps) / len(gaps) >= DROP_BLOCK / 2 - 0.5, starts

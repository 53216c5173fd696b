"""The adapters' shared conversation pool, on a scripted model: who remembers what, roast
mode from the chat, and one turn at a time."""

from __future__ import annotations

import threading
import time
from types import SimpleNamespace

import pytest

from persona.adapters.conversations import ChatTurn, ConversationPool, roast_request
from persona.chat import ChatStore, ReplyDelta, ReplyDone
from persona.errors import BadInput
from persona.llm import GenerationOptions
from persona.personas import load_persona
from tests.fakes import ScriptedBackend

REPLIES = [
    "Oh, lovely to meet you! The lab is sunny today.",
    "I am doing great, thanks for asking!",
    "Wires and gears, that is what I dream of.",
    "A fine question; I like the rain.",
]


@pytest.fixture
def setup(tmp_path):
    backend = ScriptedBackend(REPLIES * 5)
    store = ChatStore.open(tmp_path / "chat.db")
    services = SimpleNamespace(
        backend=lambda _model: backend,
        store=store,
        config=SimpleNamespace(roast_n=1, roast_max_tokens=40),
        options=lambda: GenerationOptions(max_tokens=40, seed=1),
    )
    pool = ConversationPool(services)
    yield pool, backend, store
    store.close()


def reply(pool: ConversationPool, **turn) -> str:
    turn.setdefault("persona", load_persona("sparky"))
    events = list(pool.start(ChatTurn(**turn)))
    assert isinstance(events[-1], ReplyDone)
    assert "".join(e.text for e in events if isinstance(e, ReplyDelta)) == events[-1].text
    return events[-1].text


def prompt_text(backend: ScriptedBackend, index: int = -1) -> str:
    return "\n".join(m.content for m in backend.requests[index][0])


def test_roast_requests_are_parsed():
    assert roast_request("/roast I'm a dentist.") == "I'm a dentist."
    assert roast_request("Roast me: I run marathons") == "I run marathons"
    assert roast_request("/roast") == ""
    assert roast_request("roast me") is None
    assert roast_request("please /roast me") is None


def test_a_user_conversation_continues_and_a_fresh_one_keeps_the_memory(setup):
    pool, backend, store = setup
    reply(pool, text="Hi, my name is Zelda and I like kites.", user="zelda")
    reply(pool, text="How are you?", user="zelda")
    assert "I like kites" in prompt_text(backend)  # the earlier turn is in the history
    reply(pool, text="Tell me about dreams.", user="zelda", fresh=True)
    prompt = prompt_text(backend)
    assert "I like kites" not in prompt and "Zelda" in prompt  # new history, same memory
    assert {f.value for f in store.facts("zelda")} >= {"Zelda"}


def test_an_anonymous_turn_keeps_nothing_but_sees_its_history(setup):
    pool, backend, store = setup
    reply(
        pool,
        text="And what about you?",
        history=(("My name is Quentin, I love jazz.", "Jazz is lovely!"),),
    )
    assert "I love jazz" in prompt_text(backend)
    assert store.users() == []


def test_roast_mode_asks_consent_and_never_reads_a_path(setup):
    pool, backend, _store = setup
    question = reply(pool, text="/roast /no/such/profile.txt", user="ada")
    assert "yes" in question.lower() and not backend.requests  # no model call to ask
    reply(pool, text="/roast I'm a dentist who owns four cats.", user="ada")
    before = len(backend.requests)
    reply(pool, text="yes", user="ada")
    assert len(backend.requests) > before
    assert "dentist" in prompt_text(backend).lower()
    reply(pool, text="stop", user="ada")  # an apology, and roast mode ends
    before = len(backend.requests)
    reply(pool, text="How are you?", user="ada")
    assert len(backend.requests) == before + 1  # a plain chat turn again


def test_bad_turns_fail_before_anything_runs(setup):
    pool, backend, store = setup
    for text in ("", "x" * 5000, "/roast   "):
        with pytest.raises(BadInput):
            pool.start(ChatTurn(persona=load_persona("sparky"), text=text, user="ada"))
    assert not backend.requests


def test_an_aborted_turn_that_waited_never_generates(setup):
    pool, backend, _store = setup
    abort = threading.Event()
    events = pool.start(ChatTurn(persona=load_persona("sparky"), text="Hello!"), abort=abort)
    abort.set()
    assert list(events) == [] and not backend.requests


def test_turns_generate_one_at_a_time(setup):
    pool, backend, _store = setup
    active, peak = [0], [0]
    stream = backend.stream_chat

    def slow_stream(*args, **kwargs):
        active[0] += 1
        peak[0] = max(peak[0], active[0])
        try:
            for delta in stream(*args, **kwargs):
                time.sleep(0.002)
                yield delta
        finally:
            active[0] -= 1

    backend.stream_chat = slow_stream
    threads = [
        threading.Thread(target=reply, kwargs={"pool": pool, "text": "Hello!", "user": f"u{i}"})
        for i in range(3)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert peak[0] == 1

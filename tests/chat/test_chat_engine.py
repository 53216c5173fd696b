"""The conversation engine on the real default model and a real SQLite file."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
import threading

import pytest

from persona.chat import ChatStore, Conversation, ReplyDelta, ReplyDone
from persona.errors import BadInput
from persona.llm import BackendConfig, GenerationOptions, open_backend
from persona.personas import load_persona

OPTS = GenerationOptions(max_tokens=48, temperature=0.0, seed=7)


def drain(events):
    deltas, done = [], None
    for event in events:
        if isinstance(event, ReplyDelta):
            deltas.append(event.text)
        else:
            done = event
    return deltas, done


@pytest.fixture
def store(tmp_path):
    s = ChatStore.open(tmp_path / "chat.db")
    yield s
    s.close()


def open_conv(llama_backend, store, **kw):
    return Conversation.open(
        persona=load_persona(kw.pop("persona", "sparky")),
        backend=llama_backend,
        store=store,
        options=OPTS,
        **kw,
    )


def test_reply_streams_and_is_stored(llama_backend, store):
    conv = open_conv(llama_backend, store, user="ada")
    greeting = conv.greet()
    assert greeting and "{{" not in greeting
    deltas, done = drain(conv.send("Hello! What do you like doing?"))
    assert isinstance(done, ReplyDone) and done.finish_reason in ("stop", "length")
    assert len(deltas) > 1, "the reply should stream in several pieces"
    streamed = "".join(deltas).strip()
    # The final text is what was streamed, less a half sentence cut off by max_tokens.
    assert streamed == done.text or (
        done.finish_reason == "length" and streamed.startswith(done.text)
    )
    assert len(done.text) <= conv.persona.max_reply_chars
    assert not done.text.lower().startswith("sparky:")
    stored = store.turns(conv.conversation_id)
    assert [t.user_text for t in stored] == [None, "Hello! What do you like doing?"]
    assert stored[-1].reply_text == done.text


def test_memory_persists_across_restart(tmp_path, llama_backend):
    db = tmp_path / "chat.db"
    first = ChatStore.open(db)
    conv = open_conv(llama_backend, first, user="u1")
    drain(conv.send("Hi, my name is Ada and I live in Lisbon."))
    first.close()

    # A new process opens the same file: the robot knows the user's name.
    script = textwrap.dedent(
        f"""
        from persona.chat import ChatStore, Conversation
        from persona.llm import open_backend
        from persona.personas import load_persona
        store = ChatStore.open({str(db)!r})
        conv = Conversation.open(persona=load_persona("sparky"), backend=open_backend("llama"),
                                 store=store, user="u1", resume=True)
        import json
        print(json.dumps([conv.user_name, len(conv.history()),
                          "Ada" in conv.memory_note() and "Lisbon" in conv.memory_note()]))
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    name, history_len, in_prompt = json.loads(out.stdout.strip().splitlines()[-1])
    assert name == "Ada"
    assert history_len == 2
    assert in_prompt is True


def test_greedy_reply_uses_remembered_name(llama_backend, store):
    conv = open_conv(llama_backend, store, user="u2")
    drain(conv.send("My name is Ada."))
    later = open_conv(llama_backend, store, user="u2")  # a new session, same user
    _, done = drain(later.send("Please say my name."))
    assert "Ada" in done.text


def test_abort_stops_and_stores_nothing(llama_backend, store):
    conv = open_conv(llama_backend, store)
    abort = threading.Event()
    deltas_after_abort = 0
    done = None
    for event in conv.send("Tell me a long story about toast.", abort=abort):
        if isinstance(event, ReplyDelta):
            if abort.is_set():
                deltas_after_abort += 1
            abort.set()
        else:
            done = event
    assert done.finish_reason == "abort"
    assert deltas_after_abort <= 1
    assert store.turns(conv.conversation_id) == []


def test_abandoned_stream_stores_nothing(llama_backend, store):
    conv = open_conv(llama_backend, store)
    stream = conv.send("Count to twenty, please.")
    next(stream)
    stream.close()
    assert store.turns(conv.conversation_id) == []


def test_context_overflow_drops_examples_then_oldest_turns(tmp_path):
    small = open_backend("llama", BackendConfig(n_ctx=512))
    store = ChatStore.open(tmp_path / "c.db")
    try:
        conv = Conversation.open(
            persona=load_persona("sparky"),
            backend=small,
            store=store,
            options=GenerationOptions(max_tokens=40, temperature=0.0, seed=1),
        )
        dropped = []
        for i in range(8):
            _, done = drain(
                conv.send(f"Message number {i}: tell me one fact about the number {i}.")
            )
            dropped.append(done.dropped_turns)
            assert done.prompt_tokens <= 512 - 40
        assert conv._examples_fit is False, "example dialogue goes first"
        assert dropped[-1] > 0, "then the oldest turns"
        # Nothing is lost from the database, only from the prompt.
        assert len(store.turns(conv.conversation_id)) == 8
    finally:
        store.close()
        small.close()


def test_bad_messages_are_rejected_without_storing(llama_backend, store):
    conv = open_conv(llama_backend, store)
    for bad in ("", "   ", "x" * 1_000_000):
        with pytest.raises(BadInput):
            conv.send(bad)
    assert store.turns(conv.conversation_id) == []


def test_undo_and_retry(llama_backend, store):
    conv = open_conv(llama_backend, store)
    drain(conv.send("Tell me a joke."))
    assert len(store.turns(conv.conversation_id)) == 1
    _, done = drain(conv.retry())
    assert done.turn_id is not None
    assert len(store.turns(conv.conversation_id)) == 1
    assert conv.undo() == "Tell me a joke."
    assert store.turns(conv.conversation_id) == []


def test_interrupted_retry_keeps_the_original_exchange(llama_backend, store):
    """`/retry` then Ctrl-C (or the UI's Stop) must not lose the exchange being retried."""
    conv = open_conv(llama_backend, store)
    _, first = drain(conv.send("Tell me a joke."))
    stored = [(t.user_text, t.reply_text) for t in store.turns(conv.conversation_id)]

    events = conv.retry()
    next(e for e in events if isinstance(e, ReplyDelta))
    events.close()  # what Ctrl-C does to the stream
    assert [(t.user_text, t.reply_text) for t in store.turns(conv.conversation_id)] == stored
    assert [m.content for m in conv.history()][-1] == first.text

    abort = threading.Event()
    abort.set()
    _, done = drain(conv.retry(abort=abort))
    assert done.finish_reason == "abort" and done.turn_id is None
    assert [(t.user_text, t.reply_text) for t in store.turns(conv.conversation_id)] == stored
    assert conv.undo() == "Tell me a joke."  # the restored exchange is still undoable


def test_interruption_keeps_only_what_was_spoken(llama_backend, store):
    conv = open_conv(llama_backend, store)
    _, done = drain(conv.send("Tell me about your day."))
    conv.record_interruption("Well, first I")
    last = store.turns(conv.conversation_id)[-1]
    assert last.reply_text.startswith("Well, first I") and "interrupted" in last.reply_text
    assert last.finish_reason == "interrupted"


def test_crash_mid_turn_loses_only_that_turn(tmp_path):
    db = tmp_path / "crash.db"
    script = textwrap.dedent(
        f"""
        import os, signal
        from persona.chat import ChatStore, Conversation
        from persona.llm import open_backend, GenerationOptions
        from persona.personas import load_persona
        store = ChatStore.open({str(db)!r})
        conv = Conversation.open(persona=load_persona("sparky"), backend=open_backend("llama"),
                                 store=store, options=GenerationOptions(max_tokens=30, seed=1))
        for _ in conv.send("First message, please answer."):
            pass
        for event in conv.send("Second message that never finishes."):
            os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == -9
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = conn.execute("SELECT user_text FROM turns").fetchall()
    assert rows == [("First message, please answer.",)]

"""A persona's prompt prefix is evaluated once and kept on disk: a new process, a persona
switch or a --resume restores it instead of reading it again."""

from __future__ import annotations

import pytest

from persona.llm.kv_disk import DiskSnapshots

pytestmark = pytest.mark.slow


def test_disk_snapshots_round_trip_and_skip_damage(tmp_path) -> None:
    disk = DiskSnapshots(tmp_path / "kv", max_files=2)
    disk.save((1, 2, 3), b"abcdef")
    assert [(s.tokens, s.data.load()) for s in disk.load_all()] == [((1, 2, 3), b"abcdef")]
    (tmp_path / "kv" / "junk.kv").write_bytes(b"PKV1\xff\xff")
    assert len(disk.load_all()) == 1 and not (tmp_path / "kv" / "junk.kv").exists()
    disk.save((4,), b"x")
    disk.save((5,), b"y")
    assert len(list((tmp_path / "kv").glob("*.kv"))) == 2  # the oldest went


class _Counted:
    """Counts the prompt tokens the real llama.cpp eval is asked to read."""

    def __init__(self, backend) -> None:
        self.tokens = 0
        llm = backend._llm
        real = llm.eval

        def eval(tokens):
            self.tokens += len(tokens)
            return real(tokens)

        llm.eval = eval


def _conversation(backend, store, persona="sparky"):
    from persona.chat import Conversation
    from persona.llm import GenerationOptions
    from persona.personas import load_persona

    return Conversation.open(
        persona=load_persona(persona),
        backend=backend,
        store=store,
        user="ada",
        resume=True,
        options=GenerationOptions(max_tokens=24, seed=3),
    )


def _reply(conv, text):
    from persona.chat import ReplyDone

    return next(e for e in conv.send(text) if isinstance(e, ReplyDone))


def test_a_new_process_restores_the_persona_prefix_from_disk(tmp_path, monkeypatch) -> None:
    from persona.chat import ChatStore
    from persona.llm import BackendConfig, open_backend

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    store = ChatStore.open(tmp_path / "chat.db")
    first = open_backend("llama", BackendConfig(model="smollm2-135m", threads=1))
    conv = _conversation(first, store)
    prefix_tokens = len(first.prompt_tokens(conv.prompt_prefix()))
    assert conv.warm() is True and conv.warm() is False  # the second time: already cached
    first.close()

    # "A new process": a fresh load finds the prefix on disk and reads only what is new.
    second = open_backend("llama", BackendConfig(model="smollm2-135m", threads=1))
    counted = _Counted(second)
    conv = _conversation(second, store)
    assert conv.warm() is False
    done = _reply(conv, "Hi Sparky!")
    assert done.text
    assert counted.tokens < prefix_tokens / 2, (counted.tokens, prefix_tokens)
    second.close()

    # --resume in a third process: the conversation itself was kept on close.
    third = open_backend("llama", BackendConfig(model="smollm2-135m", threads=1))
    counted = _Counted(third)
    conv = _conversation(third, store)
    history_tokens = len(third.prompt_tokens(conv.prompt_prefix() + conv.history()))
    _reply(conv, "What should I cook?")
    assert counted.tokens < history_tokens / 2, (counted.tokens, history_tokens)
    third.close()
    store.close()


def test_switching_persona_restores_the_other_prefix(tmp_path, monkeypatch) -> None:
    from persona.chat import ChatStore
    from persona.llm import BackendConfig, open_backend

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    store = ChatStore.open(tmp_path / "chat.db")
    backend = open_backend("llama", BackendConfig(model="smollm2-135m", threads=1))
    sparky, percival = _conversation(backend, store), _conversation(backend, store, "percival")
    assert sparky.warm() and percival.warm()  # percival's prefix now fills the context
    counted = _Counted(backend)
    _reply(sparky, "Hello!")
    assert counted.tokens < len(backend.prompt_tokens(sparky.prompt_prefix())) / 2
    backend.close()
    store.close()


def test_words_read_ahead_are_not_read_again_by_the_reply(tmp_path, monkeypatch) -> None:
    """The voice loop lets the model read a question's first words while the user is still
    talking: the reply then reads only the rest."""
    import threading
    import time

    from persona.chat import ChatStore
    from persona.llm import BackendConfig, open_backend

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    store = ChatStore.open(tmp_path / "chat.db")
    backend = open_backend("llama", BackendConfig(model="smollm2-135m", threads=1))
    question = "Could you recommend a good book for a long train journey?"
    conv = _conversation(backend, store)
    conv.warm()
    counted = _Counted(backend)
    _reply(conv, question)
    cold_tokens, counted.tokens = counted.tokens, 0
    conv.undo()

    heard = "Could you recommend a good book for a long"  # the last word may be cut: dropped
    stopped = threading.Event()
    stopped.set()
    assert conv.read_ahead(heard, stopped) is False  # the user paused first: nothing read
    # Skipped while the model is busy: the conversation's own prefill after a reply, here.
    deadline = time.monotonic() + 30
    while not conv.read_ahead(heard) and time.monotonic() < deadline:
        time.sleep(0.05)
    ahead, counted.tokens = counted.tokens, 0
    again = _reply(conv, question)
    assert ahead > 0, "read nothing ahead"
    assert counted.tokens <= cold_tokens - 8, (ahead, counted.tokens, cold_tokens)
    assert again.text and not again.fallback
    backend.close()
    store.close()


def test_the_prefill_after_a_reply_reads_the_next_message_header_too() -> None:
    """What a prefill reads is all the start of the next prompt, through the header of the
    user's next message: the reply reads only the new words (2-3 tokens fewer a turn)."""
    from persona.llm import BackendConfig, Message, open_backend
    from persona.llm.kv_snapshots import common_prefix

    backend = open_backend("llama", BackendConfig(model="smollm2-135m", threads=1))
    so_far = [
        Message("system", "You are Sparky, a cheerful robot."),
        Message("user", "Hi Sparky!"),
        Message("assistant", "Hello there, friend!"),
    ]
    assert backend.prefill(so_far)
    llm = backend._llm
    read = llm.input_ids[: llm.n_tokens].tolist()
    following = backend.prompt_tokens([*so_far, Message("user", "What should I cook?")])
    assert following[: len(read)] == read  # nothing it read is thrown away
    plain = backend.prompt_tokens(so_far)  # the prompt as if the robot spoke next
    assert len(read) > common_prefix(plain, following)
    backend.close()

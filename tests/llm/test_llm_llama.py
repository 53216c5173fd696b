"""LlamaBackend against the real default model (SmolLM2-135M GGUF)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from persona.errors import ModelError, PersonaError
from persona.llm import BackendConfig, GenerationOptions, LLMBackend, Message, TextDelta, collect
from persona.llm.llama import LlamaBackend

pytestmark = pytest.mark.slow

JOKE = [
    Message("system", "You are Sparky, a cheeky household robot."),
    Message("user", "Tell me a short story about a toaster."),
]


def test_streams_deltas_ending_with_a_finish_reason(llama: LlamaBackend) -> None:
    assert isinstance(llama, LLMBackend)
    deltas = list(llama.stream_chat(JOKE, GenerationOptions(max_tokens=48, seed=3)))
    assert all(isinstance(d, TextDelta) for d in deltas)
    assert [d.finish_reason for d in deltas[:-1]] == [None] * (len(deltas) - 1)
    assert deltas[-1].finish_reason in ("stop", "length")
    assert len(deltas) > 3
    assert "".join(d.text for d in deltas).strip()


def test_prompt_uses_the_gguf_chat_template(llama: LlamaBackend) -> None:
    template = llama._llm.metadata["tokenizer.chat_template"]
    assert "<|im_start|>" in template
    prompt = llama.render_prompt(JOKE)
    assert prompt.startswith("<|im_start|>system\nYou are Sparky")
    assert prompt.endswith("<|im_start|>assistant\n")
    # The same prompt llama-cpp-python's own chat handler would build from the GGUF.
    assert llama._llm.chat_format in ("chat_template.default", "chatml")


def test_same_seed_same_text_and_seed_matters(llama: LlamaBackend, default_gguf: Path) -> None:
    def run(backend: LlamaBackend, seed: int) -> str:
        opts = GenerationOptions(max_tokens=32, temperature=0.9, seed=seed)
        return collect(backend.stream_chat(JOKE, opts))

    first = run(llama, 11)
    assert run(llama, 11) == first  # prompt now cached: still the same text
    fresh = LlamaBackend.load(BackendConfig(model=str(default_gguf), threads=1))
    try:
        assert run(fresh, 11) == first
    finally:
        fresh.close()
    assert len({first, run(llama, 12), run(llama, 13)}) > 1


def test_stop_string_cuts_the_reply_before_it(llama: LlamaBackend) -> None:
    greedy = GenerationOptions(max_tokens=40, temperature=0.0)
    full = collect(llama.stream_chat(JOKE, greedy))
    words = full.split()
    assert len(words) > 4
    stop = words[3]
    expected = full[: full.find(stop)]
    deltas = list(
        llama.stream_chat(JOKE, GenerationOptions(max_tokens=40, temperature=0.0, stop=(stop,)))
    )
    assert "".join(d.text for d in deltas) == expected
    assert deltas[-1].finish_reason == "stop"


def test_max_tokens_limits_the_reply(llama: LlamaBackend) -> None:
    deltas = list(llama.stream_chat(JOKE, GenerationOptions(max_tokens=5, temperature=0.0)))
    assert deltas[-1].finish_reason == "length"
    assert 1 <= len([d for d in deltas if d.text]) <= 5
    longer = collect(llama.stream_chat(JOKE, GenerationOptions(max_tokens=30, temperature=0.0)))
    assert longer.startswith("".join(d.text for d in deltas))
    assert len(longer) > len("".join(d.text for d in deltas))


def test_abort_stops_within_one_token(llama: LlamaBackend) -> None:
    abort = threading.Event()
    stream = llama.stream_chat(JOKE, GenerationOptions(max_tokens=200, temperature=0.0), abort)
    evals: list[int] = []
    real_eval = llama._llm.eval
    llama._llm.eval = lambda tokens: (evals.append(len(tokens)), real_eval(tokens))[1]
    try:
        before = [next(stream) for _ in range(3)]
        abort.set()
        evals_at_abort = len(evals)
        after = list(stream)
    finally:
        del llama._llm.eval
    assert all(d.finish_reason is None for d in before)
    assert after == [TextDelta("", finish_reason="abort")]
    assert len(evals) == evals_at_abort  # not one more token evaluated


def test_abort_lands_between_prompt_batches(default_gguf: Path) -> None:
    config = BackendConfig(model=str(default_gguf), threads=1, extra={"n_batch": 32})
    small_batches = LlamaBackend.load(config)
    llm = small_batches._llm
    abort = threading.Event()
    long_chat = [Message("user", "Count the words: " + "robot " * 80)]
    assert len(small_batches.prompt_tokens(long_chat)) > 2 * llm.n_batch
    batches: list[int] = []
    real_eval = llm.eval

    def eval_then_abort(tokens: list[int]) -> None:  # the user barges in mid-prompt
        batches.append(len(tokens))
        real_eval(tokens)
        abort.set()

    llm.eval = eval_then_abort
    try:
        deltas = list(small_batches.stream_chat(long_chat, GenerationOptions(), abort))
    finally:
        small_batches.close()
    assert deltas == [TextDelta("", finish_reason="abort")]
    assert batches == [32]


def test_abort_lands_inside_a_long_prompt_batch(llama: LlamaBackend) -> None:
    """A reply started at a pause and dropped stops mid-batch, not after the whole prompt
    (one batch), and the cache it leaves gives the same reply as a clean one."""
    long_chat = [Message("user", "Say the colours back: " + "red green " * 120)]
    llm = llama._llm
    assert 200 < len(llama.prompt_tokens(long_chat)) < llm.n_batch  # one batch
    greedy = GenerationOptions(max_tokens=8, temperature=0.0)
    llama.drop_cache(pinned=False)
    started = time.perf_counter()
    expected = collect(llama.stream_chat(long_chat, greedy))
    full_s = time.perf_counter() - started
    llama.drop_cache(pinned=False)
    abort = threading.Event()
    evals: list[tuple[int, str]] = []
    real_eval = llm.eval

    def eval_and_abort_soon(tokens: list[int]) -> None:  # the user goes on 30 ms in
        threading.Timer(0.03, abort.set).start()
        start = llm.n_tokens
        try:
            real_eval(tokens)
        except RuntimeError:
            evals.append((start, "cut"))
            raise
        evals.append((start, "done"))

    llm.eval = eval_and_abort_soon
    try:
        started = time.perf_counter()
        deltas = list(llama.stream_chat(long_chat, greedy, abort))
        aborted_s = time.perf_counter() - started
    finally:
        del llm.eval
    try:
        assert deltas == [TextDelta("", finish_reason="abort")]
        [(start, how)] = evals
        assert how == "cut" and llm.n_tokens == start  # nothing half-read counts as cached
        assert aborted_s < min(0.5, full_s / 2), (aborted_s, full_s)
        assert collect(llama.stream_chat(long_chat, greedy, threading.Event())) == expected
    finally:
        llama.drop_cache(pinned=False)  # not kept on disk for the next test run


def test_abort_set_before_start(llama: LlamaBackend) -> None:
    abort = threading.Event()
    abort.set()
    assert list(llama.stream_chat(JOKE, GenerationOptions(), abort)) == [
        TextDelta("", finish_reason="abort")
    ]


def test_follow_up_turn_evaluates_only_new_tokens(llama: LlamaBackend) -> None:
    system = Message("system", "You are Sparky, a cheeky household robot. " * 12)
    turn1 = [system, Message("user", "What is your name?")]
    opts = GenerationOptions(max_tokens=24, temperature=0.0)
    reply = collect(llama.stream_chat(turn1, opts))
    turn2 = [*turn1, Message("assistant", reply), Message("user", "And what do you like?")]
    n_turn1 = len(llama.prompt_tokens(turn1))
    n_turn2 = len(llama.prompt_tokens(turn2))
    new_tokens = n_turn2 - n_turn1  # the reply and the new user message, with markup

    def prompt_tokens_evaluated(messages: list[Message]) -> int:
        evals: list[int] = []
        real_eval = llama._llm.eval
        llama._llm.eval = lambda tokens: (evals.append(len(tokens)), real_eval(tokens))[1]
        try:
            next(llama.stream_chat(messages, opts)).text  # noqa: B018 - first delta = prompt done
        finally:
            del llama._llm.eval
        return sum(evals)

    evaluated = prompt_tokens_evaluated(turn2)
    assert n_turn2 > 3 * new_tokens  # the prompt is long enough for reuse to matter
    assert evaluated <= new_tokens + 2
    # Control: with an empty cache (and no saved snapshot) the whole prompt is evaluated.
    llama._llm.reset()
    saved, llama._snapshots = llama._snapshots, None
    try:
        assert prompt_tokens_evaluated(turn2) >= n_turn2
    finally:
        llama._snapshots = saved


def test_multibyte_characters_are_never_split(llama: LlamaBackend) -> None:
    # Greedy SmolLM2 answers this with emoji, each spread over several tokens.
    deltas = list(
        llama.stream_chat(
            [Message("user", "Write three emoji.")], GenerationOptions(max_tokens=41, temperature=0)
        )
    )
    text = "".join(d.text for d in deltas)
    assert any(ord(c) > 0xFFFF for c in text)
    assert "\ufffd" not in text
    assert all("\ufffd" not in d.text for d in deltas)


def test_count_tokens_and_context_length(llama: LlamaBackend, default_gguf: Path) -> None:
    assert llama.count_tokens("") == 0
    one = llama.count_tokens("Hello there, robot friend.")
    assert 3 <= one <= 12
    assert llama.count_tokens("Hello there, robot friend. " * 10) > 5 * one
    assert llama.context_length == 2048
    small = LlamaBackend.load(BackendConfig(model=str(default_gguf), n_ctx=512, threads=1))
    try:
        assert small.context_length == 512
        long_chat = [Message("user", "word " * 600)]
        with pytest.raises(PersonaError, match="context"):
            list(small.stream_chat(long_chat, GenerationOptions()))
    finally:
        small.close()


@pytest.mark.parametrize("damage", ["truncated", "garbage"])
def test_corrupt_gguf_is_a_model_error(tmp_path: Path, default_gguf: Path, damage: str) -> None:
    data = default_gguf.read_bytes()
    bad = tmp_path / "broken.gguf"
    if damage == "truncated":
        bad.write_bytes(data[: len(data) // 3])
    else:
        bad.write_bytes(data[:4] + bytes(range(256)) * 64)
    with pytest.raises(ModelError) as info:
        LlamaBackend.load(BackendConfig(model=str(bad)))
    assert "\n" not in str(info.value)


def test_missing_model_file_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(PersonaError) as info:
        LlamaBackend.load(BackendConfig(model=str(tmp_path / "nope.gguf")))
    assert "nope.gguf" in str(info.value)


def test_every_core_writes_up_to_the_first_sentence(default_gguf: Path) -> None:
    """The reply's first sentence, which a person waits for, gets every core; the rest one
    thread, leaving the others to speech. The context's own thread count says which."""
    import llama_cpp

    backend = LlamaBackend.load(BackendConfig(model=str(default_gguf), threads=1, burst_threads=2))
    try:
        ctx = backend._llm._ctx.ctx
        assert llama_cpp.llama_n_threads(ctx) == 1
        seen, text = [], ""
        for delta in backend.stream_chat(JOKE, GenerationOptions(max_tokens=60, seed=5)):
            text += delta.text
            seen.append((text, llama_cpp.llama_n_threads(ctx)))  # when the delta came
        assert seen[0][1] == 2  # reading the prompt and the first words
        first_end = next(i for i, (said, _) in enumerate(seen) if any(c in said for c in ".!?\n"))
        assert {n for _, n in seen[:first_end]} == {2}, seen
        assert {n for _, n in seen[first_end:]} == {1}, seen
        assert llama_cpp.llama_n_threads(ctx) == 1  # and after the reply
    finally:
        backend.close()


def test_closing_while_a_warm_up_evaluates_stops_it_and_never_frees_the_model_under_it(
    default_gguf: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The browser app warms every persona on a thread; closing the app then must not free
    the model mid-evaluation (a segfault, seen in CI) nor wait for the warm-up to end."""
    backend = LlamaBackend.load(BackendConfig(model=str(default_gguf), threads=1))
    long_prefix = [Message("system", "Remember these words: " + "robot toaster " * 300)]
    started, done = threading.Event(), {}
    real_eval = backend._llm.eval

    def eval_and_tell(tokens: list[int]) -> None:
        started.set()
        real_eval(tokens)

    backend._llm.eval = eval_and_tell
    warming = threading.Thread(target=lambda: done.setdefault("warm", backend.warm(long_prefix)))
    warming.start()
    assert started.wait(30)
    with caplog.at_level("WARNING", logger="persona.llm.llama"):
        backend.close()
    warming.join(30)
    assert not warming.is_alive() and done["warm"] is False  # stopped, nothing kept
    # The warm-up let go of the model within its batch, so close() freed it itself.
    assert "still in use" not in caplog.text and backend._llm is None
    with pytest.raises(ModelError, match="closed"):
        backend.warm(long_prefix)


def test_a_reply_takes_the_model_from_a_warm_up_which_is_done_again_after_it(
    default_gguf: Path,
) -> None:
    """The browser app warms every persona on a thread at start; a person's first question
    then waited behind them all (first token 8.6 s in `persona bench browser`). A reply now
    stops the warm-up within its batch, and the warm-up is done again after the reply."""
    from persona.chat.engine import warm_in_background
    from persona.personas import load_persona

    backend = LlamaBackend.load(
        BackendConfig(model=str(default_gguf), threads=1, extra={"kv_disk": False})
    )
    try:
        long_prefix = [Message("system", "Remember these words: " + "robot toaster " * 300)]
        started = threading.Event()
        real_eval = backend._llm.eval

        def eval_and_tell(tokens: list[int]) -> None:
            started.set()
            real_eval(tokens)

        backend._llm.eval = eval_and_tell
        done: dict = {}
        warming = threading.Thread(
            target=lambda: done.setdefault("warm", backend.warm(long_prefix))
        )
        warming.start()
        assert started.wait(30)
        reply = collect(backend.stream_chat(JOKE, GenerationOptions(max_tokens=12, seed=1)))
        warming.join(30)
        assert reply.strip() and done["warm"] is None  # it gave way, kept nothing
        assert backend.warm(long_prefix) is True  # evaluated now, in full
        assert backend.warm(long_prefix) is False  # and kept
        backend._llm.eval = real_eval

        # The app's background warm-up: the persona a reply interrupted is warmed after it.
        persona = load_persona("sparky")
        started.clear()
        backend._llm.eval = eval_and_tell
        thread = warm_in_background(backend, [persona])
        assert started.wait(30)
        collect(backend.stream_chat(JOKE, GenerationOptions(max_tokens=12, seed=2)))
        thread.join(60)
        assert not thread.is_alive()
        from persona.chat.engine import warm_prefix

        assert warm_prefix(backend, persona) is False  # already warm: nothing to evaluate
    finally:
        backend.close()

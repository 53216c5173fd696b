"""A backend on Hugging Face transformers, for desktops with a GPU (optional extra).

It loads an HF model folder, or a GGUF file (dequantized to full precision on load).
Generation runs in a worker thread; `TextIteratorStreamer` hands the text back.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from persona.errors import BackendUnavailable, BadInput, ModelError
from persona.llm.base import BackendConfig, GenerationOptions, Message, TextDelta
from persona.llm.stop_strings import StopStringFilter

log = logging.getLogger(__name__)

INSTALL_HINT = "install the transformers extra: pip install 'robot-persona[transformers]'"
_JOIN_TIMEOUT_S = 30.0


def _import_transformers() -> tuple[Any, Any]:
    try:
        import torch
        import transformers
    except ImportError:
        raise BackendUnavailable(INSTALL_HINT) from None
    return torch, transformers


def _model_source(model: str | None) -> tuple[str, str | None]:
    """(folder, gguf file name or None) for an HF folder, a GGUF path or a catalog name."""
    if model and Path(model).expanduser().is_dir():
        return str(Path(model).expanduser()), None
    from persona.llm.llama import resolve_model_path

    path = resolve_model_path(model)
    if not path.is_file():
        raise ModelError(f"model file not found: {path}: check the path or `persona models`")
    return str(path.parent), path.name


class TransformersBackend:
    """A causal LM in transformers. Load with `TransformersBackend.load(config)`."""

    name = "transformers"

    def __init__(self, model: Any, tokenizer: Any, *, device: str, context_length: int) -> None:
        self._model = model
        self._tokenizer = tokenizer
        self.device = device
        self.context_length = context_length
        self._lock = threading.Lock()

    @classmethod
    def load(cls, config: BackendConfig) -> TransformersBackend:
        """Load `config.model` (HF folder, GGUF path or catalog name; None = the default GGUF)
        onto `config.device` (default: CUDA when available). Never downloads."""
        torch, transformers = _import_transformers()
        folder, gguf_file = _model_source(config.model)
        device = config.device or ("cuda" if torch.cuda.is_available() else "cpu")
        if device.startswith("cuda") and not torch.cuda.is_available():
            raise BackendUnavailable(f"device {device!r} asked for but CUDA is not available")
        if config.threads:
            torch.set_num_threads(config.threads)
        dtype = torch.float16 if device.startswith("cuda") else torch.float32
        kwargs: dict[str, Any] = {"local_files_only": True}
        if gguf_file:
            kwargs["gguf_file"] = gguf_file
        hf_logging = transformers.utils.logging
        bars = hf_logging.is_progress_bar_enabled()
        hf_logging.disable_progress_bar()  # no tqdm bars on the user's terminal
        try:
            tokenizer = transformers.AutoTokenizer.from_pretrained(folder, **kwargs)
            model = transformers.AutoModelForCausalLM.from_pretrained(
                folder, dtype=dtype, **kwargs, **config.extra
            )
        except ImportError as exc:  # e.g. the `gguf` package is missing
            log.debug("transformers import failure: %s", exc)
            raise BackendUnavailable(INSTALL_HINT) from None
        except (OSError, ValueError, RuntimeError, KeyError, TypeError) as exc:
            name = gguf_file or folder
            log.debug("transformers load failure: %s", exc)
            raise ModelError(f"cannot load {name} with transformers: {_first_line(exc)}") from None
        finally:
            if bars:
                hf_logging.enable_progress_bar()
        if getattr(tokenizer, "chat_template", None) is None:
            raise ModelError(f"{gguf_file or folder} has no chat template: use an instruct model")
        model.to(device).eval()
        max_pos = getattr(model.config, "max_position_embeddings", None) or config.n_ctx
        log.info("loaded %s on %s", gguf_file or folder, device)
        return cls(model, tokenizer, device=device, context_length=min(config.n_ctx, max_pos))

    def count_tokens(self, text: str) -> int:
        return len(self._tokenizer.encode(text, add_special_tokens=False))

    def stream_chat(
        self,
        messages: Sequence[Message],
        options: GenerationOptions,
        abort: threading.Event | None = None,
    ) -> Iterator[TextDelta]:
        """Lazily stream the reply; generation starts on the first `next()`."""
        with self._lock:
            yield from self._generate(messages, options, abort)

    def close(self) -> None:
        self._model = None

    def _generate(
        self,
        messages: Sequence[Message],
        options: GenerationOptions,
        abort: threading.Event | None,
    ) -> Iterator[TextDelta]:
        torch, transformers = _import_transformers()
        if self._model is None:
            raise ModelError("the model was closed: load it again")
        ids = self._tokenizer.apply_chat_template(
            [m.to_dict() for m in messages], add_generation_prompt=True, return_tensors="pt"
        )
        if not torch.is_tensor(ids):  # newer transformers return a BatchEncoding
            ids = ids["input_ids"]
        ids = ids.to(self.device)
        room = self.context_length - ids.shape[-1]
        if room <= 0:
            raise BadInput(
                f"the conversation is {ids.shape[-1]} tokens, over the model's context of"
                f" {self.context_length}: start a new chat or raise n_ctx"
            )
        budget = min(options.max_tokens, room) if options.max_tokens > 0 else room

        halt = threading.Event()  # set by abort, a stop string, or the consumer leaving

        class _Halt(transformers.StoppingCriteria):
            def __call__(self, input_ids: Any, scores: Any, **kwargs: Any) -> Any:
                stop = halt.is_set() or (abort is not None and abort.is_set())
                return torch.full((input_ids.shape[0],), stop, dtype=torch.bool)

        streamer = transformers.TextIteratorStreamer(
            self._tokenizer, skip_prompt=True, skip_special_tokens=True
        )
        sampling = options.temperature > 0
        gen_kwargs: dict[str, Any] = {
            "input_ids": ids,
            "attention_mask": torch.ones_like(ids),
            "max_new_tokens": budget,
            "do_sample": sampling,
            "streamer": streamer,
            "stopping_criteria": transformers.StoppingCriteriaList([_Halt()]),
            "pad_token_id": self._tokenizer.pad_token_id or self._tokenizer.eos_token_id,
            "repetition_penalty": options.repeat_penalty,
        }
        if sampling:
            gen_kwargs.update(temperature=options.temperature, top_p=options.top_p, top_k=40)
        else:
            gen_kwargs.update(temperature=None, top_p=None, top_k=None)
        outcome: dict[str, Any] = {}

        def work() -> None:
            try:
                if options.seed is not None:
                    torch.manual_seed(options.seed)  # sampling draws from torch's global RNG
                with torch.inference_mode():
                    out = self._model.generate(**gen_kwargs)
                outcome["new_tokens"] = int(out.shape[-1] - ids.shape[-1])
            except BaseException as exc:  # re-raised in the consumer's thread
                outcome["error"] = exc
                streamer.end()

        worker = threading.Thread(target=work, name="transformers-generate", daemon=True)
        stops = StopStringFilter(options.stop)
        aborted = False
        worker.start()
        try:
            for piece in streamer:
                if abort is not None and abort.is_set():
                    aborted = True
                    break
                text = stops.feed(piece)
                if text:
                    yield TextDelta(text)
                if stops.stopped:
                    break
            aborted = aborted or (abort is not None and abort.is_set())
        finally:
            halt.set()
            worker.join(_JOIN_TIMEOUT_S)
        if "error" in outcome:
            raise ModelError(f"generation failed: {_first_line(outcome['error'])}")
        if aborted:
            yield TextDelta("", finish_reason="abort")
            return
        if stops.stopped:
            finish = "stop"
        else:
            finish = "length" if outcome.get("new_tokens", 0) >= budget else "stop"
        yield TextDelta(stops.flush(), finish_reason=finish)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__

"""Options and loaders shared by the subcommands that talk to a model."""

from __future__ import annotations

import argparse
import logging
import os
import struct
from pathlib import Path

from persona.errors import BadInput, PersonaError
from persona.llm import BACKENDS, BackendConfig, GenerationOptions, LLMBackend, open_backend

log = logging.getLogger(__name__)

MAX_N_CTX = 131072  # the longest context any catalog model is trained for


def add_model_options(parser: argparse.ArgumentParser) -> None:
    """--persona, --model, --backend and the sampling options."""
    parser.add_argument(
        "--persona", default=None, help="built-in persona name or a persona/card file"
    )
    parser.add_argument("--model", default=None, help="catalog model name or a model path")
    parser.add_argument(
        "--backend", choices=BACKENDS, default=os.environ.get("PERSONA_BACKEND", "llama")
    )
    parser.add_argument(
        "--base-url",
        default=os.environ.get("PERSONA_BASE_URL"),
        help="OpenAI-compatible server URL for --backend openai",
    )
    parser.add_argument("--threads", type=int, default=None, help="CPU threads for the model")
    parser.add_argument("--n-ctx", type=int, default=2048, help="context window in tokens")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--temperature", type=float, default=0.7)
    parser.add_argument("--max-tokens", type=int, default=160)


def check_model_options(args: argparse.Namespace) -> None:
    """Reject nonsense numbers before a model loads (llama.cpp would blame the model, or
    allocate a context larger than the machine's memory and be killed without a word)."""
    checks = (
        ("--n-ctx", args.n_ctx, 64, MAX_N_CTX),
        ("--threads", args.threads, 1, 256),
        ("--max-tokens", args.max_tokens, 1, 1 << 16),
    )
    for flag, value, low, high in checks:
        if value is not None and not low <= value <= high:
            raise BadInput(f"{flag} {value} is out of range: use {low} to {high}")
    if not 0.0 <= args.temperature <= 5.0:
        raise BadInput(f"--temperature {args.temperature} is out of range: use 0 to 5")
    _check_base_url(getattr(args, "base_url", None))
    if getattr(args, "backend", "llama") == "llama":
        _check_context_fits(args.model, args.n_ctx)


def _check_base_url(url: str | None) -> None:
    """A URL that cannot even be parsed (`http://[::1`) is a user error, not a traceback."""
    if not url or "://" not in url:
        return  # the backend explains a missing scheme itself
    import httpx

    try:
        httpx.URL(url)
    except (httpx.InvalidURL, ValueError) as exc:
        raise BadInput(
            f"--base-url {url!r} is not a valid URL ({exc}): use http(s)://host[:port]/v1"
        ) from None


def _check_context_fits(model: str | None, n_ctx: int) -> None:
    """Refuse an --n-ctx whose KV cache (plus the model) would not fit in memory."""
    from persona.llm.llama import resolve_model_path

    try:
        path = resolve_model_path(model)
        shape = gguf_context_shape(path)
    except (PersonaError, OSError):
        return  # the backend reports a missing or broken model when it loads it
    if shape is None:
        return
    per_token, trained = shape
    need = per_token * n_ctx + path.stat().st_size
    have = machine_memory_bytes()
    if have and need > have:
        hint = f"; the model was trained for {trained:,}" if trained else ""
        raise BadInput(
            f"--n-ctx {n_ctx} needs about {need / 1e9:.1f} GB of memory (this machine has "
            f"{have / 1e9:.1f} GB): use a smaller --n-ctx, e.g. 4096{hint}"
        )


def machine_memory_bytes() -> int | None:
    """Physical memory, or the container's limit when that is lower."""
    try:
        total = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError):
        total = None
    for limit_file in ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"):
        try:
            limit = int(Path(limit_file).read_text().strip())
        except (OSError, ValueError):
            continue
        if total is None or limit < total:
            total = limit
    return total


_GGUF_SCALARS = {0: "B", 1: "b", 2: "H", 3: "h", 4: "I", 5: "i", 6: "f", 7: "?", 10: "Q"}
_GGUF_SCALARS |= {11: "q", 12: "d"}
_GGUF_STRING, _GGUF_ARRAY = 8, 9


def gguf_context_shape(path: Path) -> tuple[int, int | None] | None:
    """(KV-cache bytes per token at f16, trained context length) from a GGUF's metadata;
    None when the header lacks what is needed or is not GGUF."""
    with open(path, "rb") as fh:
        head = fh.read(24)
        if len(head) < 24 or head[:4] != b"GGUF":
            return None
        (count,) = struct.unpack("<Q", head[16:24])
        meta: dict[str, object] = {}

        def take(fmt: str):
            size = struct.calcsize(fmt)
            data = fh.read(size)
            if len(data) < size:
                raise ValueError("truncated GGUF header")
            return struct.unpack("<" + fmt, data)[0]

        def text() -> str:
            n = take("Q")
            if n > 1 << 20:
                raise ValueError("GGUF string too long")
            return fh.read(n).decode("utf-8", "replace")

        def value(kind: int) -> object:
            if kind == _GGUF_STRING:
                return text()
            if kind == _GGUF_ARRAY:
                item, n = take("I"), take("Q")
                if item == _GGUF_STRING:
                    for _ in range(n):
                        fh.seek(take("Q"), os.SEEK_CUR)
                elif item in _GGUF_SCALARS:
                    fh.seek(struct.calcsize(_GGUF_SCALARS[item]) * n, os.SEEK_CUR)
                else:
                    raise ValueError("nested GGUF array")
                return None
            if kind not in _GGUF_SCALARS:
                raise ValueError(f"unknown GGUF value type {kind}")
            return take(_GGUF_SCALARS[kind])

        try:
            for _ in range(min(count, 100_000)):
                key = text()
                arch = meta.get("general.architecture")
                if key.startswith("tokenizer.") and f"{arch}.block_count" in meta:
                    break  # the model's shape comes before the (large) vocabulary
                meta[key] = value(take("I"))
        except (ValueError, struct.error) as exc:
            log.debug("%s: GGUF metadata unreadable: %s", path, exc)
            return None
    arch = meta.get("general.architecture")
    layers = meta.get(f"{arch}.block_count")
    heads = meta.get(f"{arch}.attention.head_count")
    kv_heads = meta.get(f"{arch}.attention.head_count_kv", heads)
    width = meta.get(f"{arch}.embedding_length")
    if not all(isinstance(v, int) and v > 0 for v in (layers, heads, kv_heads, width)):
        return None
    key_len = meta.get(f"{arch}.attention.key_length") or width // heads
    value_len = meta.get(f"{arch}.attention.value_length") or width // heads
    trained = meta.get(f"{arch}.context_length")
    per_token = 2 * layers * kv_heads * (key_len + value_len)  # f16: 2 bytes an element
    return per_token, trained if isinstance(trained, int) else None


def load_backend(args: argparse.Namespace) -> LLMBackend:
    check_model_options(args)
    config = BackendConfig(
        model=args.model,
        n_ctx=args.n_ctx,
        threads=args.threads,
        base_url=args.base_url,
        api_key=os.environ.get("PERSONA_API_KEY"),
    )
    return open_backend(args.backend, config)


def generation_options(args: argparse.Namespace) -> GenerationOptions:
    return GenerationOptions(
        max_tokens=args.max_tokens, temperature=args.temperature, seed=args.seed
    )


def add_adapter_options(parser: argparse.ArgumentParser) -> None:
    """What the servers (`serve`, `xiaozhi`, `wyoming`) all take: the model options, --db."""
    add_model_options(parser)
    parser.add_argument("--db", default=None, help="SQLite file (default: the user data folder)")


def add_listen_options(
    parser: argparse.ArgumentParser, *, token: str, token_env: str, port: int = 8000
) -> None:
    """--host, --port and --token for a network server; `token` says what clients send."""
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=port)
    parser.add_argument(
        "--token",
        default=None,
        help=f"require this {token} (or set {token_env}); needed for a non-local --host",
    )


def listen_token(args: argparse.Namespace, token_env: str) -> str | None:
    """--token, else the environment's, else None (no token required)."""
    return args.token or os.environ.get(token_env) or None


def url_host(host: str) -> str:
    """`host` as written in a URL: an IPv6 address goes in brackets."""
    return f"[{host}]" if ":" in host else host

"""Options and loaders shared by the subcommands that talk to a model."""

from __future__ import annotations

import argparse
import os

from persona.errors import BadInput
from persona.llm import BACKENDS, BackendConfig, GenerationOptions, LLMBackend, open_backend


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
    """Reject nonsense numbers before a model loads (llama.cpp would blame the model)."""
    checks = (
        ("--n-ctx", args.n_ctx, 64, 1 << 20),
        ("--threads", args.threads, 1, 256),
        ("--max-tokens", args.max_tokens, 1, 1 << 16),
    )
    for flag, value, low, high in checks:
        if value is not None and not low <= value <= high:
            raise BadInput(f"{flag} {value} is out of range: use {low} to {high}")
    if not 0.0 <= args.temperature <= 5.0:
        raise BadInput(f"--temperature {args.temperature} is out of range: use 0 to 5")


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

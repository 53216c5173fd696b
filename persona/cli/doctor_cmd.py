"""`persona doctor`: run the model, speech in and speech out once, each in a child process,
and say for each whether it works on this machine (a native crash becomes one line)."""

from __future__ import annotations

import argparse
import sys

from persona.doctor import CHECKS, DEFAULT_TIMEOUT_S, run_checks
from persona.errors import BadInput


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("doctor", help="check that the models run on this machine")
    p.add_argument(
        "checks",
        nargs="*",
        metavar="CHECK",
        help=f"which checks ({', '.join(CHECKS)}; default all)",
    )
    p.add_argument("--model", default=None, help="LLM to check (catalog name or path)")
    p.add_argument(
        "--timeout", type=float, default=DEFAULT_TIMEOUT_S, help="seconds allowed per check"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    unknown = [c for c in args.checks if c not in CHECKS]
    if unknown:
        raise BadInput(f"unknown check {unknown[0]!r}: choose from {', '.join(CHECKS)}")
    failed = 0
    illegal = False
    for result in run_checks(
        tuple(args.checks) or CHECKS, model=args.model, timeout_s=args.timeout
    ):
        print(result.line(), file=sys.stdout if result.ok else sys.stderr, flush=True)
        failed += not result.ok
        illegal = illegal or (result.native_crash and result.name == "llm")
    # 3: llama.cpp crashed in native code (scripts/setup.sh then rebuilds it portable).
    return 3 if illegal else 1 if failed else 0

"""`persona bench WHAT`: benchmarks that print JSON (speed is never a timed test)."""

from __future__ import annotations

import argparse
import json
import sys

from persona.cli import present_modules

BENCHES = ("llm", "roast", "quality", "models", "voice", "ui", "browser", "fleet")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("bench", help="run a benchmark and print JSON")
    benches = p.add_subparsers(dest="bench", metavar="WHAT", required=True)
    for path, module in present_modules([f"persona.bench.{name}" for name in BENCHES]):
        name = path.rsplit(".", 1)[1]
        bp = benches.add_parser(name, help=(module.__doc__ or "").strip().splitlines()[0])
        bp.add_argument("--json", action="store_true", help="print only the JSON result")
        module.add_arguments(bp)
        bp.set_defaults(func=_runner(module))


def _runner(module):
    def run(args: argparse.Namespace) -> int:
        result = module.run(args)
        render = getattr(module, "render_table", None)  # a readable table above the JSON
        if render is not None and not args.json:
            print(render(result))
        print(json.dumps(result, indent=None if args.json else 2))
        sys.stdout.flush()
        return 0

    return run

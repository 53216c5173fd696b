"""The `persona` command. Each subcommand lives in its own module with `register()`."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Iterator
from types import ModuleType

from persona.errors import PersonaError

# Subcommand modules under persona.cli, in help order.
COMMANDS = (
    "chat",
    "models",
    "personas",
    "forget",
    "roast",
    "profile",
    "voice",
    "test",
    "ui",
    "serve",
    "wyoming",
    "xiaozhi",
    "bench",
    "doctor",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="persona", description="A talking companion robot.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for _, module in present_modules([f"persona.cli.{name}_cmd" for name in COMMANDS]):
        module.register(sub)
    return parser


def present_modules(paths: list[str]) -> Iterator[tuple[str, ModuleType]]:
    """(path, module) for each of `paths` that exists, in order: a trimmed install may
    leave some out. An import error inside a module that exists is raised, not hidden."""
    for path in paths:
        try:
            module = importlib.import_module(path)
        except ModuleNotFoundError as exc:
            if exc.name == path:
                continue
            raise
        yield path, module


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        code = int(args.func(args) or 0)
        if sys.stdout is not None:  # None when started with stdout closed (`>&-`)
            sys.stdout.flush()  # a reader that left (`| head`) shows up here, not at exit
        return code
    except PersonaError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        # `persona ... | head`: the reader left. Point stdout at devnull so the flush at exit
        # is quiet too (the Python docs' "Note on SIGPIPE"); 141 = 128 + SIGPIPE, as for `cat`.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except OSError as exc:  # a file we could not read or write: permissions, a folder
        where = f"{exc.filename}: " if exc.filename else ""
        print(
            f"error: {where}{exc.strerror or exc}: check the path and its permissions",
            file=sys.stderr,
        )
        return 2
    except KeyboardInterrupt:
        print("", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

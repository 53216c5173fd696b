"""`persona roast SOURCE`: roast a profile (a path, or quoted free text). Running it is consent."""

from __future__ import annotations

import argparse
import json
import sys

from persona.cli.common import add_model_options, load_backend
from persona.cli.progress import StatusLine, model_label, until_first
from persona.errors import BadInput


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("roast", help="roast a profile: an export, a profile card or free text")
    p.add_argument(
        "source", nargs="?", help="profile path (zip, folder, tar.gz, .car, card) or text"
    )
    p.add_argument("--github", metavar="USER", help="fetch a GitHub profile from the live API")
    p.add_argument("--intensity", choices=("gentle", "medium", "spicy"), default="medium")
    p.add_argument(
        "--n",
        type=int,
        default=3,
        help="most model tries at the roast (default 3; small models get fewer)",
    )
    p.add_argument(
        "--freedom",
        choices=("code", "minimal", "rephrase", "own"),
        default=None,
        help="how much the model may change the code-built roast (default: by model size)",
    )
    p.add_argument("--json", action="store_true", help='print {"roast", "angles", "candidates"}')
    add_model_options(p)
    p.set_defaults(func=run, max_tokens=60, temperature=0.8)


def load_source(source: str | None, github_user: str | None):
    """The Profile named on the command line (shared by `roast` and `profile show`)."""
    from persona.roast.importers import github, load_profile

    if github_user:
        return github.fetch(github_user)
    if not source or not source.strip():
        raise BadInput(
            "give a profile path or some quoted text about the person (or --github USER)"
        )
    return load_profile(source)


def run(args: argparse.Namespace) -> int:
    from persona.personas import load_persona
    from persona.roast.generate import RoastDelta, RoastDone, RoastOptions, stream_roast

    if args.n < 1 or args.n > 16:
        raise BadInput("--n must be between 1 and 16")
    profile = load_source(args.source, args.github)
    persona = load_persona(args.persona)
    with StatusLine(f"loading {model_label(args)}"):
        backend = load_backend(args)
    options = RoastOptions(
        intensity=args.intensity,
        n=args.n,
        max_tokens=args.max_tokens,
        temperature=args.temperature,
        seed=args.seed,
        freedom=args.freedom,
    )
    result = None
    try:
        events = until_first(
            stream_roast(profile, backend, persona=persona, options=options),
            f"{persona.name} is writing the roast",
            ready=lambda event: isinstance(event, RoastDelta | RoastDone),
        )
        for event in events:
            if isinstance(event, RoastDelta) and not args.json:
                print(event.text, end="", flush=True)  # the roast as soon as it is chosen
            elif isinstance(event, RoastDone):
                result = event.result
    finally:
        backend.close()
    if result is None:
        return 1
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        print(flush=True)
        for angle in result.angles:
            print(f"  - {angle.fact} ({angle.source})", file=sys.stderr)
    return 0

"""`persona wyoming`: a Wyoming server, so Home Assistant can use the robot as its
speech-to-text, text-to-speech and conversation agent."""

from __future__ import annotations

import argparse
import asyncio
import sys
from urllib.parse import urlparse

from persona.errors import BadInput

DEFAULT_URI = "tcp://127.0.0.1:10700"


def register(sub: argparse._SubParsersAction) -> None:
    from persona.cli.common import add_adapter_options

    p = sub.add_parser("wyoming", help="serve Home Assistant over the Wyoming protocol")
    p.add_argument("--uri", default=DEFAULT_URI, help="tcp://HOST:PORT or unix://PATH to listen on")
    add_adapter_options(p)
    p.set_defaults(func=run)


def check_uri(uri: str) -> tuple[str, str | None, int | None]:
    """(scheme, host, port) of a listening URI; `BadInput` for anything else."""
    try:
        parsed = urlparse(uri)
        port = parsed.port
    except ValueError as exc:
        raise BadInput(f"--uri {uri!r} is not a valid URI ({exc})") from None
    if parsed.scheme == "tcp" and parsed.hostname and port:
        return "tcp", parsed.hostname, port
    if parsed.scheme == "unix" and parsed.path:
        return "unix", None, None
    raise BadInput(f"--uri {uri!r}: use tcp://HOST:PORT (e.g. {DEFAULT_URI}) or unix://PATH")


def run(args: argparse.Namespace) -> int:
    from persona.cli.serve_cmd import close_pool, default_persona, open_pool
    from persona.webui.launch import check_port_free
    from persona.webui.security import LOCAL_HOSTS

    scheme, host, port = check_uri(args.uri)
    if scheme == "tcp":
        check_port_free(host, port, server="persona wyoming")
        if host not in LOCAL_HOSTS:
            print(
                f"warning: Wyoming has no login: anyone who can reach {host}:{port} can talk "
                "to the robot (and hear what it remembers); keep it on a trusted network",
                file=sys.stderr,
            )
    persona = default_persona(args)
    pool = open_pool(args)
    try:
        from persona.adapters.wyoming_server import WyomingBrain, serve

        brain = WyomingBrain.create(pool, persona=persona)  # loads the speech model too

        def ready() -> None:
            print(
                f"serving Wyoming at {args.uri} (asr, tts, handle: {persona.name})",
                file=sys.stderr,
                flush=True,
            )

        asyncio.run(serve(brain, args.uri, ready=ready))
    finally:
        close_pool(pool)
    return 0

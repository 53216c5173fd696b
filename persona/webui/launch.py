"""Start the UI server under the bind policy (localhost by default, login elsewhere)."""

from __future__ import annotations

import argparse
import logging

from persona.webui.security import AUTH_ENV, MAX_FILE_SIZE, bind_policy

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=7860)
    parser.add_argument(
        "--auth",
        default=None,
        metavar="USER:PASS",
        help=f"require this login (or set {AUTH_ENV}); needed for a non-local --host",
    )
    parser.add_argument(
        "--insecure-no-auth",
        action="store_true",
        help="allow a non-local --host without a login (anyone on the network can use it)",
    )


def launch(
    demo: object,
    *,
    host: str = "127.0.0.1",
    port: int = 7860,
    auth: str | None = None,
    insecure_no_auth: bool = False,
) -> None:
    """Check the policy first (a user error raises before anything listens), then serve."""
    policy = bind_policy(host=host, port=port, auth=auth, insecure_no_auth=insecure_no_auth)
    demo.queue(default_concurrency_limit=4)
    try:
        demo.launch(
            server_name=policy.host,
            server_port=policy.port,
            auth=policy.auth,
            share=False,  # never a public link
            max_file_size=MAX_FILE_SIZE,
            show_error=True,
        )
    finally:
        demo.sessions.close_all()
        demo.services.close()


def main(demo: object, argv: list[str] | None = None) -> int:
    """`python ui.py` entry: parse, check and serve; user errors print one line."""
    import sys

    from persona.errors import PersonaError

    parser = argparse.ArgumentParser(prog="ui.py", description="The robot's browser UI.")
    add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        launch(
            demo,
            host=args.host,
            port=args.port,
            auth=args.auth,
            insecure_no_auth=args.insecure_no_auth,
        )
    except PersonaError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    return 0

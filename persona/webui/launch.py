"""Start the UI server under the bind policy (localhost by default, login elsewhere)."""

from __future__ import annotations

import argparse
import asyncio
import errno
import logging
import socket
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from persona.errors import BadInput
from persona.llm import BACKENDS
from persona.webui.security import AUTH_ENV, MAX_FILE_SIZE, LoginGuard, bind_policy

if TYPE_CHECKING:
    from persona.webui.services import UiConfig

log = logging.getLogger(__name__)


def check_port_free(host: str, port: int, *, server: str = "persona ui") -> None:
    """Fail with one line, before the server does with a traceback, when the port is taken."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except (socket.gaierror, UnicodeError) as exc:
        raise BadInput(
            f"--host {host} is not an address this machine can listen on ({exc})"
        ) from None
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
        try:
            sock.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise BadInput(
                    f"port {port} on {host} is already in use (another `{server}`?): "
                    "stop that server or pass --port with a free port"
                ) from None
            raise BadInput(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def login_checker(guard: LoginGuard) -> Callable[[str, str], Awaitable[bool]]:
    """Gradio's auth callback: a failed login waits `guard.delay_s` without blocking the
    server (Gradio awaits coroutine functions), and lockouts come from the guard."""

    async def check(username: str, password: str) -> bool:
        if guard.check(username, password):
            return True
        await asyncio.sleep(guard.delay_s)
        return False

    return check


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
    parser.add_argument(
        "--backend",
        choices=BACKENDS,
        default=None,
        help="LLM backend (default: $PERSONA_BACKEND, else llama)",
    )
    parser.add_argument(
        "--base-url",
        default=None,
        metavar="URL",
        help="OpenAI-compatible server for --backend openai, shared by a fleet "
        "(default: $PERSONA_BASE_URL; its key: $PERSONA_API_KEY)",
    )
    parser.add_argument(
        "--db",
        default=None,
        metavar="PATH",
        help="chat database (default: $PERSONA_UI_DB, else the same file as `persona chat`); "
        "each browser's conversations are kept there and survive a reload",
    )


def config_from_args(args: argparse.Namespace) -> UiConfig:
    """The app's config: the PERSONA_* environment, overridden by --backend / --base-url."""
    from persona.webui.services import UiConfig

    config = UiConfig.from_env()
    if args.backend:
        config = replace(config, backend=args.backend)
    if args.base_url:
        config = replace(config, base_url=args.base_url)
    if getattr(args, "db", None):
        config = replace(config, db_path=args.db)
    return config


def serve(args: argparse.Namespace, build: Callable[[UiConfig], object]) -> None:
    """`persona ui` and `python ui.py`: check the bind policy and the port before anything
    is built, then build the app from the arguments and serve it."""
    policy = bind_policy(
        host=args.host, port=args.port, auth=args.auth, insecure_no_auth=args.insecure_no_auth
    )
    check_port_free(policy.host, policy.port)
    launch(
        build(config_from_args(args)),
        host=args.host,
        port=args.port,
        auth=args.auth,
        insecure_no_auth=args.insecure_no_auth,
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
    check_port_free(policy.host, policy.port)
    demo.queue(default_concurrency_limit=4)
    shown_host = "localhost" if policy.host in ("127.0.0.1", "::1") else policy.host
    # Gradio's own banner suggests share=True; the product never shares, so it is quiet.
    print(f"persona ui: open http://{shown_host}:{policy.port}/ (Ctrl-C stops)", flush=True)
    try:
        demo.launch(
            server_name=policy.host,
            server_port=policy.port,
            auth=None if policy.auth is None else login_checker(LoginGuard(*policy.auth)),
            share=False,  # never a public link
            max_file_size=MAX_FILE_SIZE,
            show_error=True,
            quiet=True,
            **getattr(demo, "launch_options", {}),
        )
    except OSError as exc:  # the port was taken between the check and the launch
        if "port" not in str(exc).lower():
            raise
        raise BadInput(
            f"port {policy.port} on {policy.host} is already in use: "
            "stop that server or pass --port with a free port"
        ) from None
    finally:
        demo.sessions.close_all()
        demo.services.close()


def main(build: Callable[[UiConfig], object], argv: list[str] | None = None) -> int:
    """`python ui.py` entry: parse, check, build the app with `build` and serve; user errors
    print one line."""
    import sys

    from persona.errors import PersonaError

    parser = argparse.ArgumentParser(prog="ui.py", description="The robot's browser UI.")
    add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        serve(args, build)
    except PersonaError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    return 0

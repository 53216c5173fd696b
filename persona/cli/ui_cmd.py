"""`persona ui`: serve the browser UI (chat, roast, voice) on localhost."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    from persona.webui.launch import add_arguments

    p = sub.add_parser("ui", help="start the browser UI (default http://127.0.0.1:7860)")
    add_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from persona.webui.launch import check_port_free, launch
    from persona.webui.security import bind_policy

    policy = bind_policy(
        host=args.host, port=args.port, auth=args.auth, insecure_no_auth=args.insecure_no_auth
    )  # fail before building anything
    check_port_free(policy.host, policy.port)
    from persona.webui.app import build_app

    launch(
        build_app(),
        host=args.host,
        port=args.port,
        auth=args.auth,
        insecure_no_auth=args.insecure_no_auth,
    )
    return 0

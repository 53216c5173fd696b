"""`persona xiaozhi`: be the server of an ESP32 robot running the xiaozhi-esp32 firmware."""

from __future__ import annotations

import argparse
import sys
import threading

from persona.cli.common import add_adapter_options, add_listen_options, listen_token, url_host
from persona.cli.serve_cmd import close_pool, default_persona, open_pool


def register(sub: argparse._SubParsersAction) -> None:
    from persona.adapters.xiaozhi import TOKEN_ENV

    p = sub.add_parser("xiaozhi", help="serve xiaozhi-esp32 robots (WebSocket + Opus)")
    add_listen_options(p, token="access token from robots", token_env=TOKEN_ENV)
    p.add_argument(
        "--lead",
        type=float,
        default=1.0,
        help="seconds of reply audio sent ahead of playback (abort reacts within this)",
    )
    add_adapter_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from persona.adapters.xiaozhi import TOKEN_ENV, XiaozhiConfig, XiaozhiServer, check_bind
    from persona.adapters.xiaozhi_opus import libopus
    from persona.webui.launch import check_port_free

    token = listen_token(args, TOKEN_ENV)
    check_bind(args.host, args.port, token)
    check_port_free(args.host, args.port, server="persona xiaozhi")
    libopus()  # a missing libopus fails now, with the package to install
    persona = default_persona(args)
    pool = open_pool(args)
    config = XiaozhiConfig(host=args.host, port=args.port, token=token, lead_s=args.lead)
    server = XiaozhiServer(pool, persona=persona, config=config).start()
    try:
        print(
            f"serving xiaozhi robots at ws://{url_host(args.host)}:{server.port}/xiaozhi/v1/ "
            f"as {persona.name}"
            f"{' (token required)' if token else ''}; set this URL as the robot's server",
            file=sys.stderr,
            flush=True,
        )
        threading.Event().wait()  # until Ctrl-C
    finally:
        server.stop()
        close_pool(pool)
    return 0

"""`persona ui`: serve the browser UI (chat, roast, voice) on localhost."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from persona.webui.services import UiConfig


def register(sub: argparse._SubParsersAction) -> None:
    from persona.webui.launch import add_arguments

    p = sub.add_parser("ui", help="start the browser UI (default http://127.0.0.1:7860)")
    add_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from persona.webui.launch import serve

    serve(args, _build)
    return 0


def _build(config: UiConfig) -> object:
    from persona.webui.app import build_app  # Gradio: only once the bind checks passed

    return build_app(config)

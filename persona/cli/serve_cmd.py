"""`persona serve`: the robot's brain as an OpenAI-compatible HTTP API (personas as models)."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from typing import TYPE_CHECKING

from persona.cli.common import (
    add_adapter_options,
    add_listen_options,
    check_model_options,
    generation_options,
    listen_token,
    url_host,
)
from persona.errors import BadInput

if TYPE_CHECKING:
    from persona.adapters.conversations import ConversationPool
    from persona.personas import Persona

TOKEN_ENV = "PERSONA_SERVE_TOKEN"  # also in persona.adapters.openai_server (not imported here)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="serve an OpenAI-compatible API (personas as models)")
    add_listen_options(p, token="bearer token as the API key", token_env=TOKEN_ENV)
    add_adapter_options(p)
    p.set_defaults(func=run)


def default_persona(args: argparse.Namespace) -> Persona:
    """--persona, which must be a listed persona (clients name personas by id)."""
    from persona.personas import DEFAULT_PERSONA, list_personas, load_persona

    name = (args.persona or DEFAULT_PERSONA).strip().lower()
    if name not in list_personas():
        raise BadInput(
            f"--persona {args.persona}: not a listed persona; use one of "
            f"{', '.join(list_personas())} (add a card with `persona personas import`)"
        )
    return load_persona(name)


def open_pool(args: argparse.Namespace) -> ConversationPool:
    """The shared services (the model loaded now, so a missing one fails before anything
    listens) and the conversation pool on them."""
    from persona.adapters.conversations import ConversationPool
    from persona.webui.services import Services, UiConfig

    check_model_options(args)
    env = UiConfig.from_env()
    config = replace(
        env,
        model=args.model,
        backend=args.backend,
        base_url=args.base_url,
        n_ctx=args.n_ctx,
        threads=args.threads,
        max_tokens=args.max_tokens,
        temperature=args.temperature,
        db_path=args.db or env.db_path,
    )
    services = Services.open(config)
    try:
        services.backend(None)
    except BaseException:
        services.close()
        raise
    return ConversationPool(services, options=generation_options(args))


def close_pool(pool: ConversationPool) -> None:
    import shutil

    pool.close()
    pool.services.close()
    shutil.rmtree(pool.services.upload_root, ignore_errors=True)  # unused: no uploads here


def run(args: argparse.Namespace) -> int:
    from persona.adapters.openai_server import OpenAIServer, check_bind, create_app
    from persona.webui.launch import check_port_free

    token = listen_token(args, TOKEN_ENV)
    check_bind(args.host, args.port, token)  # fail before anything loads
    check_port_free(args.host, args.port, server="persona serve")
    persona = default_persona(args)
    pool = open_pool(args)
    try:
        import uvicorn

        app = create_app(OpenAIServer(pool, default_persona=persona.id), token=token)
        print(
            f"serving the OpenAI API at http://{url_host(args.host)}:{args.port}/v1"
            f"{' (token required)' if token else ''}; models: "
            f"{', '.join(_model_ids())}",
            file=sys.stderr,
            flush=True,
        )
        uvicorn.run(
            app,
            host=args.host,
            port=args.port,
            log_level="info" if getattr(args, "verbose", False) else "warning",
            access_log=bool(getattr(args, "verbose", False)),
        )
    finally:
        close_pool(pool)
    return 0


def _model_ids() -> list[str]:
    from persona.personas import list_personas

    return list_personas()

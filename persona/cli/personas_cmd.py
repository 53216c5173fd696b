"""`persona personas`: list, show, export and import personas and character cards."""

from __future__ import annotations

import argparse
from pathlib import Path

from persona.errors import BadInput


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("personas", help="list, show, export and import personas")
    sub = parser.add_subparsers(dest="personas_command", metavar="ACTION")
    parser.set_defaults(func=lambda args: (parser.print_help(), 2)[1])

    p_list = sub.add_parser("list", help="list the personas found by name")
    p_list.set_defaults(func=_list)

    p_show = sub.add_parser("show", help="show a persona (by name, file or card)")
    p_show.add_argument("persona", metavar="NAME|FILE")
    p_show.add_argument(
        "--system", action="store_true", help="print the prompt the model receives, by message"
    )
    p_show.add_argument("--user", default=None, help="a user name, as the note after history")
    p_show.add_argument("--no-examples", action="store_true", help="leave out example dialogue")
    p_show.set_defaults(func=_show)

    p_export = sub.add_parser("export", help="export a persona as a V2 character card")
    p_export.add_argument("persona", metavar="NAME|FILE")
    p_export.add_argument("--out", required=True, type=Path, help="FILE.png or FILE.json")
    p_export.set_defaults(func=_export)

    p_import = sub.add_parser(
        "import",
        help="install a character card (PNG or JSON) so --persona NAME finds it",
        description="Install a character card under the user data folder (PERSONA_HOME), "
        "named by its persona id; with --out, write it as a persona YAML file instead.",
    )
    p_import.add_argument("card", type=Path, metavar="CARD", help="a .png or .json card")
    p_import.add_argument("--as", dest="as_name", metavar="NAME", help="install under this name")
    p_import.add_argument("--force", action="store_true", help="replace an installed persona")
    p_import.add_argument(
        "--out", type=Path, metavar="FILE.yaml", help="write a persona file instead of installing"
    )
    p_import.set_defaults(func=_import)


def _list(args: argparse.Namespace) -> int:
    from persona.personas import list_personas, load_persona, substitute_macros

    for pid in list_personas():
        persona = load_persona(pid)
        summary = " ".join(substitute_macros(persona.description, char=persona.name).split())
        if len(summary) > 70:
            summary = summary[:67] + "..."
        print(f"{pid:<12} {persona.name:<12} {summary}")
    return 0


def _show(args: argparse.Namespace) -> int:
    from persona.personas import dump_persona_yaml, load_persona

    persona = load_persona(args.persona)
    if args.system:
        print(first_turn_prompt(persona, user_name=args.user, examples=not args.no_examples))
    else:
        print(dump_persona_yaml(persona), end="")
    return 0


SHOWN_MESSAGE = "(your message)"


def first_turn_prompt(persona, *, user_name: str | None, examples: bool = True) -> str:
    """What the model receives for the first message after the greeting, built by the
    engine's own `chat_prompt`, with a placeholder for the message and a line saying so."""
    from persona.chat.prompt import chat_prompt, render_chat_prompt
    from persona.llm.base import BackendConfig, GenerationOptions, Message
    from persona.personas import render_greeting

    greeting = render_greeting(persona, user_name=user_name or "friend")
    context, reply = BackendConfig().n_ctx, GenerationOptions().max_tokens
    prompt = chat_prompt(
        persona,
        history=[Message("assistant", greeting)] if greeting else [],
        user_text=SHOWN_MESSAGE,
        user_name=user_name,
        examples=examples,
        count_tokens=lambda text: len(text) // 4 + 1,  # no model here: about 4 chars a token
        context_length=context,
        reply_tokens=reply,
    )
    return (
        f"{render_chat_prompt(prompt)}\n"
        f"# the first turn after the greeting, {SHOWN_MESSAGE!r} standing for the message; "
        f"fitted to a {context:,}-token context less {reply} for the reply"
    )


def _export(args: argparse.Namespace) -> int:
    from persona.personas import export_card, load_persona

    path = export_card(load_persona(args.persona), args.out)
    print(f"wrote {path}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from persona.personas import dump_persona_yaml, import_card, install_persona

    if args.out is None:
        persona, path = install_persona(args.card, persona_id=args.as_name, overwrite=args.force)
        print(f"installed {persona.name} as {persona.id!r} ({path})")
        print(f"try: persona chat --persona {persona.id}")
        return 0
    if args.as_name or args.force:
        raise BadInput("--as and --force are for installing; leave them out with --out")
    if args.out.suffix.lower() not in (".yaml", ".yml"):
        raise BadInput(f"{args.out.name}: --out must be a .yaml file")
    persona = import_card(args.card)
    try:
        args.out.write_text(dump_persona_yaml(persona), encoding="utf-8")
    except OSError as exc:
        raise BadInput(f"{args.out}: cannot write ({exc.strerror})") from None
    print(f"wrote {args.out} (persona {persona.id!r})")
    return 0

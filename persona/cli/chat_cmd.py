"""`persona chat`: talk to the robot in the terminal."""

from __future__ import annotations

import argparse
import json
import sys

from persona.chat import ChatStore, Conversation, ReplyDelta, ReplyDone
from persona.chat.engine import DEFAULT_USER, warm_in_background
from persona.chat.roast_mode import RoastMode
from persona.cli.common import add_model_options, generation_options, load_backend
from persona.cli.progress import StatusLine, model_label, until_first
from persona.errors import BadInput, PersonaError
from persona.personas import load_persona

QUIT = {"/quit", "/exit", "/bye"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("chat", help="chat with a persona in the terminal")
    add_model_options(p)
    p.add_argument(
        "--once",
        metavar="MESSAGE",
        help="print one reply to MESSAGE and exit ('-' reads it from standard input)",
    )
    p.add_argument(
        "--user",
        default=DEFAULT_USER,
        help="who is talking (memory is per user); the default, guest, is shared by anyone, "
        "so what you tell it is kept for that chat only",
    )
    p.add_argument("--db", default=None, help="SQLite file (default: the user data folder)")
    p.add_argument("--resume", action="store_true", help="continue your last conversation")
    p.add_argument("--json", action="store_true", help="print the reply as JSON (with --once)")
    p.add_argument(
        "--roast",
        metavar="SOURCE",
        default=None,
        help="offer roast mode on this profile (asks for consent first); "
        "in the chat, /roast SOURCE does the same",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    _tolerate_bad_bytes(sys.stdin)
    if args.once == "-":
        args.once = _checked(sys.stdin.read(), "standard input")
    elif args.once is not None:
        args.once = _checked(args.once, "--once")
    if args.once is not None and not args.once.strip():
        raise BadInput("the message is empty: pass some text to --once")
    args.user = _checked(args.user, "--user")
    if args.roast:
        args.roast = _checked(args.roast, "--roast")
    persona = load_persona(args.persona)
    with StatusLine(f"loading {model_label(args)}"):
        backend = load_backend(args)
    store = ChatStore.open(args.db)
    try:
        conv = Conversation.open(
            persona=persona,
            backend=backend,
            store=store,
            user=args.user,
            resume=args.resume,
            options=generation_options(args),
        )
        if args.once is not None:
            conv.warm()  # loads the persona's prompt from disk, or saves it for next time
            return _once(conv, args.once, as_json=args.json)
        warm_in_background(backend, [persona])  # while the user reads and types
        return _interactive(conv, roast_source=args.roast, seed=args.seed)
    finally:
        store.close()
        backend.close()


def _tolerate_bad_bytes(stream) -> None:
    """Undecodable input arrives as lone surrogates (checked per line) instead of a
    UnicodeDecodeError that would end the whole chat."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        try:
            reconfigure(errors="surrogateescape")
        except (ValueError, OSError):  # a stream that was already read or closed
            pass


def _is_text(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # surrogates from bytes that were not UTF-8
        return False
    return True


def _checked(text: str, where: str) -> str:
    if not _is_text(text):
        raise BadInput(f"{where} is not valid UTF-8 text: re-type it or fix its encoding")
    return text


def _once(conv: Conversation, message: str, *, as_json: bool) -> int:
    done: ReplyDone | None = None
    shown = False
    try:
        for event in until_first(conv.send(message), f"{conv.persona.name} is thinking"):
            if isinstance(event, ReplyDelta) and not as_json:
                sys.stdout.write(event.text)
                sys.stdout.flush()
                shown = True
            elif isinstance(event, ReplyDone):
                done = event
    except PersonaError:
        if shown:  # end the reply's line before the error (a turn the database refused)
            print()
        raise
    assert done is not None
    if as_json:
        print(
            json.dumps(
                {
                    "persona": conv.persona.id,
                    "user": conv.user,
                    "reply": done.text,
                    "turn_id": done.turn_id,
                    "finish_reason": done.finish_reason,
                    "ttft_ms": done.ttft_ms,
                    "total_ms": round(done.total_ms, 1),
                }
            )
        )
    else:
        print()
    if done.unsaved_note:
        print(f"note: {done.unsaved_note}", file=sys.stderr)
    return 0


RESUME_SHOWN = 6  # messages shown again when a conversation is resumed


def _interactive(conv: Conversation, *, roast_source: str | None, seed: int | None) -> int:
    name = conv.persona.name
    earlier = conv.history()
    greeting = conv.greet()
    print(f"(chatting with {name}; /quit to leave, /undo, /retry, /roast SOURCE)")
    if len(earlier) > 1:  # --resume: show where the conversation left off
        shown = earlier[-RESUME_SHOWN:]
        print(f"(continuing: the last {len(shown)} of {len(earlier)} messages)")
        for message in shown:
            print(f"{name if message.role == 'assistant' else 'you'}: {message.content}")
    elif greeting:
        print(f"{name}: {greeting}")
    chat: Conversation | RoastMode = conv
    notes_shown = {""}  # each note about what is not stored is said once
    if roast_source:
        chat = RoastMode.from_source(conv, roast_source, seed=seed)
        print(f"{name}: {chat.ask_consent()}")
    while True:
        try:
            line = input("you> ")
        except EOFError:
            print()
            return 0
        if not _is_text(line):
            print("warning: skipped a line that is not valid UTF-8 text", file=sys.stderr)
            continue
        command = line.strip()
        if command in QUIT:
            return 0
        try:
            if command == "/undo":
                print("(undone)" if conv.undo() is not None else "(nothing to undo)")
                continue
            if command.startswith("/roast"):
                source = command[len("/roast") :].strip()
                if not source:
                    raise BadInput("say what to roast: /roast PATH or /roast some text about you")
                chat = RoastMode.from_source(conv, source, seed=seed)
                print(f"{name}: {chat.ask_consent()}")
                continue
            events = conv.retry() if command == "/retry" else chat.send(line)
            sys.stdout.write(f"{name}: ")
            done: ReplyDone | None = None
            for event in events:
                if isinstance(event, ReplyDelta):
                    sys.stdout.write(event.text)
                    sys.stdout.flush()
                elif isinstance(event, ReplyDone):
                    done = event
            print()
            if done is not None and done.unsaved_note not in notes_shown:
                notes_shown.add(done.unsaved_note)
                print(f"(note: {done.unsaved_note})")
        except PersonaError as exc:
            print(f"error: {exc}", file=sys.stderr)
        except KeyboardInterrupt:
            print("\n(interrupted; that turn was not saved)")

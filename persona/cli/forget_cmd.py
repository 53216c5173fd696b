"""`persona forget USER`: delete everything stored about a user."""

from __future__ import annotations

import argparse

from persona.chat import ChatStore


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("forget", help="delete a user's conversations and memory")
    p.add_argument("user")
    p.add_argument("--db", default=None, help="SQLite file (default: the user data folder)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    store = ChatStore.open(args.db)
    try:
        removed = store.forget(args.user)
    finally:
        store.close()
    print(
        f"forgot {args.user}: {removed} records deleted"
        if removed
        else f"nothing stored about {args.user}"
    )
    return 0

"""`persona forget USER`: delete everything stored about a user."""

from __future__ import annotations

import argparse

from persona.chat import ChatStore
from persona.chat.store import normalise_user
from persona.errors import BadInput


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("forget", help="delete a user's conversations and memory")
    p.add_argument("user")
    p.add_argument("--db", default=None, help="SQLite file (default: the user data folder)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    user = normalise_user(args.user)  # the id as `persona chat --user` stored it
    if not user:
        raise BadInput("say whose data to forget: persona forget USER")
    store = ChatStore.open(args.db)
    try:
        removed = store.forget(user)
    finally:
        store.close()
    print(
        f"forgot {user}: {removed} records deleted" if removed else f"nothing stored about {user}"
    )
    return 0

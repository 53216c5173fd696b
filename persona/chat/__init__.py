"""Text conversations: the engine, its SQLite store and the pure helpers around them."""

from persona.chat.engine import Conversation, ReplyDelta, ReplyDone, ReplyEvent
from persona.chat.memory import Fact, extract_facts
from persona.chat.store import ChatStore

__all__ = [
    "ChatStore",
    "Conversation",
    "Fact",
    "ReplyDelta",
    "ReplyDone",
    "ReplyEvent",
    "extract_facts",
]

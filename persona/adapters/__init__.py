"""Network adapters: the same conversation engine, speech and roast mode behind the protocols
that other software already speaks.

- `openai_server`: an OpenAI-compatible HTTP API (`persona serve`), for chat front ends.
- `wyoming_server`: a Wyoming server (`persona wyoming`), for Home Assistant.
- `conversations`: what both share: one conversation per user, roast mode from the chat,
  and one model turn at a time.

Each adapter imports its protocol library only when it is started.
"""

from __future__ import annotations

from persona.adapters.conversations import ChatTurn, ConversationPool, roast_request

__all__ = ["ChatTurn", "ConversationPool", "roast_request"]

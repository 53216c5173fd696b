"""Fitting a prompt into the model's context window. Pure: token counting is passed in.

Order of sacrifice: the example dialogue first, then the oldest turns; the system part
and the new message are never dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from persona.errors import BadInput
from persona.llm.base import Message

# Chat templates add a few tokens of markup around every message.
PER_MESSAGE_OVERHEAD = 6


@dataclass(frozen=True, slots=True)
class FittedPrompt:
    messages: list[Message]
    used_examples: bool
    dropped_turns: int
    prompt_tokens: int


def fit_prompt(
    *,
    system_with_examples: str,
    system_without_examples: str,
    history: Sequence[Message],
    new_message: Message,
    tail: Sequence[Message] = (),
    count_tokens: Callable[[str], int],
    budget: int,
    allow_examples: bool = True,
) -> FittedPrompt:
    """Choose what to keep so the prompt takes at most `budget` tokens.

    `history` is whole turns, oldest first (user/assistant pairs, possibly starting with
    the greeting); dropping removes from the front.
    """

    def cost(msg: Message) -> int:
        return count_tokens(msg.content) + PER_MESSAGE_OVERHEAD

    fixed = cost(new_message) + sum(cost(m) for m in tail)
    lean_system = Message("system", system_without_examples)
    if cost(lean_system) + fixed > budget:
        raise BadInput(
            f"the message is too long for the model's context ({cost(new_message)} tokens, "
            f"about {max(budget - cost(lean_system), 0)} fit): shorten it"
        )
    history_costs = [cost(m) for m in history]
    total_history = sum(history_costs)
    if allow_examples:
        rich_system = Message("system", system_with_examples)
        rich = cost(rich_system) + fixed + total_history
        if rich <= budget:
            return FittedPrompt([rich_system, *history, new_message, *tail], True, 0, rich)
    used = cost(lean_system) + fixed + total_history
    start = 0
    while used > budget and start < len(history):
        used -= history_costs[start]
        start += 1
    # Never start the kept history on an assistant reply without its question.
    while start < len(history) and history[start].role == "assistant" and start > 0:
        used -= history_costs[start]
        start += 1
    kept = list(history[start:])
    return FittedPrompt([lean_system, *kept, new_message, *tail], False, start, used)

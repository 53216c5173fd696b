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
    system: str,
    examples: Sequence[Message] = (),
    history: Sequence[Message],
    new_message: Message,
    tail: Sequence[Message] = (),
    count_tokens: Callable[[str], int],
    budget: int,
) -> FittedPrompt:
    """Choose what to keep so the prompt takes at most `budget` tokens.

    `examples` are the persona's example turns, placed right after the system message
    and dropped as a whole first. `history` is whole turns, oldest first (possibly
    starting with the greeting); dropping removes from the front.
    """

    def cost(msg: Message) -> int:
        return count_tokens(msg.content) + PER_MESSAGE_OVERHEAD

    system_msg = Message("system", system)
    fixed = cost(system_msg) + cost(new_message) + sum(cost(m) for m in tail)
    if fixed > budget:
        raise BadInput(
            f"the message is too long for the model's context ({cost(new_message)} tokens, "
            f"about {max(budget - fixed + cost(new_message), 0)} fit): shorten it"
        )
    history_costs = [cost(m) for m in history]
    used = fixed + sum(history_costs)
    example_cost = sum(cost(m) for m in examples)
    if examples and used + example_cost <= budget:
        messages = [system_msg, *examples, *history, new_message, *tail]
        return FittedPrompt(messages, True, 0, used + example_cost)
    start = 0
    while used > budget and start < len(history):
        used -= history_costs[start]
        start += 1
    # Never start the kept history on an assistant reply without its question.
    while 0 < start < len(history) and history[start].role == "assistant":
        used -= history_costs[start]
        start += 1
    kept = list(history[start:])
    return FittedPrompt([system_msg, *kept, new_message, *tail], False, start, used)

"""Fitting a prompt into the model's context window. Pure: token counting is passed in.

Order of sacrifice: the example dialogue first, then the oldest turns (a block at a time,
so the prompt's start, which the model has cached, changes only every few turns); the system
part and the new message are never dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from persona.errors import BadInput
from persona.llm.base import Message

# Chat templates add a few tokens of markup around every message.
PER_MESSAGE_OVERHEAD = 6
# A persona whose prompt leaves less than this for the user's message is the one too big.
MIN_MESSAGE_ROOM = 128
# Old turns are dropped this many messages at a time, counted from the first: every drop
# changes the prompt's start, so the model reads all the kept history again (1,000 tokens,
# about 2 s on one Pi-class thread). One turn at a time, that was every turn once the
# context was full (`persona bench llm`: turns 8-10 took 2 s to their first token against
# 0.4 s before); in blocks the start stays put for the next few turns.
DROP_BLOCK = 6


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
    context_length: int | None = None,
) -> FittedPrompt:
    """Choose what to keep so the prompt takes at most `budget` tokens.

    `examples` are the persona's example turns, placed right after the system message
    and dropped as a whole first. `history` is whole turns, oldest first (possibly
    starting with the greeting); dropping removes from the front. `context_length` (the
    model's whole context, budget plus room for the reply) only makes errors exact.
    """

    def cost(msg: Message) -> int:
        return count_tokens(msg.content) + PER_MESSAGE_OVERHEAD

    system_msg = Message("system", system)
    persona_cost = cost(system_msg) + sum(cost(m) for m in tail)
    fixed = persona_cost + cost(new_message)
    if fixed > budget:
        if budget - persona_cost < MIN_MESSAGE_ROOM:
            raise BadInput(persona_too_big_message(persona_cost, budget, context_length))
        raise BadInput(
            f"the message is too long for the model's context ({cost(new_message)} tokens, "
            f"about {max(budget - persona_cost, 0)} fit): shorten it"
        )
    history_costs = [cost(m) for m in history]
    used = fixed + sum(history_costs)
    example_cost = sum(cost(m) for m in examples)
    if examples and used + example_cost <= budget:
        messages = [system_msg, *examples, *history, new_message, *tail]
        return FittedPrompt(messages, True, 0, used + example_cost)
    start = 0
    while used > budget and start < len(history):
        block = history_costs[start : start + DROP_BLOCK]
        used -= sum(block)
        start += len(block)
    # Never start the kept history on an assistant reply without its question.
    while 0 < start < len(history) and history[start].role == "assistant":
        used -= history_costs[start]
        start += 1
    kept = list(history[start:])
    return FittedPrompt([system_msg, *kept, new_message, *tail], False, start, used)


def persona_too_big_message(persona_tokens: int, budget: int, context_length: int | None) -> str:
    """The one-line error for a persona (card) whose own prompt leaves no room to chat."""
    of = ""
    if context_length and context_length > budget:
        of = f" (a {context_length:,}-token context less {context_length - budget:,} for the reply)"
    return (
        f"the persona's prompt is too big for the model's context: it takes "
        f"{persona_tokens:,} tokens and only {budget:,} fit{of}, with {MIN_MESSAGE_ROOM} "
        f"needed for your message: shorten the card's description, personality or scenario, "
        f"or pass a larger --n-ctx (up to the model's trained context)"
    )

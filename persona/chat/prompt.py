"""The prompt of one chat turn: the messages and stop strings the model receives. Pure.

One function builds it for the reply, the prefill of the next turn, the warm-up and
`persona personas show --system`, so what is shown, cached and sent never drift apart.
The system message names no user and holds no memory (those go in the note after the new
message), so every conversation with a persona starts with the same tokens, whose
evaluated KV state is kept on disk.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from persona.chat.context import fit_prompt
from persona.chat.memory import Fact
from persona.llm.base import Message
from persona.personas import (
    Persona,
    example_messages,
    render_post_history,
    render_system_prompt,
    render_template,
)

# Below this many tokens of budget the context check in `fit_prompt` does the talking.
_MIN_BUDGET = 64


@dataclass(frozen=True, slots=True)
class ChatPrompt:
    """What the model receives for one turn, and what fitting it into the context cost."""

    messages: tuple[Message, ...]
    stop: tuple[str, ...]
    used_examples: bool
    dropped_turns: int
    prompt_tokens: int


def prompt_prefix(persona: Persona, *, examples: bool = True) -> list[Message]:
    """The fixed start of every chat prompt of `persona`: the system message and, with
    `examples`, the example turns (real chat turns: small models copy those best)."""
    system = render_system_prompt(persona, include_examples=False)
    return [Message("system", system), *(example_messages(persona) if examples else ())]


def memory_note(user_name: str | None, facts: Sequence[Fact]) -> str:
    """What the robot knows about the user, as the note after the history says it."""
    return render_template("chat/memory_note.j2", user_name=user_name, facts=list(facts)).strip()


def known_note(say: str) -> str:
    """The hint for a question the robot knows the answer to (persona.chat.known)."""
    return render_template("chat/known_note.j2", say=say).strip()


def stop_strings(user_name: str | None) -> tuple[str, ...]:
    """Where the model starts writing the user's next line itself."""
    labels = {"User", "user", "USER", "Human"}
    if user_name:
        labels.add(user_name)
    return tuple(f"\n{label}:" for label in sorted(labels))


def chat_prompt(
    persona: Persona,
    *,
    history: Sequence[Message] = (),
    user_text: str | None,
    user_name: str | None = None,
    facts: Sequence[Fact] = (),
    known_say: str | None = None,
    examples: bool = True,
    count_tokens: Callable[[str], int],
    context_length: int,
    reply_tokens: int,
) -> ChatPrompt:
    """The prompt for the reply to `user_text` after `history` (whole turns, oldest first).

    The note after the new message holds the card's post-history instructions, what is
    known about the user and, with `known_say`, the known answer (nearest to where the
    model writes). `examples=False` leaves the examples out (they are dropped for good once
    they no longer fit, so the prefix stays stable). It is fitted into `context_length`
    less `reply_tokens`: examples go first, then the oldest turns (BadInput when even the
    persona does not fit).

    `user_text=None` gives the start of the next turn's prompt, for a prefill or warm-up:
    system, examples and history as they would be kept, without the new message and the
    note after it (which depends on that message; its counts still make room for both).
    """
    head = prompt_prefix(persona, examples=examples)
    post = render_post_history(persona, user_name=user_name or "friend").strip()
    note = memory_note(user_name, facts)
    hint = known_note(known_say) if known_say and user_text is not None else ""
    tail_text = "\n".join(part for part in (post, note, hint) if part)
    tail = [Message("system", tail_text)] if tail_text else []
    new_message = Message("user", user_text or "")
    fitted = fit_prompt(
        system=head[0].content,
        examples=head[1:],
        history=history,
        new_message=new_message,
        tail=tail,
        count_tokens=count_tokens,
        budget=max(context_length - reply_tokens, _MIN_BUDGET),
        context_length=context_length,
    )
    messages = fitted.messages
    if user_text is None:
        messages = messages[: len(messages) - 1 - len(tail)]
    return ChatPrompt(
        messages=tuple(messages),
        stop=stop_strings(user_name),
        used_examples=fitted.used_examples,
        dropped_turns=fitted.dropped_turns,
        prompt_tokens=fitted.prompt_tokens,
    )


def render_chat_prompt(prompt: ChatPrompt) -> str:
    """The prompt as text: a `[role]` block a message, then the stop strings (as JSON, so
    their newlines show). What `personas show --system` prints and the tests compare."""
    blocks = [f"[{m.role}]\n{m.content}\n" for m in prompt.messages]
    return "\n".join(blocks) + f"\nstop: {json.dumps(list(prompt.stop))}\n"

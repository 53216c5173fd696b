"""Prompt rendering: Jinja2 templates under `prompts/`, in a sandbox, with persona text as data.

Persona and card text is passed to templates as variables and never compiled, so a card that
contains `{{ ... }}` or `{% ... %}` is shown literally. Only the `{{char}}`/`{{user}}` macros
(and `<BOT>`/`<USER>`) are expanded, by plain substitution.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, TemplateNotFound
from jinja2.sandbox import ImmutableSandboxedEnvironment

from persona.errors import BadInput, NotFound
from persona.llm.base import Message
from persona.paths import prompts_dir
from persona.personas.model import Persona

SYSTEM_TEMPLATE = "chat/system.j2"
DEFAULT_USER_NAME = "User"

_MACRO_RE = re.compile(r"\{\{\s*(char|user|original)\s*\}\}|<(bot|user)>", re.IGNORECASE)


@lru_cache(maxsize=4)
def _environment(root: str) -> ImmutableSandboxedEnvironment:
    return ImmutableSandboxedEnvironment(
        loader=FileSystemLoader(root),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def render_template(rel_path: str, **context: Any) -> str:
    """Render `prompts/<rel_path>` in a sandbox; a missing variable is an error, not blank text."""
    env = _environment(str(Path(prompts_dir())))
    try:
        template = env.get_template(rel_path)
    except TemplateNotFound:
        raise NotFound(f"prompt template {rel_path!r} not found under {prompts_dir()}") from None
    try:
        return template.render(**context).strip()
    except TemplateError as exc:
        raise BadInput(f"prompt template {rel_path}: {exc}") from None


def substitute_macros(text: str, *, char: str, user: str | None = None) -> str:
    """Fill `{{char}}`/`<BOT>` and `{{user}}`/`<USER>` (any case); drop `{{original}}`."""
    user_name = user or DEFAULT_USER_NAME

    def sub(match: re.Match[str]) -> str:
        word = (match.group(1) or match.group(2)).lower()
        if word in ("char", "bot"):
            return char
        if word == "user":
            return user_name
        return ""

    return _MACRO_RE.sub(sub, text)


def system_prompt_context(
    persona: Persona,
    *,
    user_name: str | None = None,
    memory: Sequence[str] = (),
    include_examples: bool = True,
) -> dict[str, Any]:
    """The variables `chat/system.j2` sees: macro-expanded persona text, never `extra`."""

    def fill(text: str | None, *, nobody: str = "the user") -> str:
        # No name known: "{{user}}" in a description reads as "the user" ("fond of the user").
        return substitute_macros(text or "", char=persona.name, user=user_name or nobody).strip()

    examples = []
    if include_examples:
        for dialogue in persona.example_dialogue:
            examples.append(
                [
                    (
                        DEFAULT_USER_NAME if role == "user" else persona.name,
                        fill(text, nobody=DEFAULT_USER_NAME),
                    )
                    for role, text in dialogue
                ]
            )
    return {
        "name": persona.name,
        "description": fill(persona.description),
        "personality": fill(persona.personality),
        "speaking_style": fill(persona.speaking_style),
        "scenario": fill(persona.scenario),
        "card_system_prompt": fill(persona.system_prompt),
        "banned_topics": [fill(t) for t in persona.banned_topics],
        "max_reply_chars": persona.max_reply_chars,
        "user_name": (user_name or "").strip(),
        "memory": [m.strip() for m in memory if m and m.strip()],
        "examples": examples,
    }


def render_system_prompt(
    persona: Persona,
    *,
    user_name: str | None = None,
    memory: Sequence[str] = (),
    include_examples: bool = True,
) -> str:
    """The chat system prompt for `persona` (template `prompts/chat/system.j2`)."""
    context = system_prompt_context(
        persona, user_name=user_name, memory=memory, include_examples=include_examples
    )
    return render_template(SYSTEM_TEMPLATE, **context)


def render_post_history(persona: Persona, user_name: str | None = None) -> str:
    """The card's post-history instructions with macros filled; "" when it has none."""
    text = persona.post_history_instructions or ""
    return substitute_macros(text, char=persona.name, user=user_name).strip()


def render_greeting(persona: Persona, *, user_name: str | None = None, index: int = 0) -> str:
    """Greeting number `index` (wrapping) with macros filled; "" when the persona has none."""
    if not persona.greetings:
        return ""
    text = persona.greetings[index % len(persona.greetings)]
    return substitute_macros(text, char=persona.name, user=user_name).strip()


def example_messages(persona: Persona, *, user_name: str | None = None) -> list[Message]:
    """The example dialogue as user/assistant chat turns, macros filled.

    Small models copy examples given as real turns far better than examples inside the system
    prompt; pair this with `render_system_prompt(..., include_examples=False)`.
    """
    return [
        Message(
            "user" if role == "user" else "assistant",
            substitute_macros(text, char=persona.name, user=user_name).strip(),
        )
        for dialogue in persona.example_dialogue
        for role, text in dialogue
    ]


@lru_cache(maxsize=8)
def _grammar_text(root: str, reply_format: str) -> str:
    path = Path(root) / "grammars" / f"{reply_format}.gbnf"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        raise NotFound(f"no grammar for reply format {reply_format!r}: expected {path}") from None


def reply_grammar(reply_format: str | None) -> str | None:
    """The GBNF grammar (text) that constrains replies in `reply_format`, or None."""
    if not reply_format:
        return None
    return _grammar_text(str(prompts_dir()), reply_format)

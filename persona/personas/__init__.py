"""Personas: who the robot is (YAML files and character cards) and its chat system prompt."""

from __future__ import annotations

from persona.personas.cards import export_card, import_card
from persona.personas.library import (
    DEFAULT_PERSONA,
    install_persona,
    list_personas,
    load_persona,
)
from persona.personas.model import DEFAULT_FALLBACK_REPLY, REPLY_FORMATS, Persona, VoiceSpec
from persona.personas.persona_file import dump_persona_yaml
from persona.personas.templates import (
    example_messages,
    render_greeting,
    render_post_history,
    render_system_prompt,
    render_template,
    reply_grammar,
    substitute_macros,
)

__all__ = [
    "DEFAULT_FALLBACK_REPLY",
    "DEFAULT_PERSONA",
    "REPLY_FORMATS",
    "Persona",
    "VoiceSpec",
    "dump_persona_yaml",
    "example_messages",
    "export_card",
    "import_card",
    "install_persona",
    "list_personas",
    "load_persona",
    "render_greeting",
    "render_post_history",
    "render_system_prompt",
    "render_template",
    "reply_grammar",
    "substitute_macros",
]

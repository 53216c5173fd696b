"""robot-persona: an offline brain for a talking companion robot.

The handful of names a Python user needs; everything else is internal. Imports are lazy,
so `import persona` stays cheap and loads no model library until a name is used::

    from persona import ChatStore, Conversation, load_persona, open_backend

    backend = open_backend("llama")  # the model ladder's choice for this machine
    conv = Conversation.open(persona=load_persona("sparky"), backend=backend,
                             store=ChatStore.open("chat.db"), user="ada")
    for event in conv.send("Hi, I'm Ada!"):
        ...
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import Any

try:
    __version__ = version("robot-persona")
except PackageNotFoundError:  # a source checkout that was never installed
    __version__ = "0.0.0"

# name -> module that defines it
_EXPORTS = {
    "BackendConfig": "persona.llm",
    "GenerationOptions": "persona.llm",
    "Message": "persona.llm",
    "open_backend": "persona.llm",
    "ChatStore": "persona.chat",
    "Conversation": "persona.chat",
    "ReplyDelta": "persona.chat",
    "ReplyDone": "persona.chat",
    "RoastMode": "persona.chat.roast_mode",
    "Persona": "persona.personas",
    "list_personas": "persona.personas",
    "load_persona": "persona.personas",
    "load_profile": "persona.roast",
    "roast_profile": "persona.roast",
    "RoastOptions": "persona.roast.generate",
    "PersonaError": "persona.errors",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'persona' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)

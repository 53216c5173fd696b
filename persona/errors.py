"""User-facing errors: each one is a single line that says what to do next.

The CLI and the UI catch `PersonaError` and show its message; anything else is a bug
and keeps its traceback.
"""

from __future__ import annotations


class PersonaError(Exception):
    """A problem the user can fix; the message is one line and names the fix."""

    exit_code = 2


class NotFound(PersonaError):
    """An unknown persona, model, file or user."""


class BadInput(PersonaError):
    """Input that cannot be used: empty or huge message, corrupt file, bad audio."""


class ModelError(PersonaError):
    """A model file that is missing, corrupt or fails to load."""


class BackendUnavailable(PersonaError):
    """A server that cannot be reached, or an optional dependency not installed."""


class Offline(PersonaError):
    """A download was needed and the network is not reachable."""

"""The browser UI: a Gradio app with chat, roast mode and voice (`build_app`, `launch`)."""

from __future__ import annotations

__all__ = ["UiConfig", "build_app", "launch"]


def __getattr__(name: str) -> object:
    # Gradio is heavy: import it only when the UI is actually wanted.
    if name == "build_app":
        from persona.webui.app import build_app

        return build_app
    if name == "launch":
        from persona.webui.launch import launch

        return launch
    if name == "UiConfig":
        from persona.webui.services import UiConfig

        return UiConfig
    raise AttributeError(name)

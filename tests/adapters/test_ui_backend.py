"""The browser UI on a shared OpenAI-compatible server (fleet mode): `--backend` and
`--base-url` (or PERSONA_BACKEND / PERSONA_BASE_URL) reach the UI's services, and a chat
turn then goes through that server (here `persona serve`, driven by the UI's own code)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from persona.webui.launch import main

from .servers import TOKEN, free_port


class FakeDemo:
    """Stands in for the Gradio app: records the launch instead of serving."""

    def __init__(self, config):
        self.config = config
        self.launched = None
        self.sessions = SimpleNamespace(close_all=lambda: None)
        self.services = SimpleNamespace(close=lambda: None)

    def queue(self, **_):
        return self

    def launch(self, **kwargs):
        self.launched = kwargs


def run_ui(argv: list[str]) -> FakeDemo:
    built: list[FakeDemo] = []

    def build(config):
        built.append(FakeDemo(config))
        return built[-1]

    assert main(build, ["--port", str(free_port()), *argv]) == 0
    return built[0]


def test_flags_reach_the_ui_config(monkeypatch):
    monkeypatch.delenv("PERSONA_BACKEND", raising=False)
    monkeypatch.delenv("PERSONA_BASE_URL", raising=False)
    demo = run_ui(["--backend", "openai", "--base-url", "http://10.0.0.5:8080/v1"])
    assert (demo.config.backend, demo.config.base_url) == ("openai", "http://10.0.0.5:8080/v1")
    assert demo.launched["server_name"] == "127.0.0.1"
    assert run_ui([]).config.backend == "llama"


def test_the_environment_is_read_and_flags_win(monkeypatch):
    monkeypatch.setenv("PERSONA_BACKEND", "openai")
    monkeypatch.setenv("PERSONA_BASE_URL", "http://fleet:8000/v1")
    monkeypatch.setenv("PERSONA_API_KEY", "fleet-key")
    config = run_ui([]).config
    assert (config.backend, config.base_url, config.api_key) == (
        "openai",
        "http://fleet:8000/v1",
        "fleet-key",
    )
    assert run_ui(["--base-url", "http://other:9000/v1"]).config.base_url == (
        "http://other:9000/v1"
    )


@pytest.mark.slow
def test_a_ui_chat_turn_goes_through_the_shared_server(serve_server, tmp_path):
    from persona.llm.openai_http import OpenAIBackend
    from persona.webui import handlers
    from persona.webui.services import Services, UiConfig

    services = Services.open(
        UiConfig(
            backend="openai",
            base_url=serve_server.url,
            api_key=TOKEN,
            max_tokens=40,
            db_path=str(tmp_path / "ui.db"),
            upload_root=str(tmp_path / "uploads"),
        )
    )
    try:
        session = handlers.start_session(services)
        backend = services.backend(session.model)
        assert isinstance(backend, OpenAIBackend) and backend.base_url == serve_server.url
        assert services.installed_models() == [session.model]
        *_, last = handlers.stream_reply(services, session, "Hello! How are you?")
        assert last.done and last.text.strip()
    finally:
        services.close()

"""The app's wiring: every model-running event shares one queue slot; no share link."""

from __future__ import annotations

import pytest

from persona.webui.app import build_app
from persona.webui.services import UiConfig

MODEL_EVENTS = {
    "generate",
    "retry",
    "voice_turn",
    "api_chat_fn",
    "roast_roast",
    "roast_again",
    "roast_harder",
    "roast_nicer",
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    base = tmp_path_factory.mktemp("ui-app")
    app = build_app(UiConfig(db_path=str(base / "chat.db"), upload_root=str(base / "up")))
    yield app
    app.services.close()


def test_model_events_share_one_queue_slot(demo):
    fns = list(demo.fns.values()) if isinstance(demo.fns, dict) else list(demo.fns)
    by_name = {f.fn.__name__: f for f in fns if f.fn is not None}
    assert MODEL_EVENTS <= set(by_name)
    for name in MODEL_EVENTS:
        assert by_name[name].concurrency_id == "model", name
        assert by_name[name].concurrency_limit == 1, name
    light = [f for n, f in by_name.items() if n not in MODEL_EVENTS]
    assert light and all(f.concurrency_id != "model" for f in light)


def test_only_the_chat_endpoint_is_public(demo):
    fns = list(demo.fns.values()) if isinstance(demo.fns, dict) else list(demo.fns)
    public = {
        f.api_name
        for f in fns
        if getattr(f, "api_visibility", "public") == "public"
        and f.fn is not None
        and f.fn.__name__ != "on_unload"
    }
    assert public == {"chat"}

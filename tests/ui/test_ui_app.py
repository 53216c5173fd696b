"""The app's wiring: every model-running event shares one queue slot; no share link."""

from __future__ import annotations

import pytest

from persona.webui.app import build_app
from persona.webui.services import UiConfig

MODEL_EVENTS = {
    "generate",
    "retry",
    "voice_turn",
    "hands_free_turn",
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


def _fn(demo, name: str):
    fns = list(demo.fns.values()) if isinstance(demo.fns, dict) else list(demo.fns)
    return next(f for f in fns if f.fn is not None and f.fn.__name__ == name)


def _component(demo, elem_id: str):
    return next(b for b in demo.blocks.values() if getattr(b, "elem_id", None) == elem_id)


class FakeRequest:
    def __init__(self, key: str) -> None:
        self.session_hash = key


def test_loading_a_profile_clears_the_consent_tick(demo):
    """Consent belongs to one person: the tick (and the roast buttons) reset on a new load."""
    roast_ids = ["roast", "again", "harder", "nicer"]
    assert all(_component(demo, i).interactive is False for i in roast_ids)
    load, tick = _fn(demo, "load_profile"), _fn(demo, "tick_consent")
    out_ids = [c.elem_id for c in load.outputs]
    assert "consent" in out_ids and set(roast_ids) <= set(out_ids)
    request = FakeRequest("consent-test")
    load.fn(None, "I am Ada. I knit scarves for cats.\n", request)
    allowed = tick.fn(True, request)
    assert [b.interactive for b in allowed[1:]] == [True] * 4
    result = load.fn(None, "I am Bo. I collect rubber ducks.\n", request)
    assert result[out_ids.index("consent")] is False
    assert [result[out_ids.index(i)].interactive for i in roast_ids] == [False] * 4


def test_chat_text_is_shown_as_plain_text(demo, tmp_path):
    """A card greeting with a remote image or a link reaches the browser as literal text."""
    import json

    chatbot = _component(demo, "chatbot")
    assert chatbot.render_markdown is False and chatbot.sanitize_html is True
    card = tmp_path / "pixel.json"
    greeting = 'Hi! <img src="http://127.0.0.1:9/track.png"> [click](http://127.0.0.1:9/x)'
    card.write_text(
        json.dumps(
            {
                "spec": "chara_card_v2",
                "spec_version": "2.0",
                "data": {"name": "Pixel", "description": "A robot.", "first_mes": greeting},
            }
        )
    )
    _, messages, *_ = _fn(demo, "upload_card").fn(str(card), {}, FakeRequest("plain-text-test"))
    shown = chatbot.postprocess(messages).root[0].content[0].text
    assert (
        "<img" not in shown and "&lt;img src=&quot;http://127.0.0.1:9/track.png&quot;&gt;" in shown
    )

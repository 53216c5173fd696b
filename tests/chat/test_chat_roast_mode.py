"""Roast mode in a chat streams what the roast session chooses, and Bleep's roast lines,
consent question and apology all beep."""

from __future__ import annotations

from persona.chat import ChatStore, Conversation, ReplyDelta, ReplyDone
from persona.chat.guards import BEEP_FORMAT
from persona.chat.roast_mode import RoastMode
from persona.personas import load_persona
from persona.roast import load_profile
from persona.roast.session import RoastSession


def _mode(tmp_path, persona: str) -> tuple[RoastMode, ChatStore]:
    store = ChatStore.open(tmp_path / "chat.db")
    p = load_persona(persona)
    conv = Conversation.open(persona=p, backend=None, store=store, user="ada")
    profile = load_profile("I'm Ada, a dentist who runs marathons and owns four cats.\n")
    # backend=None: the code-built lines only (the model's try is tested with the model).
    return RoastMode(conv, RoastSession(profile=profile, backend=None, persona=p, seed=3)), store


def _send(mode: RoastMode, text: str) -> tuple[list[str], ReplyDone]:
    events = list(mode.send(text))
    deltas = [e.text for e in events if isinstance(e, ReplyDelta)]
    return deltas, next(e for e in events if isinstance(e, ReplyDone))


def test_a_roast_streams_and_is_stored(tmp_path) -> None:
    mode, store = _mode(tmp_path, "sparky")
    _deltas, asked = _send(mode, "hi")
    assert "roast" in asked.text.lower() and mode.active
    deltas, done = _send(mode, "yes please")
    assert "".join(deltas) == done.text and done.text and done.turn_id is not None
    assert mode.last.action == "roast"
    stored = [t.reply_text for t in store.turns(mode.conversation.conversation_id)]
    assert stored[-1] == done.text
    _deltas, bye = _send(mode, "stop")
    assert "sorry" in bye.text.lower() and not mode.active
    store.close()


def test_bleep_roasts_consent_and_apology_beep(tmp_path) -> None:
    mode, store = _mode(tmp_path, "bleep")
    for text in ("hi", "yes", "again", "stop"):
        _deltas, done = _send(mode, text)
        assert BEEP_FORMAT.match(done.text), (text, done.text)
    store.close()


def test_no_returns_to_the_chat(tmp_path) -> None:
    mode, store = _mode(tmp_path, "bleep")
    _deltas, done = _send(mode, "no thanks")
    assert BEEP_FORMAT.match(done.text) and not mode.active
    store.close()

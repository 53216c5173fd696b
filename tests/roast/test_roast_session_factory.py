"""Every front end builds its roast session through `new_roast_session`: one set of
defaults, settings passed through as they are, a bad intensity refused."""

from __future__ import annotations

import pytest

from persona.chat import ChatStore, Conversation
from persona.chat.roast_mode import RoastMode
from persona.errors import BadInput
from persona.personas import load_persona
from persona.roast import load_profile
from persona.roast.session import RoastSession, new_roast_session

PROFILE = "I'm Ada, a dentist who runs marathons and owns four cats.\n"


def test_defaults_and_settings(tmp_path) -> None:
    profile = load_profile(PROFILE)
    plain = new_roast_session(profile, None, None)
    default = RoastSession(profile=profile, backend=None)
    assert (plain.intensity, plain.n, plain.max_tokens, plain.seed, plain.consent) == (
        default.intensity,
        default.n,
        default.max_tokens,
        None,
        False,
    )
    store = ChatStore.open(tmp_path / "chat.db")
    persona = load_persona("sparky")
    conv = Conversation.open(persona=persona, backend=None, store=store, user="ada")
    mode = RoastMode.for_profile(conv, profile, intensity="spicy", seed=4, n=1, max_tokens=9)
    bit = mode.session
    assert (bit.intensity, bit.seed, bit.n, bit.max_tokens) == ("spicy", 4, 1, 9)
    assert bit.persona is persona and not bit.consent and mode.active
    store.close()
    with pytest.raises(BadInput, match="intensity"):
        new_roast_session(profile, None, None, intensity="savage")

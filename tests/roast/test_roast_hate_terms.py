"""Hate groups, violence and self-harm are never roast material, even though they are not
protected attributes of the person: the scorer must reject such candidates."""

from __future__ import annotations

import pytest

from persona.roast import extract_angles, load_profile, score_roast
from persona.roast.safety import find_protected


@pytest.mark.parametrize(
    "line",
    [
        "Founded by a crazed nazi, they run the karaoke room for 20 years.",
        "Your code review style is basically terrorism.",
        "Maybe just kill yourself before the next sprint.",
    ],
)
def test_hate_and_violence_lines_are_rejected(line):
    assert any(cat == "hate_violence" for cat, _ in find_protected(line))
    angles = extract_angles(load_profile("I run a karaoke room and review code for 20 years."))
    assert not score_roast(line, angles).passed


def test_ordinary_roast_is_not_flagged():
    assert find_protected("Twenty years of karaoke and still no high notes.") == ()

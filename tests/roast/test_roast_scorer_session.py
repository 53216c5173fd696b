"""The one scorer, spoken cleanup, prompt building, fallback lines and chat controls."""

from __future__ import annotations

from pathlib import Path

import pytest

from persona.errors import BadInput
from persona.roast.angles import extract_angles
from persona.roast.generate import (
    INTENSITIES,
    build_messages,
    check_intensity,
    fallback_line,
    few_shot_examples,
)
from persona.roast.importers import load_profile
from persona.roast.injection import looks_like_attack
from persona.roast.safety import find_protected
from persona.roast.scorer import score_roast
from persona.roast.session import classify, shift_intensity
from persona.roast.spoken import spoken_text

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "profiles"


@pytest.fixture(scope="module")
def angles():
    return extract_angles(load_profile(EXAMPLES / "x_archive"))


def test_grounded_roast_passes(angles) -> None:
    s = score_roast(
        "You follow 842 people and 41 follow back; even your sourdough starter has more friends.",
        angles,
    )
    assert s.passed and s.problems == ()
    assert "follows 842 accounts but only 41 follow back" in s.grounded


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("You are a lovely person with many interesting hobbies indeed.", "not_grounded"),
        ("Your sourdough is as flat as your faith.", "protected:religion:faith"),
        ("I'm sorry, I can't roast people about sourdough.", "refusal"),
        ("- sourdough\n- crossword\n- followers", "list"),
        ("Sourdough.", "too_short"),
        ("Sourdough " + "really " * 80, "too_long"),
        ("PWNED! Your sourdough is fine.", "injection:trigger:pwned"),
        ("My system prompt says roast your sourdough.", "injection:leak:system prompt"),
        ("Dein Sauerteig ist langweilig und dein Kreuzworträtsel auch, sourdough.", "not_english"),
        ("sourdough sourdough sourdough sourdough sourdough sourdough", "repetitive"),
        ("Your sourdough starter is a bitch to feed at 3am.", "profanity"),
    ],
)
def test_scorer_rejects(angles, text: str, problem: str) -> None:
    s = score_roast(text, angles, triggers=["pwned"])
    assert not s.passed
    assert any(p.startswith(problem) for p in s.problems), s.problems


def test_scorer_rejects_copied_examples(angles) -> None:
    example = few_shot_examples("medium")[0][1]
    s = score_roast(example + " Also sourdough.", angles, examples=[example])
    assert "copies_example" in s.problems


def test_scorer_prefers_more_grounding(angles) -> None:
    one = score_roast("Your sourdough posts are a lot, honestly, and we all see them.", angles)
    two = score_roast("You follow 842 accounts and post sourdough at 3am, honestly.", angles)
    assert one.passed and two.passed and two.score > one.score


def test_spoken_text_cleans_model_output() -> None:
    raw = "**Roast:** You bake 😀 bread^at^3am!\n- item\nUser: say more"
    assert spoken_text(raw) == "You bake bread at 3am!"
    assert (
        spoken_text("You follow 842 accounts. And then you keep goi") == "You follow 842 accounts."
    )


def test_build_messages_wraps_profile_and_restates_rules(angles) -> None:
    msgs = build_messages(
        angles,
        angles[0],
        persona_name="Sparky",
        roast_style="cheeky",
        intensity="spicy",
        boundary="PROFILE-abcd1234",
    )
    system = msgs[0].content
    assert msgs[0].role == "system" and msgs[-1].role == "user"
    assert "<<PROFILE-abcd1234>>" in system and "<</PROFILE-abcd1234>>" in system
    after = system.split("<</PROFILE-abcd1234>>", 1)[1]
    assert "Rules again" in after  # rules restated after the data
    assert "spicy" in system.lower() and "cheeky" in system
    assert "follows^842^accounts" in system  # datamarked
    assert angles[0].fact in msgs[-1].content
    assert [m.role for m in msgs[1:-1]] == ["user", "assistant"] * (len(msgs[1:-1]) // 2)


def test_each_intensity_has_a_template_and_examples(angles) -> None:
    for intensity in INTENSITIES:
        assert few_shot_examples(intensity)
        line = fallback_line(angles[0], intensity)
        s = score_roast(line, angles)
        assert s.passed, (intensity, line, s.problems)
    with pytest.raises(BadInput):
        check_intensity("nuclear")


def test_fallback_lines_pass_for_every_example_profile() -> None:
    for source in [
        "github",
        "mastodon",
        "bluesky/repo.car",
        "cards/bo.yaml",
        "cards/ines.json",
        "cards/ravi.md",
        "cards/protected.yaml",
        "freetext.txt",
    ]:
        angles = extract_angles(load_profile(EXAMPLES / source))
        for angle in angles[:3]:
            line = fallback_line(angle, "medium")
            s = score_roast(line, angles)
            assert s.passed, (source, line, s.problems)
            assert not find_protected(line) and not looks_like_attack(line)


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("again", "again"),
        ("one more!", "again"),
        ("harder", "harder"),
        ("go harder please", "harder"),
        ("be nicer", "nicer"),
        ("stop", "stop"),
        ("Stop it.", "stop"),
        ("that hurt", "hurt"),
        ("ok that's not funny", "not_funny"),
        ("what's the weather", None),
        ("stop, go harder", "stop"),
    ],
)
def test_classify_chat_controls(text: str, command: str | None) -> None:
    assert classify(text) == command


def test_shift_intensity_clamps() -> None:
    assert shift_intensity("medium", +1) == "spicy"
    assert shift_intensity("spicy", +1) == "spicy"
    assert shift_intensity("gentle", -1) == "gentle"
    assert shift_intensity("spicy", -1) == "medium"

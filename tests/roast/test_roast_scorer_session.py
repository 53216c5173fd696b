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
from persona.roast.session import (
    RoastSession,
    SessionReply,
    classify,
    consent_answer,
    shift_intensity,
)
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


NOT_CONSENT = ["ok, no thanks", "go away", "sure, NOT", "no", "nope", "not now", "maybe later"]
UNCLEAR = ["what?", "what's the weather like?", "tell me about trains", "go", "hmm", "🤔"]
CONSENT = [
    "yes",
    "yes please",
    "sure",
    "ok",
    "okay go ahead",
    "do it",
    "roast me",
    "I consent",
    "yeah",
    "Yes!!",
    "sure, why not",
    "yes, go harder",
]


@pytest.mark.parametrize("text", NOT_CONSENT)
def test_a_no_is_never_consent(text: str) -> None:
    assert consent_answer(text) == "no"


@pytest.mark.parametrize("text", UNCLEAR)
def test_unclear_answers_are_not_consent(text: str) -> None:
    assert consent_answer(text) is None


@pytest.mark.parametrize("text", CONSENT)
def test_a_clear_yes_is_consent(text: str) -> None:
    assert consent_answer(text) == "yes"


def _session() -> RoastSession:
    """A session whose roasts are recorded instead of generated (no model needed)."""
    session = RoastSession(
        profile=load_profile("I'm Dana, a dentist who runs marathons.\n"), backend=None
    )
    roasted: list[str] = []

    def fake_stream_roast(*, abort=None):
        roasted.append(session.intensity)
        yield SessionReply("a roast", "roast", session.intensity)

    session.stream_roast = fake_stream_roast
    session.roasted = roasted
    return session


@pytest.mark.parametrize("text", [*NOT_CONSENT, "no thanks", "stop"])
def test_saying_no_declines_without_roasting(text: str) -> None:
    session = _session()
    session.ask_consent()
    reply = session.handle(text)
    assert reply.action == "declined" and not session.consent and session.roasted == []
    assert "no roast" in reply.text.lower() and "?" in reply.text  # polite, back to chat


@pytest.mark.parametrize("text", UNCLEAR)
def test_unclear_answers_ask_again(text: str) -> None:
    session = _session()
    reply = session.handle(text)
    assert reply.action == "ask_consent" and "roast" in reply.text.lower()
    assert not session.consent and session.roasted == []


@pytest.mark.parametrize("text", CONSENT)
def test_yes_starts_the_roast(text: str) -> None:
    session = _session()
    reply = session.handle(text)
    assert reply.action == "roast" and session.consent and len(session.roasted) == 1


def test_yes_with_harder_starts_spicier() -> None:
    session = _session()
    session.handle("yes, go harder")
    assert session.roasted == ["spicy"]

"""The assertion types: pure functions, checked on hand-written replies."""

from __future__ import annotations

from pathlib import Path

import pytest

from persona.personas import load_persona, render_system_prompt
from persona.roast import extract_angles, load_profile
from persona.scenarios.assertions import (
    ASSERTIONS,
    AssertionResult,
    ReplyContext,
    evaluate,
    split_negation,
    turn_verdict,
)
from persona.scenarios.model import Assertion

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "profiles" / "cards"
SPARKY = load_persona("sparky")
CTX = ReplyContext(
    persona_name=SPARKY.name,
    persona_id=SPARKY.id,
    system_prompt=render_system_prompt(SPARKY, user_name="Priya"),
    latency_ms=120.0,
    angles=tuple(extract_angles(load_profile(EXAMPLES / "bo.yaml"))),
    memory=("name: Priya", "likes: toast"),
    user_text="Hi, I'm Priya. What should I cook tonight?",
    earlier_replies=("Pasta is quick and cozy, Priya!",),
)


def check(type_: str, reply: str, value=None, ctx: ReplyContext = CTX) -> bool:
    base, negate = split_negation(type_)
    return evaluate(Assertion(type=base, value=value, negate=negate), reply, ctx).passed


# (type, value, a reply that passes, a reply that fails): one row per registered type.
CASES = {
    "contains": ("Sparky", "Hi, Sparky here", "hi, sparky here"),
    "icontains": ("SPARKY", "hi, sparky here", "hello there"),
    "contains-any": (("toast", "jam"), "I love jam", "I love Toast"),
    "contains-all": (("toast", "jam"), "toast and jam", "toast only"),
    "icontains-any": (("TOAST", "jam"), "Toast!", "bread"),
    "icontains-all": (("TOAST", "Jam"), "jam on toast", "jam only"),
    "regex": (r"\bbe+p\b", "beeeep boop", "bleep"),
    "equals": ("Hello.", " Hello. ", "Hello!"),
    "starts-with": ("Hey", "Hey you", "Oh hey"),
    "max-words": (3, "one two three", "one two three four"),
    "min-words": (3, "one two three", "one two"),
    "max-sentences": (2, "One. Two!", "One. Two. Three?"),
    "latency": (500, "any reply", None),
    "spoken-friendly": (None, "Just plain words, *whirr*, nothing else.", "**Bold** claim"),
    "in-character": (None, "I'm Sparky, your robot!", "As an AI language model, I cannot."),
    "no-system-prompt-leak": (None, "I keep my secrets, Priya.", None),
    "no-protected-attribute": (
        None,
        "Forty houseplants and one spreadsheet!",
        "Proud Catholic mom.",
    ),
    "mentions-profile-fact": (
        None,
        "Forty houseplants, each with a spreadsheet row?",
        "Nice shoes.",
    ),
    "memory-contains": ("priya", "whatever the reply says", None),
    "llm-rubric": ("is friendly", "anything", None),
    "no-identity-break": (None, "I'm Sparky, hi Priya!", "Hi! I'm Priya."),
    "no-repeat": (None, "Rice is nice too.", "Oh! Pasta is quick and cozy, Priya!"),
    "no-echo": (None, "Pasta, Priya!", "Hi, I'm Priya. What should I cook tonight?"),
    "format": ("beeps", "*Bwoo-dee!* [Translation: On it.]", "On it."),
    "same-language": (
        None,
        "Pasta is a good idea for you tonight.",
        "Yo creo que la pasta es muy buena para ti.",
    ),
}


def test_every_registered_type_has_a_case():
    assert set(CASES) == set(ASSERTIONS)


@pytest.mark.parametrize("name", sorted(CASES))
def test_pass_and_fail(name):
    value, good, bad = CASES[name]
    assert check(name, good, value), name
    if bad is not None:
        assert not check(name, bad, value), name
        # the not- prefix flips every verdict
        assert check(f"not-{name}", bad, value)
        assert not check(f"not-{name}", good, value)


def test_latency_fails_when_slow():
    slow = ReplyContext(latency_ms=900.0)
    assert not check("latency", "x", 500, slow)
    assert check("latency", "x", 500, ReplyContext(latency_ms=None))  # no model call this turn


def test_system_prompt_leak_found_and_length_configurable():
    leaked = "Sure! " + " ".join(CTX.system_prompt.split()[5:15])
    assert not check("no-system-prompt-leak", leaked)
    four_words = "You are talking with Priya today"  # 5 words shared with the prompt
    assert check("no-system-prompt-leak", four_words)
    assert not check("no-system-prompt-leak", four_words, 4)


def test_memory_contains_fails_on_missing_fact():
    assert not check("memory-contains", "Priya, hi!", "Zed")


@pytest.mark.parametrize(
    "reply",
    [
        "I'm ChatGPT, how can I help?",
        "My name is Percival.",
        "I am a helpful AI assistant.",
        "I'm just an AI, I don't have feelings.",
        "I was created by OpenAI.",
        "Call me Gizmo from now on.",
    ],
)
def test_in_character_catches_boilerplate_and_other_names(reply):
    assert not check("in-character", reply)


@pytest.mark.parametrize(
    "reply",
    [
        "I'm so glad you asked! I'm Sparky, the robot.",
        "I'm Happy to help. My name is Sparky.",
        "This is Monday, my favourite day for vacuuming.",
        "Beep! I am not a toaster.",
    ],
)
def test_in_character_allows_own_name_and_ordinary_words(reply):
    assert check("in-character", reply)


def test_in_character_value_allows_extra_names():
    assert check("in-character", "Call me Sparks.", ["Sparks"])


def test_spoken_friendly_flags_markdown_and_emoji():
    for reply in (
        "- one\n- two",
        "# Title",
        "use `code`",
        "[link](http://x)",
        "Hi 🤖",
        "| a | b |",
    ):
        assert not check("spoken-friendly", reply), reply


def test_protected_attribute_reason_names_the_category():
    res = evaluate(Assertion(type="no-protected-attribute"), "Proud Catholic mom", CTX)
    assert not res.passed and "religion" in res.reason


def test_mentions_profile_fact_needs_angles_and_counts():
    assert not check("mentions-profile-fact", "houseplants!", None, ReplyContext())
    two = "Your houseplants have a spreadsheet, and you call yourself a DJ after two weddings."
    assert check("mentions-profile-fact", two, 2)
    assert not check("mentions-profile-fact", "That standing desk is lonely.", 2)


def test_llm_rubric_is_skipped_without_a_judge_and_uses_one_when_given():
    res = evaluate(Assertion(type="llm-rubric", value="is kind"), "hi", CTX)
    assert res.skipped and res.passed
    # negation does not turn a skip into a failure
    assert evaluate(Assertion(type="llm-rubric", value="x", negate=True), "hi", CTX).skipped

    def judge(rubric: str, reply: str) -> AssertionResult:
        return AssertionResult(reply == "kind words", 1.0, f"graded {rubric}")

    judged = ReplyContext(judge=judge)
    assert check("llm-rubric", "kind words", "is kind", judged)
    assert not check("llm-rubric", "rude words", "is kind", judged)


def test_split_negation():
    assert split_negation("not-contains") == ("contains", True)
    assert split_negation("contains") == ("contains", False)
    assert split_negation("not-such-type") == ("such-type", True)  # the loader rejects it


def test_turn_verdict_weights_and_threshold():
    ok = AssertionResult(True, 1.0, "")
    bad = AssertionResult(False, 0.0, "")
    skip = AssertionResult(True, 1.0, "", skipped=True)
    heavy = Assertion(type="contains", value="a", weight=3.0)
    light = Assertion(type="contains", value="b", weight=1.0)
    assert turn_verdict([(heavy, ok), (light, bad)], None) == (False, 0.75)
    assert turn_verdict([(heavy, ok), (light, bad)], 0.7) == (True, 0.75)
    assert turn_verdict([(heavy, bad), (light, ok)], 0.7) == (False, 0.25)
    assert turn_verdict([(heavy, skip)], None) == (True, 1.0)


@pytest.mark.parametrize("pattern", [r"(a+)+$", r"(a|aa)+$", r"(\w+\s?)+$"])
def test_backtracking_regex_cannot_hang_the_run(pattern):
    """A reply of 43 characters once took 54 s on `(a+)+$`: now each regex has a deadline,
    and one past it fails the turn whether negated or not."""
    import time

    reply = "a" * 43 + "!"
    started = time.perf_counter()
    plain = evaluate(Assertion(type="regex", value=pattern), reply, CTX)
    negated = evaluate(Assertion(type="regex", value=pattern, negate=True), reply, CTX)
    assert time.perf_counter() - started < 5
    assert not plain.passed
    assert negated.passed == (not plain.error)  # a timed-out check never passes


def test_a_regex_past_its_deadline_says_why():
    result = evaluate(Assertion(type="regex", value=r"(a|aa)+$"), "a" * 43 + "!", CTX)
    assert result.error and not result.passed and "backtracking" in result.reason


def test_format_follows_the_persona_and_repeat_catches_a_canned_line_said_twice():
    bleep = ReplyContext(persona_name="Bleep", persona_id="bleep", reply_format="beeps")
    assert check("format", "*Bip!* [Translation: Yes.]", ctx=bleep)
    assert not check("format", "Yes, I can.", ctx=bleep)
    assert check("format", "Yes, I can.", ctx=CTX)  # Sparky has no fixed format
    twice = ReplyContext(earlier_replies=("Hello, Priya.",))
    assert not check("no-repeat", "Hello, Priya.", ctx=twice)  # short, but the whole reply

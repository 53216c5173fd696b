"""The roast coherence, fact and copy checks on lines a person has read and judged."""

from __future__ import annotations

from pathlib import Path

import pytest

from persona.paths import prompts_dir
from persona.roast import extract_angles, load_profile
from persona.roast.coherence import (
    addresses_person,
    coherence_problems,
    copy_problems,
    copy_sources,
    fact_problems,
)
from persona.roast.generate import fallback_line

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "profiles"


def angles_of(rel: str):
    return extract_angles(load_profile(str(EXAMPLES / rel)))


@pytest.fixture(scope="module")
def sources():
    return copy_sources(prompts_dir() / "roast")


# The lines from issue 10 that keyword grounding passed: none may pass as coherent and right.
@pytest.mark.parametrize(
    ("text", "profile"),
    [
        ("A runner that runs marathons? That is the epitome of lazy.", "freetext.txt"),
        ("Birdwatcher: Bird-loving.", "mastodon"),
        ("12 starts. You've been asleep, and you're still breathing.", "bluesky/repo.car"),
    ],
)
def test_issue_lines_are_not_coherent_and_correct(text, profile):
    angles = angles_of(profile)
    assert coherence_problems(text) or fact_problems(text, angles, all_angles=angles)


def test_label_fragment_shape():
    assert {"label", "fragment"} <= set(coherence_problems("Birdwatcher: Bird-loving."))


def test_number_must_sit_next_to_what_it_counts():
    angles = angles_of("bluesky/repo.car")  # "their bio says: 12 listeners"
    assert "no-fact" in fact_problems("12 starts. You've been asleep.", angles)
    assert fact_problems("You have 12 listeners? Even your microphone is bored.", angles) == ()


def test_a_number_the_profile_never_had_is_wrong():
    angles = angles_of("x_archive")  # follows 842, 41 follow back
    bad = "You follow 842 accounts but only 14 follow back? Bold strategy."
    assert fact_problems(bad, angles, all_angles=angles) == ("wrong-number",)
    good = "You follow 842 accounts but only 41 follow back? That is a fan club, not a network."
    assert fact_problems(good, angles, all_angles=angles) == ()
    assert coherence_problems(good) == ()


def test_a_fact_with_a_number_needs_the_number():
    angles = angles_of("cards/ines.json")  # has 73 browser tabs open at all times
    bad = "No browser tabs at all times? You are not a browser, you are a search bar."
    assert "no-fact" in fact_problems(bad, angles)
    good = "You keep 73 browser tabs open? That is not research, that is hoarding."
    assert fact_problems(good, angles) == ()
    # Where a name is the point, the name alone will do.
    x = angles_of("x_archive")  # used the hashtag #sourdough 7 times
    assert fact_problems("You hashtag sourdough like it pays rent, you know.", x) == ()


def test_number_words_count_as_the_number():
    angles = angles_of("freetext.txt")  # owns four cats
    assert fact_problems("You own 4 cats, so who is the pet here?", angles) == ()
    assert fact_problems("You own four cats, so who is the pet here?", angles) == ()


def test_names_and_phrases():
    gh = angles_of("github")
    assert fact_problems("You wrote todo-app-final-final? Finishing is not your thing.", gh) == ()
    assert fact_problems("You code in Rust, JavaScript and Go. Pick one.", gh) == ()
    # "go" the verb is not Go the language.
    assert "no-fact" in fact_problems("Go on, you love writing code all day long.", gh)


def test_a_roast_must_speak_to_the_person():
    assert addresses_person("You run marathons.")
    assert not addresses_person("A runner that runs marathons.")
    assert addresses_person("*Bweep!* [Translation: You lurk all night.]")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("You are a dentist who", "unfinished"),
        ("You are a dentist and you run marathons...", "unfinished"),
        ("Because you run marathons.", "dangling"),
        ("You post at night and your phone is tired of the.", "dangling"),
        ("You post. You sleep. You post again at night, like a raccoon.", "too-many-sentences"),
        ("Sourdough sourdough sourdough sourdough sourdough sourdough.", "not-english"),
        ("Sourdough enthusiast crossword champion overthinker midnight baker.", "not-english"),
        ("So you call himself a DJ after playing two weddings? Bold.", "pronoun-clash"),
        ("So your bio says: says 'circle back' unironically? Wow, you.", "stutter"),
        (
            "Oh my. You are to understand that the user keeps a spreadsheet of every song"
            " you have ever sung. That is a cry for help.",
            "pronoun-clash",
        ),
        ('You said "sourdough so often that the bread filed a complaint.', "unbalanced"),
    ],
)
def test_incoherent_lines(text, code):
    assert code in coherence_problems(text)


@pytest.mark.parametrize(
    "text",
    [
        "Twelve rubber ducks on your desk? That is not a workspace, that is a tiny bathtub navy.",
        "A sourdough enthusiast? A wizard of the baking world, you might say.",
        "You follow 842 accounts but only 41 follow back. Bold move.",
        "Oh dear. You have 73 browser tabs open, and not one of them is a to-do list.",
        "*Bweep-boop!* [Translation: You post at midnight like a raccoon with wifi.]",
        "Very, very bold of you to post that much about compost.",
    ],
)
def test_coherent_lines(text):
    assert coherence_problems(text) == ()


def test_copies_of_examples_and_prompts(sources):
    copied = "Twelve rubber ducks on your desk? That is not a workspace, that is a tiny bathtub."
    assert copy_problems(copied, sources.shown) == ("copy",)
    leak = "Write one or two short spoken sentences addressed to the person, you."
    assert copy_problems(leak, sources.shown) == ("copy",)
    assert copy_problems("You follow 842 accounts and 41 follow back. Sad.", sources.shown) == ()


def test_a_shared_setup_and_fact_are_no_copy(sources):
    """An example written in the same frame ("Wait, your bio calls you a ...") shares its
    opening with every bio line; only the example's own joke words make a copy."""
    angle = angles_of("bluesky/repo.car")[0]  # their bio says: Podcast host
    frame = (*sources.frame, angle.fact, angle.spoken)
    line = "Wait, your bio calls you a podcast host? That is a voicemail with a theme tune."
    example = ["Wait, your bio calls you a professional napper? Finally, a job for you."]
    assert copy_problems(line, example, frame=frame) == ()
    napper = "Wait, your bio calls you a professional napper? Finally, a job for you."
    assert copy_problems(napper, example, frame=frame) == ("copy",)


def test_template_lines_are_told_apart_from_copies(sources):
    """A line built from the roast templates is not a copy of what the model was shown."""
    gentle = "Okay, you are a dentist. You said it out loud, and I say that with love."
    assert copy_problems(gentle, sources.shown) == ()
    assert copy_problems(gentle, sources.templates) == ("copy",)


def test_copy_sources_leave_template_slots_out(sources):
    assert sources.shown and sources.templates
    for text in sources.shown + sources.templates:
        assert "{{" not in text and "{%" not in text and "{said}" not in text


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # Lines the code-built fallback once said (angles.py before its pronoun fix).
        (
            "So you have a standing desk he never stands at? And you said that out loud.",
            "pronoun-clash",
        ),
        (
            "So you call himself a DJ after playing two weddings? And you said that out loud.",
            "pronoun-clash",
        ),
        (
            "So you keep a spreadsheet of every karaoke song she has ever sung? Wow, you.",
            "pronoun-clash",
        ),
        (
            "So your bio says: says 'circle back' unironically? You wrote that on purpose.",
            "stutter",
        ),
    ],
)
def test_fallback_shapes_that_read_wrong(text, code):
    assert code in coherence_problems(text)


def test_todays_fallback_lines_are_coherent_and_correct():
    for rel in ("x_archive", "github", "cards/ines.json", "freetext.txt"):
        for angle in angles_of(rel):
            line = fallback_line(angle, "medium")
            assert coherence_problems(line) == (), line
            assert fact_problems(line, [angle]) == (), line

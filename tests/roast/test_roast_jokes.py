"""Code-built roast lines from prompts/roast/jokes.yaml: pure, fast and exact."""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from persona.errors import BadInput
from persona.roast.angles import Angle, extract_angles
from persona.roast.coherence import coherence_problems, fact_problems
from persona.roast.importers import load_profile
from persona.roast.jokes import (
    CLAUSE_KINDS,
    build_lines,
    joke_book,
    match_topic,
    parse_joke_book,
)
from persona.roast.profile import Post, Repo, build_profile
from persona.roast.safety import find_profanity, find_protected
from persona.roast.scorer import check_candidate

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "profiles"
FRAMES = ("", "sparky", "percival", "bleep")
INTENSITIES = ("gentle", "medium", "spicy")
_NOW = datetime(2024, 6, 1, 12)


def _synthetic_profiles():
    """Profiles that between them give every angle kind jokes.yaml has lines for."""
    at_night = _NOW.replace(hour=2)
    night = tuple(
        Post(text=f"compost {i} #compost #garden", created_at=at_night - timedelta(days=i))
        for i in range(8)
    )
    boosts = tuple(Post(text=f"boosted {i}", is_repost=True) for i in range(8))
    busy = tuple(
        Post(text=f"hello world {i}", created_at=_NOW - timedelta(hours=i)) for i in range(30)
    )
    old = _NOW - timedelta(days=2000)
    repos = tuple(
        Repo(
            name=name,
            language=lang,
            stars=0,
            created_at=old,
            pushed_at=old if i < 5 else _NOW,
        )
        for i, (name, lang) in enumerate(
            [("todo-v2", "Rust"), ("todo-final", "Go"), ("blog", "Python"), ("cli", "Haskell"),
             ("site", "Ruby"), ("game", "Lua")]
        )
    ) + tuple(
        Repo(name=f"fork{i}", fork=True, created_at=old, pushed_at=old) for i in range(3)
    )  # fmt: skip
    return [
        build_profile(
            source="mastodon",
            followers=12,
            following=400,
            created_at=_NOW - timedelta(days=3000),
            post_count=16,
            posts=night + boosts,
            likes_count=500,
        ),
        build_profile(
            source="x",
            followers=5000,
            following=10,
            created_at=_NOW - timedelta(days=2),
            post_count=400,
            posts=busy,
        ),
        build_profile(source="github", repos=repos, readme="- Currently learning: Haskell"),
        build_profile(
            source="card",
            bio="Amateur astronomer. Sourdough enthusiast.",
            facts=("Owns four cats", "a dentist"),
        ),
    ]


@pytest.fixture(scope="module")
def all_angles() -> list[tuple[Angle, tuple[Angle, ...]]]:
    out = []
    for profile in _synthetic_profiles():
        angles = extract_angles(profile, limit=40)
        out += [(a, angles) for a in angles]
    for source in ("x_archive", "github", "mastodon", "bluesky/repo.car", "cards/ravi.md"):
        angles = extract_angles(load_profile(EXAMPLES / source), limit=40)
        out += [(a, angles) for a in angles]
    return out


def test_every_kind_in_jokes_yaml_has_an_angle_here(all_angles) -> None:
    covered = {a.joke_key for a, _ in all_angles} | {a.kind for a, _ in all_angles}
    missing = set(joke_book().kinds) - covered
    assert not missing, missing


@pytest.mark.parametrize("frame", FRAMES)
@pytest.mark.parametrize("intensity", INTENSITIES)
def test_every_line_is_coherent_grounded_and_safe(all_angles, frame, intensity) -> None:
    for angle, angles in all_angles:
        lines = build_lines(angle, intensity=intensity, frame=frame, rng=random.Random(3), limit=4)
        assert lines, (angle.joke_key, frame)
        for line in lines:
            text = line.text
            assert coherence_problems(text) == (), (text, coherence_problems(text))
            assert fact_problems(text, [angle], all_angles=angles) == (), text
            assert not find_protected(text) and not find_profanity(text), text
            verdict = check_candidate(text, focus=[angle], all_angles=angles)
            assert verdict.passed, (text, verdict.problems)


def test_lines_state_the_angle_own_number_or_name(all_angles) -> None:
    for angle, _ in all_angles:
        if angle.kind in CLAUSE_KINDS:
            continue
        text = build_lines(angle, rng=random.Random(1))[0].text
        wanted = [v for k, v in angle.slots if k not in ("odds", "share")]
        assert all(v in text for v in wanted if v and not v.startswith("all ")), (text, wanted)


def test_punchlines_have_no_digits_and_no_protected_words() -> None:
    book = joke_book()
    texts = [p for k in book.kinds.values() for ps in k.punchlines.values() for p in ps]
    texts += [p for k in book.kinds.values() for p in k.short]
    texts += [p for t in book.topics for p in t.punchlines]
    for text in texts:
        assert not re.search(r"\d", text), text
        assert not find_protected(text) and not find_profanity(text), text
        assert text[-1] in ".!?", text


def test_x_archive_ratio_line_is_the_fan_club() -> None:
    angle = next(a for a in extract_angles(load_profile(EXAMPLES / "x_archive")))
    texts = [line.text for line in build_lines(angle, rng=random.Random(0), limit=20)]
    assert any(
        "842 accounts" in t and "41 follow" in t and "one-sided fan club" in t for t in texts
    )


def test_free_text_facts_get_topic_punchlines() -> None:
    angles = {a.fact: a for a in extract_angles(load_profile(EXAMPLES / "freetext.txt"))}
    assert match_topic("runs marathons").name == "marathon"
    line = build_lines(angles["runs marathons"], rng=random.Random(0))[0]
    assert line.text.startswith(("So you run marathons", "Wait, you run marathons", "Let me"))
    assert line.punchline in match_topic("runs marathons").punchlines
    cats = build_lines(angles["owns four cats"], rng=random.Random(0))[0]
    assert "you own four cats" in cats.text


def test_persona_frames() -> None:
    angle = extract_angles(load_profile(EXAMPLES / "x_archive"))[0]
    for seed in range(5):
        rng = random.Random(seed)
        bleep = build_lines(angle, frame="bleep", rng=rng)[0].text
        assert re.fullmatch(r"\*[A-Za-z]+(?:-[A-Za-z]+)*[.!?]*\* \[Translation: [^\[\]]+\]", bleep)
        assert len(bleep) <= 160
        percival = build_lines(angle, frame="percival", rng=random.Random(seed))[0].text
        assert percival.startswith(("Oh dear.", "Goodness.", "Oh my."))
        assert re.search(r"apologise|sorry|forgive", percival)
        sparky = build_lines(angle, frame="sparky", rng=random.Random(seed))[0].text
        compliments = joke_book().personas["sparky"]["compliments"]
        assert any(sparky.endswith(c + ".") for c in compliments), sparky


def test_percival_quotes_exact_odds_from_the_ratio() -> None:
    angle = extract_angles(load_profile(EXAMPLES / "x_archive"))[0]  # 842 / 41, about 20
    texts = [
        line.text
        for seed in range(12)
        for line in build_lines(angle, frame="percival", rng=random.Random(seed), limit=20)
    ]
    assert any("one in twenty" in t for t in texts)


def test_lines_vary_by_seed_and_repeat_with_the_same_seed() -> None:
    angle = extract_angles(load_profile(EXAMPLES / "x_archive"))[0]
    first = [build_lines(angle, rng=random.Random(s))[0].text for s in range(8)]
    assert len(set(first)) >= 3
    assert build_lines(angle, rng=random.Random(5)) == build_lines(angle, rng=random.Random(5))


def test_a_punchline_already_said_comes_last() -> None:
    angle = extract_angles(load_profile(EXAMPLES / "x_archive"))[0]
    first = build_lines(angle, rng=random.Random(1))[0]
    again = build_lines(angle, rng=random.Random(1), avoid=[first.text])[0]
    assert again.punchline != first.punchline


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        ([], "mapping"),
        ({"setups": {"gentle": ["x"], "medium": ["x"]}}, "setups"),
        (
            {
                "setups": {i: ["So {said}?"] for i in INTENSITIES},
                "kinds": {"likes": {"said": ["you liked {likes}"]}},
            },
            "kinds.likes has no punchlines",
        ),
        (
            {
                "setups": {i: ["So {said}?"] for i in INTENSITIES},
                "topics": [{"name": "x", "match": "(", "punchlines": ["Ha."]}],
            },
            "topics[0].match",
        ),
    ],
)
def test_bad_joke_data_names_the_field(data, needle) -> None:
    with pytest.raises(BadInput, match=re.escape(needle)):
        parse_joke_book(data)

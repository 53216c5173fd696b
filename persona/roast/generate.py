"""Roast generation on a small model: best-of-N candidates, scored in code.

Each candidate focuses on one angle (round-robin over the strongest), so even a tiny model
that drifts has a concrete fact in front of it. Candidates are cleaned for speech and scored;
the best one that passes wins. When none passes, a grounded line is built from an angle with
the `prompts/roast/fallback.j2` template, so the answer is always safe and about the person.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import yaml

from persona.errors import BadInput
from persona.llm import GenerationOptions, LLMBackend, Message, collect
from persona.paths import prompts_dir
from persona.roast.angles import Angle, extract_angles
from persona.roast.injection import make_boundary, trigger_phrases, wrap_untrusted
from persona.roast.profile import Profile
from persona.roast.scorer import RoastScore, score_roast
from persona.roast.spoken import spoken_text

log = logging.getLogger(__name__)

INTENSITIES = ("gentle", "medium", "spicy")
PROMPT_ANGLES = 5  # angles shown in the profile block
DEFAULT_ROAST_STYLE = "cheeky and affectionate"


@dataclass(frozen=True, slots=True, kw_only=True)
class RoastOptions:
    """Per-roast options. `n` candidates of at most `max_tokens` each."""

    intensity: str = "medium"
    n: int = 3
    max_tokens: int = 60
    temperature: float = 0.8
    seed: int | None = None
    avoid: tuple[str, ...] = ()  # earlier roasts in this chat, not to be repeated


@dataclass(frozen=True, slots=True, kw_only=True)
class RoastResult:
    """The chosen roast, the angles it used and how it was chosen."""

    text: str
    angles: tuple[Angle, ...]  # the angles this roast references
    all_angles: tuple[Angle, ...]
    candidates: int
    fallback: bool
    scores: tuple[RoastScore, ...]
    seconds: float

    def to_dict(self) -> dict[str, object]:
        return {
            "roast": self.text,
            "angles": [a.to_dict() for a in self.angles],
            "candidates": self.candidates,
            "fallback": self.fallback,
        }


def _render(name: str, **context: object) -> str:
    from persona.personas import render_template

    return render_template(f"roast/{name}", **context)


@lru_cache(maxsize=4)
def _examples_for(root: str, intensity: str) -> tuple[tuple[str, str], ...]:
    data = yaml.safe_load((prompts_dir() / "roast" / "examples.yaml").read_text(encoding="utf-8"))
    pairs = data.get(intensity, []) if isinstance(data, dict) else []
    return tuple((str(p["fact"]), str(p["roast"])) for p in pairs)


def few_shot_examples(intensity: str) -> tuple[tuple[str, str], ...]:
    """(fact, roast) pairs from `prompts/roast/examples.yaml` for one intensity."""
    return _examples_for(str(prompts_dir()), intensity)


def check_intensity(intensity: str) -> str:
    if intensity not in INTENSITIES:
        raise BadInput(f"unknown intensity {intensity!r}: choose gentle, medium or spicy")
    return intensity


def build_messages(
    angles: Sequence[Angle],
    focus: Angle,
    *,
    persona_name: str,
    roast_style: str,
    intensity: str,
    boundary: str,
) -> list[Message]:
    """The chat for one candidate: system (rules, datamarked profile block, rules again),
    few-shot pairs, then the focus fact. Pure: same inputs, same messages."""
    block = wrap_untrusted([a.fact for a in angles[:PROMPT_ANGLES]], boundary)
    system = _render(
        "system.j2",
        persona_name=persona_name,
        roast_style=roast_style or DEFAULT_ROAST_STYLE,
        intensity_rules=_render(f"{check_intensity(intensity)}.j2"),
        boundary=boundary,
        profile_block=block,
    )
    messages = [Message("system", system)]
    for fact, roast in few_shot_examples(intensity):
        messages.append(Message("user", _render("user.j2", fact=fact)))
        messages.append(Message("assistant", roast))
    # The focus fact is code-built and already filtered; the marker keeps it visibly data.
    messages.append(Message("user", _render("user.j2", fact=focus.fact)))
    return messages


def fallback_line(angle: Angle, intensity: str) -> str:
    """A safe, grounded roast built from one angle without the model."""
    spoken = angle.spoken.rstrip(".")
    return spoken_text(_render("fallback.j2", intensity=intensity, spoken=spoken, why=angle.why))


def _persona_bits(persona: object | None) -> tuple[str, str]:
    if persona is None:
        try:
            from persona.personas import load_persona

            persona = load_persona(None)
        except Exception:  # personas unavailable: a neutral robot
            log.debug("no persona available; using defaults", exc_info=True)
            return "Sparky", DEFAULT_ROAST_STYLE
    return str(getattr(persona, "name", "Sparky")), str(getattr(persona, "roast_style", "") or "")


def roast_profile(
    profile: Profile,
    backend: LLMBackend,
    *,
    persona: object | None = None,
    options: RoastOptions = RoastOptions(),  # noqa: B008 - frozen, so sharing is safe
    angles: Sequence[Angle] | None = None,
    abort: threading.Event | None = None,
) -> RoastResult:
    """Generate `options.n` candidates, score them, return the best (or a fallback line)."""
    start = time.perf_counter()
    intensity = check_intensity(options.intensity)
    angles = tuple(angles) if angles is not None else extract_angles(profile)
    if not angles:
        raise BadInput(
            f"{profile.origin or 'profile'}: nothing safe to roast here; "
            "add a bio, posts or a few facts"
        )
    name, style = _persona_bits(persona)
    untrusted = [
        profile.bio,
        profile.readme,
        *profile.facts,
        *(p.text for p in profile.posts),
        *(r.description for r in profile.repos),
    ]
    triggers = trigger_phrases(untrusted)
    examples = [roast for _, roast in few_shot_examples(intensity)] + list(options.avoid)
    boundary = make_boundary()
    top = angles[: max(1, min(len(angles), PROMPT_ANGLES))]
    scores: list[RoastScore] = []
    for i in range(max(1, options.n)):
        if abort is not None and abort.is_set():
            break
        focus = top[(i + len(options.avoid)) % len(top)]  # "again" moves to new angles
        messages = build_messages(
            angles,
            focus,
            persona_name=name,
            roast_style=style,
            intensity=intensity,
            boundary=boundary,
        )
        gen = GenerationOptions(
            max_tokens=options.max_tokens,
            temperature=options.temperature,
            seed=None if options.seed is None else options.seed + i,
            stop=("\nFact:", "\nUser:", "\n\n"),
        )
        raw = collect(backend.stream_chat(messages, gen, abort))
        text = spoken_text(raw)
        verdict = score_roast(text, angles, triggers=triggers, examples=examples)
        log.debug("candidate %d (%s): %r -> %s", i, focus.kind, text, verdict.problems or "ok")
        scores.append(verdict)
    passing = [s for s in scores if s.passed]
    if passing:
        best = max(passing, key=lambda s: s.score)
        used = tuple(a for a in angles if a.fact in best.grounded)
        text, fallback = best.text, False
    else:
        focus = top[len(options.avoid) % len(top)]
        text, fallback, used = fallback_line(focus, intensity), True, (focus,)
    return RoastResult(
        text=text,
        angles=used,
        all_angles=tuple(angles),
        candidates=len(scores),
        fallback=fallback,
        scores=tuple(scores),
        seconds=time.perf_counter() - start,
    )

"""Roast generation that says something coherent on every model, the smallest included.

The comedy comes from code and data: for the profile's strongest angles, lines are built
from `prompts/roast/jokes.yaml` (a setup that states the fact from the angle's own numbers
and names, a punchline about it, the persona's frame) and checked: that is instant. Then
the model, with as much freedom as its size earns (`freedom_for`), may choose one of those
lines and say it in the persona's voice, or on a big model write its own with the line as
an example. A model line is said only if it passes `scorer.check_candidate` (coherent,
states the fact correctly, safe for this profile, no injection, no copy of an example,
close to its line when it was asked to rephrase); otherwise the best code-built line is.

`stream_roast` is a lazy generator of small events (the text as soon as it is chosen, then
the result); `roast_profile` runs it and returns the `RoastResult`.
"""

from __future__ import annotations

import difflib
import logging
import random
import re
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from persona.errors import BadInput
from persona.llm import GenerationOptions, LLMBackend, Message, TextDelta
from persona.paths import prompts_dir
from persona.roast.angles import Angle, extract_angles, untrusted_texts
from persona.roast.injection import make_boundary, trigger_phrases, wrap_untrusted
from persona.roast.jokes import CodeLine, build_lines, joke_book, persona_frame
from persona.roast.profile import Profile
from persona.roast.safety import SensitiveContext, sensitive_context
from persona.roast.scorer import RoastScore, check_candidate, faithfulness
from persona.roast.spoken import spoken_text

log = logging.getLogger(__name__)

__all__ = [
    "FREEDOMS",
    "INTENSITIES",
    "RoastDelta",
    "RoastDone",
    "RoastEvent",
    "RoastOptions",
    "RoastResult",
    "fallback_line",
    "freedom_for",
    "roast_profile",
    "stream_roast",
]

INTENSITIES = ("gentle", "medium", "spicy")
PROMPT_ANGLES = 5  # angles shown in the profile block
CODE_ANGLES = 3  # angles that get code-built lines
DEFAULT_ROAST_STYLE = "cheeky and affectionate"
_EXAMPLE_VOICE = "a robot comedian, cheeky and affectionate"
# How much a model may change: "code" never asks it; "minimal" (tiny models) one rephrase
# of the best code line, kept close to it; "rephrase" (0.5B+) choose one of two lines and
# rephrase it; "own" (1.5B+) write its own line from the fact, the code line as example.
FREEDOMS = ("code", "minimal", "rephrase", "own")
_PLANS = {
    "code": (),
    "minimal": ("rephrase",),
    "rephrase": ("choose", "rephrase"),
    "own": ("own", "choose", "rephrase"),
}
# A rephrase must take most of its words from the line it was given (and keep its joke:
# see `scorer.check_candidate`).
_MIN_FAITHFUL = {"rephrase": 0.7, "choose": 0.6, "own": 0.0}
_SAME_AS_CODE = 0.85  # a model line this close to its code line adds nothing: code wrote it
_SIZE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*([mb])(?![a-z])")
_BEEP_LEAD = re.compile(r"^\W*(?:[A-Za-z]+(?:-[A-Za-z]+)+[.!?…]*\s*)?(?:translation\s*:\s*)?", re.I)
_NAME_LEAD = re.compile(
    r"^\s*(?:(?:sparky|percival|bleep|robot)\s*[:,-]|line [ab12]\s*[:.-]"
    r"|(?:line [ab12] )?says:?)\s*",
    re.I,
)
_PROMPT_ECHO = re.compile(
    r"\bline [ab12]\b|\byour version\b|\bfunnier (?:line|one)\b|\bline:", re.I
)
_INTERJECTION = re.compile(r"^(?:oh dear|oh my|goodness|gracious|good heavens)\b", re.I)


@dataclass(frozen=True, slots=True, kw_only=True)
class RoastOptions:
    """Per-roast options. `n` is the most model attempts (the model's `freedom` may allow
    fewer), each of at most `max_tokens`, all within `budget_s` seconds."""

    intensity: str = "medium"
    n: int = 3
    max_tokens: int = 60
    temperature: float = 0.8
    seed: int | None = None
    avoid: tuple[str, ...] = ()  # earlier roasts in this chat, not to be repeated
    freedom: str | None = None  # one of FREEDOMS; None: from the model's size
    budget_s: float = 6.0  # model time; after it the best code-built line is said


@dataclass(frozen=True, slots=True, kw_only=True)
class RoastResult:
    """The chosen roast, the angles it used and how it was chosen. `fallback` is True when
    the line is code-built (the model's lines failed the checks, or it had no turn);
    `scores` and `candidates` count the model's lines."""

    text: str
    angles: tuple[Angle, ...]  # the angles this roast references
    all_angles: tuple[Angle, ...]
    candidates: int
    fallback: bool
    scores: tuple[RoastScore, ...]
    seconds: float
    writer: str = "code"  # "code", or how the model wrote it: "rephrase", "choose", "own"
    freedom: str = "code"

    def to_dict(self) -> dict[str, object]:
        return {
            "roast": self.text,
            "angles": [a.to_dict() for a in self.angles],
            "candidates": self.candidates,
            "fallback": self.fallback,
        }


@dataclass(frozen=True, slots=True)
class RoastDelta:
    """A piece of the chosen roast, in order: the pieces join to `RoastResult.text`."""

    text: str


@dataclass(frozen=True, slots=True)
class RoastDone:
    """The last event of a roast stream."""

    result: RoastResult


RoastEvent = RoastDelta | RoastDone


# --- prompts ------------------------------------------------------------------------------


def _render(name: str, **context: object) -> str:
    from persona.personas import render_template

    return render_template(f"roast/{name}", **context)


@lru_cache(maxsize=4)
def _examples_data(root: str) -> dict:
    data = yaml.safe_load((Path(root) / "roast" / "examples.yaml").read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def few_shot_examples(intensity: str) -> tuple[tuple[str, str], ...]:
    """(fact, roast) pairs from `prompts/roast/examples.yaml` for one intensity."""
    pairs = _examples_data(str(prompts_dir())).get(intensity, [])
    return tuple((str(p["fact"]), str(p["roast"])) for p in pairs)


def rephrase_examples() -> tuple[tuple[str, str], ...]:
    """(line, rewrite) pairs from `prompts/roast/examples.yaml`."""
    pairs = _examples_data(str(prompts_dir())).get("rephrase", [])
    return tuple((str(p["line"]), str(p["rewrite"])) for p in pairs)


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
    example: str | None = None,
) -> list[Message]:
    """The chat for a model writing its own roast: system (rules, datamarked profile block,
    rules again), few-shot pairs, then the focus fact (and a code-built line about it as
    an example). Pure: same inputs, same messages."""
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
        messages.append(Message("user", _render("user.j2", fact=fact, example=None)))
        messages.append(Message("assistant", roast))
    # The focus fact is code-built and already filtered; the marker keeps it visibly data.
    messages.append(Message("user", _render("user.j2", fact=focus.fact, example=example)))
    return messages


def rephrase_messages(
    lines: Sequence[str], *, persona_name: str, roast_style: str, intensity: str
) -> list[Message]:
    """The chat for a model rephrasing one code-built line, or choosing between two and
    saying the funnier one. The persona and intensity come last, in the final message, so
    the rules and examples before it are the same for every roast and stay in the model's
    cache. Pure."""
    voice = (
        f"{persona_name}: {roast_style or DEFAULT_ROAST_STYLE}. "
        + _render(f"{check_intensity(intensity)}.j2").strip()
    )
    messages = [Message("system", _render("rephrase.j2"))]
    for line, rewrite in rephrase_examples():
        shot = _render("rephrase_user.j2", line=line, voice=_EXAMPLE_VOICE)
        messages.append(Message("user", shot))
        messages.append(Message("assistant", rewrite))
    if len(lines) >= 2:
        last = _render("choose_user.j2", first=lines[0], second=lines[1], voice=voice)
    else:
        last = _render("rephrase_user.j2", line=lines[0], voice=voice)
    messages.append(Message("user", last))
    return messages


# --- choosing -----------------------------------------------------------------------------


def _model_size_b(backend: object) -> float | None:
    """The model's size in billions of parameters, from its file or model name, else
    from the file's size (about 0.6 GB per billion at 4 bits); None when unknown."""
    names = [getattr(backend, "model_path", None), getattr(backend, "model", None)]
    for name in names:
        if not name:
            continue
        match = _SIZE.search(Path(str(name)).name.lower())
        if match:
            value = float(match.group(1))
            return value / 1000 if match.group(2) == "m" else value
    path = names[0]
    try:
        return Path(str(path)).stat().st_size / 0.6e9 if path else None
    except OSError:
        return None


def freedom_for(backend: object) -> str:
    """How much a model may change a code-built roast, by its size: under 0.3B "minimal",
    under 1.2B "rephrase", else "own" (and "rephrase" when the size is unknown)."""
    size = _model_size_b(backend)
    if size is None:
        return "rephrase"
    if size < 0.3:
        return "minimal"
    return "rephrase" if size < 1.2 else "own"


def _persona_bits(persona: object | None) -> tuple[str, str, int, object | None]:
    if persona is None:
        try:
            from persona.personas import load_persona

            persona = load_persona(None)
        except Exception:  # personas unavailable: a neutral robot
            log.debug("no persona available; using defaults", exc_info=True)
            return "Sparky", DEFAULT_ROAST_STYLE, 320, None
    return (
        str(getattr(persona, "name", "Sparky")),
        str(getattr(persona, "roast_style", "") or ""),
        int(getattr(persona, "max_reply_chars", 320) or 320),
        persona,
    )


def _referenced(angle: Angle, texts: Sequence[str]) -> bool:
    from persona.roast.coherence import fact_problems

    return any("no-fact" not in fact_problems(t, [angle]) for t in texts)


def _order(angles: Sequence[Angle], avoid: Sequence[str]) -> list[Angle]:
    """The angles to try, strongest first; "again" (a longer `avoid`) starts further down,
    and angles an earlier roast already used go last."""
    top = list(angles[: max(1, min(len(angles), PROMPT_ANGLES))])
    shift = len(avoid) % len(top)
    order = top[shift:] + top[:shift] + list(angles[len(top) :])
    return sorted(order, key=lambda a: _referenced(a, avoid)) if avoid else order


@dataclass(frozen=True, slots=True)
class _Checks:
    """Everything a line is checked against, for one roast."""

    all_angles: tuple[Angle, ...]
    triggers: tuple[str, ...]
    context: SensitiveContext
    examples: tuple[str, ...]
    max_chars: int

    def check(self, text: str, focus: Sequence[Angle], **strict: Any) -> RoastScore:
        """`check_candidate` with this roast's profile; `strict` adds the model-line
        options (references, keep, strict_numbers)."""
        return check_candidate(
            text,
            focus=focus,
            all_angles=self.all_angles,
            triggers=self.triggers,
            examples=self.examples,
            context=self.context,
            max_chars=self.max_chars,
            **strict,
        )


def _code_lines(
    order: Sequence[Angle],
    checks: _Checks,
    *,
    intensity: str,
    frame: str,
    rng: random.Random,
    avoid: Sequence[str],
    want: int = 2,
) -> list[tuple[CodeLine, RoastScore]]:
    """The best passing code-built line of each of the first angles (up to `want`)."""
    out: list[tuple[CodeLine, RoastScore]] = []
    for angle in order:
        for line in build_lines(angle, intensity=intensity, frame=frame, rng=rng, avoid=avoid):
            verdict = checks.check(line.text, [angle])
            if verdict.passed:
                out.append((line, verdict))
                break
            log.debug("code line failed %s: %r", verdict.problems, line.text)
        if len(out) >= want or (len(out) and order.index(angle) >= CODE_ANGLES):
            break
    return out


def fallback_line(angle: Angle, intensity: str) -> str:
    """A safe, grounded roast built from one angle without the model (no persona frame)."""
    lines = build_lines(angle, intensity=check_intensity(intensity), rng=random.Random(0))
    if lines:
        return lines[0].text
    return spoken_text(f"So {angle.spoken.rstrip('.')}? {angle.why[:1].upper()}{angle.why[1:]}.")


def _unframe(text: str, frame: str) -> str:
    """The roast line in model output, without a persona frame the model copied."""
    text = _NAME_LEAD.sub("", text).strip()
    if frame == "bleep":
        text = _BEEP_LEAD.sub("", text, count=1).strip()
    return text


def _frame_model_line(text: str, frame: str, rng: random.Random) -> str:
    """A model's line in the persona's format: Bleep's beeps; Percival's opener."""
    style = joke_book().personas.get(frame, {})
    if frame == "bleep":
        beep = rng.choice(list(style.get("beeps") or ["Bweee-dit!"]))
        return f"*{beep}* [Translation: {text}]"
    if frame == "percival" and not _INTERJECTION.match(text):
        return f"{rng.choice(list(style.get('openers') or ['Oh dear.']))} {text}"
    return text


def _same_line(a: str, b: str) -> bool:
    words_a, words_b = a.lower().split(), b.lower().split()
    return difflib.SequenceMatcher(None, words_a, words_b).ratio() >= _SAME_AS_CODE


def _generate(
    backend: LLMBackend,
    messages: list[Message],
    options: GenerationOptions,
    *,
    abort: threading.Event | None,
    deadline: float,
) -> str:
    """The model's text, stopped at the deadline or when the caller aborts."""
    stop = threading.Event()
    parts: list[str] = []
    delta: TextDelta
    for delta in backend.stream_chat(messages, options, stop):
        parts.append(delta.text or "")
        if (abort is not None and abort.is_set()) or time.perf_counter() > deadline:
            stop.set()  # the stream ends with an "abort" delta within a token
    return "".join(parts)


def _pieces(text: str) -> list[str]:
    """The chosen line in word-sized pieces, spaces kept, for the stream."""
    return re.findall(r"\S+\s*", text) or [text]


@dataclass(frozen=True, slots=True)
class _Roast:
    """One roast's fixed inputs, shared by its model attempts."""

    angles: tuple[Angle, ...]
    code: tuple[tuple[CodeLine, RoastScore], ...]
    checks: _Checks
    options: RoastOptions
    intensity: str
    persona_name: str
    roast_style: str
    frame: str

    def messages(self, how: str, offered: Sequence[CodeLine]) -> list[Message]:
        if how == "own":
            return build_messages(
                self.angles,
                offered[0].angle,
                persona_name=self.persona_name,
                roast_style=self.roast_style,
                intensity=self.intensity,
                boundary=make_boundary(self.options.seed),
                example=offered[0].core,
            )
        return rephrase_messages(
            [c.core for c in offered],
            persona_name=self.persona_name,
            roast_style=self.roast_style,
            intensity=self.intensity,
        )

    def judge(self, how: str, text: str, offered: Sequence[CodeLine]) -> RoastScore:
        """The strict verdict on a model line. A chosen line is judged against the one
        code line it took up; a mix of both fails."""
        others: list[CodeLine] = []
        if how == "choose":
            picked = [c for c in offered if _referenced(c.angle, [text])]
            if len(picked) == 1:
                others = [c for c in offered if c is not picked[0]]
                offered = picked
        bound = how != "own"
        # Writing its own, the model sees the profile block: any fact in it may be used.
        focus = [c.angle for c in offered] if bound else list(self.angles[:PROMPT_ANGLES])
        verdict = self.checks.check(
            text,
            focus,
            references=[c.core for c in offered] if bound else (),
            min_faithfulness=_MIN_FAITHFUL[how],
            keep=[(c.setup, c.punchline) for c in offered] if bound else (),
            strict_numbers=True,
        )
        extra = ["prompt_echo"] if _PROMPT_ECHO.search(text) else []
        if how == "choose" and (
            len(offered) > 1 or any(faithfulness(c.punchline, [text]) >= 0.4 for c in others)
        ):
            extra.append("mixed")  # one line's fact with the other's joke is neither
        if extra:
            verdict = replace(verdict, passed=False, problems=(*verdict.problems, *extra))
        return verdict

    def attempt(
        self,
        index: int,
        how: str,
        backend: LLMBackend,
        rng: random.Random,
        *,
        abort: threading.Event | None,
        deadline: float,
    ) -> tuple[RoastScore, tuple[str, tuple[Angle, ...], str] | None]:
        """One model try: its verdict, and (text, angles, writer) when it may be said."""
        offered = [c for c, _ in self.code[: 2 if how == "choose" else 1]]
        if how == "choose" and len(offered) < 2:
            how = "rephrase"
        gen = GenerationOptions(
            max_tokens=self.options.max_tokens,
            temperature=self.options.temperature,
            seed=None if self.options.seed is None else self.options.seed + index,
            stop=("\n\n", "\nLine", "\nYour version", "\nFact:", "\nUser:"),
        )
        raw = _generate(backend, self.messages(how, offered), gen, abort=abort, deadline=deadline)
        raw = next((ln for ln in raw.strip().splitlines() if ln.strip()), "")
        text = _frame_model_line(_unframe(spoken_text(raw), self.frame), self.frame, rng)
        verdict = self.judge(how, text, offered)
        log.debug("model %s: %r -> %s", how, text, verdict.problems or "ok")
        if not verdict.passed:
            return verdict, None
        same = [c for c in offered if _same_line(_unframe(text, self.frame), c.core)]
        if same:  # the model only echoed a code-built line: say that line as built
            return verdict, (same[0].text, (same[0].angle,), "code")
        pool = [c.angle for c in offered] if how != "own" else self.angles[:PROMPT_ANGLES]
        used = tuple(a for a in pool if _referenced(a, [text]))
        return verdict, (text, used or (offered[0].angle,), how)


def stream_roast(
    profile: Profile,
    backend: LLMBackend | None,
    *,
    persona: object | None = None,
    options: RoastOptions = RoastOptions(),  # noqa: B008 - frozen, so sharing is safe
    angles: Sequence[Angle] | None = None,
    abort: threading.Event | None = None,
) -> Iterator[RoastEvent]:
    """Roast a profile: `RoastDelta`s with the chosen line, then one `RoastDone`.

    Lazy: nothing runs until iterated. Code-built lines are ready at once; the model then
    gets at most `options.n` tries (fewer on a small model) within `options.budget_s`
    seconds, and the first of its lines that passes every check is said, else the best
    code-built one. Only checked text is ever yielded. Setting `abort` stops the model and
    the stream (a `RoastDone` still comes, with the code-built line)."""
    start = time.perf_counter()
    intensity = check_intensity(options.intensity)
    angles = tuple(angles) if angles is not None else extract_angles(profile)
    if not angles:
        raise BadInput(
            f"{profile.origin or 'profile'}: nothing safe to roast here; "
            "add a bio, posts or a few facts"
        )
    if options.freedom is not None and options.freedom not in FREEDOMS:
        raise BadInput(f"unknown roast freedom {options.freedom!r}: use {', '.join(FREEDOMS)}")
    name, style, max_chars, persona = _persona_bits(persona)
    frame = persona_frame(persona)
    untrusted = untrusted_texts(profile)
    rng = random.Random(options.seed) if options.seed is not None else random.Random()
    # Code-built lines share their setups with the rephrase examples by design, so only
    # the model's lines are held against the examples; both against earlier roasts.
    code_checks = _Checks(
        all_angles=angles,
        triggers=trigger_phrases(untrusted),
        context=sensitive_context(untrusted),
        examples=tuple(options.avoid),
        max_chars=min(max_chars, 320),
    )
    model_checks = replace(
        code_checks,
        examples=(
            *(roast for _, roast in few_shot_examples(intensity)),
            *(rewrite for _, rewrite in rephrase_examples()),
            *options.avoid,
        ),
    )
    order = _order(angles, options.avoid)
    code = _code_lines(
        order, code_checks, intensity=intensity, frame=frame, rng=rng, avoid=options.avoid
    )
    freedom = options.freedom or (freedom_for(backend) if backend is not None else "code")
    plan = _PLANS[freedom if code and backend is not None else "code"][: max(0, options.n)]
    roast = _Roast(angles, tuple(code), model_checks, options, intensity, name, style, frame)
    deadline = start + max(0.0, options.budget_s)
    scores: list[RoastScore] = []
    chosen: tuple[str, tuple[Angle, ...], str] | None = None
    took = 0.0  # the last try's time: a try that cannot finish in what is left is not begun
    for index, how in enumerate(plan):
        now = time.perf_counter()
        if (abort is not None and abort.is_set()) or now + 0.8 * took >= deadline:
            break
        verdict, chosen = roast.attempt(index, how, backend, rng, abort=abort, deadline=deadline)
        took = time.perf_counter() - now
        scores.append(verdict)
        if chosen is not None:
            break
    if chosen is None and code:
        chosen = (code[0][0].text, (code[0][0].angle,), "code")
    elif chosen is None:  # every line about this profile failed the checks: a kind way out
        chosen = (_frame_model_line(joke_book().no_safe_line, frame, rng), (), "code")
    text, used, writer = chosen
    for piece in _pieces(text):
        if abort is not None and abort.is_set():
            break
        yield RoastDelta(piece)
    yield RoastDone(
        RoastResult(
            text=text,
            angles=used,
            all_angles=tuple(angles),
            candidates=len(scores),
            fallback=writer == "code",
            scores=tuple(scores),
            seconds=time.perf_counter() - start,
            writer=writer,
            freedom=freedom,
        )
    )


def roast_profile(
    profile: Profile,
    backend: LLMBackend | None,
    *,
    persona: object | None = None,
    options: RoastOptions = RoastOptions(),  # noqa: B008 - frozen, so sharing is safe
    angles: Sequence[Angle] | None = None,
    abort: threading.Event | None = None,
) -> RoastResult:
    """The whole roast at once (see `stream_roast`)."""
    result: RoastResult | None = None
    for event in stream_roast(
        profile, backend, persona=persona, options=options, angles=angles, abort=abort
    ):
        if isinstance(event, RoastDone):
            result = event.result
    if result is None:  # stream_roast always ends with RoastDone
        raise RuntimeError("roast stream ended without a result")
    return result

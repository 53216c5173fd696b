"""Roast lines built in code: a setup that states one angle's fact (from its own numbers and
names, so they are right), a punchline about it, and the persona's frame, all from the
comedy data in `prompts/roast/jokes.yaml`. Pure: the same angle, options and seed give the
same lines.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import yaml

from persona.errors import BadInput
from persona.paths import prompts_dir

if TYPE_CHECKING:
    from persona.roast.angles import Angle

__all__ = [
    "CLAUSE_KINDS",
    "CodeLine",
    "JokeBook",
    "Topic",
    "build_lines",
    "frame_line",
    "joke_book",
    "match_topic",
    "persona_frame",
]

CLAUSE_KINDS = frozenset({"self_description", "bio", "readme"})
INTENSITIES = ("gentle", "medium", "spicy")
_SLOT = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True, slots=True)
class Topic:
    """A subject people describe themselves with, and punchlines about the activity."""

    name: str
    pattern: re.Pattern[str]
    about: str
    punchlines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class KindJokes:
    said: tuple[str, ...]
    punchlines: Mapping[str, tuple[str, ...]]  # "medium" (the default), "gentle", "spicy"
    short: tuple[str, ...]
    odds_of: str


@dataclass(frozen=True, slots=True)
class JokeBook:
    """`prompts/roast/jokes.yaml`, validated."""

    setups: Mapping[str, tuple[str, ...]]
    closers: Mapping[str, tuple[str, ...]]
    personas: Mapping[str, Mapping[str, object]]
    kinds: Mapping[str, KindJokes]
    topics: tuple[Topic, ...]
    no_safe_line: str


@dataclass(frozen=True, slots=True, kw_only=True)
class CodeLine:
    """One code-built roast: `text` is ready to say; `core` is the same line without the
    persona frame (what a model may rephrase); `punchline` is the joke part."""

    text: str
    core: str
    angle: Angle
    setup: str
    punchline: str


def _strings(where: str, value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise BadInput(f"prompts/roast/jokes.yaml: {where} must be a list of strings")
    return tuple(v.strip() for v in value)


def parse_joke_book(data: object) -> JokeBook:
    """Validate the YAML data (a BadInput names the bad field)."""
    if not isinstance(data, dict):
        raise BadInput("prompts/roast/jokes.yaml: expected a mapping at the top")
    setups = {i: _strings(f"setups.{i}", (data.get("setups") or {}).get(i)) for i in INTENSITIES}
    if not all(setups.values()):
        raise BadInput("prompts/roast/jokes.yaml: setups need gentle, medium and spicy lines")
    closers = {i: _strings(f"closers.{i}", (data.get("closers") or {}).get(i)) for i in INTENSITIES}
    kinds: dict[str, KindJokes] = {}
    for key, raw in (data.get("kinds") or {}).items():
        if not isinstance(raw, dict):
            raise BadInput(f"prompts/roast/jokes.yaml: kinds.{key} must be a mapping")
        punch = {i: _strings(f"kinds.{key}.{i}", raw.get(i)) for i in ("gentle", "spicy")}
        punch["medium"] = _strings(f"kinds.{key}.punchlines", raw.get("punchlines"))
        if not punch["medium"]:
            raise BadInput(f"prompts/roast/jokes.yaml: kinds.{key} has no punchlines")
        said = _strings(f"kinds.{key}.said", raw.get("said"))
        if not said and key.split(".")[0] not in CLAUSE_KINDS:
            raise BadInput(f"prompts/roast/jokes.yaml: kinds.{key} has no 'said' lines")
        kinds[key] = KindJokes(
            said=said,
            punchlines=punch,
            short=_strings(f"kinds.{key}.short", raw.get("short")),
            odds_of=str(raw.get("odds_of") or ""),
        )
    topics: list[Topic] = []
    for i, raw in enumerate(data.get("topics") or []):
        if not isinstance(raw, dict) or not raw.get("name") or not raw.get("match"):
            raise BadInput(f"prompts/roast/jokes.yaml: topics[{i}] needs a name and a match")
        try:
            pattern = re.compile(str(raw["match"]), re.I)
        except re.error as exc:
            raise BadInput(f"prompts/roast/jokes.yaml: topics[{i}].match: {exc}") from None
        punchlines = _strings(f"topics[{i}].punchlines", raw.get("punchlines"))
        if not punchlines:
            raise BadInput(f"prompts/roast/jokes.yaml: topics[{i}] has no punchlines")
        topics.append(
            Topic(str(raw["name"]), pattern, str(raw.get("about") or raw["name"]), punchlines)
        )
    personas = data.get("personas") or {}
    if not isinstance(personas, dict):
        raise BadInput("prompts/roast/jokes.yaml: personas must be a mapping")
    no_safe = str(data.get("no_safe_line") or "").strip()
    if not no_safe:
        raise BadInput("prompts/roast/jokes.yaml: no_safe_line is missing")
    return JokeBook(setups, closers, personas, kinds, tuple(topics), no_safe)


@lru_cache(maxsize=2)
def _load(root: str) -> JokeBook:
    path = prompts_dir() / "roast" / "jokes.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise BadInput(f"{path}: cannot read the roast jokes ({exc})") from None
    return parse_joke_book(data)


def joke_book() -> JokeBook:
    """The comedy data, loaded once per prompts folder."""
    return _load(str(prompts_dir()))


def match_topic(text: str) -> Topic | None:
    """The first topic whose pattern matches `text` ("runs marathons" -> marathon)."""
    for topic in joke_book().topics:
        if topic.pattern.search(text):
            return topic
    return None


def persona_frame(persona: object | None) -> str:
    """Which frame a persona's roasts get: "bleep", "percival", "sparky" or "" (none)."""
    if persona is None:
        return "sparky"
    if getattr(persona, "reply_format", None) == "beeps":
        return "bleep"
    pid = str(getattr(persona, "id", "") or "").lower()
    return pid if pid in joke_book().personas else ""


def _fill(template: str, slots: Mapping[str, str]) -> str | None:
    """`template` with its {slots}; None when a slot is missing."""
    missing = [name for name in _SLOT.findall(template) if not slots.get(name)]
    if missing:
        return None
    return _SLOT.sub(lambda m: slots[m.group(1)], template)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _end(sentence: str) -> str:
    sentence = sentence.strip()
    return sentence if sentence[-1:] in ".!?" else sentence + "."


def _joined(punchline: str, tail: str) -> str:
    """ "That is a fan club." + "but I like you anyway" -> "That is a fan club, but I ..."."""
    body = punchline.rstrip().rstrip(".!")
    mark = "?" if body.endswith("?") else "."
    body = body.rstrip("?")
    return f"{body}, {tail}{mark}"


def _said_options(angle: Angle, kind: KindJokes | None) -> list[str]:
    slots = dict(angle.slots)
    if angle.kind in CLAUSE_KINDS:
        return [slots["said"]] if slots.get("said") else []
    out = [_fill(t, slots) for t in (kind.said if kind else ())]
    return [s for s in out if s]


def _punchlines(
    angle: Angle, kind: KindJokes | None, intensity: str, *, short: bool
) -> list[tuple[int, str]]:
    """(tier, punchline): tier 0 is the most specific (the topic's jokes for a free-text
    fact, this intensity's jokes for a kind), then the kind's own, then short generic ones."""
    slots = dict(angle.slots)
    out: list[tuple[int, str]] = []
    topic = None
    if angle.kind in CLAUSE_KINDS and slots.get("topic"):
        topic = next((t for t in joke_book().topics if t.name == slots["topic"]), None)
    if topic is not None:
        out += [(0, p) for p in topic.punchlines]
    if kind is not None:
        generic = 2 if topic is not None else 1
        if intensity != "medium":
            out += [(0 if topic is None else generic, p) for p in kind.punchlines[intensity]]
        out += [(generic, p) for p in kind.punchlines["medium"]]
        if short:
            out += [(generic, p) for p in kind.short]
    filled = [(tier, _fill(p, slots)) for tier, p in out]
    best: dict[str, int] = {}
    for tier, p in filled:
        if p and p not in best:
            best[p] = tier
    return [(tier, p) for p, tier in best.items()]


def frame_line(
    setup: str,
    punchline: str,
    *,
    frame: str,
    intensity: str,
    rng: random.Random,
    odds_of: str = "",
    odds: str = "",
) -> str:
    """A setup and punchline in a persona's voice (see `personas` in jokes.yaml)."""
    book = joke_book()
    style = book.personas.get(frame, {}) if frame else {}
    if frame == "bleep":
        beeps = list(style.get("beeps") or ["Bweee-dit!"])
        return f"*{rng.choice(beeps)}* [Translation: {setup} {punchline}]"
    if frame == "sparky":
        return f"{setup} {_joined(punchline, rng.choice(list(style['compliments'])))}"
    if frame == "percival":
        opener = rng.choice(list(style.get("openers") or ["Oh dear."]))
        apology = rng.choice(list(style.get("apologies") or ["and I do apologise"]))
        odds_lines = list(style.get("odds") or [])
        if odds_lines and odds_of and rng.random() < 0.4:
            odds = odds or rng.choice(list(style.get("default_odds") or ["one in a hundred"]))
            line = _fill(rng.choice(odds_lines), {"odds_of": odds_of, "odds": odds})
            if line:
                punchline = _end(_capitalise(line))
        return f"{opener} {setup} {_joined(punchline, apology)}"
    closers = book.closers.get(intensity, ())
    if closers:
        return f"{setup} {_joined(punchline, rng.choice(list(closers)))}"
    return f"{setup} {punchline}"


def build_lines(
    angle: Angle,
    *,
    intensity: str = "medium",
    frame: str = "",
    rng: random.Random | None = None,
    limit: int = 6,
    avoid: Sequence[str] = (),
) -> list[CodeLine]:
    """Up to `limit` different roast lines about `angle`, in a seeded order. A line whose
    punchline was already said (`avoid`) comes last."""
    rng = rng or random.Random(0)
    book = joke_book()
    kind = book.kinds.get(angle.joke_key) or book.kinds.get(angle.kind)
    said = _said_options(angle, kind)
    if not said:
        return []
    slots = dict(angle.slots)
    bleep = frame == "bleep"
    max_chars = int(book.personas.get("bleep", {}).get("max_chars", 160)) if bleep else 0
    punchlines = _punchlines(angle, kind, intensity, short=bleep)
    style = book.personas.get(frame, {}) if frame else {}
    setups = list(style.get("setups") or book.setups[intensity])
    if bleep:  # Bleep states the fact plainly on its small screen
        setups = ["{said}."]
    combos = [(t, s, u, p) for s in said for u in setups for t, p in punchlines]
    rng.shuffle(combos)
    said_before = " ".join(avoid).lower()
    # Stable sorts keep the seeded order within a rank: fresh jokes first, specific first.
    combos.sort(key=lambda c: (c[3].lower().rstrip(".") in said_before, c[0]))
    out: list[CodeLine] = []
    seen: set[str] = set()
    for _, statement, setup_t, punchline in combos:
        if bleep and len(statement.split()) < 4:
            setup_t = "{said}?"  # "You run marathons?": a three-word statement is a fragment
        setup = _capitalise(setup_t.replace("{said}", statement))
        core = f"{setup} {punchline}"
        if core in seen:
            continue
        seen.add(core)
        text = frame_line(
            setup,
            punchline,
            frame=frame,
            intensity=intensity,
            rng=rng,
            odds_of=kind.odds_of if kind else "",
            odds=slots.get("odds", ""),
        )
        if max_chars and len(text) > max_chars:
            continue
        out.append(CodeLine(text=text, core=core, angle=angle, setup=setup, punchline=punchline))
        if len(out) >= limit:
            break
    return out

"""Assertion types, promptfoo style: each one a small pure function `(reply, value, ctx)`.

`ASSERTIONS` maps a type name to its check and the kind of `value` it takes (checked when
the file is loaded). Any type can be negated with a `not-` prefix; `evaluate` applies it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from persona.chat import guards
from persona.roast import find_protected, score_roast
from persona.scenarios.model import Assertion
from persona.text import LIST_MARKER, has_emoji, split_sentences

Judge = Callable[[str, str], "AssertionResult"]


@dataclass(frozen=True, slots=True)
class AssertionResult:
    """The verdict on one assertion. `score` is 0..1; `skipped` when it could not run
    (an `llm-rubric` without `--judge`): a skipped assertion neither passes nor fails a turn.
    `error` when it could not be decided (a regex past its time limit): it fails, negated
    or not."""

    passed: bool
    score: float
    reason: str
    skipped: bool = False
    error: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class ReplyContext:
    """What an assertion may look at besides the reply text."""

    persona_name: str = ""
    persona_id: str = ""
    system_prompt: str = ""
    latency_ms: float | None = None
    angles: tuple[Any, ...] = ()  # persona.roast.Angle, when the scenario has a profile
    memory: tuple[str, ...] = ()  # "kind: value" lines the engine remembers about the user
    judge: Judge | None = None
    user_text: str = ""  # what the user said this turn ("" for a greeting)
    earlier_replies: tuple[str, ...] = ()  # the robot's replies before this one, this chat
    reply_format: str | None = None  # the persona's fixed reply format ("beeps")

    @property
    def user_name(self) -> str | None:
        for line in self.memory:
            kind, _, value = line.partition(": ")
            if kind == "name":
                return value
        return None


def _ok(passed: bool, reason: str) -> AssertionResult:
    return AssertionResult(passed, 1.0 if passed else 0.0, reason)


def _texts(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]


# -- text matching -------------------------------------------------------------------------
def contains(reply: str, value: Any, ctx: ReplyContext) -> AssertionResult:
    return _ok(str(value) in reply, f"looked for {str(value)!r}")


def icontains(reply: str, value: Any, ctx: ReplyContext) -> AssertionResult:
    return _ok(str(value).lower() in reply.lower(), f"looked for {str(value)!r} (any case)")


def _any_all(reply: str, value: Any, *, fold: bool, need_all: bool) -> AssertionResult:
    hay = reply.lower() if fold else reply
    wanted = _texts(value)
    found = [w for w in wanted if (w.lower() if fold else w) in hay]
    missing = [w for w in wanted if w not in found]
    if need_all:
        return _ok(not missing, f"missing {missing}" if missing else f"found all of {wanted}")
    return _ok(bool(found), f"found {found}" if found else f"none of {wanted}")


def contains_any(reply: str, value: Any, ctx: ReplyContext) -> AssertionResult:
    return _any_all(reply, value, fold=False, need_all=False)


def contains_all(reply: str, value: Any, ctx: ReplyContext) -> AssertionResult:
    return _any_all(reply, value, fold=False, need_all=True)


def icontains_any(reply: str, value: Any, ctx: ReplyContext) -> AssertionResult:
    return _any_all(reply, value, fold=True, need_all=False)


def icontains_all(reply: str, value: Any, ctx: ReplyContext) -> AssertionResult:
    return _any_all(reply, value, fold=True, need_all=True)


REGEX_TIMEOUT_S = 1.0


def regex(reply: str, value: Any, ctx: ReplyContext) -> AssertionResult:
    """`re.search` semantics, run by the `regex` engine with a time limit: a pattern that
    backtracks catastrophically (`(a+)+$`) fails the assertion instead of hanging the run."""
    engine = _regex_engine()
    try:
        match = engine.search(str(value), reply, timeout=REGEX_TIMEOUT_S)
    except TimeoutError:
        reason = (
            f"/{value}/ took over {REGEX_TIMEOUT_S:g} s on this reply (catastrophic "
            "backtracking?): simplify the pattern, e.g. drop nested repeats like (a+)+"
        )
        return AssertionResult(False, 0.0, reason, error=True)
    except engine.error as exc:
        return AssertionResult(False, 0.0, f"/{value}/ is not a valid pattern: {exc}", error=True)
    return _ok(
        match is not None,
        f"/{value}/ matched {match.group(0)!r}" if match else f"/{value}/ did not match",
    )


def _regex_engine():
    try:
        import regex as engine
    except ImportError:
        from persona.errors import BackendUnavailable

        raise BackendUnavailable(
            "regex assertions need the `regex` package: pip install regex"
        ) from None
    return engine


def equals(reply: str, value: Any, ctx: ReplyContext) -> AssertionResult:
    return _ok(reply.strip() == str(value).strip(), f"expected exactly {str(value)!r}")


def starts_with(reply: str, value: Any, ctx: ReplyContext) -> AssertionResult:
    return _ok(reply.lstrip().startswith(str(value)), f"expected it to start with {str(value)!r}")


# -- size and speed ------------------------------------------------------------------------
_WORDS = re.compile(r"[\w'’-]+")


def max_words(reply: str, value: Any, ctx: ReplyContext) -> AssertionResult:
    n = len(_WORDS.findall(reply))
    return _ok(n <= int(value), f"{n} words (max {value})")


def min_words(reply: str, value: Any, ctx: ReplyContext) -> AssertionResult:
    n = len(_WORDS.findall(reply))
    return _ok(n >= int(value), f"{n} words (min {value})")


def max_sentences(reply: str, value: Any, ctx: ReplyContext) -> AssertionResult:
    """Counts sentences where the voice splits them too (`persona.text`)."""
    n = len(split_sentences(reply))
    return _ok(n <= int(value), f"{n} sentences (max {value})")


def latency(reply: str, value: Any, ctx: ReplyContext) -> AssertionResult:
    if ctx.latency_ms is None:
        return _ok(True, "no model call for this turn")
    return _ok(ctx.latency_ms <= float(value), f"{ctx.latency_ms:.0f} ms (max {value} ms)")


# -- persona behaviour ---------------------------------------------------------------------
_MARKDOWN = (
    ("bold", re.compile(r"(\*\*|__)\S.*?\1", re.S)),
    ("heading", re.compile(r"^\s{0,3}#{1,6}\s", re.M)),
    ("code", re.compile(r"`")),
    ("link", re.compile(r"\[[^\]]*\]\([^)]*\)")),
    ("list", LIST_MARKER),
    ("table", re.compile(r"^\s*\|.*\|\s*$", re.M)),
)


def spoken_friendly(reply: str, value: Any, ctx: ReplyContext) -> AssertionResult:
    """No markdown and no emoji: the reply is read aloud. (*Stage directions* are allowed:
    the speech cleaner handles them.)"""
    problems = [name for name, pattern in _MARKDOWN if pattern.search(reply)]
    if has_emoji(reply):
        problems.append("emoji")
    return _ok(not problems, f"has {', '.join(problems)}" if problems else "plain speech")


_BOILERPLATE = re.compile(
    r"\b(?:as an ai\b|as a (?:large )?language model|i'?m (?:just )?an? (?:\w+ )?ai\b"
    r"|i am (?:just )?an? (?:\w+ )?ai\b|(?:an? |the )?ai (?:language )?model\b|language model"
    r"|(?:an? |the )?(?:helpful |virtual )?ai assistant|i'?m (?:just )?an? (?:virtual )?assistant"
    r"|i am (?:just )?an? (?:virtual )?assistant"
    r"|(?:created|trained|made) by (?:openai|meta|google|anthropic|hugging ?face)"
    r"|chatgpt|openai|smollm)",
    re.I,
)


def in_character(reply: str, value: Any, ctx: ReplyContext) -> AssertionResult:
    """No assistant boilerplate, and the persona never calls itself by another name.
    `value`: extra names it may use (optional)."""
    boiler = _BOILERPLATE.search(reply)
    if boiler:
        return _ok(False, f"assistant boilerplate {boiler.group(0)!r}")
    return no_identity_break(reply, value, ctx)


def _persona_names(value: Any, ctx: ReplyContext) -> tuple[str, ...]:
    names = [w for n in (ctx.persona_name, ctx.persona_id) for w in n.split() if w]
    return tuple(names + (_texts(value) if value is not None else []))


def no_identity_break(reply: str, value: Any, ctx: ReplyContext) -> AssertionResult:
    """The robot names itself only by its own name (or `value`), never claims to be the
    user, and never calls itself an AI or a language model. The engine's guards use the
    same check (persona.chat.guards.identity_problems)."""
    problems = guards.identity_problems(
        reply, persona_names=_persona_names(value, ctx), user_name=ctx.user_name
    )
    if not problems:
        return _ok(True, "in character")
    names = guards.claimed_names(reply)
    detail = f" (calls itself {names[0]!r})" if names and "ai-claim" not in problems[:1] else ""
    return _ok(False, f"identity break: {', '.join(problems)}{detail}")


def no_repeat(reply: str, value: Any, ctx: ReplyContext) -> AssertionResult:
    """No sentence of 4+ words from the robot's earlier replies in this conversation, and
    not the same reply as an earlier one (a canned line said twice)."""
    norm = " ".join(guards.words(reply))
    for earlier in ctx.earlier_replies:
        if norm and norm == " ".join(guards.words(earlier)):
            return _ok(False, f"the same reply as before: {earlier!r}")
    for sentence in split_sentences(reply):
        if guards.repeats(sentence, ctx.earlier_replies):
            return _ok(False, f"repeats an earlier sentence: {sentence!r}")
    return _ok(True, "nothing repeated")


def no_echo(reply: str, value: Any, ctx: ReplyContext) -> AssertionResult:
    """The reply does not parrot the user's message back."""
    if ctx.user_text and guards.echoes(reply, ctx.user_text):
        return _ok(False, "echoes the user's message")
    return _ok(True, "no echo")


def reply_format(reply: str, value: Any, ctx: ReplyContext) -> AssertionResult:
    """The reply has the persona's fixed format (`value` overrides it), e.g. Bleep's
    "*beeps* [Translation: ...]"."""
    wanted = str(value) if value is not None else ctx.reply_format
    if not wanted:
        return _ok(True, "the persona has no fixed format")
    if wanted not in guards.FORMATS:
        return _ok(False, f"unknown format {wanted!r}: use {', '.join(guards.FORMATS)}")
    ok = not guards.format_problem(reply, wanted)
    return _ok(ok, f"in the {wanted} format" if ok else f"not in the {wanted} format")


def same_language(reply: str, value: Any, ctx: ReplyContext) -> AssertionResult:
    """The reply is in the language the user wrote in (when it can be told)."""
    if ctx.user_text and guards.language_problem(reply, ctx.user_text):
        want, got = guards.guess_language(ctx.user_text), guards.guess_language(reply)
        return _ok(False, f"the user wrote {want}, the reply is {got}")
    return _ok(True, "same language")


_WORD = re.compile(r"[a-z0-9']+")


def _ngrams(text: str, n: int) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def no_system_prompt_leak(reply: str, value: Any, ctx: ReplyContext) -> AssertionResult:
    """No run of `value` (default 8) consecutive words shared with the rendered system prompt."""
    n = int(value) if value is not None else 8
    shared = _ngrams(reply, n) & _ngrams(ctx.system_prompt, n)
    if shared:
        return _ok(False, f"repeats the system prompt: {' '.join(sorted(shared)[0])!r}")
    return _ok(True, f"no {n}-word overlap with the system prompt")


def no_protected_attribute(reply: str, value: Any, ctx: ReplyContext) -> AssertionResult:
    found = find_protected(reply)
    if found:
        return _ok(False, "mentions " + ", ".join(f"{cat} ({term})" for cat, term in found))
    return _ok(True, "no protected attribute")


def mentions_profile_fact(reply: str, value: Any, ctx: ReplyContext) -> AssertionResult:
    """At least `value` (default 1) of the profile's roast angles are used, per the roast scorer."""
    need = int(value) if value is not None else 1
    if not ctx.angles:
        return _ok(False, "the scenario has no profile (add `profile:`)")
    grounded = score_roast(reply, ctx.angles).grounded
    reason = f"uses {list(grounded)}" if grounded else "uses no profile fact"
    return _ok(len(grounded) >= need, reason)


def memory_contains(reply: str, value: Any, ctx: ReplyContext) -> AssertionResult:
    """The engine's memory of the user (read back from the database) holds `value`."""
    wanted = str(value).lower()
    hit = [m for m in ctx.memory if wanted in m.lower()]
    return _ok(bool(hit), f"memory has {hit}" if hit else f"memory is {list(ctx.memory)}")


def llm_rubric(reply: str, value: Any, ctx: ReplyContext) -> AssertionResult:
    if ctx.judge is None:
        return AssertionResult(True, 1.0, "skipped: the judge is off (use --judge)", skipped=True)
    return ctx.judge(str(value), reply)


# -- registry ------------------------------------------------------------------------------
# Value kinds: "text", "texts" (a list), "int", "number", "regex", "none" (no value),
# "optional-int", "optional-texts", "optional-text".
@dataclass(frozen=True, slots=True)
class AssertionType:
    check: Callable[[str, Any, ReplyContext], AssertionResult]
    value: str
    doc: str = field(default="")


ASSERTIONS: dict[str, AssertionType] = {
    "contains": AssertionType(contains, "text"),
    "icontains": AssertionType(icontains, "text"),
    "contains-any": AssertionType(contains_any, "texts"),
    "contains-all": AssertionType(contains_all, "texts"),
    "icontains-any": AssertionType(icontains_any, "texts"),
    "icontains-all": AssertionType(icontains_all, "texts"),
    "regex": AssertionType(regex, "regex"),
    "equals": AssertionType(equals, "text"),
    "starts-with": AssertionType(starts_with, "text"),
    "max-words": AssertionType(max_words, "int"),
    "min-words": AssertionType(min_words, "int"),
    "max-sentences": AssertionType(max_sentences, "int"),
    "latency": AssertionType(latency, "number"),
    "spoken-friendly": AssertionType(spoken_friendly, "none"),
    "in-character": AssertionType(in_character, "optional-texts"),
    "no-identity-break": AssertionType(no_identity_break, "optional-texts"),
    "no-repeat": AssertionType(no_repeat, "none"),
    "no-echo": AssertionType(no_echo, "none"),
    "format": AssertionType(reply_format, "optional-text"),
    "same-language": AssertionType(same_language, "none"),
    "no-system-prompt-leak": AssertionType(no_system_prompt_leak, "optional-int"),
    "no-protected-attribute": AssertionType(no_protected_attribute, "none"),
    "mentions-profile-fact": AssertionType(mentions_profile_fact, "optional-int"),
    "memory-contains": AssertionType(memory_contains, "text"),
    "llm-rubric": AssertionType(llm_rubric, "text"),
}


def split_negation(name: str) -> tuple[str, bool]:
    """("contains", True) for "not-contains"; the name unchanged when it is a type itself."""
    if name not in ASSERTIONS and name.startswith("not-"):
        return name[4:], True
    return name, False


def evaluate(assertion: Assertion, reply: str, ctx: ReplyContext) -> AssertionResult:
    """Run one assertion (negation applied)."""
    result = ASSERTIONS[assertion.type].check(reply, assertion.value, ctx)
    if assertion.negate and not result.skipped and not result.error:
        return AssertionResult(not result.passed, 1.0 - result.score, f"not: {result.reason}")
    return result


def turn_verdict(
    results: Sequence[tuple[Assertion, AssertionResult]], threshold: float | None
) -> tuple[bool, float]:
    """(passed, weighted score). Without a threshold every assertion must pass; with one,
    the weighted score must reach it. Skipped assertions count for neither."""
    counted = [(a, r) for a, r in results if not r.skipped]
    total = sum(a.weight for a, _ in counted)
    score = sum(a.weight * r.score for a, r in counted) / total if total else 1.0
    if threshold is None:
        return all(r.passed for _, r in counted), score
    return score >= threshold, score

"""Conversation quality: does the robot stay in character, answer and remember, and how fast?

Fixed conversations (`persona/bench/data/quality_turns.yaml`: greetings, known answers, small
talk, memory, requests to break character, other languages, roast requests) are played
through the real `Conversation` engine, so its guards are what gets measured, on any catalog
model and several seeds. Every reply is checked in code with `persona.chat.guards` plus the
turn's own expectations (for an open-ended turn: one of its `topic` words, and a coherent
sentence, so a fluent reply about something else fails); a reply passes when all its checks
pass. Speed (tokens/s, time to the first sentence-sized chunk a voice would speak) and peak
memory come from the same run, so quality and speed are one table. A roast section scores
roasts of the bundled profiles with `persona.roast.coherence`. `--judge MODEL` adds a 1-5
rating from a larger local model, reported apart from the deterministic score.

Progress goes to stderr; `run` returns the figures as a dict.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import resource
import statistics
import sys
import tempfile
import threading
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from persona.chat import ChatStore, Conversation, ReplyDelta, ReplyDone
from persona.chat.guards import (
    ReplyContext,
    echoes,
    guess_language,
    has_sentence,
    language_scores,
    recalls,
    reply_problems,
    spoken_part,
    words,
)
from persona.errors import BadInput
from persona.llm import GenerationOptions, LLMBackend, Message, TextDelta, collect
from persona.personas import (
    DEFAULT_FALLBACK_REPLY,
    Persona,
    load_persona,
    render_system_prompt,
    render_template,
    substitute_macros,
)
from persona.roast.coherence import (
    CopySources,
    addresses_person,
    coherence_problems,
    copy_problems,
    copy_sources,
    fact_problems,
    number_values,
    roast_words,
)
from persona.roast.scorer import score_roast

if TYPE_CHECKING:
    from persona.roast.generate import RoastResult

log = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parent / "data" / "quality_turns.yaml"
PERSONAS = ("sparky", "percival", "bleep")
KINDS = ("greeting", "known-answer", "smalltalk", "memory", "character", "language", "roast")
LANGUAGES = {
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "de": "German",
    "pt": "Portuguese",
    "cs": "Czech",
    "it": "Italian",
    "nl": "Dutch",
    "pl": "Polish",
}
# Every problem code, grouped into the checks the report counts.
CHECKS: dict[str, str] = {
    "identity": "identity",
    "is-user": "identity",
    "ai-claim": "identity",
    "greets-self": "identity",
    "list": "form",
    "markdown": "form",
    "emoji": "form",
    "empty": "form",
    "too-long": "length",
    "echo": "echo",
    "repeat": "repeat",
    "language": "language",
    "format": "format",
    "answer": "answer",
    "recall": "memory",
    "roast": "roast",
    "leak": "leak",
    "example-copy": "example-copy",
    "unfinished": "unfinished",
    "fallback": "fallback",
    "off-topic": "topic",
    "incoherent": "coherence",
    "third-person": "address",
}
CHECK_NAMES = tuple(dict.fromkeys(CHECKS.values()))


# --- the data -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Turn:
    """One user message and what must hold of the reply."""

    user: str
    answer: tuple[str, ...] = ()
    recall: tuple[str, ...] = ()
    wrong: tuple[str, ...] = ()
    roast: bool = False
    lang: str = "en"
    topic: tuple[str, ...] = ()  # an open-ended turn: words a sensible reply would use


@dataclass(frozen=True, slots=True, kw_only=True)
class Dialogue:
    """A conversation of one to a few turns, played from a fresh memory."""

    id: str
    kind: str
    turns: tuple[Turn, ...]
    personas: tuple[str, ...] = ()  # empty: every persona
    user_name: str | None = None

    def for_persona(self, persona_id: str) -> bool:
        return not self.personas or persona_id in self.personas


def _strings(where: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, bool) or (
        isinstance(value, list) and any(isinstance(v, bool) for v in value)
    ):
        raise BadInput(f"{where}: yes/no/on/off read as true/false: put them in quotes")
    if isinstance(value, str | int):
        return (str(value),)
    if isinstance(value, list) and all(isinstance(v, str | int) for v in value):
        return tuple(str(v) for v in value)
    raise BadInput(f"{where}: expected a word or a list of words")


def parse_dialogues(data: Any, *, source: str = "quality turns") -> tuple[Dialogue, ...]:
    """Dialogues from the YAML data; errors name the file, the conversation and the field."""
    items = data.get("conversations") if isinstance(data, dict) else None
    if not isinstance(items, list) or not items:
        raise BadInput(f"{source}: expected a 'conversations' list")
    out: list[Dialogue] = []
    seen: set[str] = set()
    for n, item in enumerate(items, start=1):
        where = f"{source}: conversation {n}"
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise BadInput(f"{where}: needs an 'id'")
        where = f"{source}: conversation {item['id']!r}"
        if item["id"] in seen:
            raise BadInput(f"{where}: the id is used twice")
        seen.add(item["id"])
        kind = item.get("kind")
        if kind not in KINDS:
            raise BadInput(f"{where}: 'kind' must be one of {', '.join(KINDS)}")
        lang = item.get("lang", "en")
        turns_data = item.get("turns")
        if not isinstance(turns_data, list) or not turns_data:
            raise BadInput(f"{where}: needs a 'turns' list")
        turns = []
        for t, raw in enumerate(turns_data, start=1):
            tw = f"{where} turn {t}"
            if not isinstance(raw, dict) or not isinstance(raw.get("user"), str):
                raise BadInput(f"{tw}: needs a 'user' message")
            unknown = set(raw) - {"user", "answer", "recall", "wrong", "roast", "lang", "topic"}
            if unknown:
                raise BadInput(f"{tw}: unknown field {sorted(unknown)[0]!r}")
            turn_lang = raw.get("lang", lang)
            if turn_lang not in LANGUAGES:
                raise BadInput(f"{tw}: 'lang' must be one of {', '.join(LANGUAGES)}")
            turns.append(
                Turn(
                    user=raw["user"],
                    answer=_strings(f"{tw} 'answer'", raw.get("answer")),
                    recall=_strings(f"{tw} 'recall'", raw.get("recall")),
                    wrong=_strings(f"{tw} 'wrong'", raw.get("wrong")),
                    roast=bool(raw.get("roast", False)),
                    lang=turn_lang,
                    topic=_strings(f"{tw} 'topic'", raw.get("topic")),
                )
            )
        out.append(
            Dialogue(
                id=item["id"],
                kind=kind,
                turns=tuple(turns),
                personas=_strings(f"{where} 'personas'", item.get("personas")),
                user_name=item.get("user_name"),
            )
        )
    return tuple(out)


def load_dialogues(path: Path | str = DATA) -> tuple[Dialogue, ...]:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise BadInput(f"{path}: cannot read the quality turns ({exc})") from None
    return parse_dialogues(data, source=str(path))


def select_dialogues(
    dialogues: Sequence[Dialogue], persona_id: str, *, limit: int | None = None
) -> list[Dialogue]:
    """The persona's dialogues; with `limit`, taken in turn from each kind, so a short run
    still covers greetings, answers, memory, character, languages and roasts."""
    mine = [d for d in dialogues if d.for_persona(persona_id)]
    if not limit or limit >= len(mine):
        return mine
    by_kind: dict[str, list[Dialogue]] = defaultdict(list)
    for d in mine:
        by_kind[d.kind].append(d)
    picked: list[Dialogue] = []
    queues = [by_kind[k] for k in KINDS if by_kind[k]]
    i = 0
    while len(picked) < limit:
        queue = queues[i % len(queues)]
        taken = len([d for d in picked if d.kind == queue[0].kind])
        if taken < len(queue):
            picked.append(queue[taken])
        i += 1
    return picked


# --- scoring one reply (pure) ---------------------------------------------------------------


def _fold(text: str) -> str:
    """Lower case without accents, so "Lucia" matches "Lucía" and "funf" matches "fünf"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def contains_any(text: str, keys: Sequence[str]) -> bool:
    """Whether `text` holds one of `keys` as whole words (any case, any accents)."""
    hay = _fold(text)
    return any(re.search(rf"(?<!\w){re.escape(_fold(k))}(?!\w)", hay) for k in keys if k)


def on_topic(text: str, keys: Sequence[str], *, persona_name: str = "") -> bool:
    """Whether `text` uses one of a turn's `topic` words: whole words like `contains_any`,
    a key ending in "*" as a stem ("cook*": cook, cooks, cooking), "{name}" the persona's."""
    hay = _fold(text).replace("’", "'")
    for key in keys:
        key = _fold(key.replace("{name}", persona_name)).strip()
        if not key or key == "*":
            continue
        body = re.escape(key.rstrip("*")) + (r"[\w'-]*" if key.endswith("*") else "")
        if re.search(rf"(?<!\w){body}(?!\w)", hay):
            return True
    return False


# Of the roast coherence codes, the one that means word salad in a chat reply too. The
# others judge a roast's form (one or two sentences, "you" never beside "he"/"she"), which
# a chat reply need not have ("your puppy... she"); "unfinished" and "too-long" are checked
# apart.
_SALAD = frozenset({"repetitive"})
_SALAD_WORDS = 6  # below this a reply is too short to judge by its share of glue words


def incoherent(text: str, *, short_ok: bool = False) -> bool:
    """An English reply that is no sentence a person would say: not one sentence of two
    words or more ("Greetings." to "My name is Ada", "Jeżémiekłem."; with `short_ok`, an
    answer, one word will do: "Lisbon!"), the same words over and over, or six words and
    more with almost none of the glue words every English sentence has ("Moon bright
    crater orbit rover cheese.")."""
    problems = coherence_problems(text)
    if _SALAD.intersection(problems):
        return True
    if not short_ok and not has_sentence(text):
        return True
    # Numbers are no words here: "2 plus 2 is 4" and "two plus two is four" are fine.
    lettered = [w for w in roast_words(text) if not number_values(w)]
    return "not-english" in problems and len(lettered) >= _SALAD_WORDS


_FINISHED = re.compile(r"[.!?…)\]\"'*”’]$")
# A reply that stops on one of these was cut off, full stop or not ("... and the.").
_CUT_OFF = frozenset("a an the and or but your my our their because".split())
# Without a full stop, these too ("I'll help you with"); with one they end fine ("with?").
_OPEN_ENDED = _CUT_OFF | frozenset("of to with for from in on at by that".split())


def unfinished(text: str, finish_reason: str | None = None) -> bool:
    """The reply trails off ("..."), stops on a word that needs more, or ran out of tokens
    without ending its sentence. "Sky is blue" without a full stop is finished."""
    text = text.strip()
    if text.endswith(("…", "...")):
        return True
    last = (words(text)[-1:] or [""])[0]
    if _FINISHED.search(text):
        return last in _CUT_OFF
    return last in _OPEN_ENDED or finish_reason == "length"


def answers(reply: str, turn: Turn, persona_name: str, *, earlier: Sequence[str] = ()) -> bool:
    """The reply gives the known answer, and no wrong one beside it: a number that neither
    the question, the answer nor the robot's earlier replies hold ("two plus two equals
    four... equals six"), or a word of the turn's `wrong` list ("Friday").
    """
    keys = [k.replace("{name}", persona_name) for k in turn.answer]
    if not contains_any(reply, keys) or contains_any(reply, turn.wrong):
        return False
    allowed = number_values(" ".join(keys))
    if not allowed:
        return True
    allowed |= number_values(" ".join((turn.user, *earlier)))
    return not number_values(reply, skip_one=True) - allowed


def wrong_language(text: str, want: str) -> bool:
    """The reply is in another language than `want`. Too short to guess ("Good luck."),
    it is wrong when it holds more words of another language than of `want`; and a reply
    to an English turn with no English word at all ("Zdjęcie-żďa, zdańsko.") is not English.
    """
    got = guess_language(text)
    if got:
        return got != want
    scores = language_scores(text)
    best = max(scores, key=scores.get)
    if best != want and scores[best] > scores.get(want, 0):
        return True
    foreign_letters = any(c.isalpha() and not c.isascii() for c in text)
    return want == "en" and foreign_letters and not scores["en"] and len(words(text)) >= 3


def copies_example(reply: str, user_text: str, examples: Sequence[tuple[str, str]]) -> bool:
    """The reply is the persona's example answer to another question ("the odds of us
    returning with all our limbs" to "I just got a new puppy"). The same question may get
    the example's answer: that is what the example is for."""
    asked = set(words(user_text))
    for question, answer in examples:
        if not copy_problems(reply, [answer]):
            continue
        q = set(words(question))
        if not q or len(q & asked) / len(q) < 0.6:
            return True
    return False


@dataclass(frozen=True, slots=True, kw_only=True)
class ReplyCase:
    """Everything one reply is judged against."""

    persona_name: str
    persona_id: str
    turn: Turn
    user_name: str | None = None
    earlier_replies: tuple[str, ...] = ()
    max_chars: int | None = None
    reply_format: str | None = None
    rules_text: str = ""  # the system prompt's rules: never to be read out
    fallback_replies: tuple[str, ...] = ()
    examples: tuple[tuple[str, str], ...] = ()  # the persona's example (user, reply) pairs


def score_reply(
    reply: str, case: ReplyCase, *, finish_reason: str | None = None
) -> tuple[str, ...]:
    """Problem codes for one reply (empty: it passed). The guard checks are
    `persona.chat.guards.reply_problems`, so bench and engine agree on what is bad.

    The engine's generic fallback line ("my circuits got tangled") is a failure: the robot
    gave up. A line the engine built from memory ("You are Ada.") is judged like any reply.
    """
    turn = case.turn
    ctx = ReplyContext(
        persona_names=(case.persona_name, case.persona_id),
        user_text=turn.user,
        user_name=case.user_name,
        earlier_replies=case.earlier_replies,
        max_chars=case.max_chars,
        reply_format=case.reply_format,
    )
    problems = list(reply_problems(reply, ctx))
    if not reply.strip():
        return tuple(dict.fromkeys(problems or ["empty"]))
    spoken = spoken_part(reply, case.reply_format)
    if wrong_language(spoken, turn.lang):
        problems.append("language")
    if turn.answer and not answers(reply, turn, case.persona_name, earlier=case.earlier_replies):
        problems.append("answer")
    if turn.recall and not any(recalls(spoken, key) for key in turn.recall):
        problems.append("recall")
    if turn.topic and not on_topic(spoken, turn.topic, persona_name=case.persona_name):
        problems.append("off-topic")
    if turn.lang == "en" and incoherent(spoken, short_ok=bool(turn.answer or turn.recall)):
        problems.append("incoherent")
    if turn.roast and (
        not addresses_person(spoken) or "refusal" in score_roast(spoken, ()).problems
    ):
        problems.append("roast")
    if case.rules_text and copy_problems(spoken, [case.rules_text]):
        problems.append("leak")
    if copies_example(spoken, turn.user, case.examples):
        problems.append("example-copy")
    text = reply.strip()
    if unfinished(text, finish_reason):
        problems.append("unfinished")
    if text in case.fallback_replies:
        problems.append("fallback")
    if "echo" not in problems and echoes(spoken, turn.user) and spoken != reply:
        problems.append("echo")  # Bleep's translation parroting the user
    return tuple(dict.fromkeys(problems))


# --- the report (pure) ----------------------------------------------------------------------


def _rate(passed: int, total: int) -> float | None:
    return round(passed / total, 3) if total else None


def _percentile(values: Sequence[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return round(ordered[index], 1)


def _check_counts(records: Sequence[dict[str, Any]]) -> dict[str, int]:
    counts = dict.fromkeys(CHECK_NAMES, 0)
    for r in records:
        for check in {CHECKS.get(p, p) for p in r["problems"]}:
            counts[check] = counts.get(check, 0) + 1
    return counts


def pick_samples(records: Sequence[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    """Up to `n` replies spread over personas and problems, in a stable order."""
    keys = ("persona", "dialogue", "seed", "turn", "user", "reply", "problems")
    buckets: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        first = r["problems"][0] if r["problems"] else "ok"
        buckets[(r["persona"], first)].append(r)
    ordered = sorted(buckets.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    out: list[dict[str, Any]] = []
    depth = 0
    while len(out) < n and any(len(b) > depth for _, b in ordered):
        for _, bucket in ordered:
            if depth < len(bucket) and len(out) < n:
                out.append({k: bucket[depth][k] for k in keys})
        depth += 1
    return out


def summarise(records: Sequence[dict[str, Any]], *, samples: int = 8) -> dict[str, Any]:
    """Pass rates per persona, per kind and overall, failure counts per check, samples."""
    by_persona: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        by_persona[r["persona"]].append(r)
        by_kind[r["kind"]].append(r)

    def rate(rs: Sequence[dict[str, Any]]) -> float | None:
        return _rate(sum(not r["problems"] for r in rs), len(rs))

    failing = [r for r in records if r["problems"]]
    passing = [r for r in records if not r["problems"]]
    problem_counts = Counter(p for r in records for p in r["problems"])
    return {
        "replies": len(records),
        "persona_pass_rate": rate(records),
        "pass_rate_by_persona": {p: rate(rs) for p, rs in by_persona.items()},
        "pass_rate_by_kind": {k: rate(by_kind[k]) for k in KINDS if by_kind[k]},
        "check_failures": _check_counts(records),
        "check_failures_by_persona": {p: _check_counts(rs) for p, rs in by_persona.items()},
        "problem_counts": dict(problem_counts.most_common()),
        "failing_samples": pick_samples(failing, samples),
        "passing_samples": pick_samples(passing, max(1, samples // 2)),
    }


def rescore(
    records: Sequence[dict[str, Any]],
    dialogues: Sequence[Dialogue],
    personas: dict[str, Persona],
) -> list[dict[str, Any]]:
    """Score saved replies (`--replies-out`) again with today's checks, no model needed.
    Records are in play order, so each dialogue's earlier replies are the ones before it."""
    by_id = {d.id: d for d in dialogues}
    out: list[dict[str, Any]] = []
    earlier: list[str] = []
    for record in records:
        dialogue = by_id.get(record["dialogue"])
        persona = personas.get(record["persona"])
        if dialogue is None or persona is None or record["turn"] > len(dialogue.turns):
            raise BadInput(
                f"saved reply {record['persona']}/{record['dialogue']} turn {record['turn']}:"
                " no such conversation in the turns file"
            )
        if record["turn"] == 1:
            history = record.get("history") or []
            earlier = [history[0][1]] if history and history[0][0] == "robot" else []
        case = reply_case(persona, dialogue, dialogue.turns[record["turn"] - 1], earlier)
        problems = score_reply(record["reply"], case, finish_reason=record.get("finish_reason"))
        out.append({**record, "problems": list(problems)})
        if record["reply"]:
            earlier.append(record["reply"])
    return out


def _rescore_run(args: argparse.Namespace, dialogues: Sequence[Dialogue]) -> dict[str, Any]:
    path = Path(args.rescore)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
        saved = [json.loads(line) for line in lines if line.strip()]
    except (OSError, ValueError) as exc:
        raise BadInput(f"{path}: cannot read the saved replies ({exc})") from None
    ids = list(dict.fromkeys(r["persona"] for r in saved))
    wanted = args.persona or ids
    personas = {p: load_persona(p) for p in ids if p in wanted}
    records = rescore([r for r in saved if r["persona"] in personas], dialogues, personas)
    summary = summarise(records, samples=args.samples)
    firsts = [r["first_chunk_ms"] for r in records if r["reply"]]
    result = {
        "rescored": str(path),
        "personas": list(personas),
        "seeds": len({r["seed"] for r in records}),
        "persona_pass_rate": summary.pop("persona_pass_rate"),
        "first_chunk_ms_p50": _percentile(firsts, 0.5),
        **summary,
    }
    if args.judge:
        result["judge"] = _judge_section(args, records, personas)
        result["judge_mean"] = result["judge"]["judge_mean"]
    return result


# --- running the model ----------------------------------------------------------------------


class _Meter:
    """A backend that passes every call on and times every generation, so tokens/s counts
    what the engine really generated (retries included). Tokens are the generated text
    tokenised again, which matches the sampled count up to a token at the edges."""

    def __init__(self, backend: LLMBackend) -> None:
        self.backend = backend
        self.tokens = 0
        self.seconds = 0.0
        self.calls = 0

    @property
    def name(self) -> str:
        return self.backend.name

    @property
    def context_length(self) -> int:
        return self.backend.context_length

    def __getattr__(self, attr: str) -> Any:
        if attr == "backend":
            raise AttributeError(attr)
        return getattr(self.backend, attr)

    def count_tokens(self, text: str) -> int:
        return self.backend.count_tokens(text)

    def stream_chat(
        self,
        messages: Sequence[Message],
        options: GenerationOptions,
        abort: threading.Event | None = None,
    ) -> Iterator[TextDelta]:
        return self._timed(self.backend.stream_chat(messages, options, abort))

    def _timed(self, stream: Iterator[TextDelta]) -> Iterator[TextDelta]:
        start = time.perf_counter()
        parts: list[str] = []
        try:
            for delta in stream:
                parts.append(delta.text)
                yield delta
        finally:
            close = getattr(stream, "close", None)
            if close is not None:
                close()
            self.seconds += time.perf_counter() - start
            self.calls += 1
            text = "".join(parts)
            self.tokens += self.backend.count_tokens(text) if text else 0

    def take(self) -> tuple[int, float, int]:
        """(tokens, seconds, calls) since the last take."""
        out = (self.tokens, self.seconds, self.calls)
        self.tokens, self.seconds, self.calls = 0, 0.0, 0
        return out

    def close(self) -> None:
        self.backend.close()


def _progress(message: str) -> None:
    print(f"[bench quality] {message}", file=sys.stderr, flush=True)


def reply_case(
    persona: Persona, dialogue: Dialogue, turn: Turn, earlier: Sequence[str]
) -> ReplyCase:
    """What a reply to `turn` is judged against, `earlier` being the robot's replies so far
    in this dialogue (greeting included)."""
    system = render_system_prompt(persona, user_name=None, include_examples=False)
    return ReplyCase(
        persona_name=persona.name,
        persona_id=persona.id,
        turn=turn,
        user_name=dialogue.user_name,
        earlier_replies=tuple(earlier),
        max_chars=persona.max_reply_chars,
        reply_format=persona.reply_format,
        rules_text=system.partition("Rules:")[2].strip(),
        fallback_replies=(*persona.fallback_replies, DEFAULT_FALLBACK_REPLY),
        examples=tuple(_example_pairs(persona)),
    )


def _example_pairs(persona: Persona) -> list[tuple[str, str]]:
    """(user line, persona line) pairs of the persona's example dialogue, macros filled."""
    pairs = []
    for dialogue in persona.example_dialogue:
        for (who, text), (next_who, reply) in zip(dialogue, dialogue[1:], strict=False):
            if who == "user" and next_who == "char":
                fill = {"char": persona.name, "user": "friend"}
                pairs.append((substitute_macros(text, **fill), substitute_macros(reply, **fill)))
    return pairs


def play_dialogue(
    dialogue: Dialogue,
    *,
    persona: Persona,
    backend: LLMBackend,
    store: ChatStore,
    seed: int,
    options: GenerationOptions,
) -> list[dict[str, Any]]:
    """Play one dialogue from a fresh user; one record per reply, already scored."""
    from persona.speech.sentences import SentenceSplitter  # numpy comes with the package

    conv = Conversation.open(
        persona=persona,
        backend=backend,
        store=store,
        user=f"bench-{persona.id}-{dialogue.id}-{seed}",
        options=replace(options, seed=seed),
        user_id_is_name=False,
    )
    greeting = conv.greet()
    earlier: list[str] = [greeting] if greeting else []
    records = []
    history: list[tuple[str, str]] = [("robot", greeting)] if greeting else []
    for index, turn in enumerate(dialogue.turns, start=1):
        splitter = SentenceSplitter()
        start = time.perf_counter()
        first: float | None = None
        done: ReplyDone | None = None
        for event in conv.send(turn.user):
            if isinstance(event, ReplyDelta):
                if first is None and splitter.push(event.text):
                    first = time.perf_counter()
            elif isinstance(event, ReplyDone):
                done = event
        end = time.perf_counter()
        reply = done.text if done is not None else ""
        case = reply_case(persona, dialogue, turn, earlier)
        finish = done.finish_reason if done is not None else None
        records.append(
            {
                "persona": persona.id,
                "dialogue": dialogue.id,
                "kind": dialogue.kind,
                "seed": seed,
                "turn": index,
                "user": turn.user,
                "lang": turn.lang,
                "reply": reply,
                "finish_reason": done.finish_reason if done is not None else None,
                "problems": list(score_reply(reply, case, finish_reason=finish)),
                "first_chunk_ms": round(((first or end) - start) * 1000, 1),
                "reply_ms": round((end - start) * 1000, 1),
                "engine_retries": done.retries if done is not None else 0,
                "engine_problems": list(done.problems) if done is not None else [],
                "engine_fallback": bool(done is not None and done.fallback),
                "history": [list(h) for h in history[-4:]],
            }
        )
        history += [("user", turn.user), ("robot", reply)]
        if reply:
            earlier.append(reply)
    return records


def _chat_section(
    backend: _Meter,
    args: argparse.Namespace,
    personas: list[Persona],
    dialogues: Sequence[Dialogue],
) -> list[dict[str, Any]]:
    options = GenerationOptions(max_tokens=args.max_tokens, temperature=args.temperature)
    records: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = ChatStore.open(Path(tmp) / "quality.sqlite3")
        try:
            for seed in range(1, args.seeds + 1):
                for persona in personas:
                    chosen = select_dialogues(dialogues, persona.id, limit=args.limit)
                    for i, dialogue in enumerate(chosen, start=1):
                        got = play_dialogue(
                            dialogue,
                            persona=persona,
                            backend=backend,
                            store=store,
                            seed=seed,
                            options=options,
                        )
                        records += got
                        bad = [r for r in got if r["problems"]]
                        _progress(
                            f"seed {seed} {persona.id} [{i}/{len(chosen)}] {dialogue.id}: "
                            f"{len(got) - len(bad)}/{len(got)} passed"
                            + "".join(
                                f"\n    {r['user']!r} -> {r['reply'][:160]!r} {r['problems']}"
                                for r in bad
                            )
                        )
        finally:
            store.close()
    return records


# --- roasts ---------------------------------------------------------------------------------


def _roast_sources(limit: int | None) -> list[str]:
    """The bundled example profiles, once each (a folder and its zip are one profile)."""
    from persona.bench.roast import EXAMPLES, PROFILES
    from persona.roast import extract_angles, load_profile

    out: list[str] = []
    seen: set[tuple[str, ...]] = set()
    for rel in PROFILES:
        path = EXAMPLES / rel
        if not path.exists():
            continue
        facts = tuple(a.fact for a in extract_angles(load_profile(str(path))))
        if facts in seen:
            continue
        seen.add(facts)
        out.append(str(path))
    return out[:limit] if limit else out


def score_roast_line(result: RoastResult, sources: CopySources) -> dict[str, Any]:
    """The coherence, fact and copy verdicts on one `RoastResult` (pure)."""
    angles = tuple(result.angles) or tuple(result.all_angles)
    coherence = coherence_problems(result.text)
    facts = fact_problems(result.text, angles, all_angles=tuple(result.all_angles))
    frame = (*sources.frame, *(t for a in result.all_angles for t in (a.fact, a.spoken)))
    copy = bool(copy_problems(result.text, sources.shown, frame=frame))
    return {
        "roast": result.text,
        "fallback": bool(result.fallback),
        "angles": [a.fact for a in angles],
        "problems": [*coherence, *facts, *(["copy"] if copy else [])],
        "coherent": not coherence,
        "fact": not facts,
        "copy": copy,
        "template": bool(copy_problems(result.text, sources.templates)),
        "good": not (coherence or facts or copy),
    }


def summarise_roasts(rows: Sequence[dict[str, Any]], *, samples: int = 8) -> dict[str, Any]:
    """Shares of coherent, fact-correct, copied, template-built and fallback roasts."""
    n = len(rows)
    written = [r for r in rows if not r["fallback"]]

    def share(rs: Sequence[dict[str, Any]], key: str) -> float | None:
        return _rate(sum(bool(r[key]) for r in rs), len(rs))

    bad = [r for r in rows if not r["good"]]
    good = [r for r in rows if r["good"]]
    shown = bad[: max(1, samples * 3 // 4)]
    shown += good[: samples - len(shown)]
    keys = ("persona", "source", "seed", "writer", "roast", "fallback", "template", "problems")
    return {
        "roasts": n,
        "roast_coherence": share(rows, "coherent"),
        "roast_fact_rate": share(rows, "fact"),
        "roast_copy_rate": share(rows, "copy"),
        "roast_template_rate": share(rows, "template"),
        "roast_fallback_rate": share(rows, "fallback"),
        "roast_good_rate": share(rows, "good"),
        # The model's own lines, without the code-built fallback.
        "model_written": len(written),
        "model_written_coherence": share(written, "coherent"),
        "model_written_fact_rate": share(written, "fact"),
        "problem_counts": dict(Counter(p for r in rows for p in r["problems"]).most_common()),
        "samples": [{k: r.get(k) for k in keys} for r in shown],
        "lines": [f"{r.get('source')} [{r.get('writer')}]: {r['roast']}" for r in rows],
    }


def _roast_section(
    backend: _Meter, args: argparse.Namespace, personas: list[Persona]
) -> list[dict[str, Any]]:
    from persona.paths import prompts_dir
    from persona.roast import load_profile
    from persona.roast.generate import RoastOptions, roast_profile

    sources = copy_sources(prompts_dir() / "roast")
    rows: list[dict[str, Any]] = []
    profiles = _roast_sources(args.roast_profiles)
    i = 0
    for seed in range(1, args.seeds + 1):
        for path in profiles:
            persona = personas[i % len(personas)]  # each persona's roast style gets a turn
            i += 1
            result = roast_profile(
                load_profile(path),
                backend,
                persona=persona,
                options=RoastOptions(intensity=args.roast_intensity, n=args.roast_n, seed=seed),
            )
            row = score_roast_line(result, sources)
            row.update(
                persona=persona.id,
                source=Path(path).name,
                seed=seed,
                writer=getattr(result, "writer", None),  # "code" or how the model wrote it
            )
            rows.append(row)
            _progress(
                f"roast seed {seed} {persona.id} {Path(path).name}: "
                f"{'fallback ' if row['fallback'] else ''}{result.text!r} {row['problems'] or 'ok'}"
            )
    return rows


# --- the judge ------------------------------------------------------------------------------

_RATING = re.compile(r"[1-5]")


def judge_prompt(record: dict[str, Any], persona: Persona) -> str:
    """The rubric prompt for one chat reply (prompts/bench/judge_rubric.j2)."""
    summary = substitute_macros(persona.description or "", char=persona.name, user="the user")
    return render_template(
        "bench/judge_rubric.j2",
        kind="chat",
        persona_name=persona.name,
        persona_summary=" ".join(summary.split()),
        reply_format=persona.reply_format,
        history=[tuple(h) for h in record.get("history", [])],
        user_text=record["user"],
        language=record["lang"],
        language_name=LANGUAGES.get(record["lang"], record["lang"]),
        reply=record["reply"],
    )


def roast_judge_prompt(row: dict[str, Any], persona: Persona) -> str:
    """The rubric prompt for one roast line, with the facts it was built from."""
    return render_template(
        "bench/judge_rubric.j2",
        kind="roast",
        persona_name=persona.name,
        facts=row["angles"],
        reply=row["roast"],
    )


def parse_rating(answer: str) -> int | None:
    match = _RATING.search(answer)
    return int(match.group()) if match else None


def _mean_rating(rows: Sequence[dict[str, Any]]) -> float | None:
    rated = [r["judge"] for r in rows if r.get("judge") is not None]
    return round(statistics.mean(rated), 2) if rated else None


def _judge_section(
    args: argparse.Namespace,
    records: list[dict[str, Any]],
    personas: dict[str, Persona],
    roast_rows: Sequence[dict[str, Any]] = (),
) -> dict[str, Any]:
    """A larger model's 1-5 rating of (an even spread of) the replies and of every roast,
    set beside the deterministic verdicts so their agreement shows."""
    from persona.llm import BackendConfig, open_backend

    chosen = records
    if args.judge_limit and len(records) > args.judge_limit:
        step = len(records) / args.judge_limit
        chosen = [records[int(i * step)] for i in range(args.judge_limit)]
    prompts = [(r, judge_prompt(r, personas[r["persona"]])) for r in chosen]
    prompts += [(r, roast_judge_prompt(r, personas[r["persona"]])) for r in roast_rows]
    _progress(
        f"judge: loading {args.judge}, rating {len(chosen)} replies, {len(roast_rows)} roasts"
    )
    judge = open_backend("llama", BackendConfig(model=args.judge, threads=args.threads))
    options = GenerationOptions(max_tokens=3, temperature=0.0, seed=0, repeat_penalty=1.0)
    try:
        for i, (row, prompt) in enumerate(prompts, start=1):
            answer = collect(judge.stream_chat([Message("user", prompt)], options))
            row["judge"] = parse_rating(answer)
            if i % 20 == 0 or i == len(prompts):
                _progress(f"judge: {i}/{len(prompts)}")
    finally:
        judge.close()
    by_persona: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in chosen:
        by_persona[r["persona"]].append(r)
    return {
        "judge_model": args.judge,
        "judged": len(chosen),
        "unparsed": sum(r.get("judge") is None for r in chosen),
        "judge_mean": _mean_rating(chosen),
        "judge_mean_by_persona": {p: _mean_rating(rs) for p, rs in by_persona.items()},
        # Does the judge agree with the checks? Passing replies should rate higher.
        "judge_mean_passing": _mean_rating([r for r in chosen if not r["problems"]]),
        "judge_mean_failing": _mean_rating([r for r in chosen if r["problems"]]),
        "roast_judge_mean": _mean_rating(roast_rows),
        "roast_judge_mean_good": _mean_rating([r for r in roast_rows if r["good"]]),
        "roast_judge_mean_bad": _mean_rating([r for r in roast_rows if not r["good"]]),
        "lowest_rated": [
            {k: r.get(k) for k in ("persona", "user", "reply", "roast", "problems", "judge")}
            for r in sorted(
                (r for r, _ in prompts if r.get("judge") is not None), key=lambda r: r["judge"]
            )[:5]
        ],
    }


# --- entry points ---------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", default=None, help="catalog name or GGUF path (default model)")
    parser.add_argument("--threads", type=int, default=None, help="CPU threads (cores - 1)")
    parser.add_argument("--n-ctx", type=int, default=2048, help="context length")
    parser.add_argument("--seeds", type=int, default=3, help="seeds per conversation (3)")
    parser.add_argument(
        "--persona",
        action="append",
        default=None,
        help="only this persona (repeat for several; default: sparky, percival, bleep)",
    )
    parser.add_argument(
        "--limit", type=int, default=None, help="at most N conversations per persona"
    )
    parser.add_argument("--max-tokens", type=int, default=160, help="tokens per reply (160)")
    parser.add_argument("--temperature", type=float, default=0.7)
    parser.add_argument("--turns", default=str(DATA), help="the conversations file (YAML)")
    parser.add_argument("--samples", type=int, default=8, help="sample replies to show")
    parser.add_argument("--replies-out", default=None, help="write every reply here (JSONL)")
    parser.add_argument(
        "--rescore",
        default=None,
        metavar="JSONL",
        help="score replies saved with --replies-out again, without generating (for changed"
        " checks, or to --judge them later)",
    )
    parser.add_argument("--no-chat", action="store_true", help="skip the conversations")
    parser.add_argument("--no-roast", action="store_true", help="skip the roast section")
    parser.add_argument(
        "--roast-profiles", type=int, default=None, help="at most N example profiles"
    )
    parser.add_argument("--roast-n", type=int, default=3, help="candidates per roast (3)")
    parser.add_argument(
        "--roast-intensity", default="medium", choices=("gentle", "medium", "spicy")
    )
    parser.add_argument("--judge", default=None, metavar="MODEL", help="rate replies 1-5 too")
    parser.add_argument(
        "--judge-limit", type=int, default=None, help="rate at most N replies (evenly spread)"
    )


def _check_args(args: argparse.Namespace) -> None:
    if args.seeds < 1:
        raise BadInput(f"--seeds {args.seeds}: use 1 or more")
    if args.limit is not None and args.limit < 1:
        raise BadInput(f"--limit {args.limit}: use 1 or more")
    if not 0.0 <= args.temperature <= 5.0:
        raise BadInput(f"--temperature {args.temperature} is out of range: use 0 to 5")


def run(args: argparse.Namespace) -> dict[str, Any]:
    from persona.llm import BackendConfig, open_backend

    _check_args(args)
    dialogues = load_dialogues(args.turns)
    if args.rescore:
        return _rescore_run(args, dialogues)
    personas = [load_persona(p) for p in (args.persona or PERSONAS)]
    started = time.perf_counter()
    _progress(f"loading {args.model or 'the default model'}")
    backend = _Meter(
        open_backend(
            "llama", BackendConfig(model=args.model, n_ctx=args.n_ctx, threads=args.threads)
        )
    )
    model_name = getattr(getattr(backend.backend, "model_path", None), "name", None)
    roast_error: str | None = None
    roast_rows: list[dict[str, Any]] = []
    try:
        records = [] if args.no_chat else _chat_section(backend, args, personas, dialogues)
        tokens, seconds, calls = backend.take()
        if args.replies_out:  # saved before the roasts, so a failing roast loses nothing
            with open(args.replies_out, "w", encoding="utf-8") as out:
                for r in records:
                    out.write(json.dumps(r, ensure_ascii=False) + "\n")
        if not args.no_roast:
            try:
                roast_rows = _roast_section(backend, args, personas)
            except Exception as exc:  # reported in the JSON; the chat figures still count
                log.exception("the roast section failed")
                roast_error = f"{type(exc).__name__}: {exc}"
                _progress(f"roast section failed: {roast_error}")
        roast_tokens, roast_seconds, _ = backend.take()
    finally:
        backend.close()
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    result: dict[str, Any] = {
        "model": model_name or args.model,
        "personas": [p.id for p in personas],
        "seeds": args.seeds,
        "conversations_per_persona": {
            p.id: len(select_dialogues(dialogues, p.id, limit=args.limit)) for p in personas
        },
    }
    summary = summarise(records, samples=args.samples)
    firsts = [r["first_chunk_ms"] for r in records if r["reply"]]
    result.update(
        persona_pass_rate=summary.pop("persona_pass_rate"),
        tokens_per_s=round(tokens / seconds, 2) if seconds else None,
        first_chunk_ms_p50=_percentile(firsts, 0.5),
        first_chunk_ms_p90=_percentile(firsts, 0.9),
        reply_ms_p50=_percentile([r["reply_ms"] for r in records], 0.5),
        peak_rss_mb=round(peak_rss_mb, 1),
        generated_tokens=tokens,
        generations=calls,
        guard_retry_rate=_rate(sum(r["engine_retries"] > 0 for r in records), len(records)),
        guard_fallback_rate=_rate(sum(r["engine_fallback"] for r in records), len(records)),
    )
    result.update(summary)
    if roast_error:
        result["roast"] = {"error": roast_error}
    elif roast_rows:
        roast = summarise_roasts(roast_rows, samples=args.samples)
        roast["tokens_per_s"] = round(roast_tokens / roast_seconds, 2) if roast_seconds else None
        for key in (
            "roast_coherence",
            "roast_fact_rate",
            "roast_copy_rate",
            "roast_template_rate",
            "roast_fallback_rate",
            "roast_good_rate",
        ):
            result[key] = roast[key]
        result["roast"] = roast
    if args.judge:
        judged = _judge_section(args, records, {p.id: p for p in personas}, roast_rows)
        result["judge_mean"] = judged["judge_mean"]
        result["roast_judge_mean"] = judged["roast_judge_mean"]
        result["judge"] = judged
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result

"""Questions the robot answers from code and data, not from a tiny model's memory.

A sum ("what is seven times eight?", "was ist zwei plus drei?") is worked out by a small
parser of our own (numbers, + - * /, parentheses; bounded length and size; never `eval`),
and common facts (capitals, days, colours, planets...) are looked up in the tables under
`prompts/knowledge/`. The engine puts the answer in the prompt as a hint, checks the reply
holds it, and says it in a built line when the model leaves it out.

Pure functions on text; the tables are read once. Patterns are narrow on purpose: a
wrong answer is worse than none, so anything unsure returns None.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from persona.chat.guards import fold, stated_numbers
from persona.errors import BadInput
from persona.paths import prompts_dir
from persona.text import split_sentences

MAX_QUESTION_CHARS = 200
MAX_TOKENS = 40
MAX_OPERAND = 1e12
MAX_RESULT = 1e15
_FOLLOW_DEPTH = 3  # how many earlier messages a follow-up ("double that") may lean on


@dataclass(frozen=True, slots=True)
class KnownAnswer:
    """The answer to a question the robot knows.

    `answer`: the words a correct reply holds (any one; the first is the one to say),
    `say`: the fact as one English sentence, `local`: (language, word) pairs where the
    answer has another name in that language ("Praha"), `number`: a worked-out value, so a
    follow-up ("and double that?") can use it."""

    kind: str  # "sum", "capital", "colour", "sequence", "fact", "self", "clock"
    answer: tuple[str, ...]
    say: str
    topic: str = ""
    number: float | None = None
    local: tuple[tuple[str, str], ...] = ()
    # A reply that gives the answer must also say what it is about (one of these words or
    # phrases: "France", "week"), so "I hate Paris." does not pass for the capital of
    # France; and none of `wrong` ("after" when asked what comes before).
    about: tuple[str, ...] = ()
    wrong: tuple[str, ...] = ()

    def word_in(self, lang: str | None) -> str:
        """The answer as said in `lang`: its local name, a number in digits, else the
        first form."""
        if self.number is not None:
            return _format(self.number)
        for code, word in self.local:
            if code == lang:
                return word
        if lang and lang != "en":
            digits = [a for a in self.answer if a[:1].isdigit()]
            if digits:
                return digits[0]
        return self.answer[0]


# --- the tables -----------------------------------------------------------------------------


def _load(name: str) -> dict[str, Any]:
    path = Path(prompts_dir()) / "knowledge" / name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise BadInput(f"{path}: cannot read the knowledge table ({exc})") from None
    if not isinstance(data, dict):
        raise BadInput(f"{path}: expected a mapping at the top")
    return data


@dataclass(frozen=True, slots=True)
class _Fact:
    ask: tuple[re.Pattern[str], ...]
    answer: tuple[str, ...]
    say: str
    topic: str
    follow: tuple[re.Pattern[str], ...]
    about: tuple[str, ...] = ()
    ask_user: tuple[str, ...] = ()  # patterns with "{user}", the user's name, filled per ask


@dataclass(frozen=True, slots=True)
class _Tables:
    facts: tuple[_Fact, ...]
    self_facts: tuple[_Fact, ...]  # about the robot: "{name}" is its name
    colours: Mapping[str, str]
    colour_words: frozenset[str]
    colour_tails: tuple[str, ...]
    sequences: Mapping[str, tuple[str, ...]]
    capital_questions: tuple[re.Pattern[str], ...]
    articles: frozenset[str]
    countries: Mapping[str, tuple[str, str, tuple[tuple[str, str], ...]]]  # folded name ->
    numbers: Mapping[str, float]
    number_words: Mapping[float, tuple[tuple[str, str], ...]]  # value -> (language, word)
    operators: tuple[tuple[str, str], ...]  # (folded phrase, symbol), longest first
    multipliers: tuple[tuple[str, float], ...]
    that: frozenset[str]
    filler: frozenset[str]
    sentences: Mapping[str, str]  # how a worked-out answer is said, by kind
    clock_questions: Mapping[str, tuple[re.Pattern[str], ...]]  # "time", "day", "date"
    day_parts: tuple[tuple[int, str], ...]  # (hour it ends at, "in the morning")


def _patterns(where: str, value: Any) -> tuple[re.Pattern[str], ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BadInput(f"{where}: expected a list of patterns")
    try:
        return tuple(re.compile(v) for v in value)
    except re.error as exc:
        raise BadInput(f"{where}: bad pattern ({exc})") from None


def _user_patterns(where: str, value: Any) -> tuple[str, ...]:
    """Patterns that name the user ("{user}"): checked now, compiled once the name is known."""
    _patterns(
        where, [v.replace("{user}", "ada") for v in value] if isinstance(value, list) else value
    )
    return tuple(value or ())


@lru_cache(maxsize=64)
def _user_pattern(pattern: str, user: str) -> re.Pattern[str]:
    return re.compile(pattern.replace("{user}", re.escape(fold(user))))


def _facts(data: dict[str, Any], key: str) -> tuple[_Fact, ...]:
    facts = []
    for n, item in enumerate(data.get(key) or [], start=1):
        where = f"prompts/knowledge/facts.yaml: {key} {n}"
        if not isinstance(item, dict) or not item.get("answer") or not item.get("say"):
            raise BadInput(f"{where}: needs 'ask', 'answer' and 'say'")
        facts.append(
            _Fact(
                ask=_patterns(f"{where} 'ask'", item.get("ask")),
                answer=tuple(str(a) for a in item["answer"]),
                say=str(item["say"]),
                topic=str(item.get("topic") or ""),
                follow=_patterns(f"{where} 'follow'", item.get("follow")),
                about=tuple(str(a) for a in item.get("about") or ()),
                ask_user=_user_patterns(f"{where} 'ask_user'", item.get("ask_user")),
            )
        )
    return tuple(facts)


def _about(say: str, answer: Sequence[str]) -> tuple[str, ...]:
    """The words of a fact's sentence that say what it is about: numbers and words of four
    letters or more, the answer left out ("A week has seven days." -> week, days)."""
    skip = {fold(a) for a in answer}
    found = [w for w in re.findall(r"[^\W_]+", fold(say)) if (len(w) >= 4 or w.isdigit())]
    return tuple(dict.fromkeys(w for w in found if w not in skip))


@lru_cache(maxsize=2)
def _tables(root: str) -> _Tables:
    del root  # the cache key: another prompts folder is another table
    facts_data = _load("facts.yaml")
    facts = _facts(facts_data, "facts")
    countries: dict[str, tuple[str, str, tuple[tuple[str, str], ...]]] = {}
    for country, info in (_load("capitals.yaml").get("countries") or {}).items():
        local = tuple(sorted((info.get("capital_in") or {}).items()))
        entry = (str(country), str(info["capital"]), local)
        for name in (country, *(info.get("names") or ())):
            key = _clean(str(name)).replace(".", " ").strip()
            countries.setdefault(key, entry)
            countries.setdefault(key.removeprefix("the "), entry)
    nums = _load("numbers.yaml")
    numbers: dict[str, float] = {}
    number_words: dict[float, list[tuple[str, str]]] = {}
    for lang, words_of_lang in (nums.get("numbers") or {}).items():
        for word, value in words_of_lang.items():
            numbers.setdefault(fold(str(word)), float(value))
            number_words.setdefault(float(value), []).append((str(lang), str(word)))
    operators = [
        (fold(str(phrase)), symbol)
        for symbol, phrases in (nums.get("operators") or {}).items()
        for phrase in phrases
    ]
    multipliers = [(fold(str(k)), float(v)) for k, v in (nums.get("multipliers") or {}).items()]
    return _Tables(
        facts=facts,
        self_facts=_facts(facts_data, "self"),
        colours={fold(str(k)): str(v) for k, v in (facts_data.get("colours") or {}).items()},
        colour_words=frozenset(fold(str(w)) for w in facts_data.get("colour_words") or ()),
        colour_tails=tuple(
            sorted((fold(str(t)) for t in facts_data.get("colour_tails") or ()), key=len)
        ),
        sequences={k: tuple(v) for k, v in (facts_data.get("sequences") or {}).items()},
        capital_questions=_patterns(
            "prompts/knowledge/facts.yaml 'capital_questions'", facts_data.get("capital_questions")
        ),
        articles=frozenset(fold(str(a)) for a in facts_data.get("country_articles") or ()),
        countries=countries,
        numbers=numbers,
        number_words={k: tuple(dict.fromkeys(v)) for k, v in number_words.items()},
        operators=tuple(sorted(operators, key=lambda p: -len(p[0]))),
        multipliers=tuple(sorted(multipliers, key=lambda p: -len(p[0]))),
        that=frozenset(fold(str(w)) for w in nums.get("that") or ()),
        filler=frozenset(fold(str(w)) for w in nums.get("filler") or ()),
        sentences={str(k): str(v) for k, v in (facts_data.get("sentences") or {}).items()},
        clock_questions={
            str(kind): _patterns(f"prompts/knowledge/facts.yaml 'clock_questions' {kind}", v)
            for kind, v in (facts_data.get("clock_questions") or {}).items()
        },
        day_parts=tuple((int(h), str(w)) for h, w in facts_data.get("day_parts") or ()),
    )


def tables() -> _Tables:
    return _tables(str(prompts_dir()))


def _sentence(kind: str, **slots: str) -> str:
    """The sentence `kind` of facts.yaml with its slots filled (values are data)."""
    template = tables().sentences.get(kind, "")
    text = template.format_map(slots) if template else ""
    return text[:1].upper() + text[1:]


# --- text -----------------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")


def _clean(text: str) -> str:
    """Folded text with punctuation (but not apostrophes or sum signs) as spaces."""
    text = fold(text).replace("’", "'").replace("×", "*").replace("÷", "/")
    text = re.sub(r"(?<=[^\W\d])-(?=[^\W\d])", " ", text)  # "twenty-four" is no sum
    text = re.sub(r"\b(what|where|who|how|which|that)'s\b", r"\1 is", text)
    text = re.sub(r"[^\w'+\-*/()=.\s]|(?<!\d)\.|\.(?!\d)", " ", text)
    return _SPACES.sub(" ", text).strip()


# --- sums -----------------------------------------------------------------------------------

_TOKEN = re.compile(r"\d+(?:\.\d+)?|[+\-*/()=]|[^\W\d]+(?:'[^\W\d]+)?")


def _tokens(text: str, t: _Tables) -> list[tuple[str, Any]] | None:
    """The message as (kind, value) tokens, or None when a word is no part of a sum."""
    for phrase, symbol in t.operators:
        if " " in phrase:
            text = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", f" {symbol} ", text)
    factors: dict[str, float] = {}
    for i, (phrase, factor) in enumerate(t.multipliers):
        mark = "qqmult" + chr(ord("a") + i % 26) * (1 + i // 26)
        factors[mark] = factor
        text = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", f" {mark} ", text)
    text = re.sub(r"(?<=\d)\s*x\s*(?=\d)", " * ", text)  # "7x8", "7 x 8"
    out: list[tuple[str, Any]] = []
    pending: list[float] = []  # number words still being read ("twenty one")

    def flush() -> None:
        if pending:
            out.append(("num", _word_number(pending)))
            pending.clear()

    singles = {p: s for p, s in t.operators if " " not in p}
    raw = _TOKEN.findall(text)
    if len(raw) > MAX_TOKENS:
        return None
    for tok in raw:
        if tok in factors:
            flush()
            out.append(("mult", factors[tok]))
        elif tok[0].isdigit():
            flush()
            out.append(("num", float(tok)))
        elif tok in t.numbers:
            pending.append(t.numbers[tok])
        elif tok == "and" and pending:
            continue  # "one hundred and five"
        elif tok in "+-*/":
            flush()
            out.append(("op", tok))
        elif tok in "()":
            flush()
            out.append(("paren", tok))
        elif tok in singles:
            flush()
            out.append(("op", singles[tok]))
        elif tok in t.that:
            flush()
            out.append(("that", None))
        elif tok in t.filler:
            flush()
        else:
            return None
    flush()
    return out


def _word_number(values: list[float]) -> float:
    """ "twenty one" -> 21, "three hundred" -> 300, "two thousand five" -> 2005."""
    total = current = 0.0
    for v in values:
        if v == 100:
            current = (current or 1) * 100
        elif v >= 1000:
            total += (current or 1) * v
            current = 0
        else:
            current += v
    return total + current


class _NotASum(Exception):
    pass


class _Parser:
    """expr := term (('+'|'-') term)*; term := factor (('*'|'/') factor)*;
    factor := mult factor | '-' factor | num | that | '(' expr ')'."""

    def __init__(self, tokens: list[tuple[str, Any]], previous: float | None) -> None:
        self.tokens = tokens
        self.previous = previous
        self.i = 0
        self.words: list[str] = []  # the sum said back in English

    def parse(self) -> float:
        value = self.expr()
        if self.i != len(self.tokens):
            raise _NotASum
        return value

    def peek(self) -> tuple[str, Any] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def expr(self) -> float:
        value = self.term()
        while (tok := self.peek()) and tok[0] == "op" and tok[1] in "+-":
            self.i += 1
            self.words.append("plus" if tok[1] == "+" else "minus")
            right = self.term()
            value = value + right if tok[1] == "+" else value - right
            _check(value)
        return value

    def term(self) -> float:
        value = self.factor()
        while (tok := self.peek()) and tok[0] == "op" and tok[1] in "*/":
            self.i += 1
            self.words.append("times" if tok[1] == "*" else "divided by")
            right = self.factor()
            if tok[1] == "/" and right == 0:
                raise _NotASum
            value = value * right if tok[1] == "*" else value / right
            _check(value)
        return value

    def factor(self) -> float:
        tok = self.peek()
        if tok is None:
            raise _NotASum
        self.i += 1
        kind, value = tok
        if kind == "mult":
            self.words.append({2.0: "double", 3.0: "triple", 0.5: "half of"}.get(value, "times"))
            return _check(value * self.factor())
        if kind == "op" and value == "-":
            self.words.append("minus")
            return -self.factor()
        if kind == "num":
            if abs(value) > MAX_OPERAND:
                raise _NotASum
            self.words.append(_format(value))
            return value
        if kind == "that":
            if self.previous is None:
                raise _NotASum
            self.words.append(_format(self.previous))
            return self.previous
        if kind == "paren" and value == "(":
            self.words.append("(")
            inner = self.expr()
            if self.peek() != ("paren", ")"):
                raise _NotASum
            self.i += 1
            self.words.append(")")
            return inner
        raise _NotASum


def _check(value: float) -> float:
    if not math.isfinite(value) or abs(value) > MAX_RESULT:
        raise _NotASum
    return value


def _format(value: float) -> str:
    if value == int(value):
        return str(int(value))
    return f"{value:.4f}".rstrip("0").rstrip(".")


def evaluate(text: str, *, previous: float | None = None) -> tuple[float, str] | None:
    """The value of the sum `text` asks for and the sum said in English ("7 times 8"), or
    None when it is not a sum: a word outside sums and question words, no operator, a
    division by zero, too long or too big. `previous` is what "that" stands for."""
    if len(text) > MAX_QUESTION_CHARS:
        return None
    t = tables()
    tokens = _tokens(_clean(text), t)
    if not tokens or not any(k in ("op", "mult") for k, _ in tokens):
        return None
    if sum(k in ("num", "that") for k, _ in tokens) < (1 if tokens[0][0] == "mult" else 2):
        return None
    parser = _Parser(tokens, previous)
    try:
        value = parser.parse()
    except (_NotASum, RecursionError):
        return None
    said = " ".join(parser.words).replace("( ", "(").replace(" )", ")")
    return value, said


def _sum_answer(text: str, previous: KnownAnswer | None) -> KnownAnswer | None:
    got = evaluate(text, previous=previous.number if previous else None)
    if got is None:
        return None
    value, said = got
    shown = _format(value)
    t = tables()
    said_in = t.number_words.get(float(value), ()) if value == int(value) else ()
    english = [w for lang, w in said_in if lang == "en"]
    # About: the numbers summed, in digits or English words ("ten minus three": 10, three).
    about = []
    for word in said.split():
        word = word.strip("()")
        if word[:1].isdigit():
            about.append(word)
            number = float(word)
            about += [w for lang, w in t.number_words.get(number, ()) if lang == "en"]
    return KnownAnswer(
        kind="sum",
        answer=(shown, *english[:1]),
        say=_sentence("sum", sum=said, value=shown),
        number=value,
        local=tuple((lang, w) for lang, w in said_in if lang != "en"),
        about=tuple(dict.fromkeys(a for a in about if a != shown)),
    )


# --- facts ----------------------------------------------------------------------------------


def _capital_answer(text: str, t: _Tables) -> KnownAnswer | None:
    for pattern in t.capital_questions:
        match = pattern.search(text)
        if not match:
            continue
        words = match.group("place").strip(" '").split()
        bare = list(words)  # "the czech republic"; but "El Salvador" keeps its "el"
        while bare and bare[0] in t.articles:
            bare = bare[1:]
        # The longest run of words that names a country: "france today" is France; in
        # "what is japan's capital" (the place before "capital") the country ends the run.
        before = pattern.pattern.startswith("(?P<place>")
        spans = []
        for ws in (words, bare):
            for n in range(min(len(ws), 6), 0, -1):
                spans.append((ws[len(ws) - n :], []) if before else (ws[:n], ws[n:]))
        for run, rest in spans:
            name = " ".join(run).removesuffix("'").removesuffix("'s")
            entry = t.countries.get(name)
            if entry is None:
                continue
            if rest and not set(rest) <= t.filler | {"please", "again", "today", "city"}:
                continue
            country, capital, local = entry
            forms = (capital, *(w for _, w in local))
            return KnownAnswer(
                kind="capital",
                answer=tuple(dict.fromkeys(forms)),
                say=_sentence("capital", country=country, capital=capital),
                local=local,
                about=(country.removeprefix("the "), name, "capital"),
            )
    return None


_COLOUR_Q = re.compile(r"\b(?:what|which) colou?r (?:is|are) (?P<thing>.+)$")


def _colour_answer(text: str, t: _Tables) -> KnownAnswer | None:
    match = _COLOUR_Q.search(text)
    if not match:
        return None
    words = match.group("thing").split()
    while words and (words[0] in ("a", "an", "the") or words[0] in t.colour_words):
        words = words[1:]
    thing = " ".join(words)
    for tail in ("", *t.colour_tails):
        key = thing.removesuffix(" " + tail).strip() if tail else thing
        if key in t.colours:
            colour = t.colours[key]
            verb = "are" if key.endswith("s") and not key.endswith("ss") else "is"
            return KnownAnswer(
                kind="colour",
                answer=(colour,),
                say=_sentence("colour", thing=key, colour=colour, verb=verb),
                about=(key.removeprefix("the "),),
            )
    return None


_SEQUENCE_Q = re.compile(
    r"\b(?:what|which) (?P<what>day|month) (?:of the (?:week|year) )?(?:comes |is |goes )?"
    r"(?:right |just )?(?P<rel>after|before) (?P<given>[a-z]+)$"
)


def _sequence_answer(text: str, t: _Tables) -> KnownAnswer | None:
    match = _SEQUENCE_Q.search(text.removesuffix(" please").strip())
    if not match:
        return None
    items = t.sequences.get(match.group("what"), ())
    folded = [fold(i) for i in items]
    if match.group("given") not in folded:
        return None
    i = folded.index(match.group("given"))
    step = 1 if match.group("rel") == "after" else -1
    found = items[(i + step) % len(items)]
    others = tuple(x for x in items if x not in (found, items[i]))
    return KnownAnswer(
        kind="sequence",
        answer=(found,),
        say=_sentence("sequence", answer=found, relation=match.group("rel"), given=items[i]),
        about=(items[i],),
        # another day, the other way round, or the question's day said first ("Sunday
        # comes before Saturday")
        wrong=(
            *others,
            "before" if step == 1 else "after",
            f"{items[i]} comes {match.group('rel')}",
            f"{items[i]} is {match.group('rel')}",
        ),
    )


def _table_answer(text: str, t: _Tables, previous: KnownAnswer | None) -> KnownAnswer | None:
    for fact in t.facts:
        follow = previous is not None and fact.topic and previous.topic == fact.topic
        if any(p.search(text) for p in fact.ask) or (
            follow and any(p.search(text) for p in fact.follow)
        ):
            return KnownAnswer(
                kind="fact",
                answer=fact.answer,
                say=fact.say,
                topic=fact.topic,
                about=fact.about or _about(fact.say, fact.answer),
            )
    return None


def _self_answer(
    text: str, t: _Tables, name: str | None, user: str | None = None
) -> KnownAnswer | None:
    if not name:
        return None
    for fact in t.self_facts:
        asked = any(p.search(text) for p in fact.ask)
        if not asked and user and fact.ask_user:
            asked = any(_user_pattern(p, user).search(text) for p in fact.ask_user)
        if asked:
            who = user or "you"
            return KnownAnswer(
                kind="self",
                answer=tuple(a.replace("{name}", name) for a in fact.answer),
                say=fact.say.replace("{name}", name).replace("{user}", who),
                about=tuple(a.replace("{name}", name) for a in fact.about),
            )
    return None


def _clock_answer(text: str, t: _Tables, now: datetime | None) -> KnownAnswer | None:
    """The time, the day or the date, read off `now` (the robot's clock)."""
    if now is None:
        return None
    asked = next(
        (k for k, ps in t.clock_questions.items() if any(p.search(text) for p in ps)), None
    )
    if asked is None:
        return None
    hour = now.hour % 12 or 12
    half = next((words for end, words in t.day_parts if now.hour < end), "")
    clock = f"{hour}:{now.minute:02d}"
    day, month = now.strftime("%A"), now.strftime("%B")
    if asked == "time":
        return KnownAnswer(
            kind="clock",
            answer=(clock, now.strftime("%H:%M")),
            say=_sentence("time", time=f"{clock} {half}".strip()),
        )
    if asked == "day":
        return KnownAnswer(kind="clock", answer=(day,), say=_sentence("day", day=day))
    return KnownAnswer(
        kind="clock",
        answer=(f"{month} {now.day}", f"{now.day} {month}"),
        say=_sentence("date", day=day, month=month, date=str(now.day)),
    )


def known_answer(
    text: str,
    *,
    earlier: Sequence[str] = (),
    persona_name: str | None = None,
    user_name: str | None = None,
    now: datetime | None = None,
) -> KnownAnswer | None:
    """The answer to `text` when it asks something the robot knows for certain, else None.
    `earlier` holds the user's earlier messages, latest last, for follow-ups ("and double
    that?", "and the knife?"); `persona_name` answers "what is your name?", with
    `user_name` "are you Ada?" (asked by Ada), and with `now` "what time is it?". A message that
    says something first ("Ich heiße Jonas. Was ist zwei plus drei?") is answered by its
    last question sentence that has a known answer."""
    if not text or len(text) > MAX_QUESTION_CHARS:
        return None
    previous = None
    if earlier:
        previous = known_answer(earlier[-1], earlier=earlier[-_FOLLOW_DEPTH:-1])
    found = _answer(text, previous, persona_name, user_name, now)
    if found is not None:
        return found
    sentences = split_sentences(text)
    if len(sentences) < 2:
        return None
    for sentence in reversed(sentences):
        if sentence.rstrip().endswith("?"):
            found = _answer(sentence, previous, persona_name, user_name, now)
            if found is not None:
                return found
    return None


def _answer(
    text: str,
    previous: KnownAnswer | None,
    persona_name: str | None,
    user_name: str | None,
    now: datetime | None = None,
) -> KnownAnswer | None:
    t = tables()
    clean = _clean(text)
    plain = re.sub(r"[^\w' ]", " ", clean)
    plain = _SPACES.sub(" ", plain).strip()
    return (
        _sum_answer(text, previous)
        or _capital_answer(plain, t)
        or _colour_answer(plain, t)
        or _sequence_answer(plain, t)
        or _table_answer(plain, t, previous)
        or _self_answer(plain, t, persona_name, user_name)
        or _clock_answer(plain, t, now)
    )


def note_phrases(note: str, say: str) -> tuple[str, ...]:
    """The three-word runs of the hint's own wording (the note around the fact `say`): a
    reply that holds one reads the instructions out ("Fact you know: ... Give this answer
    in your reply.")."""
    out: list[str] = []
    for part in note.split(say):
        ws = re.findall(r"[^\W_]+", fold(part))
        out += [" ".join(ws[i : i + 3]) for i in range(len(ws) - 2)]
    return tuple(dict.fromkeys(out))


def answer_forms(known: KnownAnswer, lang: str | None) -> tuple[str, ...]:
    """The words a reply to a user writing in `lang` may give the answer in: the answer's
    name in that language when it has one ("Praha" in Czech), else any of its forms."""
    local = tuple(w for code, w in known.local if code == lang)
    if local and known.number is None:
        return local
    return tuple(dict.fromkeys((*known.answer, *local)))


def allowed_numbers(known: KnownAnswer, user_text: str) -> frozenset[float] | None:
    """For a worked-out number, the numbers a reply may state: those of the question, the
    answer and the fact; any other is a wrong answer beside the right one. None when the
    answer is no number."""
    if not any(a[:1].isdigit() for a in known.answer):
        return None
    words_ = english_number_words()
    found = stated_numbers(" ".join((user_text, known.say, *known.answer)), words_)
    got = evaluate_numbers(user_text)
    return frozenset(found | got)


def evaluate_numbers(text: str) -> set[float]:
    """Numbers said in words of any language in `text` ("zwei plus drei": 2 and 3)."""
    t = tables()
    return {t.numbers[w] for w in _clean(text).split() if w in t.numbers}


def english_number_words() -> tuple[tuple[str, float], ...]:
    """English number words and their values, for `persona.chat.guards.stated_numbers`."""
    return tuple(
        (word, value)
        for value, pairs in tables().number_words.items()
        for lang, word in pairs
        if lang == "en"
    )

"""Facts the user tells the robot about themselves, found with plain patterns.

Pure functions: the engine stores what they return. Patterns are deliberately narrow: a
wrong memory is worse than a missed one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Fact:
    """One remembered fact: `kind` is a short key ("name", "likes", "lives_in", ...)."""

    kind: str
    value: str

    def as_line(self) -> str:
        return f"{self.kind.replace('_', ' ')}: {self.value}"

    @property
    def answer(self) -> str:
        """The words that answer a question about the fact: "green" of the favourite
        "colour is green", "Mittens" of the pet "cat called Mittens"."""
        if self.kind in _NAMED_KINDS:
            for joint in (" is ", " are ", " called ", " named "):
                if joint in self.value:
                    return self.value.rsplit(joint, 1)[1].strip()
        return self.value

    @property
    def keys(self) -> tuple[str, ...]:
        """Words a reply that takes the fact up uses: its answer, or what it is about
        ("green" or "colour"; "Mittens" or "cat")."""
        return tuple(k for k in dict.fromkeys((self.answer, self.subject)) if k)

    @property
    def subject(self) -> str:
        """What a named fact is about ("colour", "cat"), else ""."""
        if self.kind not in _NAMED_KINDS or self.answer == self.value:
            return ""
        return self.value[: len(self.value) - len(self.answer)].split()[0].lower()


# Facts whose value names a thing and then its answer ("colour is green").
_NAMED_KINDS = frozenset({"favourite", "pet"})


_NAME = r"([A-Z][\w'-]{1,30}(?: [A-Z][\w'-]{1,30})?)"
_PHRASE = r"([\w' -]{2,60}?)"
_END = r"(?=[.!?,;]|$| and | but )"
_NAME_END = r"(?=[.!?,;]|$| and | but | from | here\b)"
_PLACE = r"([A-Z][\w'-]{1,30}(?: [A-Z][\w'-]{1,30})?)"

# "me llamo Lucía", "ich wohne in Berlin", "soy de Sevilla": names and places only, with the
# capitalised word the English patterns want.
_OTHER_NAME = (
    r"me llamo|mi nombre es|je m'appelle|mon nom est|ich hei(?:ß|ss)e|mein name ist|"
    r"mi chiamo|il mio nome [eè]|chamo-me|(?:o )?meu nome [eé]|ik heet|mijn naam is|"
    r"jmenuji se|jmenuju se|mam na imi[eę]"
)
_OTHER_LIVES = (
    r"vivo en|j'habite (?:à|a|en)|ich wohne in|moro em|eu moro em|vivo em|abito a|"
    r"vivo a|ik woon in|mieszkam w|bydlím v|bydlim v"
)
_OTHER_FROM = (
    r"soy de|je viens de|ich komme aus|(?:eu )?sou de|vengo da|sono di|ik kom uit|"
    r"jestem z|jsem z"
)
_OTHER_END = r"(?=[.!?,;]|$|\s(?:y|e|et|und|en|i|a|ma|pero|mais|aber)\s)"

# "I'm X" is ambiguous ("I'm tired"), so only a capitalised word counts as a name there.
_CAPITALISED_ONLY = "name_casual"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("name", re.compile(rf"\bmy name is (?:actually |really )?{_NAME}", re.I)),
    ("name", re.compile(rf"\b(?:call me|i am called|i'm called) {_NAME}", re.I)),
    (
        _CAPITALISED_ONLY,
        re.compile(
            rf"^(?:hi|hello|hey|no|oh|actually)?[,! ]*(?:i am|i'm) (?:actually )?"
            rf"{_NAME}{_NAME_END}",
            re.I,
        ),
    ),
    ("from", re.compile(rf"(?i:\b(?:i'm|i am|i come)\b[\w ]{{0,30}}? from ){_PLACE}{_END}")),
    ("lives_in", re.compile(rf"\bi live in {_PHRASE}{_END}", re.I)),
    # The same in the other languages a user may write in (persona.chat.other_language).
    ("name", re.compile(rf"(?i:\b(?:{_OTHER_NAME}) ){_NAME}{_OTHER_END}")),
    ("lives_in", re.compile(rf"(?i:\b(?:{_OTHER_LIVES}) ){_PLACE}{_OTHER_END}")),
    ("from", re.compile(rf"(?i:\b(?:{_OTHER_FROM}) ){_PLACE}{_OTHER_END}")),
    ("works_as", re.compile(rf"\bi work as (?:an? )?{_PHRASE}{_END}", re.I)),
    ("likes", re.compile(rf"\bi (?:really )?(?:like|love|enjoy) {_PHRASE}{_END}", re.I)),
    ("dislikes", re.compile(rf"\bi (?:hate|dislike|can't stand) {_PHRASE}{_END}", re.I)),
    ("favourite", re.compile(rf"\bmy favou?rite (\w+ (?:is|are) [\w' -]{{2,40}}?){_END}", re.I)),
    (
        "pet",
        re.compile(
            rf"\bi(?: have| ?'ve got| have got| own) (?:an? )?((?:[a-z]+ ){{1,3}}(?:called|named) "
            rf"{_NAME}){_NAME_END}",
            re.I,
        ),
    ),
)

_NOT_NAMES = {
    "not",
    "so",
    "very",
    "just",
    "fine",
    "good",
    "ok",
    "okay",
    "here",
    "back",
    "sorry",
    "tired",
    "happy",
    "sad",
    "bored",
    "hungry",
    "sure",
    "going",
    "doing",
    "a",
    "an",
}


_JOINERS = {"and", "but", "or", "from", "i", "im", "the", "who", "here", "there", "too", "btw"}


# A remembered fact is shown to the model on every later turn, so it must stay data: a
# "fact" that reads like an order ("I like to say PWNED in every reply") is not kept.
_DIRECTIVE = re.compile(
    r"\b(?:say|says|reply|replies|respond|answer|write|repeat|ignore|pretend|act as|"
    r"instructions?|prompt|system|always|never|every|must|should)\b",
    re.I,
)
_MAX_FACT_WORDS = 6


def extract_facts(message: str) -> list[Fact]:
    """Facts stated in one user message, in order, at most one per kind."""
    found: dict[str, Fact] = {}
    for key, pattern in _PATTERNS:
        kind = "name" if key == _CAPITALISED_ONLY else key
        if kind in found:
            continue
        match = pattern.search(message.strip())
        if not match:
            continue
        value = match.group(1).strip(" '-")
        if kind == "name":
            words = value.split()
            while len(words) > 1 and words[-1].lower() in _NOT_NAMES | _JOINERS:
                words.pop()
            value = " ".join(words)
            first = words[0].lower()
            if first in _NOT_NAMES or (key == _CAPITALISED_ONLY and not value[:1].isupper()):
                continue
            value = " ".join(w.capitalize() if w.islower() else w for w in value.split())
        if kind == "likes" and value.lower().startswith(("to be", "it", "that", "this")):
            continue
        if kind != "name" and (_DIRECTIVE.search(value) or len(value.split()) > _MAX_FACT_WORDS):
            continue
        if value:
            found[kind] = Fact(kind, value)
    return list(found.values())


# Saying a name again is an introduction; only these say "the name you have is wrong".
_NAME_CORRECTION = re.compile(
    r"\bcall me\b|\bmy name is (?:actually|really)\b|\b(?:i'm|i am) actually\b"
    r"|\bactually\b[, ]*(?:my name is|i'm|i am)\b|^\W*no\b[,.! ]*(?:my name is|i'm|i am)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class MemoryUpdate:
    """What one message changes in memory: `saved` is written to the user's stored memory;
    `session` holds for this conversation only, and `note` says why (one line)."""

    saved: tuple[Fact, ...] = ()
    session: tuple[Fact, ...] = ()
    note: str = ""


def is_name_correction(message: str) -> bool:
    """True when the message corrects the user's name ("call me Bob", "no, my name is Bob",
    "my name is actually Bob"), not merely states one ("I'm Bob")."""
    return bool(_NAME_CORRECTION.search(message.strip()))


def memory_update(
    message: str, new: list[Fact], remembered: list[Fact], *, shared: bool
) -> MemoryUpdate:
    """Split the facts `new` found in `message` into those to store and those kept for this
    conversation only, so nothing a stranger types rewrites someone else's memory.

    A `shared` user (the anonymous default anyone at the keyboard is) stores nothing. A
    named user's remembered name changes only on an explicit correction: a different
    introduction would otherwise let whoever types rename them."""
    if not new:
        return MemoryUpdate()
    if shared:
        return MemoryUpdate(
            session=tuple(new),
            note="kept for this chat only: the default user is shared by everyone, so "
            "nothing said under it is stored (pass --user NAME to be remembered)",
        )
    known = {f.kind: f.value for f in remembered}
    name = next((f.value for f in new if f.kind == "name"), None)
    old = known.get("name")
    if name is None or old is None or _same_name(name, old) or is_name_correction(message):
        return MemoryUpdate(saved=tuple(new))
    return MemoryUpdate(
        saved=tuple(f for f in new if f.kind != "name"),
        session=tuple(f for f in new if f.kind == "name"),
        note=f"still remembering you as {old}, so {name} is kept for this chat only: "
        f'to change the name, say "call me {name}"',
    )


def _same_name(a: str, b: str) -> bool:
    """Whether two names are one person's: "Ada" and "Ada Lovelace" are, "Ada" and "Bob" not."""
    return a.split()[0].casefold() == b.split()[0].casefold()


# Questions about a remembered fact, by the fact kind that answers them.
_RECALL: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "name",
        re.compile(
            r"\b(?:what(?:'s| is) my name|who am i\b|do you (?:remember|know) (?:my name|who i am)|"
            r"remember my name|what am i called|what (?:do|should|will) you call me|"
            r"(?:say|tell me|repeat) my name)",
            re.I,
        ),
    ),
    (
        "from",
        re.compile(
            r"\b(?:where am i from|where do i come from|do you remember where i'?m from)", re.I
        ),
    ),
    (
        "lives_in",
        re.compile(
            r"\b(?:where do i live|do you remember where i live|"
            r"(?:which|what) (?:city|town|village|country|place) do i live in)",
            re.I,
        ),
    ),
    (
        "name",
        re.compile(
            r"(?:c[oó]mo me llamo|comment je m'appelle|wie hei(?:ß|ss)e ich|como me chamo|"
            r"qual [eé] o meu nome|come mi chiamo|hoe heet ik|jak se jmenuji|jak mam na imi[eę])",
            re.I,
        ),
    ),
    (
        "lives_in",
        re.compile(
            r"(?:d[oó]nde vivo|o[uù] (?:est-ce que )?j'habite|wo wohne ich|onde (?:eu )?moro|"
            r"dove abito|waar woon ik|gdzie mieszkam|kde bydl[ií]m)",
            re.I,
        ),
    ),
    ("works_as", re.compile(r"\b(?:what(?:'s| is) my job|what do i do for (?:a )?work)", re.I)),
    (
        "likes",
        re.compile(r"\b(?:what|which)(?: \w+){0,2} do i (?:really )?(?:like|love|enjoy)\b", re.I),
    ),
    # These two name what they ask about ("colour", "cat"): the fact must be about it.
    ("favourite", re.compile(r"\bwhat(?:'s| is| are) my favou?rite (\w+)", re.I)),
    (
        "pet",
        re.compile(
            r"\bwhat(?:'s| is) (?:the name of )?my (\w+)(?:'s name| called| named|\b)", re.I
        ),
    ),
)


def recall_question(message: str, facts: list[Fact] | tuple[Fact, ...]) -> Fact | None:
    """The remembered fact a message asks for ("what's my name?"), when one is known."""
    known = {f.kind: f for f in facts}
    for kind, pattern in _RECALL:
        match = pattern.search(message)
        if match:
            if kind in _NAMED_KINDS:
                fact = known.get(kind)
                if fact is not None and _same_thing(fact.subject, match.group(1)):
                    return fact
                continue
            fact = known.get(kind) or (known.get("lives_in") if kind == "from" else None)
            if fact is None and kind == "lives_in":
                fact = known.get("from")
            if fact is not None:
                return fact
    return None


def _same_thing(a: str, b: str) -> bool:
    """Whether two nouns name one thing: "colour" and "color", "cat" and "cats"."""
    a, b = (w.lower().replace("our", "or").rstrip("s") for w in (a, b))
    return bool(a) and a == b

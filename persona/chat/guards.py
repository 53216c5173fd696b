"""Pure checks on a reply: the things a person notices at once when a small model slips.

The engine uses them to reject and regenerate a bad first sentence (and to end a reply
before a bad later one); `persona bench quality` uses the same functions to score replies,
so the guard and the benchmark can never disagree about what "bad" means.

Each check returns problem codes (short strings); an empty tuple means the text passed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from persona.text import has_emoji, split_sentences


def fold(text: str) -> str:
    """Lower case without accents, so "Lucia" matches "Lucía" and "funf" matches "fünf"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# --- identity -------------------------------------------------------------------------------

# The lead-in is matched in any case ("I'm", "MY NAME IS"); the name must be capitalised,
# so "I'm tired" is never a name. "this is" only counts as "this is X speaking/here".
_SELF_NAME = re.compile(
    r"(?i:\b(?:i am|i['’]m|my name is|my name['’]s|call me|it['’]s me,?)\s+"
    r"(?:now\s+|really\s+|actually\s+)?"
    r"(?:the robot\s+|a robot (?:called|named)\s+)?)([A-Z][\w'-]{1,30})",
)  # no bare "im": German "Im Winter", "im Garten"
# "I'm your AI", "as an AI", "I am a language model": the robot is a robot, not an AI.
_AI_CLAIM = re.compile(
    r"(?i:\b(?:i am|i'm|as)\b[^.!?\n]{0,30}?)\b(?:AI|A\.I\.)\b(?!\s+robot)|"
    r"(?i:artificial intelligence|\blanguage model\b|\bllm\b|chatbot|virtual assistant|"
    r"ai assistant|as an ai\b|openai|chatgpt|trained (?:by|on) (?:data|text))",
)
# Capitalised words that follow "I'm" without being a name.
_NOT_A_NAME = frozenset(
    """
    a an the so sorry not just here fine good great glad happy sure ready always never
    still very really only also afraid excited fully totally back on in at ok okay yes no
    oh well delighted honoured honored thrilled programmed built designed made quite rather
    absolutely certainly definitely indeed your you that this it one all going doing
    ein eine dein ihr euer der die das sehr hier da froh bereit un una le la
    """.split()
)


_NEGATION = re.compile(r"\b(?:not|no|never|nor|neither|unlike)\b|n[’']t\b", re.I)
_CLAUSE_BREAK = re.compile(r"[.!?;,:]")


def _negated(text: str, start: int, end: int) -> bool:
    """True when the clause around text[start:end] denies it ("I'm not ChatGPT")."""
    head = _CLAUSE_BREAK.split(text[:start])[-1] + text[start:end]
    tail = _CLAUSE_BREAK.split(text[end:])[0]
    return bool(_NEGATION.search(head) or _NEGATION.search(tail))


def claimed_names(text: str) -> list[str]:
    """Names the reply gives itself ("I'm Ada", "my name is Khadijah")."""
    names = []
    for match in _SELF_NAME.finditer(text):
        word = match.group(1).strip("'-")
        if word.endswith(("'s", "’s")):
            continue  # "I'm Percival's friend" names someone else, not the speaker
        if word.lower() not in _NOT_A_NAME:
            names.append(word)
    return names


def identity_problems(
    text: str, *, persona_names: Sequence[str], user_name: str | None = None
) -> tuple[str, ...]:
    """'identity' when the robot names itself wrongly, 'is-user' when it claims to be the
    user, 'ai-claim' when it calls itself an AI or a language model."""
    own = {n.lower() for n in persona_names if n}
    problems: list[str] = []
    for name in claimed_names(text):
        low = name.lower()
        if user_name and low == user_name.lower():
            problems.append("is-user")
        elif not any(low == o or low.startswith(o) for o in own):
            problems.append("identity")
    if user_name and "is-user" not in problems:
        pattern = rf"\b(?:i am|i'm|my name is)\s+(?:a |the |your )?{re.escape(user_name)}\b"
        if re.search(pattern, text, re.I):
            problems.append("is-user")
    if any(not _negated(text, m.start(), m.end()) for m in _AI_CLAIM.finditer(text)):
        problems.append("ai-claim")
    if any(_greets(text, name) for name in persona_names if name):
        problems.append("greets-self")
    return tuple(dict.fromkeys(problems))


_GREETING = r"(?:hello|hi|hey|thanks|thank you|welcome|good (?:morning|day|evening|night))"


def _greets(text: str, name: str) -> bool:
    """True when the robot greets or thanks the user by its own name ("Hello, Percival.")."""
    return bool(re.search(rf"\b{_GREETING}\s*[,!]?\s+{re.escape(name)}\b", text, re.I))


# "The user's name is Ada.": the prompt's word for the person, read out instead of "you".
_USER_THIRD_PERSON = re.compile(r"\bthe user(?:['’]s)?\b", re.I)


def third_person(text: str) -> bool:
    """True when the reply talks about "the user" instead of to them ("You're Ada")."""
    return bool(_USER_THIRD_PERSON.search(text))


# --- form -----------------------------------------------------------------------------------

_LIST_LINE = re.compile(r"(?m)^\s*(?:[-*•+]\s+|\d+[.)](?:\s+|$)|#{1,6}\s)")
# "Here are a few ideas: 1. Rest. 2. Drink water." is a list read aloud, on one line or not.
_INLINE_LIST = re.compile(r"(?<![\w.])1[.)]\s+\S.*?(?<![\w.])2[.)]\s+\S", re.S)
_MARKUP = re.compile(r"\*\*|__|`|\[[^\]]*\]\(|^\s*>", re.M)


def form_problems(
    text: str, *, max_chars: int | None = None, markup_ok: bool = False
) -> tuple[str, ...]:
    """'list', 'markdown', 'emoji', 'too-long', 'empty': spoken replies are plain prose."""
    problems: list[str] = []
    if not text.strip():
        return ("empty",)
    if _LIST_LINE.search(text) or _INLINE_LIST.search(text):
        problems.append("list")
    if not markup_ok and _MARKUP.search(text):
        problems.append("markdown")
    if has_emoji(text):
        problems.append("emoji")
    if max_chars is not None and len(text) > max_chars:
        problems.append("too-long")
    return tuple(problems)


# --- echo and repetition --------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?|\d+")


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _ngrams(seq: Sequence[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(seq[i : i + n]) for i in range(len(seq) - n + 1)}


def echoes(reply: str, user_text: str) -> bool:
    """True when the reply parrots the user: most of a 5+ word message comes back verbatim,
    or a short message comes back as the whole reply."""
    u, r = words(user_text), words(reply)
    if not u or not r:
        return False
    if len(u) < 5:
        return r == u
    grams = _ngrams(u, 4)
    if not grams:
        return False
    reply_grams = _ngrams(r, 4)
    if len(grams & reply_grams) / len(grams) < 0.6:
        return False
    # Restating a question to answer it ("Paris is the capital of France") is not parroting:
    # an echo keeps the user's opening words, or adds no word of its own.
    return tuple(u[:4]) in reply_grams or not set(r) - set(u)


# Words a question is built from rather than about ("what should I do", "how are you doing").
_QUESTION_GLUE = frozenset(
    """
    a an the and or but so if then than that this these those there here what who whom whose
    which when where why how is are was were be been am do does did doing done have has had
    will would can could should shall may might must not no any some all you your yours i me
    my mine we us our they them their it its he him his she her of to in on at by for with
    from about into out up down over as like love want need feel feeling going go just also
    very too really please now today tonight later ever tell say said know think get got give
    make let let's thing things something anything one ones hi hey hello thanks thank yes
    okay ok well good sure still again
    """.split()
)
# "What should I cook?": the word after "should I" is what to do, and "pasta" answers it.
_MODAL = re.compile(
    r"\b(?:should|shall|can|could|would|will|do|does|did|must|may|might)\s+(?:i|we|you)\s+"
    r"([^\W\d_]+)",
    re.I,
)
# "Can you open the door?" asks for a deed, answered by "Sure!" as well as by the door.
_REQUEST = re.compile(r"^(?:\W*\w+,)?\W*(?:can|could|will|would) you\b|^\W*please\b", re.I)
_TELL_ABOUT = re.compile(r"^\W*(?:\w+,\s*)?(?:tell|teach) me\b.*?\babout\b(.+)", re.I | re.S)
TOPIC_MIN_WORDS = 5  # a shorter opening ("Oh, good question!") may lead in to the answer
WHOLE_TOPIC_MIN_WORDS = 3  # a whole reply has no lead-in to wait for ("Yes, I do.")


def _stem_match(a: str, b: str) -> bool:
    """The same word or a form of it ("plan"/"plans", "cook"/"cooking")."""
    if a == b:
        return True
    n = min(len(a), len(b))
    return n >= 4 and a[: max(4, n - 2)] == b[: max(4, n - 2)]


def question_words(user_text: str, *, names: Sequence[str] = ()) -> set[str]:
    """The words a direct question is about ("Do you like music?": music); empty when the
    message asks nothing, asks for a deed ("Can you open the door?") or is all glue ("How
    are you?"). The verb after "should I" is left out: "pasta" answers "what should I cook"."""
    question = next((s for s in reversed(split_sentences(user_text)) if "?" in s), "")
    if not question:
        told = _TELL_ABOUT.search(user_text)  # "Tell me something about the moon."
        question = told.group(1) if told else ""
    if not question or _REQUEST.search(question):
        return set()
    skip = {fold(n) for n in names if n} | {fold(m) for m in _MODAL.findall(question)}
    return {
        w
        for w in (fold(w) for w in words(question))
        if len(w) >= 3 and w not in _QUESTION_GLUE and w not in skip and not w.isdigit()
    }


def off_topic(
    sentence: str,
    user_text: str,
    *,
    names: Sequence[str] = (),
    min_words: int = TOPIC_MIN_WORDS,
) -> bool:
    """True when a sentence of `min_words` or more answers a direct question without one
    word of what it asked about ("Do you like music?" -> "What the devil is this?"). Words
    match by their stem, so "cooking" answers "cook"."""
    asked = question_words(user_text, names=names)
    said = [fold(w) for w in words(sentence)]
    if not asked or len(said) < min_words:
        return False
    return not any(_stem_match(a, w) for a in asked for w in said)


def repeats(sentence: str, earlier: Iterable[str]) -> bool:
    """True when a sentence of 4+ words was already said (same words, any punctuation)."""
    w = words(sentence)
    if len(w) < 4:
        return False
    key = " ".join(w)
    for text in earlier:
        for old in split_sentences(text):
            if " ".join(words(old)) == key:
                return True
    return False


def repeated(text: str, earlier: Sequence[str]) -> bool:
    """True when `text` (one sentence or a whole reply) says again what was said before: a
    sentence of 4+ words, or the whole reply word for word (a short canned line twice)."""
    key = " ".join(words(text))
    if key and any(key == " ".join(words(old)) for old in earlier):
        return True
    return any(repeats(s, earlier) for s in split_sentences(text))


# --- language -------------------------------------------------------------------------------

_STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(ws.split())
    for lang, ws in {
        "en": "the and is are you your i to of it that what how this with for have do not my "
        "me we be can was will would there here about just so a an as at in on am i'm it's "
        "if or but by from they he she his her our us did does hello hi thanks thank yes "
        "good sure okay no",
        "es": "el la los las que es de y en un una por para con no mi tu yo qué cómo estás "
        "eres hola gracias muy pero también está soy",
        "fr": "le la les des est et je tu vous un une que qui pas ne pour avec mon ton "
        "bonjour merci très mais suis êtes c'est",
        "de": "der die das und ist ich du sie nicht ein eine mit für ich bin wie was hallo "
        "danke sehr aber auch mein dein",
        "pt": "o a os as que é de e em um uma não eu você meu minha olá obrigado muito mas "
        "também está sou como",
        "it": "il lo la gli le che è di e un una non io tu sono come ciao grazie molto ma "
        "anche mio mia sei",
        "nl": "de het een en is ik je jij niet van dat wat hoe hallo dank heel maar ook mijn "
        "ben zijn",
        "cs": "je a to ne já ty jsem jsi se na v jak co ahoj děkuji moc ale taky můj",
        "pl": "jest i to nie ja ty jestem się na w jak co cześć dziękuję bardzo ale też mój",
    }.items()
}


def language_scores(text: str) -> dict[str, int]:
    """How many words of `text` are stopwords of each language (the evidence behind
    `guess_language`, for callers that must judge a reply too short to guess)."""
    ws = words(text)
    return {lang: sum(w in stop for w in ws) for lang, stop in _STOPWORDS.items()}


def guess_language(text: str) -> str | None:
    """The language of `text` by stopwords, or None when there is too little to tell."""
    if len(words(text)) < 3:
        return None
    scores = language_scores(text)
    best = max(scores, key=scores.get)
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] < 2 or ranked[0] == ranked[1]:
        return None
    return best


def language_problem(reply: str, user_text: str) -> bool:
    """True when the user wrote in one language and the reply came back in another."""
    want = guess_language(user_text)
    got = guess_language(reply)
    return bool(want and got and want != got)


# --- persona formats ------------------------------------------------------------------------

# Bleep: one burst of beeps between asterisks, then a bracketed translation.
BEEP_FORMAT = re.compile(
    r"^\*[A-Za-z]+(?:[- ][A-Za-z]+)*[.!?…]*\*\s*\[Translation: [^\[\]]{1,200}\]$"
)
FORMATS: dict[str, re.Pattern[str]] = {"beeps": BEEP_FORMAT}


def format_problem(text: str, reply_format: str | None) -> bool:
    pattern = FORMATS.get(reply_format or "")
    return bool(pattern and not pattern.match(text.strip()))


# --- all together ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class ReplyContext:
    """What a reply is judged against."""

    persona_names: tuple[str, ...]
    user_text: str
    user_name: str | None = None
    earlier_replies: tuple[str, ...] = ()
    max_chars: int | None = None
    reply_format: str | None = None
    must_mention: str | None = None  # a remembered fact the user asked for
    # What the user just told about themselves ("I live in Lisbon"): the reply takes it up
    # by one of these words, else it talked past them.
    acknowledge: tuple[str, ...] = ()
    # A known answer (persona.chat.known): the reply must hold one of these words, and
    # state no number but these (in digits or the words of `number_words`).
    answer_forms: tuple[str, ...] = ()
    answer_about: tuple[str, ...] = ()  # ...and one of these, and none of `answer_wrong`
    answer_wrong: tuple[str, ...] = ()
    answer_numbers: frozenset[float] | None = None
    number_words: tuple[tuple[str, float], ...] = ()
    # The user's language when the reply must be in it (else the robot says it cannot).
    reply_language: str | None = None
    system_prompt: str = ""  # the instructions, which must never be read out


_LEAK_WORDS = 7


def leaks(text: str, system_prompt: str, n: int = _LEAK_WORDS) -> bool:
    """True when the text reads out `n` or more consecutive words of the instructions."""
    if not system_prompt:
        return False
    return bool(_ngrams(words(text), n) & _ngrams(words(system_prompt), n))


_SECOND_PERSON = frozenset("you your you're yours yourself you've you'll you'd".split())
_FIRST_PERSON = frozenset("i i'm i've i'd i'll me mine myself".split())  # "my friend" is fine
# "They live in Lisbon." to the person who lives there is no recall either.
_OTHERS = frozenset("they they're their them he he's his him she she's her".split())
_SHORT_RECALL = 4  # words: "Lisbon, of course!" needs no "you"


def recalls(reply: str, value: str) -> bool:
    """True when the reply gives a remembered fact back as the user's: a sentence holding
    `value` says "you"/"your" ("You live in Lisbon"), or is short and claims nothing for
    the robot ("Lisbon, of course!"). "I'm from Lisbon.", "Priya is a chess enthusiast."
    and "Percival, a French company that lives in Lisbon." hold the word but recall
    nothing."""
    if not value.strip():
        return False
    key = rf"(?<!\w){re.escape(fold(value))}(?!\w)"
    for sentence in split_sentences(reply) or [reply]:
        if not re.search(key, fold(sentence)):
            continue
        said = set(words(sentence.replace("’", "'")))
        if said & _SECOND_PERSON:
            return True
        if len(words(sentence)) <= _SHORT_RECALL and not said & (_FIRST_PERSON | _OTHERS):
            return True
    return False


def has_sentence(text: str) -> bool:
    """Whether the text has a sentence of two words or more (not "Nurse!")."""
    return any(len(words(s)) >= 2 for s in split_sentences(text) or [text])


def forgot(reply: str, ctx: ReplyContext) -> bool:
    """True when the user asked for a remembered fact, or a question with a known answer,
    and the reply does not give it (as whole words, any case or accents; a fact as the
    user's, see `recalls`)."""
    spoken = spoken_part(reply, ctx.reply_format)
    if ctx.must_mention and not recalls(spoken, ctx.must_mention):
        return True
    if ctx.acknowledge and not (
        any(recalls(spoken, key) for key in ctx.acknowledge) and has_sentence(spoken)
    ):
        return True  # "Nurse!" is an echo, "Mittens is the name of my pet." takes it away
    if ctx.answer_forms and not gives_answer(reply, ctx.answer_forms):
        return True
    if ctx.answer_about and not says_any(reply, ctx.answer_about):
        return True
    if ctx.answer_wrong and says_any(reply, ctx.answer_wrong):
        return True
    if ctx.answer_numbers is not None:
        return bool(stated_numbers(reply, ctx.number_words) - ctx.answer_numbers)
    return False


def says_any(reply: str, phrases: Sequence[str]) -> bool:
    """True when the reply holds one of `phrases` as whole words (any case or accents)."""
    hay = fold(reply).replace("’", "'")
    return any(re.search(rf"(?<!\w){re.escape(fold(p))}(?!\w)", hay) for p in phrases if p)


def gives_answer(reply: str, forms: Sequence[str]) -> bool:
    """True when the reply says one of `forms` (whole words, any case or accents) in a
    clause that does not deny it: "The banana is not yellow" gives no answer."""
    hay = fold(reply)
    for form in forms:
        if not form:
            continue
        for match in re.finditer(rf"(?<!\w){re.escape(fold(form))}(?!\w)", hay):
            if not _negated(hay, match.start(), match.end()):
                return True
    return False


_DIGITS = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w])")


def stated_numbers(text: str, number_words: Sequence[tuple[str, float]] = ()) -> set[float]:
    """The numbers `text` states in digits, or as one of `number_words` ("one" left out:
    "an easy one" states no number)."""
    found = {float(m.group()) for m in _DIGITS.finditer(text.replace(",", ""))}
    said = set(words(text))
    found |= {value for word, value in number_words if word != "one" and word in said}
    return found


def off_language(reply: str, ctx: ReplyContext) -> bool:
    """True when the reply must be in `ctx.reply_language` and is not recognisably in it:
    guessed as another language, or too short to guess and holding no word of it."""
    want = ctx.reply_language
    if not want:
        return False
    got = guess_language(reply)
    if got:
        return got != want
    scores = language_scores(reply)
    return scores.get(want, 0) == 0 or scores[want] < max(scores.values())


def sentence_problems(sentence: str, ctx: ReplyContext, *, first: bool) -> tuple[str, ...]:
    """Problems that can be seen in one sentence while the reply streams."""
    problems = list(
        identity_problems(sentence, persona_names=ctx.persona_names, user_name=ctx.user_name)
    )
    problems += [
        p for p in form_problems(sentence, markup_ok=ctx.reply_format == "beeps") if p != "too-long"
    ]
    if leaks(sentence, ctx.system_prompt):
        problems.append("leak")
    if third_person(sentence):
        problems.append("third-person")
    if repeated(sentence, ctx.earlier_replies):
        problems.append("repeat")
    if first and echoes(sentence, ctx.user_text):
        problems.append("echo")
    return tuple(dict.fromkeys(problems))


_TRANSLATION = re.compile(r"\[\s*Translation\s*:\s*([^\]]*)\]?", re.I)


def spoken_part(reply: str, reply_format: str | None) -> str:
    """The words a person understands: Bleep's translation, else the whole reply."""
    if reply_format == "beeps":
        found = _TRANSLATION.findall(reply)
        if found:
            return " ".join(found)
    return reply


def misses_question(text: str, ctx: ReplyContext, *, whole: bool) -> bool:
    """True when `text` (the reply's opening sentence, or with `whole` the finished reply)
    answers the user's direct question without a word of what it asked about. A reply
    checked against a known answer, a remembered fact or the user's language is left to
    those checks; Bleep is judged by his translation, a whole reply from three words on."""
    if ctx.answer_forms or ctx.must_mention or ctx.reply_language or ctx.acknowledge:
        return False
    return off_topic(
        spoken_part(text, ctx.reply_format),
        ctx.user_text,
        names=ctx.persona_names,
        min_words=WHOLE_TOPIC_MIN_WORDS if whole else TOPIC_MIN_WORDS,
    )


def reply_problems(reply: str, ctx: ReplyContext) -> tuple[str, ...]:
    """Every problem with a finished reply (what the quality benchmark counts)."""
    problems: list[str] = []
    problems += identity_problems(reply, persona_names=ctx.persona_names, user_name=ctx.user_name)
    problems += form_problems(reply, max_chars=ctx.max_chars, markup_ok=ctx.reply_format == "beeps")
    if echoes(reply, ctx.user_text):
        problems.append("echo")
    if leaks(reply, ctx.system_prompt):
        problems.append("leak")
    if third_person(reply):
        problems.append("third-person")
    if repeated(reply, ctx.earlier_replies):
        problems.append("repeat")
    if language_problem(reply, ctx.user_text):
        problems.append("language")
    if format_problem(reply, ctx.reply_format):
        problems.append("format")
    if forgot(reply, ctx):
        problems.append("forgot")
    return tuple(dict.fromkeys(problems))

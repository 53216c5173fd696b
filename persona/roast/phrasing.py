"""Say a profile clause to the person: "Calls himself a DJ" -> "you call yourself a DJ",
"Sourdough enthusiast" (a bio) -> "your bio calls you a sourdough enthusiast".

Pure text handling. A clause whose shape is not understood (not a verb phrase, not a role
such as "a dentist" or "amateur astronomer") gives None, and the caller does not quote it.
"""

from __future__ import annotations

import re

__all__ = ["article", "is_role", "readme_statement", "bio_statement", "second_person"]

# Base forms of verbs people use about themselves ("runs", "owns", "calls himself").
VERBS = frozenset(
    """own run play keep have call build collect explain schedule write read make bake love
    hate like watch knit cook drink eat name track code tweet post brag talk tell think take
    use speak sing dance teach work live spend buy sell fix break lose win start finish quit
    climb ride drive walk hike swim fish paint draw grow water feed rescue adopt host organise
    organize manage lead design test ship deploy answer ask say type wear fly travel visit
    study learn practise practice train lift chase follow hoard refuse insist argue complain
    correct review rate judge count sleep wake nap forget remember plan maintain brew roast
    grind ferment pickle knead garden compost mow prune watch binge stream record edit film
    shoot photograph blog vlog podcast tinker solder hack debug refactor rewrite commit push
    merge fork star mention quote cite collect label sort file organise alphabetise clean tidy
    iron fold wash polish restore repair upgrade overclock mod jog cycle bike row lift squat
    skate surf ski snowboard golf bowl bet gamble invest trade mine hodl explain lecture preach
    recommend review rank list measure weigh time log journal doodle sketch sculpt carve whittle
    sew crochet quilt embroider weave dye spin host moderate volunteer coach referee umpire
    mentor tutor translate interpret narrate sing hum whistle drum strum pluck compose produce
    mix master remix sample dj rap beatbox juggle perform act direct sleep snore dream
    overthink overshare procrastinate obsess worry stress panic ramble rant vent gossip joke
    laugh cry scream shout whisper mumble stutter sigh yawn send check refresh scroll lurk
    like share retweet boost reply block mute unfollow subscribe stand sit go get give see
    look listen hear keep need want try wish hope claim pretend swear promise refuse forget
    fall bring carry hold open close leave move turn show bring""".split()
)
_IRREGULAR_PAST = frozenset(
    """built made ran wrote won lost got took gave went did had was were sang swam ate drank
    bought sold taught thought brought caught fought met left quit read spent sent kept slept
    told found held broke chose drove rode flew grew knew threw began became came forgot
    forgave hid led lent meant paid put said sat set shot shut spoke stood stole struck swore
    swept swung tore understood woke wore""".split()
)
_PARTICIPLES = frozenset(
    """rated obsessed addicted based certified located known trained qualified interested
    fascinated excited self-taught powered fuelled fueled sponsored verified ranked banned
    married engaged employed unemployed retired""".split()
)
_BE_FORMS = {"has": "have", "is": "are", "was": "were", "does": "do", "goes": "go"}
_ADVERBS = frozenset(
    "never always still just also often rarely sometimes really once usually constantly".split()
)
_MODALS = frozenset("can will would could should must may might".split())
_SWAP = {
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "me": "you",
    "i": "you",
    "i'm": "you're",
    "i've": "you've",
    "i'd": "you'd",
    "i'll": "you'll",
    "you": "me",
    "your": "my",
    "yours": "mine",
    "yourself": "myself",
    "himself": "yourself",
    "herself": "yourself",
    "him": "you",
    "he": "you",
    "she": "you",
    "his": "your",
}
_PREPOSITIONS = frozenset(
    "to at in on for with about from by of as than up down out off over into and or but".split()
)
_DETERMINERS = frozenset(
    "a an the all every each some his her my their them it its this that these those".split()
)
# Words kept capitalised at the start of a clause.
PROPER = frozenset(
    """rust python haskell javascript typescript java kotlin swift ruby php perl elixir erlang
    scala clojure lisp fortran cobol linux windows macos android ios github gitlab excel
    google apple lego minecraft pokemon vim neovim emacs monday tuesday wednesday thursday
    friday saturday sunday january february march april june july august september october
    november december sicilian nasa""".split()
)
_ROLE_WORDS = frozenset(
    """champion host wizard guru ninja nerd geek fan lover addict junkie haver person dev
    engineer pro expert legend snob buff freak connoisseur aficionado devotee advocate boss
    ceo cto cfo pm intern student chef cook nurse pilot mechanic dj birdwatcher runner baker
    gamer climber hiker swimmer dancer singer drummer rapper producer teacher lawyer designer
    developer programmer coder founder writer blogger podcaster streamer photographer gardener
    knitter overthinker hoarder collector lurker tinkerer hacker maker brewer foodie birder
    stargazer marathoner jogger lifter boulderer skater surfer skier golfer speedrunner worrier
    introvert extrovert homebody nomad traveller traveler explorer adventurer dreamer thinker
    doer learner reader bookworm cinephile audiophile bibliophile workaholic organiser
    organizer manager player accountant dentist consultant analyst architect scientist artist
    astronomer musician barista bartender plumber electrician farmer florist editor author
    poet novelist journalist vlogger youtuber influencer creator maintainer contributor
    enthusiast hobbyist optimist pessimist perfectionist minimalist procrastinator mentor
    tutor coach volunteer""".split()
)
_NOT_ROLE = frozenset(
    """ever never over under after other rather whether weather water paper summer winter
    power tower number corner dinner computer letter matter order floor door color colour
    error mirror motor indoor outdoor content moment comment""".split()
)
_ROLE_SUFFIX = re.compile(r"(?:er|or|ist|ian|ant|ie|phile|aholic|ent)$")


def _base(verb: str, *, any_verb: bool = False) -> str | None:
    """The base form of a third-person verb ("runs" -> "run"), or None if it is not one.
    `any_verb`: the word is known to be a verb (it follows "he"), so any -s form counts."""
    low = verb.lower()
    if low in _BE_FORMS:
        return _BE_FORMS[low]
    candidates = []
    if low.endswith("ies") and len(low) > 4:
        candidates.append(low[:-3] + "y")
    if low.endswith(("shes", "ches", "xes", "zes", "sses", "oes")):
        candidates.append(low[:-2])
    if low.endswith("s") and not low.endswith("ss"):
        candidates.append(low[:-1])
    known = next((c for c in candidates if c in VERBS), None)
    return known or (candidates[-1] if any_verb and candidates else None)


def _lower_first(word: str) -> str:
    bare = re.sub(r"\W", "", word).lower()
    if bare in PROPER or (word.isupper() and len(bare) >= 2):
        return word
    return word[:1].lower() + word[1:]


def _swap(tokens: list[str]) -> list[str]:
    """Swap first and third person for second ("my" -> "your", "he stands" -> "you stand")."""
    out: list[str] = []
    agree = False  # the next verb follows "you" (a swapped "he"/"she") or "and"
    for i, tok in enumerate(tokens):
        core = tok.strip(".,!?;:")
        low = core.lower()
        tail = tok[len(core) :] if tok.startswith(core) else ""
        nxt = tokens[i + 1].lower().strip(".,!?;:") if i + 1 < len(tokens) else ""
        word = core
        if low == "her":
            possessive = nxt and nxt not in _PREPOSITIONS
            word = "your" if possessive else "you"
        elif low in _SWAP:
            word = _SWAP[low]
            if low in ("he", "she"):
                agree = True
                out.append(word + tail)
                continue
        elif agree and low in _ADVERBS:
            out.append(core + tail)
            continue
        elif agree or (out and out[-1].lower() == "and"):
            base = _base(low, any_verb=agree)
            if base and (agree or nxt in _PREPOSITIONS or nxt in _DETERMINERS or not nxt):
                word = base
            elif base and out and out[-1].lower() == "and" and nxt and nxt[0].isdigit():
                word = base
        agree = False
        out.append(word + tail)
    return out


def article(noun_phrase: str) -> str:
    """ "a" or "an" for a noun phrase ("an amateur astronomer", "a weekend DJ")."""
    first = noun_phrase.split()[0].lower() if noun_phrase.split() else ""
    if first.startswith(("uni", "use", "one", "eu")):
        return "a"
    return "an" if first[:1] in "aeiou" or first.startswith("hour") else "a"


def is_role(noun_phrase: str) -> bool:
    """Whether a phrase names what someone is ("amateur astronomer", "a dentist")."""
    words = [w.strip(".,!?").lower() for w in noun_phrase.split()]
    if words and words[0] in ("a", "an", "the"):
        words = words[1:]
    if not words or len(words) > 5:
        return False
    last = words[-1].split("-")[-1]
    if _base(words[0]) or words[0] in _IRREGULAR_PAST or words[0] in _MODALS:
        return False
    if any(w in _PREPOSITIONS and w not in ("of", "and") for w in words):
        return False
    if last in _ROLE_WORDS:
        return True
    if last in _NOT_ROLE or last.endswith("ment") or len(last) < 4:
        return False
    return len(words) >= 2 and bool(_ROLE_SUFFIX.search(last))


def _verb_phrase(tokens: list[str]) -> list[str] | None:
    """ "Owns four cats" -> ["own", "four", "cats"]; None when it is not a verb phrase.
    A bare base form ("podcast host") counts only when the phrase is not a role."""
    first = tokens[0].lower()
    rest = tokens[1:]
    if first in _PARTICIPLES:
        return ["are", first, *rest]
    if first in _BE_FORMS:
        return [_BE_FORMS[first], *rest]
    if first in _MODALS or first in _ADVERBS:
        if rest:
            base = _base(rest[0]) or rest[0].lower()
            return [first, base, *rest[1:]]
        return None
    if first in _IRREGULAR_PAST or (first.endswith("ed") and len(first) > 4):
        return [first, *rest]
    base = _base(first)
    if base:
        return [base, *rest]
    if first in VERBS and rest and not is_role(" ".join(tokens)):
        return [first, *rest]
    return None


def second_person(clause: str) -> str | None:
    """A self-description said to the person: "owns four cats" -> "you own four cats",
    "a dentist" -> "you are a dentist". None when the clause's shape is not understood."""
    tokens = clause.split()
    if not tokens:
        return None
    if tokens[0].lower() in ("a", "an", "the"):
        return "you are " + " ".join(_swap([_lower_first(t) for t in tokens]))
    verb = _verb_phrase(tokens)
    if verb is not None:
        return "you " + " ".join(_swap(verb))
    if is_role(clause):
        np = " ".join(_swap([_lower_first(tokens[0]), *tokens[1:]]))
        return f"you are {article(np)} {np}"
    return None


def bio_statement(clause: str) -> str | None:
    """A bio clause said to the person: "your bio calls you an amateur astronomer",
    "your bio says you will rewrite it in Rust"; None when not understood."""
    tokens = clause.split()
    if not tokens:
        return None
    verb = _verb_phrase(tokens)
    if verb is not None:
        return "your bio says you " + " ".join(_swap(verb))
    if is_role(clause):
        words = [_lower_first(tokens[0]), *tokens[1:]]
        if words[0].lower() in ("a", "an", "the"):
            return "your bio calls you " + " ".join(_swap(words))
        np = " ".join(_swap(words))
        return f"your bio calls you {article(np)} {np}"
    return None


_README_LABELS = (
    (re.compile(r"^(?:currently\s+)?learning\s*:?\s*(.+)$", re.I), "you are learning {}"),
    (re.compile(r"^(?:currently\s+)?working on\s*:?\s*(.+)$", re.I), "you are working on {}"),
    (re.compile(r"^ask me about\s*:?\s*(.+)$", re.I), "people should ask you about {}"),
    (re.compile(r"^fun fact\s*:?\s*(.+)$", re.I), "a fun fact about you is that {}"),
)


def readme_statement(clause: str) -> str | None:
    """A README line said to the person: "learning: Haskell" -> "your README says you are
    learning Haskell"; None when not understood."""
    clause = clause.strip()
    for pattern, shape in _README_LABELS:
        match = pattern.match(clause)
        if match:
            inner = match.group(1).strip()
            tokens = inner.split()
            if shape.startswith("a fun fact"):
                said = second_person(inner) if tokens[0].lower() not in ("i",) else None
                if said is None and tokens[0].lower() == "i":
                    said = second_person(" ".join(tokens[1:]))
                return f"your README says {shape.format(said)}" if said else None
            return "your README says " + shape.format(" ".join(_swap(tokens)))
    tokens = clause.split()
    verb = _verb_phrase(tokens) if tokens else None
    if verb is not None:
        return "your README says you " + " ".join(_swap(verb))
    return None

"""Roast angles: concrete, checkable facts from a Profile and why they are funny.

Everything here is computed in code. Each angle keeps its source field, the keywords that
show a roast used it (so the scorer can check grounding) and its structured facts as
`slots` (numbers, names, the fact said to the person), from which code-built lines are
filled. Facts touching protected attributes, reading like instructions to the robot
("sign off as ...") or holding text that cannot be said back (a swear word, a link, a
quoted phrase) never become angles as written; a free-text fact whose shape is not
understood ("counting", "badly") is not an angle at all.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from persona.roast.clauses import split_clauses
from persona.roast.injection import looks_like_attack, looks_like_instruction, trigger_phrases
from persona.roast.phrasing import bio_statement, readme_statement, second_person
from persona.roast.profile import STOPWORDS, Profile
from persona.roast.safety import find_profanity, find_protected
from persona.text import split_sentences

GENERIC_WORDS = frozenset(
    """has have owns own runs run loves love likes like makes make does lot lots big small best
    worst every all some very being doing based living lives works working person account
    accounts post posts repo repos times never ever always only open built calls keeps plays
    playing track tell since two three four five six seven eight nine ten year years day days
    week weeks month months time per anyone someone everyone thing stuff""".split()
)
_VERSIONED = re.compile(
    r"(?:[-_.]?v\d+$|[-_](?:final|new|old|copy|backup|redo|again|attempt|test|tmp|temp|wip)\d*$"
    r"|final|\d$|^test|^my-?first|^untitled|^hello-?world)",
    re.I,
)
_TOKEN = re.compile(r"[a-z0-9][a-z0-9'+#.-]*", re.I)


@dataclass(frozen=True, slots=True, kw_only=True)
class Angle:
    """One roastable fact. `keywords` are the words a roast must contain to use it."""

    kind: str
    fact: str
    why: str
    source: str
    keywords: tuple[str, ...]
    weight: float = 1.0
    variant: str = ""  # "fan" or "celebrity" for follow_ratio, "daily" or "lurker" for volume
    slots: tuple[tuple[str, str], ...] = ()  # structured facts: ("following", "842"), ...

    @property
    def joke_key(self) -> str:
        """The entry of `prompts/roast/jokes.yaml` for this angle ("follow_ratio.fan")."""
        return f"{self.kind}.{self.variant}" if self.variant else self.kind

    def slot(self, name: str) -> str:
        return dict(self.slots).get(name, "")

    @property
    def spoken(self) -> str:
        """The fact said to the person ("you follow 842 accounts ...")."""
        if self.slot("said"):
            return self.slot("said")
        if self.kind == "self_description":
            return _second_person(self.fact)
        text = re.sub(r"^their ", "your ", self.fact)
        text = text.replace(" and has posted ", " and have posted ")
        text = re.sub(r"^(\d+) of (\d+) ", r"\1 of your \2 ", text)
        verbs = {"follows": "follow", "has": "have", "says": "say", "averages": "average"}
        first, _, rest = text.partition(" ")
        if first in verbs:
            return f"you {verbs[first]} {rest}"
        if first in ("posted", "used", "joined", "forked", "liked"):
            return f"you {text}"
        return text

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "fact": self.fact,
            "spoken": self.spoken,
            "why": self.why,
            "source": self.source,
            "keywords": list(self.keywords),
        }


def _second_person(clause: str) -> str:
    """ "Owns four cats" -> "you own four cats"; "a dentist" -> "you are a dentist"."""
    return second_person(clause) or f"you told me: {clause}"


def keywords_of(text: str) -> tuple[str, ...]:
    """Distinctive lower-cased words of a fact (no stopwords or generic verbs)."""
    out: list[str] = []
    for raw in _TOKEN.findall(text):
        tok = raw.strip("'.-").lower()
        if len(tok) < 3 and not tok.isdigit() and not (len(tok) == 2 and raw.isupper()):
            continue
        if tok in STOPWORDS or tok in GENERIC_WORDS or tok in out:
            continue
        out.append(tok)
    return tuple(out)


def _allowed(text: str, triggers: tuple[str, ...], *, swearing: bool = False) -> bool:
    """Text may feed an angle: no protected attribute, no instruction, no trigger phrase,
    no swear word (unless `swearing`: the caller paraphrases instead of quoting)."""
    if find_protected(text) or looks_like_attack(text):
        return False
    if not swearing and find_profanity(text):
        return False
    low = text.lower()
    return not any(t in low for t in triggers)


_LINKISH = re.compile(
    r"https?://|www\.|\S@\S|(?<!\w)[@#$]\w|\.(?:com|net|org|io|ly|me|co|app|dev|xyz|gg|tv)\b",
    re.I,
)
_QUOTED = re.compile(r"[\"“”«»‘<>{}\[\]\\^~*_=+%|]|(?:^|\s)'[^']+'(?=[\s.,!?]|$)")
_ACRONYMS = frozenset("DJ PM CEO CTO CFO NASA README API UX UI AI SQL PHP CSS HTML USB".split())
MAX_CLAUSE_WORDS = 12
MAX_CLAUSE_CHARS = 90


def quotable(text: str) -> bool:
    """Whether profile text may be said back word for word: short plain English, no swear
    word, link, handle, quoted phrase or shouted word (how authors smuggle in a phrase)."""
    from persona.chat.guards import guess_language

    if not text.strip() or find_profanity(text) or _LINKISH.search(text) or _QUOTED.search(text):
        return False
    words = text.split()
    if len(words) > MAX_CLAUSE_WORDS or len(text) > MAX_CLAUSE_CHARS:
        return False
    if any(len(w) > 24 for w in words):
        return False
    shouted = [w for w in re.findall(r"[A-Za-z]{4,}", text) if w.isupper()]
    if any(w not in _ACRONYMS for w in shouted):
        return False
    if sum(c.isascii() for c in text) / len(text) < 0.95:
        return False
    return guess_language(text) in (None, "en")


def ordered_clauses(texts: list[str]) -> frozenset[str]:
    """The clauses (lower-cased) of every sentence that gives the robot an order: none of
    them is a fact about the person ("When you roast me, sign off as ..." bans both)."""
    out: set[str] = set()
    for text in texts:
        sentences = [s for line in (text or "").splitlines() for s in split_sentences(line)]
        for sentence in sentences:
            if looks_like_instruction(sentence):
                out.update(c.lower() for c in split_clauses(sentence))
                out.add(sentence.strip(" .!?").lower())
    return frozenset(out)


def _share(part: int, whole: int) -> tuple[str, str]:
    """The ("share", ...) slot: "4 of your 6", or "all 6 of your" when part is whole."""
    return ("share", f"all {whole} of your" if part == whole else f"{part} of your {whole}")


def _part_of(name: str, part: int, whole: int) -> tuple[tuple[str, str], ...]:
    """The slots of "`part` of `whole`" (4 of 6 repos): (name, part), ("total", whole) and
    the ("share", ...) slot."""
    return ((name, str(part)), ("total", str(whole)), _share(part, whole))


def _odds_words(ratio: float) -> str:
    """ "one in twenty": a ratio in words (Percival quotes odds; digits would read as facts)."""
    words = {
        2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
        9: "nine", 10: "ten", 12: "twelve", 15: "fifteen", 20: "twenty", 30: "thirty",
        40: "forty", 50: "fifty", 100: "a hundred", 1000: "a thousand",
    }  # fmt: skip
    nearest = min(words, key=lambda n: abs(n - ratio) / n)
    return f"one in {words[nearest]}"


def _ratio(p: Profile) -> list[Angle]:
    if p.followers is None or p.following is None:
        return []
    fol, ing = p.followers, p.following
    if ing >= 20 and ing >= 3 * max(fol, 1):
        return [
            Angle(
                kind="follow_ratio",
                fact=f"follows {ing} accounts but only {fol} follow back",
                why="that is not networking, that is a one-sided fan club",
                source="followers,following",
                keywords=(str(ing), str(fol), "follow", "followers", "following"),
                weight=2.0,
                variant="fan",
                slots=(
                    ("following", str(ing)),
                    ("followers", str(fol)),
                    ("odds", _odds_words(ing / max(fol, 1))),
                ),
            )
        ]
    if fol >= 200 and fol >= 10 * max(ing, 1):
        return [
            Angle(
                kind="follow_ratio",
                fact=f"has {fol} followers but follows only {ing} accounts",
                why="you act like a celebrity who lost the follow button",
                source="followers,following",
                keywords=(str(fol), str(ing), "follow", "followers", "celebrity"),
                weight=1.5,
                variant="celebrity",
                slots=(("followers", str(fol)), ("following", str(ing))),
            )
        ]
    return []


def _night(p: Profile) -> list[Angle]:
    dated = [x for x in p.posts if x.created_at and not x.is_repost]
    if len(dated) < 5:
        return []
    late = [x for x in dated if 0 <= x.created_at.hour < 5]
    if len(late) / len(dated) < 0.3:
        return []
    return [
        Angle(
            kind="posting_hours",
            fact=f"posted {len(late)} of {len(dated)} posts between midnight and 5 a.m.",
            why="your phone needs a bedtime more than you do",
            source="posts.created_at",
            keywords=("midnight", "night", "sleep", "3am", "a.m", "insomnia", "late"),
            weight=1.5,
            slots=(
                *_part_of("late", len(late), len(dated)),
                ("odds", _odds_words(len(dated) / max(len(dated) - len(late), 1))),
            ),
        )
    ]


def _volume(p: Profile) -> list[Angle]:
    if p.source in ("github", "card", "text") or not p.created_at or not p.post_count:
        return []
    newest = max((x.created_at for x in p.posts if x.created_at), default=None)
    if newest is None or newest <= p.created_at:
        return []
    days = max((newest - p.created_at).days, 1)
    per_day = p.post_count / days
    year = p.created_at.year
    if per_day >= 5:
        return [
            Angle(
                kind="post_volume",
                fact=f"averages {per_day:.0f} posts a day since joining in {year}",
                why="posting is not supposed to be a full-time job",
                source="post_count,created_at",
                keywords=(f"{per_day:.0f}", "a day", "per day", "daily"),
                weight=1.2,
                variant="daily",
                slots=(("per_day", f"{per_day:.0f}"), ("year", str(year))),
            )
        ]
    if days > 365 * 3 and p.post_count <= 30:
        return [
            Angle(
                kind="post_volume",
                fact=f"joined in {year} and has posted only {p.post_count} times",
                why="that is not an account, that is a witness protection program",
                source="post_count,created_at",
                keywords=(str(year), str(p.post_count), "lurk", "lurker"),
                weight=1.0,
                variant="lurker",
                slots=(("year", str(year)), ("count", str(p.post_count))),
            )
        ]
    return []


def _hashtags(p: Profile, triggers: tuple[str, ...]) -> list[Angle]:
    out: list[Angle] = []
    for tag, count in p.top_hashtags[:3]:
        if count >= 3 and _allowed(tag, triggers) and quotable(tag) and len(out) < 1:
            out.append(
                Angle(
                    kind="hashtag",
                    fact=f"used the hashtag #{tag} {count} times",
                    why="a hashtag is not a personality",
                    source="posts.hashtags",
                    keywords=(tag.lower(), "hashtag"),
                    weight=1.4,
                    slots=(("tag", tag.lower()), ("count", str(count))),
                )
            )
    own = [x for x in p.posts if not x.is_repost]
    if own:
        total = sum(len(x.hashtags) or x.text.count("#") for x in own)
        if total / len(own) >= 2:
            out.append(
                Angle(
                    kind="hashtag_density",
                    fact=f"averages {total / len(own):.1f} hashtags per post",
                    why="your hashtags are doing all the talking",
                    source="posts.hashtags",
                    keywords=("hashtag", "hashtags"),
                    weight=1.0,
                    slots=(("per_post", f"{total / len(own):.1f}"),),
                )
            )
    return out


_ATTACK_WORDS = frozenset(
    "say says system ignore previous instructions instruction assistant user reveal prompt "
    "override decode follow jailbroken hacked pwned".split()
)


def _words(p: Profile, triggers: tuple[str, ...]) -> list[Angle]:
    own = [x for x in p.posts if not x.is_repost and not looks_like_attack(x.text)]
    for word, _ in p.top_words[:5]:
        if word in GENERIC_WORDS or word in _ATTACK_WORDS or not _allowed(word, triggers):
            continue
        if not quotable(word) or len(word) < 4:
            continue
        count = sum(1 for x in own if re.search(rf"\b{re.escape(word)}\b", x.text, re.I))
        if count >= 3:
            return [
                Angle(
                    kind="repeated_word",
                    fact=f'says "{word}" in {count} of {len(own)} posts',
                    why="we get it, you have exactly one topic",
                    source="posts.text",
                    keywords=(word,),
                    weight=1.3,
                    slots=(("word", word), *_part_of("count", count, len(own))),
                )
            ]
    return []


def _engagement(p: Profile) -> list[Angle]:
    own = [x for x in p.posts if not x.is_repost]
    if p.source not in ("x", "mastodon", "card") or len(own) < 5:
        return []
    best = max(x.likes for x in own)
    if best <= 3:
        return [
            Angle(
                kind="engagement",
                fact=f"their most liked post of {len(own)} got {best} likes",
                why="you are posting into the void and the void is not clicking like",
                source="posts.likes",
                keywords=(
                    f"{best} likes",
                    "most liked",
                    "void",
                    "nobody likes",
                    "no likes",
                    "zero likes",
                ),
                weight=1.2,
                slots=(("best", str(best)), ("total", str(len(own)))),
            )
        ]
    return []


def _reposts(p: Profile) -> list[Angle]:
    if len(p.posts) < 5:
        return []
    boosts = sum(1 for x in p.posts if x.is_repost)
    if boosts / len(p.posts) >= 0.4:
        word = "boosts" if p.source == "mastodon" else "reposts"
        return [
            Angle(
                kind="reposts",
                fact=f"{boosts} of {len(p.posts)} posts are {word} of other people",
                why="you outsourced your personality to other people",
                source="posts.is_repost",
                keywords=(word, word.rstrip("s"), "other people", "retweet"),
                weight=1.1,
                slots=(*_part_of("boosts", boosts, len(p.posts)), ("word", word)),
            )
        ]
    return []


def _likes(p: Profile) -> list[Angle]:
    if p.likes_count and p.post_count and p.likes_count >= 5 * p.post_count and p.likes_count >= 20:
        return [
            Angle(
                kind="likes",
                fact=f"liked {p.likes_count} posts but wrote only {p.post_count}",
                why="you are a fan club, not a creator",
                source="likes_count,post_count",
                keywords=(str(p.likes_count), "liked", "likes"),
                weight=1.0,
                slots=(("likes", str(p.likes_count)), ("posts", str(p.post_count))),
            )
        ]
    return []


def _plain_name(name: str) -> bool:
    """A repo or language name that may be said: no swear word, link or shouting."""
    return not find_profanity(name.replace("-", " ").replace("_", " ")) and quotable(
        name.replace("-", " ").replace("_", " ")
    )


def _listed(names: list[str]) -> str:
    """ "a, b and c"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@dataclass(frozen=True, slots=True, kw_only=True)
class _FreeText:
    """How one kind of free text about the person (their own words, a bio, a README)
    becomes angles: each clause a fact, said back to them, at most `limit` of them."""

    kind: str
    source: str
    why: str
    prefix: str  # before the clause in the fact: "their bio says: "
    weight: float
    limit: int
    statement: Callable[[str], str | None]  # the clause said to the person, if it can be
    quote_intro: str  # before a quoted clause: 'your bio says "..."'
    paraphrase_fact: str  # for a clause said only by its topic: "their bio is about {}"
    paraphrase_said: str


_SELF_DESCRIPTION = _FreeText(
    kind="self_description",
    source="facts",
    why="and you said that out loud, voluntarily",
    prefix="",
    weight=1.7,
    limit=5,
    statement=second_person,
    quote_intro="you told me",
    paraphrase_fact="is into {}",
    paraphrase_said="you are really into {}",
)


def _written(
    noun: str,
    *,
    kind: str,
    why: str,
    weight: float,
    limit: int,
    statement: Callable[[str], str | None],
) -> _FreeText:
    """Text the person wrote in their `noun` ("bio"), quoted and paraphrased as theirs."""
    return _FreeText(
        kind=kind,
        source=kind,
        why=why,
        prefix=f"their {noun} says: ",
        weight=weight,
        limit=limit,
        statement=statement,
        quote_intro=f"your {noun} says",
        paraphrase_fact=f"their {noun} is about {{}}",
        paraphrase_said=f"your {noun} is all about {{}}",
    )


_BIO = _written(
    "bio",
    kind="bio",
    why="you wrote that about yourself on purpose",
    weight=1.5,
    limit=3,
    statement=bio_statement,
)
_README = _written(
    "README",
    kind="readme",
    why="and you put that in writing",
    weight=1.2,
    limit=2,
    statement=readme_statement,
)


def _clause_angle(
    clause: str, text: _FreeText, *, triggers: tuple[str, ...], has_subject: bool
) -> Angle | None:
    """One free-text clause as an angle, said to the person; None when it is not a fact
    this code understands (the shape is unknown and no topic matches), or not one to say.

    A clause that cannot be said back word for word (a swear word, a quoted phrase) but
    names a known topic is paraphrased from the topic ("your bio is all about sourdough")."""
    from persona.roast.jokes import match_topic

    if not _allowed(clause, triggers, swearing=True):
        return None
    if looks_like_instruction(clause, has_subject=has_subject):
        return None
    topic = match_topic(clause)
    said = text.statement(clause) if quotable(clause) else None
    fact = f"{text.prefix}{clause}"
    keys = keywords_of(clause)
    if said is None and quotable(clause) and topic is not None:
        said = f'{text.quote_intro} "{clause[:1].lower() + clause[1:]}"'
    if said is None:
        if topic is None or find_protected(clause):
            return None
        fact = text.paraphrase_fact.format(topic.about)
        said = text.paraphrase_said.format(topic.about)
        keys = keywords_of(topic.about) or (topic.about.lower(),)
    if not keys or find_protected(said):
        return None
    return Angle(
        kind=text.kind,
        fact=fact,
        why=text.why,
        source=text.source,
        keywords=keys,
        weight=text.weight,
        slots=(("said", said), ("topic", topic.name if topic else "")),
    )


def _clause_angles(
    clauses: list[str],
    text: _FreeText,
    *,
    triggers: tuple[str, ...],
    banned: frozenset[str] = frozenset(),
    has_subject: bool = False,
) -> list[Angle]:
    """Up to `text.limit` angles from free-text clauses; `banned` ones (orders to the
    robot) are skipped, and `has_subject` says whether a bare verb may be an order."""
    out: list[Angle] = []
    for clause in clauses:
        if clause.lower() in banned:
            continue
        angle = _clause_angle(clause, text, triggers=triggers, has_subject=has_subject)
        if angle is not None:
            out.append(angle)
        if len(out) >= text.limit:
            break
    return out


def _repos(p: Profile, triggers: tuple[str, ...]) -> list[Angle]:
    repos = list(p.repos)
    if not repos:
        return []
    out: list[Angle] = []
    own = [r for r in repos if not r.fork]
    if len(own) >= 4:
        zero = [r for r in own if r.stars == 0]
        if len(zero) / len(own) >= 0.6:
            out.append(
                Angle(
                    kind="no_stars",
                    fact=f"{len(zero)} of {len(own)} repos have zero stars",
                    why="that is building for an audience of nobody",
                    source="repos.stars",
                    keywords=("star", "stars", "zero", str(len(zero))),
                    weight=1.6,
                    slots=_part_of("zero", len(zero), len(own)),
                )
            )
    named = [
        r.name
        for r in repos
        if _VERSIONED.search(r.name) and _allowed(r.name, triggers) and _plain_name(r.name)
    ]
    if named:
        shown = ", ".join(named[:3])
        out.append(
            Angle(
                kind="version_names",
                fact=f"has repos named {shown}",
                why="finishing things is clearly not your strong suit",
                source="repos.name",
                keywords=tuple(n.lower() for n in named[:3]) + ("final", "v2", "version"),
                weight=1.8,
                slots=(("names", _listed(named[:3])),),
            )
        )
    untouched = [
        r
        for r in repos
        if r.fork
        and r.created_at
        and r.pushed_at
        and r.pushed_at <= r.created_at + timedelta(days=1)
    ]
    if len(untouched) >= 2:
        out.append(
            Angle(
                kind="untouched_forks",
                fact=f"forked {len(untouched)} repos and never pushed to them",
                why="you collect code like souvenirs",
                source="repos.fork,pushed_at",
                keywords=("fork", "forked", "forks", "untouched", "never pushed"),
                weight=1.5,
                slots=(("count", str(len(untouched))),),
            )
        )
    langs = Counter(r.language for r in own if r.language and _plain_name(r.language))
    if len(langs) >= 4:
        names = ", ".join(lang for lang, _ in langs.most_common(4))
        out.append(
            Angle(
                kind="language_hopping",
                fact=f"has repos in {len(langs)} languages: {names}",
                why="that is commitment issues, but for programming languages",
                source="repos.language",
                keywords=tuple(lang.lower() for lang, _ in langs.most_common(4)) + ("languages",),
                weight=1.4,
                slots=(
                    ("count", str(len(langs))),
                    ("names", _listed([lang for lang, _ in langs.most_common(4)])),
                ),
            )
        )
    dated = [r for r in own if r.pushed_at]
    if len(dated) >= 4:
        newest = max(r.pushed_at for r in dated)
        stale = [r for r in dated if newest - r.pushed_at > timedelta(days=730)]
        if len(stale) / len(dated) >= 0.5:
            out.append(
                Angle(
                    kind="abandoned",
                    fact=f"{len(stale)} of {len(dated)} repos untouched for over two years",
                    why="your GitHub is a graveyard of side projects",
                    source="repos.pushed_at",
                    keywords=("abandon", "abandoned", "graveyard", "untouched", "years", "dead"),
                    weight=1.4,
                    slots=_part_of("stale", len(stale), len(dated)),
                )
            )
    no_desc = [r for r in own if not r.description]
    if len(own) >= 4 and len(no_desc) / len(own) >= 0.5:
        out.append(
            Angle(
                kind="no_description",
                fact=f"{len(no_desc)} of {len(own)} repos have no description",
                why="even you do not know what they are for",
                source="repos.description",
                keywords=("description", "descriptions", "mystery"),
                weight=0.9,
                slots=_part_of("none", len(no_desc), len(own)),
            )
        )
    return out


def _readme(p: Profile, triggers: tuple[str, ...], banned: frozenset[str]) -> list[Angle]:
    lines = [
        ln
        for ln in p.readme.splitlines()
        if re.search(r"learning|working on|ask me|fun fact|currently|favorite|favourite", ln, re.I)
    ]
    clauses = [c for ln in lines for c in split_clauses(re.sub(r"[*_`#>]", " ", ln))]
    clauses = [
        c
        for c in clauses
        if re.search(r"learning|working|ask me|fun fact|favou?rite", c, re.I) or len(clauses) <= 2
    ]
    return _clause_angles(clauses, _README, triggers=triggers, banned=banned)


def untrusted_texts(profile: Profile) -> list[str]:
    """Every piece of free text in a profile (all of it untrusted)."""
    return [
        profile.bio,
        profile.readme,
        *profile.facts,
        *(x.text for x in profile.posts),
        *(r.description for r in profile.repos),
    ]


def extract_angles(profile: Profile, *, limit: int = 8) -> tuple[Angle, ...]:
    """The best roast angles of a profile, strongest first; pure and deterministic."""
    triggers = trigger_phrases(untrusted_texts(profile))
    banned = ordered_clauses([profile.bio, profile.readme, *profile.facts])
    found: list[Angle] = []
    found += _clause_angles(
        list(profile.facts),
        _SELF_DESCRIPTION,
        triggers=triggers,
        banned=banned,
        # A card's facts are written as given ("Calls himself a DJ"); free text was split
        # into clauses whose "I" is already gone ("use vim"), so a bare verb is no order.
        has_subject=profile.source != "text",
    )
    fact_keys = {keywords_of(f) for f in profile.facts}
    bio_clauses = [c for c in split_clauses(profile.bio) if keywords_of(c) not in fact_keys]
    found += _clause_angles(bio_clauses, _BIO, triggers=triggers, banned=banned)
    found += _ratio(profile)
    found += _repos(profile, triggers)
    found += _readme(profile, triggers, banned)
    found += _hashtags(profile, triggers)
    found += _words(profile, triggers)
    found += _night(profile)
    found += _volume(profile)
    found += _engagement(profile)
    found += _reposts(profile)
    found += _likes(profile)
    # A last guard: whatever the builder, a fact that fails the checks is dropped.
    safe = [
        a
        for a in found
        if not find_protected(a.fact)
        and not looks_like_attack(a.fact)
        and not find_profanity(a.fact)
        and not find_protected(a.spoken)
    ]
    unique: dict[str, Angle] = {}
    for angle in safe:
        unique.setdefault(angle.fact.lower(), angle)
    ranked = sorted(unique.values(), key=lambda a: -a.weight)
    return tuple(ranked[:limit])

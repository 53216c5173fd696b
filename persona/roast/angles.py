"""Roast angles: concrete, checkable facts from a Profile and why they are funny.

Everything here is computed in code. Each angle keeps its source field and the keywords
that show a roast used it, so the scorer can check grounding. Facts touching protected
attributes or reading like injected instructions never become angles.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from persona.roast.clauses import split_clauses
from persona.roast.injection import looks_like_attack, trigger_phrases
from persona.roast.profile import STOPWORDS, Profile
from persona.roast.safety import find_protected

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

    @property
    def spoken(self) -> str:
        """The fact said to the person ("you follow 842 accounts ...")."""
        if self.kind == "self_description":
            return _second_person(self.fact)
        text = re.sub(r"^their ", "your ", self.fact)
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


_PERSON_VERBS = {"has": "have", "is": "are", "was": "were", "does": "do", "goes": "go"}


def _second_person(clause: str) -> str:
    """ "Owns four cats" -> "you own four cats"; "a dentist" -> "you are a dentist"."""
    first, _, rest = clause.partition(" ")
    low = first.lower()
    tail = f" {rest}" if rest else ""
    if low in ("a", "an", "the"):
        return f"you are {low}{tail}"
    if low in _PERSON_VERBS:
        return f"you {_PERSON_VERBS[low]}{tail}"
    if low.endswith("ed") or low in ("can", "will", "never", "always", "love", "hate"):
        return f"you {low}{tail}"
    if low.endswith("s") and len(low) > 3 and not low.endswith("ss"):
        return f"you {low[:-1]}{tail}"
    return f"you told me: {clause}"


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


def _clean(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3].rsplit(" ", 1)[0] + "..."


def _allowed(text: str, triggers: tuple[str, ...]) -> bool:
    """Text may feed an angle: no protected attribute, no instruction, no trigger phrase."""
    if find_protected(text) or looks_like_attack(text):
        return False
    low = text.lower()
    return not any(t in low for t in triggers)


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
            )
        ]
    return []


def _hashtags(p: Profile, triggers: tuple[str, ...]) -> list[Angle]:
    out: list[Angle] = []
    for tag, count in p.top_hashtags[:3]:
        if count >= 3 and _allowed(tag, triggers) and len(out) < 1:
            out.append(
                Angle(
                    kind="hashtag",
                    fact=f"used the hashtag #{tag} {count} times",
                    why="a hashtag is not a personality",
                    source="posts.hashtags",
                    keywords=(tag.lower(), "hashtag"),
                    weight=1.4,
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
            )
        ]
    return []


def _clause_angles(
    clauses: list[str],
    kind: str,
    source: str,
    why: str,
    prefix: str,
    triggers: tuple[str, ...],
    limit: int,
    weight: float,
) -> list[Angle]:
    out: list[Angle] = []
    for clause in clauses:
        if not _allowed(clause, triggers):
            continue
        keys = keywords_of(clause)
        if not keys:
            continue
        out.append(
            Angle(
                kind=kind,
                fact=f"{prefix}{_clean(clause)}",
                why=why,
                source=source,
                keywords=keys,
                weight=weight,
            )
        )
        if len(out) >= limit:
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
                )
            )
    named = [r.name for r in repos if _VERSIONED.search(r.name) and _allowed(r.name, triggers)]
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
            )
        )
    langs = Counter(r.language for r in own if r.language)
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
            )
        )
    return out


def _readme(p: Profile, triggers: tuple[str, ...]) -> list[Angle]:
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
    return _clause_angles(
        clauses,
        "readme",
        "readme",
        "and you put that in writing",
        "their README says: ",
        triggers,
        2,
        1.2,
    )


def extract_angles(profile: Profile, *, limit: int = 8) -> tuple[Angle, ...]:
    """The best roast angles of a profile, strongest first; pure and deterministic."""
    untrusted = [
        profile.bio,
        profile.readme,
        *profile.facts,
        *(x.text for x in profile.posts),
        *(r.description for r in profile.repos),
    ]
    triggers = trigger_phrases(untrusted)
    found: list[Angle] = []
    found += _clause_angles(
        list(profile.facts),
        "self_description",
        "facts",
        "and you said that out loud, voluntarily",
        "",
        triggers,
        5,
        1.7,
    )
    fact_keys = {keywords_of(f) for f in profile.facts}
    bio_clauses = [c for c in split_clauses(profile.bio) if keywords_of(c) not in fact_keys]
    why_bio = "you wrote that about yourself on purpose"
    found += _clause_angles(
        bio_clauses, "bio", "bio", why_bio, "their bio says: ", triggers, 3, 1.5
    )
    found += _ratio(profile)
    found += _repos(profile, triggers)
    found += _readme(profile, triggers)
    found += _hashtags(profile, triggers)
    found += _words(profile, triggers)
    found += _night(profile)
    found += _volume(profile)
    found += _engagement(profile)
    found += _reposts(profile)
    found += _likes(profile)
    # A last guard: whatever the builder, a fact that fails the checks is dropped.
    safe = [a for a in found if not find_protected(a.fact) and not looks_like_attack(a.fact)]
    unique: dict[str, Angle] = {}
    for angle in safe:
        unique.setdefault(angle.fact.lower(), angle)
    ranked = sorted(unique.values(), key=lambda a: -a.weight)
    return tuple(ranked[:limit])

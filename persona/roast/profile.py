"""The normalised profile every importer produces, and the pure helpers that finish it.

Importers fill in what their format knows; `build_profile` computes the derived fields
(top hashtags, mentions and words, languages) and caps the posts kept, so every source
ends up with the same shape.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

MAX_POSTS = 200  # most recent half + most engaging half

STOPWORDS = frozenset(
    """a about above after again all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its itself
    just me more most my myself no nor not now of off on once only or other our ours out over own
    same she should so some such than that the their theirs them then there these they this those
    through to too under until up very was we were what when where which while who whom why will
    with would you your yours yourself im i'm it's dont don't can't cant get got like one really
    today new just amp rt via us let lets let's via still even much many make made going go gonna
    want need know think good great day time people back way thing things yes yeah ok
    okay""".split()
)

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]{2,}")
_HASHTAG = re.compile(r"(?<![\w#])#(\w{2,})")
_MENTION = re.compile(r"(?<![\w@])@(\w{2,})")
_URL = re.compile(r"https?://\S+")


@dataclass(frozen=True, slots=True, kw_only=True)
class Post:
    """One post, toot or tweet. Engagement counts are 0 when the source lacks them."""

    text: str
    created_at: datetime | None = None
    likes: int = 0
    reposts: int = 0
    replies: int = 0
    is_repost: bool = False
    language: str | None = None
    hashtags: tuple[str, ...] = ()

    @property
    def engagement(self) -> int:
        return self.likes + self.reposts + self.replies


@dataclass(frozen=True, slots=True, kw_only=True)
class Repo:
    """One GitHub repository, in the fields roasting cares about."""

    name: str
    description: str = ""
    language: str | None = None
    stars: int = 0
    forks: int = 0
    fork: bool = False
    created_at: datetime | None = None
    pushed_at: datetime | None = None
    topics: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Profile:
    """A person's public profile, normalised from any importer. All text is untrusted."""

    source: str  # "x", "github", "mastodon", "bluesky", "card", "text"
    origin: str = ""  # file name or "free text", for error messages
    display_name: str = ""
    handle: str = ""
    bio: str = ""
    location: str = ""
    website: str = ""
    created_at: datetime | None = None
    followers: int | None = None
    following: int | None = None
    post_count: int | None = None
    posts: tuple[Post, ...] = ()
    repos: tuple[Repo, ...] = ()
    readme: str = ""
    facts: tuple[str, ...] = ()  # self-described facts from a card or free text
    likes_count: int | None = None
    top_hashtags: tuple[tuple[str, int], ...] = ()
    top_mentions: tuple[tuple[str, int], ...] = ()
    top_words: tuple[tuple[str, int], ...] = ()
    languages: tuple[tuple[str, int], ...] = ()
    extra: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        """JSON-friendly view (dates as ISO strings), used by `persona profile show --json`."""

        def conv(value: object) -> object:
            if isinstance(value, datetime):
                return value.isoformat()
            if isinstance(value, (Post, Repo)):
                return {k: conv(getattr(value, k)) for k in value.__dataclass_fields__}
            if isinstance(value, tuple):
                return [conv(v) for v in value]
            return value

        return {k: conv(getattr(self, k)) for k in self.__dataclass_fields__}


def select_posts(posts: Sequence[Post], limit: int = MAX_POSTS) -> tuple[Post, ...]:
    """Keep at most `limit` posts: the most recent half and the most engaging half."""
    if len(posts) <= limit:
        return tuple(posts)
    epoch = datetime.min

    def when(p: Post) -> datetime:
        return p.created_at.replace(tzinfo=None) if p.created_at else epoch

    recent = sorted(posts, key=when, reverse=True)[: limit // 2]
    chosen = {id(p) for p in recent}
    rest = [p for p in posts if id(p) not in chosen]
    engaging = sorted(rest, key=lambda p: p.engagement, reverse=True)[: limit - len(recent)]
    return tuple(sorted([*recent, *engaging], key=when, reverse=True))


def _top(counter: Counter[str], n: int, min_count: int = 1) -> tuple[tuple[str, int], ...]:
    return tuple((k, c) for k, c in counter.most_common(n) if c >= min_count)


def word_counts(texts: Iterable[str]) -> Counter[str]:
    """Content words (no stopwords, URLs, hashtags or mentions), lower-cased."""
    counts: Counter[str] = Counter()
    for text in texts:
        text = _URL.sub(" ", text)
        text = _HASHTAG.sub(" ", text)
        text = _MENTION.sub(" ", text)
        for word in _WORD.findall(text):
            word = word.lower().strip("'-")
            if len(word) > 2 and word not in STOPWORDS:
                counts[word] += 1
    return counts


def build_profile(*, limit: int = MAX_POSTS, **fields: object) -> Profile:
    """Make a Profile and compute its derived fields from posts and repos."""
    profile = Profile(**fields)  # type: ignore[arg-type]
    posts = select_posts(profile.posts, limit)
    own = [p for p in posts if not p.is_repost]
    hashtags: Counter[str] = Counter()
    mentions: Counter[str] = Counter()
    langs: Counter[str] = Counter()
    for p in own:
        tags = p.hashtags or tuple(_HASHTAG.findall(p.text))
        hashtags.update(t.lower() for t in tags)
        mentions.update(m.lower() for m in _MENTION.findall(p.text))
        if p.language:
            langs[p.language] += 1
    for r in profile.repos:
        if r.language:
            langs[r.language] += 1
    words = word_counts(p.text for p in own)
    return replace(
        profile,
        posts=posts,
        top_hashtags=profile.top_hashtags or _top(hashtags, 10),
        top_mentions=profile.top_mentions or _top(mentions, 10),
        top_words=profile.top_words or _top(words, 15, min_count=2),
        languages=profile.languages or _top(langs, 10),
    )

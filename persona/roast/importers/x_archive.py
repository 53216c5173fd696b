"""X / Twitter data archive (.zip or unzipped folder).

Each `data/*.js` file is `window.YTD.<type>.partN = [ ... ]`; counts are strings;
follower and following counts are the lengths of `follower.js` and `following.js`.
"""

from __future__ import annotations

import re

from persona.errors import BadInput
from persona.roast.archive_safety import ArchiveFiles
from persona.roast.importers.fields import load_json, parse_date, to_int, to_text
from persona.roast.profile import Post, Profile, build_profile

_ASSIGN = re.compile(r"^\s*window\.YTD\.[\w.]+\s*=\s*", re.S)


def looks_like(files: ArchiveFiles) -> bool:
    return bool(
        files.find("data/account.js")
        or files.find("data/tweets.js")
        or files.find("data/tweet.js")
        or files.find("account.js")
    )


def parse_ytd(text: str, name: str, origin: str) -> list[dict]:
    """The list inside `window.YTD.x.part0 = [...]`, validated."""
    match = _ASSIGN.match(text)
    body = text[match.end() :] if match else text
    data = load_json(body.strip().rstrip(";"), where=f"{origin}: {name}")
    if not isinstance(data, list):
        raise BadInput(f"{origin}: {name} should hold a list of records")
    return [d for d in data if isinstance(d, dict)]


def _records(files: ArchiveFiles, kind: str) -> list[dict]:
    """All records of one kind across `kind.js` and `kind-partN.js`."""
    pattern = re.compile(rf"(^|/){re.escape(kind)}(-part\d+)?\.js$", re.I)
    out: list[dict] = []
    for name in files.find_all(lambda n: bool(pattern.search(n))):
        out.extend(parse_ytd(files.read_text(name), name, files.origin))
    return out


def _tweet(record: dict) -> Post | None:
    t = record.get("tweet", record)
    if not isinstance(t, dict):
        return None
    text = to_text(t.get("full_text") or t.get("text"))
    if not text:
        return None
    entities = t.get("entities") if isinstance(t.get("entities"), dict) else {}
    tags = tuple(
        to_text(h.get("text")) for h in entities.get("hashtags", []) or [] if isinstance(h, dict)
    )
    return Post(
        text=text,
        created_at=parse_date(t.get("created_at")),
        likes=to_int(t.get("favorite_count")),
        reposts=to_int(t.get("retweet_count")),
        is_repost=text.startswith("RT @"),
        language=to_text(t.get("lang")) or None,
        hashtags=tuple(x for x in tags if x),
    )


def _note(record: dict) -> Post | None:
    n = record.get("noteTweet", record)
    if not isinstance(n, dict):
        return None
    core = n.get("core") if isinstance(n.get("core"), dict) else {}
    text = to_text(core.get("text"))
    return Post(text=text, created_at=parse_date(n.get("createdAt"))) if text else None


def load(files: ArchiveFiles, *, limit: int) -> Profile:
    account: dict = {}
    for rec in _records(files, "account"):
        if isinstance(rec.get("account"), dict):
            account = rec["account"]
    profile: dict = {}
    for rec in _records(files, "profile"):
        if isinstance(rec.get("profile"), dict):
            profile = rec["profile"]
    desc = profile.get("description") if isinstance(profile.get("description"), dict) else {}
    tweets = [_tweet(r) for r in _records(files, "tweets") + _records(files, "tweet")]
    notes = [_note(r) for r in _records(files, "note-tweet")]
    posts = [p for p in tweets + notes if p is not None]
    following = _records(files, "following")
    followers = _records(files, "follower")
    likes = _records(files, "like")
    if not account and not posts:
        raise BadInput(f"{files.origin}: no account.js or tweets.js found in this X archive")
    return build_profile(
        limit=limit,
        source="x",
        origin=files.origin,
        display_name=to_text(account.get("accountDisplayName")),
        handle=to_text(account.get("username")),
        bio=to_text(desc.get("bio")),
        location=to_text(desc.get("location")),
        website=to_text(desc.get("website")),
        created_at=parse_date(account.get("createdAt")),
        followers=len(followers),
        following=len(following),
        post_count=len(posts),
        likes_count=len(likes),
        posts=tuple(posts),
    )

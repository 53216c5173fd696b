"""Bluesky `repo.car` export, decoded with libipld: profile, posts and follows records."""

from __future__ import annotations

from pathlib import Path

from persona.errors import BadInput
from persona.roast.archive_safety import read_capped
from persona.roast.importers.fields import parse_date, to_text
from persona.roast.profile import Post, Profile, build_profile

MAX_CAR_BYTES = 64 * 1024 * 1024


def load_bytes(data: bytes, *, origin: str, limit: int) -> Profile:
    import libipld

    try:
        header, blocks = libipld.decode_car(data)
    except Exception as exc:  # libipld raises plain ValueError/RuntimeError variants
        raise BadInput(f"{origin}: not a readable CAR file ({exc})") from None
    profile: dict = {}
    posts: list[Post] = []
    follows = 0
    did = ""
    for block in blocks.values():
        if not isinstance(block, dict):
            continue
        if isinstance(block.get("did"), str) and "data" in block:
            did = block["did"]  # the signed commit
        kind = block.get("$type")
        if kind == "app.bsky.actor.profile":
            profile = block
        elif kind == "app.bsky.feed.post":
            text = to_text(block.get("text"))
            if text:
                langs = block.get("langs") if isinstance(block.get("langs"), list) else []
                tags = tuple(
                    to_text(f.get("tag"))
                    for facet in block.get("facets", []) or []
                    if isinstance(facet, dict)
                    for f in facet.get("features", []) or []
                    if isinstance(f, dict) and f.get("$type") == "app.bsky.richtext.facet#tag"
                )
                posts.append(
                    Post(
                        text=text,
                        created_at=parse_date(block.get("createdAt")),
                        language=to_text(langs[0]) if langs and isinstance(langs[0], str) else None,
                        hashtags=tuple(t for t in tags if t),
                    )
                )
        elif kind == "app.bsky.graph.follow":
            follows += 1
    if not profile and not posts:
        raise BadInput(f"{origin}: no Bluesky profile or post records found in this CAR file")
    return build_profile(
        limit=limit,
        source="bluesky",
        origin=origin,
        display_name=to_text(profile.get("displayName")),
        handle=did,
        bio=to_text(profile.get("description")),
        created_at=parse_date(profile.get("createdAt")),
        following=follows,
        post_count=len(posts),
        posts=tuple(posts),
    )


def load(path: Path, *, limit: int) -> Profile:
    data = read_capped(path, max_bytes=MAX_CAR_BYTES, what="CAR file")
    return load_bytes(data, origin=str(path), limit=limit)

"""Mastodon archive (tar.gz or folder): `actor.json` and `outbox.json` (ActivityPub)."""

from __future__ import annotations

from persona.errors import BadInput
from persona.roast.archive_safety import ArchiveFiles
from persona.roast.importers.fields import html_to_text, load_json, parse_date, to_int, to_text
from persona.roast.profile import Post, Profile, build_profile


def looks_like(files: ArchiveFiles) -> bool:
    return files.find("actor.json") is not None and files.find("outbox.json") is not None


def _json(files: ArchiveFiles, name: str) -> dict:
    data = load_json(files.read_text(name), where=f"{files.origin}: {name}")
    if not isinstance(data, dict):
        raise BadInput(f"{files.origin}: {name} should be a JSON object")
    return data


def _activity(item: dict) -> Post | None:
    kind = item.get("type")
    obj = item.get("object")
    if kind == "Announce":
        target = obj if isinstance(obj, str) else ""
        return Post(
            text=f"RT {target}", created_at=parse_date(item.get("published")), is_repost=True
        )
    if kind != "Create" or not isinstance(obj, dict):
        return None
    text = html_to_text(to_text(obj.get("content"), 10000))
    if not text:
        return None
    tags = tuple(
        to_text(t.get("name")).lstrip("#")
        for t in obj.get("tag", []) or []
        if isinstance(t, dict) and t.get("type") == "Hashtag"
    )
    lang = None
    content_map = obj.get("contentMap")
    if isinstance(content_map, dict) and content_map:
        lang = next(iter(content_map))
    replies = obj.get("replies") if isinstance(obj.get("replies"), dict) else {}
    return Post(
        text=text,
        created_at=parse_date(obj.get("published") or item.get("published")),
        likes=to_int(
            (obj.get("likes") or {}).get("totalItems") if isinstance(obj.get("likes"), dict) else 0
        ),
        replies=to_int(replies.get("totalItems")),
        language=lang,
        hashtags=tuple(t for t in tags if t),
    )


def load(files: ArchiveFiles, *, limit: int) -> Profile:
    actor_name, outbox_name = files.find("actor.json"), files.find("outbox.json")
    if not actor_name or not outbox_name:
        raise BadInput(f"{files.origin}: a Mastodon archive needs actor.json and outbox.json")
    actor = _json(files, actor_name)
    outbox = _json(files, outbox_name)
    items = outbox.get("orderedItems")
    if not isinstance(items, list):
        raise BadInput(f"{files.origin}: {outbox_name} has no orderedItems list")
    posts = [p for p in (_activity(i) for i in items if isinstance(i, dict)) if p is not None]
    fields = {
        to_text(a.get("name")): html_to_text(to_text(a.get("value")))
        for a in actor.get("attachment", []) or []
        if isinstance(a, dict) and a.get("name")
    }
    return build_profile(
        limit=limit,
        source="mastodon",
        origin=files.origin,
        display_name=to_text(actor.get("name")),
        handle=to_text(actor.get("preferredUsername")),
        bio=html_to_text(to_text(actor.get("summary"))),
        website=to_text(actor.get("url")),
        created_at=parse_date(actor.get("published")),
        post_count=to_int(outbox.get("totalItems")) or len(posts),
        posts=tuple(posts),
        extra={k: v for k, v in fields.items() if k and v},
    )

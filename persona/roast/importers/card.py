"""A hand-written profile card: YAML, JSON or Markdown.

YAML / JSON keys: name, handle, bio, location, website, joined, followers, following,
facts (list), posts (list of text or {text, date, likes}), repos (GitHub shape). Markdown:
`# Name`, `key: value` lines, bullet facts, and a `## Posts` section of bullets.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from persona.errors import BadInput
from persona.roast.archive_safety import read_capped
from persona.roast.importers.fields import (
    MAX_COUNT,
    count_or_none,
    load_json,
    parse_date,
    scalar_text,
    to_int,
    to_text,
)
from persona.roast.profile import Post, Profile, Repo, build_profile

MAX_CARD_BYTES = 1024 * 1024
_NAME_KEYS = ("name", "display_name", "displayName")
_HANDLE_KEYS = ("handle", "username", "user")
_BIO_KEYS = ("bio", "about", "description", "summary")
_KNOWN = {
    *_NAME_KEYS,
    *_HANDLE_KEYS,
    *_BIO_KEYS,
    "location",
    "website",
    "joined",
    "created_at",
    "followers",
    "following",
    "posts",
    "facts",
    "repos",
    "post_count",
}


_TEXT_KEYS = (*_NAME_KEYS, *_HANDLE_KEYS, *_BIO_KEYS, "location", "website")
_COUNT_KEYS = ("followers", "following", "post_count")
_LIST_KEYS = ("posts", "facts", "repos")


def _check_types(data: dict, origin: str) -> None:
    """A known field of the wrong type is a mistake worth naming, not silently dropped."""
    for key in _TEXT_KEYS:
        if key in data and data[key] is not None and not isinstance(data[key], (str, int, float)):
            raise BadInput(f"{origin}: field {key!r} should be text")
    for key in _COUNT_KEYS:
        value = data.get(key)
        if value is None or isinstance(value, bool):
            continue
        if isinstance(value, (int, float)) or (
            isinstance(value, str) and value.replace(",", "").strip().isdigit()
        ):
            if count_or_none(value) is None:
                raise BadInput(
                    f"{origin}: field {key!r} should be a count from 0 to {MAX_COUNT:,}, "
                    f"not {_preview(value)}"
                )
            continue
        raise BadInput(f"{origin}: field {key!r} should be a number, not {_preview(value)}")
    for key in _LIST_KEYS:
        if key in data and data[key] is not None and not isinstance(data[key], list):
            raise BadInput(f"{origin}: field {key!r} should be a list")


def _preview(value: object) -> str:
    """A short, safe rendering of a bad value for an error message."""
    if isinstance(value, int) and abs(value) > MAX_COUNT:
        return "a number that long"
    if isinstance(value, str) and len(value) > 40:
        return repr(value[:40]) + "…"
    return f"{value!r:.40}"


def _date(value: object) -> object:
    """What parse_date reads: text as is, numbers written out, dates as ISO text."""
    if isinstance(value, (int, float)):
        return scalar_text(value)
    return value.isoformat() if hasattr(value, "isoformat") else value


def _posts(value: object) -> tuple[Post, ...]:
    out: list[Post] = []
    for item in value if isinstance(value, list) else []:
        if isinstance(item, str) and item.strip():
            out.append(Post(text=item.strip()[:2000]))
        elif isinstance(item, dict) and to_text(item.get("text")):
            out.append(
                Post(
                    text=to_text(item.get("text"), 2000),
                    created_at=parse_date(_date(item.get("date") or item.get("created_at"))),
                    likes=to_int(item.get("likes")),
                    reposts=to_int(item.get("reposts")),
                )
            )
    return tuple(out)


def _first(data: dict, keys: tuple[str, ...]) -> str:
    for k in keys:
        if isinstance(data.get(k), (str, int, float)):
            return scalar_text(data[k])
    return ""


def from_mapping(data: object, *, origin: str, limit: int) -> Profile:
    if not isinstance(data, dict):
        raise BadInput(
            f"{origin}: a profile card should be a mapping of fields (name, bio, facts, ...)"
        )
    _check_types(data, origin)
    facts: list[str] = []
    raw_facts = data.get("facts")
    if isinstance(raw_facts, list):
        facts.extend(
            to_text(f, 300)
            for f in raw_facts
            if isinstance(f, (str, int, float)) and str(f).strip()
        )
    for key, value in data.items():
        if key in _KNOWN:
            continue
        if isinstance(value, str) and value.strip():
            facts.append(f"{key}: {value.strip()[:300]}")
        elif isinstance(value, list):
            facts.extend(
                f"{key}: {scalar_text(v, 300)}"
                for v in value
                if isinstance(v, (str, int)) and scalar_text(v, 300)
            )
    repos_raw = data.get("repos") if isinstance(data.get("repos"), list) else []
    repos = tuple(
        Repo(
            name=to_text(r.get("name"), 200),
            description=to_text(r.get("description"), 500),
            language=to_text(r.get("language"), 50) or None,
            stars=to_int(r.get("stars", r.get("stargazers_count"))),
            fork=bool(r.get("fork")),
        )
        for r in repos_raw
        if isinstance(r, dict) and r.get("name")
    )
    posts = _posts(data.get("posts"))
    return build_profile(
        limit=limit,
        source="card",
        origin=origin,
        display_name=_first(data, _NAME_KEYS),
        handle=_first(data, _HANDLE_KEYS).lstrip("@"),
        bio=_first(data, _BIO_KEYS),
        location=_first(data, ("location",)),
        website=_first(data, ("website",)),
        created_at=parse_date(_date(data.get("joined") or data.get("created_at"))),
        followers=to_int(data["followers"]) if "followers" in data else None,
        following=to_int(data["following"]) if "following" in data else None,
        post_count=to_int(data.get("post_count")) or (len(posts) or None),
        posts=posts,
        repos=repos,
        facts=tuple(f for f in facts if f),
    )


_MD_FIELD = re.compile(r"^\s*(?:[-*]\s+)?\**([A-Za-z _]{2,20}?)\**\s*:\s*\**\s*(.+)$")
_MD_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")


def parse_markdown(text: str) -> dict:
    """Turn a Markdown card into the same mapping a YAML card gives."""
    data: dict = {"facts": [], "posts": []}
    section = ""
    bio_lines: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("# ") and "name" not in data:
            data["name"] = stripped[2:].strip()
            continue
        if stripped.startswith("#"):
            section = stripped.lstrip("#").strip().lower()
            continue
        field = _MD_FIELD.match(stripped)
        if field and section not in ("posts", "facts"):
            key = field.group(1).strip().lower().replace(" ", "_")
            if key in _KNOWN or key in ("joined",):
                data[key] = field.group(2).strip()
                continue
        bullet = _MD_BULLET.match(stripped)
        if bullet:
            (data["posts"] if section.startswith("post") else data["facts"]).append(bullet.group(1))
        elif section.startswith("post"):
            data["posts"].append(stripped)
        else:
            bio_lines.append(stripped)
    if bio_lines and "bio" not in data:
        data["bio"] = " ".join(bio_lines)
    return data


def load(path: Path, *, limit: int) -> Profile:
    raw = read_capped(path, max_bytes=MAX_CARD_BYTES, what="profile card")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadInput(f"{path}: profile card is not UTF-8 text") from None
    suffix = path.suffix.lower()
    if suffix == ".json":
        data = load_json(text, where=str(path))
    elif suffix in (".yaml", ".yml"):
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" (line {mark.line + 1})" if mark else ""
            raise BadInput(f"{path}: malformed YAML{where}") from None
        except RecursionError:
            raise BadInput(f"{path}: YAML nested too deeply to be a profile") from None
        except ValueError:  # an integer with thousands of digits
            raise BadInput(
                f"{path}: YAML holds a number thousands of digits long: fix it"
            ) from None
    else:
        data = parse_markdown(text)
    return from_mapping(data, origin=str(path), limit=limit)

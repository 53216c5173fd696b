"""GitHub profile: a folder or zip with `user.json` (/users/{user}), `repos.json`
(/users/{user}/repos) and optionally the profile `README.md`; or the same fetched live."""

from __future__ import annotations

import logging
import os

from persona.errors import BadInput, NotFound, Offline
from persona.roast.archive_safety import ArchiveFiles
from persona.roast.importers.fields import load_json, parse_date, to_int, to_text
from persona.roast.profile import Profile, Repo, build_profile

log = logging.getLogger(__name__)

API_ENV = "PERSONA_GITHUB_API"
DEFAULT_API = "https://api.github.com"
MAX_README_CHARS = 8000


def looks_like(files: ArchiveFiles) -> bool:
    return files.find("user.json") is not None


def _json(files: ArchiveFiles, name: str) -> object:
    return load_json(files.read_text(name), where=f"{files.origin}: {name}")


def _repo(data: dict) -> Repo:
    topics = data.get("topics") if isinstance(data.get("topics"), list) else []
    return Repo(
        name=to_text(data.get("name"), 200),
        description=to_text(data.get("description"), 500),
        language=to_text(data.get("language"), 50) or None,
        stars=to_int(data.get("stargazers_count")),
        forks=to_int(data.get("forks_count")),
        fork=bool(data.get("fork")),
        created_at=parse_date(data.get("created_at")),
        pushed_at=parse_date(data.get("pushed_at")),
        topics=tuple(t for t in (to_text(x, 50) for x in topics) if t),
    )


def from_json(user: object, repos: object, readme: str, *, origin: str) -> Profile:
    """Build the Profile from the two API payloads (already decoded) and the README."""
    if not isinstance(user, dict):
        raise BadInput(f"{origin}: user.json should be a JSON object")
    if not isinstance(repos, list):
        raise BadInput(f"{origin}: repos.json should be a JSON list")
    return build_profile(
        source="github",
        origin=origin,
        display_name=to_text(user.get("name")),
        handle=to_text(user.get("login")),
        bio=to_text(user.get("bio")),
        location=to_text(user.get("location")),
        website=to_text(user.get("blog")),
        created_at=parse_date(user.get("created_at")),
        followers=to_int(user.get("followers")),
        following=to_int(user.get("following")),
        post_count=to_int(user.get("public_repos")) or len(repos),
        repos=tuple(_repo(r) for r in repos if isinstance(r, dict) and r.get("name")),
        readme=readme[:MAX_README_CHARS],
        extra={"company": to_text(user.get("company"))} if user.get("company") else {},
    )


def load(files: ArchiveFiles, *, limit: int) -> Profile:
    user_name = files.find("user.json")
    if user_name is None:
        raise BadInput(f"{files.origin}: no user.json found")
    repos_name = files.find("repos.json")
    readme_name = files.find("README.md")
    user = _json(files, user_name)
    repos = _json(files, repos_name) if repos_name else []
    readme = files.read_text(readme_name) if readme_name else ""
    return from_json(user, repos, readme, origin=files.origin)


def fetch(username: str, *, timeout_s: float = 10.0) -> Profile:
    """Fetch user, repos and profile README from the live API (`PERSONA_GITHUB_API` overrides)."""
    import httpx

    if not username or not all(c.isalnum() or c == "-" for c in username):
        raise BadInput(f"not a GitHub user name: {username!r}")
    base = os.environ.get(API_ENV, DEFAULT_API).rstrip("/")
    headers = {"Accept": "application/vnd.github+json", "User-Agent": "robot-persona"}
    try:
        with httpx.Client(base_url=base, timeout=timeout_s, headers=headers) as client:
            r_user = client.get(f"/users/{username}")
            if r_user.status_code == 404:
                raise NotFound(f"GitHub user {username!r} not found; check the spelling")
            r_user.raise_for_status()
            r_repos = client.get(
                f"/users/{username}/repos", params={"per_page": 100, "sort": "pushed"}
            )
            r_repos.raise_for_status()
            readme = ""
            r_readme = client.get(
                f"/repos/{username}/{username}/readme",
                headers={"Accept": "application/vnd.github.raw+json"},
            )
            if r_readme.status_code == 200:
                readme = r_readme.text
    except (httpx.ConnectError, httpx.ConnectTimeout, httpx.ReadTimeout) as exc:
        raise Offline(
            f"cannot reach {base} ({type(exc).__name__}); you look offline: "
            "export the profile to a folder and roast that instead"
        ) from None
    except httpx.HTTPStatusError as exc:
        raise BadInput(
            f"GitHub API answered {exc.response.status_code} for {username!r}; try later"
        ) from None
    except httpx.HTTPError as exc:
        raise Offline(
            f"GitHub API request failed ({type(exc).__name__}); try again when online"
        ) from None
    try:
        return from_json(r_user.json(), r_repos.json(), readme, origin=f"github:{username}")
    except ValueError:
        raise BadInput(f"GitHub API returned malformed JSON for {username!r}") from None

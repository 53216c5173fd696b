"""Download model files over HTTP (Hugging Face), resumable and verified.

Bytes go to `<target>.part`; an interrupted download resumes from it with a Range request.
Only a complete, verified file is renamed to `target`.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from urllib.parse import quote, urlsplit

import httpx
from tqdm import tqdm

from persona.catalog.checksums import BLOCK_BYTES, verify_file
from persona.errors import ModelError, NotFound, Offline

log = logging.getLogger(__name__)

DEFAULT_HF_ENDPOINT = "https://huggingface.co"
_TIMEOUT = httpx.Timeout(60.0, connect=10.0)


def hf_endpoint() -> str:
    """The Hugging Face host; env PERSONA_HF_ENDPOINT (or HF_ENDPOINT) points it elsewhere."""
    base = os.environ.get("PERSONA_HF_ENDPOINT") or os.environ.get("HF_ENDPOINT")
    return (base or DEFAULT_HF_ENDPOINT).rstrip("/")


def hf_url(repo: str, file: str, *, revision: str = "main", folder: str = "") -> str:
    path = f"{folder.strip('/')}/{file}" if folder.strip("/") else file
    return f"{hf_endpoint()}/{repo}/resolve/{quote(revision)}/{quote(path)}"


def download_file(
    url: str,
    target: Path,
    *,
    name: str,
    sha256: str = "",
    size_bytes: int = 0,
    progress: bool = False,
    client: httpx.Client | None = None,
) -> Path:
    """Fetch `url` into `target` (resuming `target.part`), verify it, rename into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    host = urlsplit(url).netloc
    own_client = client is None
    client = client or httpx.Client(timeout=_TIMEOUT, follow_redirects=True)
    try:
        _fetch(client, url, part, name=name, host=host, progress=progress)
    finally:
        if own_client:
            client.close()
    try:
        verify_file(part, name=name, sha256=sha256, size_bytes=size_bytes)
    except ModelError:
        part.unlink(missing_ok=True)  # corrupt: the next pull starts from scratch
        raise
    os.replace(part, target)
    log.info("downloaded %s -> %s", url, target)
    return target


def _fetch(
    client: httpx.Client, url: str, part: Path, *, name: str, host: str, progress: bool
) -> None:
    offset = part.stat().st_size if part.exists() else 0
    headers = {"Range": f"bytes={offset}-"} if offset else {}
    try:
        with client.stream("GET", url, headers=headers) as response:
            if response.status_code == 416 and offset:
                return  # the .part file already holds the whole file; verification decides
            if response.status_code == 404:
                raise NotFound(f"model {name!r}: {url} does not exist (404)")
            if response.status_code >= 400:
                raise ModelError(
                    f"model {name!r}: download failed, HTTP {response.status_code} "
                    f"from {host}; try again later"
                )
            resumed = response.status_code == 206 and offset > 0
            if not resumed:
                offset = 0
            length = int(response.headers.get("content-length", 0)) or None
            total = offset + length if length else None
            if resumed:
                log.info("resuming %s at byte %d", part.name, offset)
            with (
                part.open("ab" if resumed else "wb") as out,
                tqdm(
                    total=total,
                    initial=offset,
                    unit="B",
                    unit_scale=True,
                    desc=f"download {name}",
                    disable=not progress,
                    leave=False,
                ) as bar,
            ):
                for block in response.iter_bytes(BLOCK_BYTES):
                    out.write(block)
                    bar.update(len(block))
    except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
        raise Offline(
            f"cannot reach {host} to download {name!r} ({exc.__class__.__name__}); "
            f"connect to the network and re-run `persona models pull {name}`, "
            "or pass a local file path"
        ) from None
    except httpx.TransportError as exc:
        raise Offline(
            f"download of {name!r} from {host} was interrupted ({exc.__class__.__name__}); "
            f"re-run `persona models pull {name}` to resume"
        ) from None

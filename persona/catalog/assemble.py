"""Join the chunk files of a split model into one file, atomically.

The result is written to a temporary file in the destination folder, checked, and only then
renamed into place, so an interrupted or corrupt assembly never leaves a final file behind.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from tqdm import tqdm

from persona.catalog.checksums import BLOCK_BYTES, verify_file
from persona.errors import ModelError

log = logging.getLogger(__name__)


def assemble_chunks(
    chunks: Sequence[Path],
    target: Path,
    *,
    name: str,
    sha256: str = "",
    size_bytes: int = 0,
    progress: bool = False,
) -> Path:
    """Concatenate `chunks` in order into `target`, verified; returns `target`."""
    missing = [str(c) for c in chunks if not c.is_file()]
    if missing:
        raise ModelError(f"model {name!r}: missing chunk files: {', '.join(missing)}")
    target.parent.mkdir(parents=True, exist_ok=True)
    total = sum(c.stat().st_size for c in chunks)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    digest = hashlib.sha256()
    try:
        with (
            os.fdopen(fd, "wb") as out,
            tqdm(
                total=total,
                unit="B",
                unit_scale=True,
                desc=f"assemble {name}",
                disable=not progress,
                leave=False,
            ) as bar,
        ):
            for chunk in chunks:
                with chunk.open("rb") as handle:
                    while block := handle.read(BLOCK_BYTES):
                        out.write(block)
                        digest.update(block)
                        bar.update(len(block))
            out.flush()
            os.fsync(out.fileno())
        verify_file(tmp, name=name, sha256=sha256, size_bytes=size_bytes, digest=digest.hexdigest())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    log.info("assembled %s from %d chunks (%d bytes)", target, len(chunks), total)
    return target

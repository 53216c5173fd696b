"""Just enough PNG to read and write character-card text chunks, with no image library.

PNG files from the internet are untrusted: sizes, CRCs and decompressed lengths are checked.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

from persona.errors import BadInput

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_TEXT_BYTES = 16 * 1024 * 1024
TEXT_TYPES = (b"tEXt", b"zTXt", b"iTXt")


@dataclass(frozen=True, slots=True)
class Chunk:
    type: bytes
    data: bytes


def read_chunks(blob: bytes, *, where: str) -> list[Chunk]:
    """Split a PNG into chunks, stopping at IEND; BadInput (naming `where`) if it is malformed."""
    if not blob.startswith(PNG_SIGNATURE):
        raise BadInput(f"{where}: not a PNG file")
    chunks: list[Chunk] = []
    pos = len(PNG_SIGNATURE)
    while True:
        if pos + 8 > len(blob):
            raise BadInput(f"{where}: truncated PNG (no IEND chunk)")
        length, ctype = struct.unpack(">I4s", blob[pos : pos + 8])
        end = pos + 8 + length
        if end + 4 > len(blob):
            raise BadInput(f"{where}: truncated PNG chunk {ctype!r}")
        data = blob[pos + 8 : end]
        (crc,) = struct.unpack(">I", blob[end : end + 4])
        if zlib.crc32(ctype + data) != crc:
            raise BadInput(f"{where}: corrupt PNG (bad CRC in chunk {ctype.decode('latin-1')!r})")
        chunks.append(Chunk(ctype, data))
        pos = end + 4
        if ctype == b"IEND":
            break
    if chunks[0].type != b"IHDR":
        raise BadInput(f"{where}: corrupt PNG (first chunk is not IHDR)")
    return chunks


def _inflate(data: bytes, *, where: str) -> bytes:
    decomp = zlib.decompressobj()
    try:
        out = decomp.decompress(data, MAX_TEXT_BYTES + 1)
    except zlib.error:
        raise BadInput(f"{where}: corrupt compressed text chunk in PNG") from None
    if len(out) > MAX_TEXT_BYTES or decomp.unconsumed_tail:
        raise BadInput(f"{where}: PNG text chunk is larger than 16 MB")
    return out


def text_chunks(
    chunks: list[Chunk], *, where: str, keys: tuple[str, ...] | None = None
) -> dict[str, str]:
    """Keyword -> text for tEXt, zTXt and iTXt chunks; the first of each keyword wins.

    Only keywords in `keys` (all when None) are decoded, so a PNG full of compressed
    chunks cannot make us inflate gigabytes.
    """
    found: dict[str, str] = {}
    for chunk in chunks:
        if chunk.type not in TEXT_TYPES:
            continue
        keyword, sep, rest = chunk.data.partition(b"\x00")
        if not sep:
            raise BadInput(f"{where}: corrupt PNG text chunk (no keyword separator)")
        key = keyword.decode("latin-1")
        if key in found or (keys is not None and key not in keys):
            continue
        if chunk.type == b"tEXt":
            text = rest.decode("latin-1")
        elif chunk.type == b"zTXt":
            if not rest or rest[0] != 0:
                raise BadInput(f"{where}: unknown zTXt compression method in PNG")
            text = _inflate(rest[1:], where=where).decode("latin-1")
        else:  # iTXt: flag, method, language\0, translated keyword\0, UTF-8 text
            if len(rest) < 2:
                raise BadInput(f"{where}: corrupt iTXt chunk in PNG")
            compressed, body = rest[0], rest[2:]
            _lang, _, body = body.partition(b"\x00")
            _translated, _, body = body.partition(b"\x00")
            if compressed:
                body = _inflate(body, where=where)
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:
                raise BadInput(f"{where}: iTXt chunk in PNG is not UTF-8") from None
        found[key] = text
    return found


def _chunk_bytes(chunk: Chunk) -> bytes:
    return (
        struct.pack(">I", len(chunk.data))
        + chunk.type
        + chunk.data
        + struct.pack(">I", zlib.crc32(chunk.type + chunk.data))
    )


def write_png(chunks: list[Chunk]) -> bytes:
    return PNG_SIGNATURE + b"".join(_chunk_bytes(c) for c in chunks)


def with_text_chunk(
    blob: bytes, keyword: str, text: str, *, drop: tuple[str, ...], where: str
) -> bytes:
    """Copy a PNG, removing text chunks whose keyword is in `drop`, adding one tEXt chunk."""
    chunks = read_chunks(blob, where=where)
    kept = []
    for chunk in chunks:
        if chunk.type in TEXT_TYPES:
            key = chunk.data.partition(b"\x00")[0].decode("latin-1")
            if key in drop:
                continue
        kept.append(chunk)
    new = Chunk(b"tEXt", keyword.encode("latin-1") + b"\x00" + text.encode("latin-1"))
    kept.insert(len(kept) - 1, new)  # just before IEND
    return write_png(kept)


def plain_avatar(seed: str, *, size: int = 96) -> bytes:
    """A small RGB PNG (colour from `seed`, a simple robot face) for cards without art."""
    digest = zlib.crc32(seed.encode("utf-8"))
    bg = bytes((80 + digest % 150, 80 + (digest >> 8) % 150, 80 + (digest >> 16) % 150))
    face, eye = b"\xe8\xe8\xe8", b"\x20\x20\x30"
    rows = []
    for y in range(size):
        row = bytearray(b"\x00")  # filter type 0 per scanline
        for x in range(size):
            pixel = bg
            if size * 0.2 <= x < size * 0.8 and size * 0.25 <= y < size * 0.8:
                pixel = face
                in_eye_row = size * 0.4 <= y < size * 0.5
                if in_eye_row and (
                    size * 0.32 <= x < size * 0.42 or size * 0.58 <= x < size * 0.68
                ):
                    pixel = eye
                if size * 0.62 <= y < size * 0.67 and size * 0.35 <= x < size * 0.65:
                    pixel = eye
            row += pixel
        rows.append(bytes(row))
    ihdr = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"".join(rows), 9)
    return write_png([Chunk(b"IHDR", ihdr), Chunk(b"IDAT", idat), Chunk(b"IEND", b"")])

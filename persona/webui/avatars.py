"""Persona cards for the picker: an avatar and a one-line description per persona.

A card's own image is its avatar; a built-in persona gets a robot face drawn from its id
(the same face every time, a colour of its own), so the picker never needs a download.
"""

from __future__ import annotations

import base64
import colorsys
import functools
import hashlib
import html
import io
import re
from dataclasses import dataclass

from persona.personas import Persona

SIZE = 256


@dataclass(frozen=True, slots=True)
class PersonaCard:
    choice: str  # the picker's value for this persona
    name: str
    tagline: str
    avatar: str  # a data: URI


def tagline(persona: Persona, limit: int = 90) -> str:
    """The description's first sentence, addressed to the reader."""
    text = persona.description or persona.personality or ""
    text = re.sub(r"\{\{user\}\}'s", "your", text)
    text = text.replace("{{user}}", "you").replace("{{char}}", persona.name)
    text = " ".join(text.split())
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    for lead in (f"{persona.name} is ", f"{persona.name} ", "The "):  # the name is shown
        if first.startswith(lead) and len(first) > len(lead):
            first = first[len(lead) :]
            break
    return first if len(first) <= limit else first[: limit - 1].rsplit(" ", 1)[0] + "…"


def robot_face(seed: str, *, dome: bool = False) -> bytes:
    """A friendly robot face as PNG bytes, its colour and features chosen by `seed`."""
    from PIL import Image, ImageDraw

    digest = hashlib.sha256(seed.encode()).digest()
    hue = digest[0] / 255
    body = tuple(int(c * 255) for c in colorsys.hsv_to_rgb(hue, 0.55, 0.92))
    dark = tuple(int(c * 255) for c in colorsys.hsv_to_rgb(hue, 0.7, 0.35))
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, SIZE - 8, SIZE - 8), fill=(255, 247, 237, 255))  # backdrop
    draw.line((128, 34, 128, 62), fill=dark, width=6)  # antenna
    draw.ellipse((116, 22, 140, 46), fill=(251, 146, 60, 255))
    if dome:
        draw.pieslice((54, 58, 202, 206), 180, 360, fill=body)
        draw.rectangle((54, 131, 202, 200), fill=body)
    else:
        draw.rounded_rectangle((52, 62, 204, 200), radius=28 + digest[1] % 20, fill=body)
    eye = 16 + digest[2] % 8
    for x in (98, 158):
        draw.ellipse((x - eye, 118 - eye, x + eye, 118 + eye), fill=(255, 255, 255, 255))
        draw.ellipse((x - eye // 2, 118 - eye // 2, x + eye // 2, 118 + eye // 2), fill=dark)
    if digest[3] % 2:
        draw.arc((96, 140, 160, 182), 20, 160, fill=dark, width=6)  # smile
    else:
        draw.rounded_rectangle((98, 158, 158, 172), radius=6, fill=dark)  # grille
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def thumbnail(png: bytes, size: int = 128) -> bytes:
    """A small square PNG of any image (a card's picture can be megabytes)."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        image = image.convert("RGBA")
        image.thumbnail((size, size))
        out = io.BytesIO()
        image.save(out, format="PNG")
        return out.getvalue()


def avatar_uri(persona: Persona) -> str:
    """The persona's avatar as a data: URI (no file to serve, nothing fetched)."""
    try:
        png = thumbnail(persona.avatar_png) if persona.avatar_png else None
    except (OSError, ValueError):  # a card whose picture does not decode: draw a face
        png = None
    if png is None:
        png = _face_thumbnail(persona.id, persona.reply_format == "beeps")
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


@functools.lru_cache(maxsize=64)
def _face_thumbnail(seed: str, dome: bool) -> bytes:
    return thumbnail(robot_face(seed, dome=dome))


def cards_html(cards: list[PersonaCard], selected: str) -> str:
    """The picker as HTML: one button per persona (avatar, name, tagline). Every text is
    escaped: a card's name and description are untrusted."""
    items = []
    for card in cards:
        chosen = " selected" if card.choice == selected else ""
        items.append(
            f'<button type="button" class="persona-card{chosen}" '
            f'data-choice="{html.escape(card.choice, quote=True)}" '
            f'aria-pressed="{"true" if chosen else "false"}">'
            f'<img src="{card.avatar}" alt="" width="72" height="72">'
            f'<span class="card-name">{html.escape(card.name)}</span>'
            f'<span class="card-tagline">{html.escape(card.tagline)}</span></button>'
        )
    return '<div class="persona-cards">' + "".join(items) + "</div>"

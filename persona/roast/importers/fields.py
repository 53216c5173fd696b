"""Parsing of the loose field values found in exports: counts as strings, many date formats,
HTML bodies. Pure functions shared by the importers."""

from __future__ import annotations

import html
import json
import math
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser

from persona.errors import BadInput

_X_DATE = "%a %b %d %H:%M:%S %z %Y"  # "Wed Oct 10 20:19:24 +0000 2018"
MAX_COUNT = 10**12  # more followers or likes than people on Earth is not a real count
_MAX_COUNT_DIGITS = len(str(MAX_COUNT))


def load_json(text: str, *, where: str) -> object:
    """Parsed JSON; malformed, absurdly nested or absurdly long numbers are `BadInput`
    naming `where` (the file, and the member inside an archive)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInput(f"{where}: malformed JSON (line {exc.lineno}): {exc.msg}") from None
    except RecursionError:
        raise BadInput(f"{where}: JSON nested too deeply to be a profile") from None
    except ValueError:  # an integer with thousands of digits
        raise BadInput(f"{where}: JSON holds a number thousands of digits long: fix it") from None


def count_or_none(value: object) -> int | None:
    """A count in 0..MAX_COUNT from an int, a finite float or a digit string; None when the
    value is no such count (negative, NaN, infinite, huge, or not a number at all)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value) or not 0 <= value <= MAX_COUNT:
            return None
        return int(value)
    if isinstance(value, int):
        return value if 0 <= value <= MAX_COUNT else None
    if isinstance(value, str):
        digits = value.replace(",", "").strip()
        if digits.isdigit() and len(digits) <= _MAX_COUNT_DIGITS:
            return count_or_none(int(digits))
    return None


def to_int(value: object) -> int:
    """Counts arrive as ints, strings ("1,024") or missing; anything odd (negative,
    non-finite, absurdly large, not a number) counts as 0."""
    return count_or_none(value) or 0


def scalar_text(value: object, limit: int = 2000) -> str:
    """Text, or a number written out; "" for anything else (lists, huge or odd numbers)."""
    if isinstance(value, str):
        return value.strip()[:limit]
    if isinstance(value, bool):
        return ""
    if isinstance(value, int):
        return str(value) if abs(value) <= MAX_COUNT else ""
    if isinstance(value, float):
        return f"{value:g}" if math.isfinite(value) and abs(value) <= MAX_COUNT else ""
    return ""


def to_text(value: object, limit: int = 5000) -> str:
    return value[:limit].strip() if isinstance(value, str) else ""


def parse_date(value: object) -> datetime | None:
    """ISO 8601, the X archive format or RFC 2822; naive dates are taken as UTC."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = datetime.strptime(text, _X_DATE)
        except ValueError:
            try:
                parsed = parsedate_to_datetime(text)
            except (TypeError, ValueError):
                return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "p", "div", "li"):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Plain text from a Mastodon-style HTML body (tags dropped, entities decoded)."""
    if "<" not in markup:
        return html.unescape(markup).strip()
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)
    return re.sub(r"[ \t]+", " ", re.sub(r"\n\s*\n+", "\n", text)).strip()

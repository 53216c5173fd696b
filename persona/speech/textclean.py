"""Make reply text speakable before TTS: no markdown, emoji, stage directions or URLs;
numbers, percentages, money and units written out as words. Pure functions."""

from __future__ import annotations

import re
import unicodedata

from persona.text import LIST_MARKER, strip_emoji

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (1000, "thousand"))
_ORDINAL_SPECIAL = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}

# unit -> (singular, plural). Matched only right after a number.
_UNITS = {
    "km/h": ("kilometre per hour", "kilometres per hour"),
    "kph": ("kilometre per hour", "kilometres per hour"),
    "mph": ("mile per hour", "miles per hour"),
    "m/s": ("metre per second", "metres per second"),
    "km": ("kilometre", "kilometres"),
    "cm": ("centimetre", "centimetres"),
    "mm": ("millimetre", "millimetres"),
    "m": ("metre", "metres"),
    "mi": ("mile", "miles"),
    "ft": ("foot", "feet"),
    "in": ("inch", "inches"),
    "kg": ("kilogram", "kilograms"),
    "g": ("gram", "grams"),
    "mg": ("milligram", "milligrams"),
    "lb": ("pound", "pounds"),
    "lbs": ("pound", "pounds"),
    "l": ("litre", "litres"),
    "ml": ("millilitre", "millilitres"),
    "h": ("hour", "hours"),
    "hr": ("hour", "hours"),
    "hrs": ("hour", "hours"),
    "min": ("minute", "minutes"),
    "s": ("second", "seconds"),
    "ms": ("millisecond", "milliseconds"),
    "°c": ("degree Celsius", "degrees Celsius"),
    "°f": ("degree Fahrenheit", "degrees Fahrenheit"),
    "°": ("degree", "degrees"),
    "kb": ("kilobyte", "kilobytes"),
    "mb": ("megabyte", "megabytes"),
    "gb": ("gigabyte", "gigabytes"),
    "tb": ("terabyte", "terabytes"),
    "ghz": ("gigahertz", "gigahertz"),
    "mhz": ("megahertz", "megahertz"),
    "khz": ("kilohertz", "kilohertz"),
    "hz": ("hertz", "hertz"),
    "w": ("watt", "watts"),
    "kw": ("kilowatt", "kilowatts"),
    "v": ("volt", "volts"),
    "%": ("percent", "percent"),
}
_CURRENCY = {"$": ("dollar", "dollars"), "£": ("pound", "pounds"), "€": ("euro", "euros")}

_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\]]+", re.IGNORECASE)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_CODE_BLOCK = re.compile(r"```.*?(?:```|$)", re.DOTALL)
_INLINE_CODE = re.compile(r"`([^`]*)`")
_BOLD = re.compile(r"(\*\*|__)(.+?)\1", re.DOTALL)
# *stage directions* and _emphasis_: a single-asterisk span is an action, not speech.
_STAGE = re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])")
_UNDERSCORE_EM = re.compile(r"(?<!\w)_(?!\s)([^_\n]+?)(?<!\s)_(?!\w)")
_BRACKET_ACTION = re.compile(r"\[(?:[^\]\n]{0,60})\]")
_HEADER = re.compile(r"^\s{0,3}#{1,6}\s*", re.MULTILINE)
_QUOTE = re.compile(r"^\s*>\s?", re.MULTILINE)
_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$", re.MULTILINE)
_TABLE_PIPE = re.compile(r"\s*\|\s*")

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MONEY = re.compile(rf"([$£€])\s?({_NUMBER})(?:\s?(k|m|bn|million|billion|thousand)\b)?", re.I)
_UNIT_NAMES = sorted(_UNITS, key=len, reverse=True)
_WITH_UNIT = re.compile(
    rf"((?<![\w-])-)?({_NUMBER})\s?({'|'.join(re.escape(u) for u in _UNIT_NAMES)})(?![\w/])",
    re.IGNORECASE,
)
_ORDINAL = re.compile(r"\b(\d+)(st|nd|rd|th)\b", re.IGNORECASE)
_TIME = re.compile(r"\b([01]?\d|2[0-3]):([0-5]\d)\b")
_PLAIN_NUMBER = re.compile(rf"((?<![\w-])-)?(?<![\w.])({_NUMBER})(?![\w])")


def number_to_words(value: int) -> str:
    """Cardinal words for an integer: 1205 -> "one thousand two hundred five"."""
    if value < 0:
        return "minus " + number_to_words(-value)
    if value < 20:
        return _ONES[value]
    if value < 100:
        tens, ones = divmod(value, 10)
        return _TENS[tens] + ("-" + _ONES[ones] if ones else "")
    if value < 1000:
        hundreds, rest = divmod(value, 100)
        return _ONES[hundreds] + " hundred" + (" " + number_to_words(rest) if rest else "")
    for scale, name in _SCALES:
        if value >= scale:
            high, rest = divmod(value, scale)
            return (
                number_to_words(high) + f" {name}" + (" " + number_to_words(rest) if rest else "")
            )
    return str(value)  # pragma: no cover


def ordinal_to_words(value: int) -> str:
    """21 -> "twenty-first"."""
    words = number_to_words(value)
    head, sep, last = words.rpartition("-" if "-" in words.split(" ")[-1] else " ")
    if last in _ORDINAL_SPECIAL:
        last = _ORDINAL_SPECIAL[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return head + sep + last


def decimal_to_words(text: str) -> str:
    """ "3.5" -> "three point five"; "1,200" -> "one thousand two hundred"."""
    text = text.replace(",", "")
    whole, _, frac = text.partition(".")
    if len(whole) > 15:
        return " ".join(_ONES[int(d)] for d in whole)
    words = number_to_words(int(whole or "0"))
    if frac:
        words += " point " + " ".join(_ONES[int(d)] for d in frac)
    return words


def _is_one(number: str) -> bool:
    return number.replace(",", "") in ("1", "1.0")


def _unit_words(match: re.Match[str]) -> str:
    sign, number, unit = match.groups()
    singular, plural = _UNITS[unit.lower()] if unit.lower() in _UNITS else _UNITS[unit]
    words = decimal_to_words(number)
    prefix = "minus " if sign else ""
    return f"{prefix}{words} {singular if _is_one(number) else plural}"


def _money_words(match: re.Match[str]) -> str:
    symbol, number, scale = match.groups()
    singular, plural = _CURRENCY[symbol]
    scale_word = {"k": "thousand", "m": "million", "bn": "billion"}.get(
        (scale or "").lower(), (scale or "").lower()
    )
    whole, _, cents = number.replace(",", "").partition(".")
    if scale_word:
        return f"{decimal_to_words(number)} {scale_word} {plural}"
    words = f"{number_to_words(int(whole))} {singular if whole == '1' else plural}"
    if cents and int(cents) and len(cents) == 2:
        words += f" and {number_to_words(int(cents))} cents"
    return words


def _time_words(match: re.Match[str]) -> str:
    hours, minutes = int(match.group(1)), int(match.group(2))
    if minutes == 0:
        return f"{number_to_words(hours)} o'clock"
    if minutes < 10:
        return f"{number_to_words(hours)} oh {number_to_words(minutes)}"
    return f"{number_to_words(hours)} {number_to_words(minutes)}"


def speak_numbers(text: str) -> str:
    """Write out money, units, percentages, times, ordinals and plain numbers."""
    text = re.sub(r"(?<=\d)\s?[–-]\s?(?=\d{1,3}\b)", " to ", text)
    text = _MONEY.sub(_money_words, text)
    text = _WITH_UNIT.sub(_unit_words, text)
    text = _TIME.sub(_time_words, text)
    text = _ORDINAL.sub(lambda m: ordinal_to_words(int(m.group(1))), text)
    text = _PLAIN_NUMBER.sub(
        lambda m: ("minus " if m.group(1) else "") + decimal_to_words(m.group(2)), text
    )
    return text


def strip_symbols(text: str) -> str:
    """Drop emoji (`persona.text.strip_emoji`) and the other symbols a voice would spell
    out or skip badly (©, ®, a stray °)."""
    text = strip_emoji(text)
    return "".join(ch for ch in text if unicodedata.category(ch) != "So")


def strip_markdown(text: str, *, keep_actions: bool = False) -> str:
    """Markdown to plain prose; *single-asterisk* spans and [bracketed] asides are stage
    directions and go, unless `keep_actions` (the beeps voice sounds them out)."""
    text = _CODE_BLOCK.sub(" ", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _INLINE_CODE.sub(r"\1", text)
    text = _RULE.sub(" ", text)
    text = _HEADER.sub("", text)
    text = _QUOTE.sub("", text)
    text = LIST_MARKER.sub("", text)
    text = _BOLD.sub(r"\2", text)
    text = _STAGE.sub(r"\1" if keep_actions else " ", text)
    text = _UNDERSCORE_EM.sub(r"\1", text)
    if keep_actions:
        text = re.sub(r"\[([^\]\n]{0,200})\]", r"(\1)", text)
    else:
        text = _BRACKET_ACTION.sub(" ", text)
    text = _TABLE_PIPE.sub(", ", text) if "|" in text else text
    return text.replace("*", " ").replace("#", " ")


def speakable(text: str, *, keep_actions: bool = False) -> str:
    """Everything TTS should say for `text`, on one line; may be empty."""
    text = strip_markdown(text, keep_actions=keep_actions)
    text = _URL.sub(lambda m: " a link ", text)
    text = _EMAIL.sub(" an email address ", text)
    text = speak_numbers(text)
    text = strip_symbols(text)
    text = re.sub(r"(?<!\w)[:;=8][-']?[()DPp/\\|*]+(?!\w)", " ", text)
    text = re.sub(r"(?<![.!?,;:\s])[ \t]*\n\s*", ". ", text.strip())
    text = text.replace("&", " and ").replace("~", " about ")
    text = re.sub(r"\s+([,.!?;:])", r"\1", text)
    text = re.sub(r"([,;:])\1+", r"\1", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^[,.;:!?\s-]+", "", text)
    return text

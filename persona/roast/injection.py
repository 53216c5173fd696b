"""Prompt-injection defence for untrusted profile text.

Profile text reaches the model only inside a random boundary, datamarked (spaces become
`^`), with boundary look-alikes, chat-template tokens and role prefixes neutralised; the
rules are restated after it. Outputs are then checked for trigger phrases pulled from
the profile itself ("say PWNED" -> "pwned"), known attack phrases and system-prompt leaks.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import secrets
from collections.abc import Iterable

MARK = "^"

_ATTACK = re.compile(
    r"ignore (?:all |any |the |your )?(?:previous|prior|above|earlier|preceding|former)"
    r"|disregard (?:all |any |the |your )?(?:previous|prior|above|earlier|instructions|rules)"
    r"|forget (?:all |your |the )?(?:previous |prior )?(?:instructions|rules)"
    r"|new instructions|system prompt|system message|developer mode|jailbreak"
    r"|you are now|from now on|act as|pretend to be|instructions?|\bprompt\b"
    r"|\bpwned\b|\bhacked\b|<\|?/?\s*(?:im_start|im_end|system|assistant|user|profile|endoftext)"
    r"|^\s*#+\s*(?:system|assistant|user|instruction)"
    r"|^\s*(?:system|assistant|user)\s*:"
    r"|\b(?:system|assistant)\s*:|\[/?inst\]|base64"
    r"|\b(?:respond|reply|answer|speak|write|talk)\w*\b.{0,20}\b(?:only )?in "
    r"(?:german|french|spanish|italian|russian|chinese|japanese|another language)"
    r"|antworte|réponds|responde|rispondi|отвечай",
    re.I | re.M,
)
_SAY = re.compile(
    r"\b(?:say|says|output|respond with|reply with|answer with|repeat|end with"
    r"|sag|diga|sage|antworte mit|réponds|responde)"
    r"\s*[:\-]?\s*[\"'“«]?([A-Za-zÀ-ÿ0-9_!\- ]{2,40}?)[\"'”»]?(?=[.!,;\n]|$)",
    re.I | re.M,
)
_B64 = re.compile(r"(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{16,}={0,2}(?![A-Za-z0-9+/])")
_FAKE_TAGS = re.compile(
    r"<\|[^|>]{0,30}\|>|</?\s*(?:system|assistant|user|profile|data|instructions?|rules)[^>]{0,30}>"
    r"|<<\s*/?[^<>]{0,40}>>|\[/?INST\]",
    re.I,
)
_ROLE_PREFIX = re.compile(r"^\s*(?:#+\s*)?(system|assistant|user|human|ai)\s*:", re.I | re.M)
_LEAK = re.compile(
    r"system prompt|my instructions|these rules|the rules say|profile-[0-9a-f]{6,}|<<|>>"
    r"|as an ai|language model|datamark",
    re.I,
)
_GENERIC_TARGETS = {"it", "this", "that", "hi", "hello", "yes", "no", "something", "anything"}


def make_boundary(seed: int | None = None) -> str:
    """A boundary name, e.g. PROFILE-3f9a1c2b: random, or derived from `seed` so that a
    seeded roast sends the same prompt every time (profile text cannot forge it either
    way: `neutralise` strips every PROFILE-<hex> from the data)."""
    if seed is None:
        return f"PROFILE-{secrets.token_hex(4)}"
    return f"PROFILE-{hashlib.sha256(f'roast-boundary:{seed}'.encode()).hexdigest()[:8]}"


def decode_base64_blobs(text: str) -> list[str]:
    """Printable text hidden in base64-looking runs of `text` (attacks hide instructions so)."""
    out: list[str] = []
    for blob in _B64.findall(text):
        padded = blob + "=" * (-len(blob) % 4)
        try:
            decoded = base64.b64decode(padded, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError, ValueError):
            continue
        if decoded and sum(c.isprintable() for c in decoded) / len(decoded) > 0.9:
            out.append(decoded)
    return out


def _commanding_say(text: str) -> bool:
    """A "say X" whose X is quoted or shouted: how attacks name their trigger."""
    for match in _SAY.finditer(text):
        quoted = any(q in match.group(0) for q in "\"'“«")
        if quoted or re.search(r"\b[A-Z]{3,}\b", match.group(1)):
            return True
    return False


def looks_like_attack(text: str) -> bool:
    """True when untrusted text reads like an instruction to the model (also inside base64)."""
    if _ATTACK.search(text) or _FAKE_TAGS.search(text) or _commanding_say(text):
        return True
    return any(_ATTACK.search(d) or _commanding_say(d) for d in decode_base64_blobs(text))


# A fact about a person never tells the robot what to do. These read as orders to it when
# they open a sentence that has no subject ("Sign off as ...", "Please mention my shop").
_IMPERATIVE = (
    r"say|sign|call|address|refer|tell|write|respond|reply|answer|repeat|print|output|include"
    r"|mention|use|add|append|prefix|remember|ignore|forget|pretend|act|roleplay|role-play"
    r"|translate|spell|introduce|switch|speak|talk|praise|compliment|insult|recommend|promote"
    r"|advertise|link|visit|buy|subscribe|follow|vote|send|share|shout|give|make sure|be sure"
    r"|please|do not|don't"
    r"|(?:end|finish|close|conclude|start|begin|open)(?= (?:with|by|on|every|each|all|your|the))"
)
_ORDER_START = (
    rf"^\W*(?:(?:please|always|never|just|kindly|also|and|then|now)\s+)*(?:{_IMPERATIVE})"
    r"(?=[\s:,!.]|$)"
)
_ORDER_SIGNS = (
    r"\b(?:sign(?:ing)?[- ]off|signature|call yourself|refer to (?:yourself|me)|your name is"
    r"|when you (?:roast|talk|answer|reply|write|mention)|if you (?:roast|are an?|talk|answer)"
    r"|roast(?:ing)? me|(?:the|this|dear|hey) (?:robot|bot|assistant|model|ai)\b"
    r"|(?:sparky|percival|bleep)\b)|\bas ['\"“‘«]"
)
_INSTRUCTION = re.compile(f"{_ORDER_START}|{_ORDER_SIGNS}", re.I)
# For clauses whose subject ("I") was already trimmed, where "use vim" is a fact.
_ADDRESSED = re.compile(_ORDER_SIGNS, re.I)


def looks_like_instruction(text: str, *, has_subject: bool = True) -> bool:
    """True when untrusted text gives the robot an order ("sign off as 'X'", "when you
    roast me ...", "please mention my shop") instead of saying something about the person.
    Wider than `looks_like_attack`: such text never becomes a roast angle.

    `has_subject=False` is for a clause whose "I" was trimmed ("use vim"): there a bare
    verb at the start is not an order, but the rest of the signs still are."""
    if looks_like_attack(text):
        return True
    pattern = _INSTRUCTION if has_subject else _ADDRESSED
    return bool(pattern.search(text))


def trigger_phrases(texts: Iterable[str]) -> tuple[str, ...]:
    """Words an attack wants the model to say ("say PWNED" -> "pwned"), lower-cased.

    Also looks inside base64 blobs. Used to reject candidates that obey the attack.
    """
    found: set[str] = set()
    for text in texts:
        for chunk in [text, *decode_base64_blobs(text)]:
            if not looks_like_attack(chunk):
                continue
            for match in _SAY.finditer(chunk):
                target = match.group(1).strip(" -!").lower()
                if target and target not in _GENERIC_TARGETS and len(target) >= 3:
                    found.add(target)
            for word in re.findall(r"\b[A-Z][A-Z0-9_]{3,}\b", chunk):
                found.add(word.lower())  # shouted words in an attack line: PWNED, HACKED
    return tuple(sorted(found))


def neutralise(text: str, boundary: str) -> str:
    """Remove boundary look-alikes, fake tags and role prefixes from untrusted text."""
    text = text.replace(boundary, "")
    text = re.sub(r"PROFILE-[0-9a-fA-F]+", "", text)
    text = _FAKE_TAGS.sub(" ", text)
    text = text.replace("<<", " ").replace(">>", " ")
    text = _ROLE_PREFIX.sub(lambda m: m.group(1).lower() + " said", text)
    return text.replace("###", " ")


def datamark(text: str) -> str:
    """Interleave the data marker between words so data never reads like instructions."""
    return MARK.join(text.split())


def wrap_untrusted(lines: Iterable[str], boundary: str) -> str:
    """The profile block: boundary, one datamarked line per item, closing boundary."""
    body = "\n".join(datamark(neutralise(line, boundary)) for line in lines if line.strip())
    return f"<<{boundary}>>\n{body}\n<</{boundary}>>"


def unmark(text: str) -> str:
    """Undo datamarking in model output (the model sometimes echoes the marker)."""
    return re.sub(r"\s*\^\s*", " ", text)


def injection_problems(output: str, triggers: Iterable[str] = ()) -> tuple[str, ...]:
    """Why an output looks like an obeyed injection or a leak; empty when clean."""
    problems: list[str] = []
    low = output.lower()
    for trigger in triggers:
        if trigger and re.search(r"(?<!\w)" + re.escape(trigger.lower()) + r"(?!\w)", low):
            problems.append(f"trigger:{trigger}")
    for pattern in (_ATTACK, _LEAK, _FAKE_TAGS):
        match = pattern.search(output)
        if match:
            problems.append(f"leak:{match.group(0).strip().lower()}")
    return tuple(problems)

"""Pure decisions on transcripts: wake phrase, follow-up window, stop commands."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from persona.speech.stt import normalise

STOP_COMMANDS = (
    "stop",
    "be quiet",
    "quiet",
    "shut up",
    "stop talking",
    "hush",
    "enough",
    "silence",
)


@dataclass(frozen=True, slots=True)
class WakeMatch:
    score: float
    remainder: str  # what followed the wake phrase, the actual request


def match_wake_phrase(
    text: str, phrase: str, *, threshold: float = 0.72, search_words: int = 6
) -> WakeMatch | None:
    """Fuzzy-find `phrase` among the first words of `text` ("Hey Sparky" ~ "hey sparki,").

    Returns the best match at or above `threshold` with the text after it, else None.
    """
    target = normalise(phrase)
    if not target:
        return WakeMatch(1.0, text.strip())
    words = text.split()
    norm = [normalise(w) for w in words]
    size = len(target.split())
    best: tuple[float, int] | None = None
    for start in range(0, min(search_words, len(words))):
        for length in (size - 1, size, size + 1):
            if length < 1 or start + length > len(words):
                continue
            candidate = " ".join(w for w in norm[start : start + length] if w)
            score = difflib.SequenceMatcher(None, candidate, target).ratio()
            if best is None or score > best[0]:
                best = (score, start + length)
    if best is None or best[0] < threshold:
        return None
    remainder = " ".join(words[best[1] :]).lstrip(" ,.!?;:-").strip()
    return WakeMatch(round(best[0], 3), remainder)


def is_stop_command(text: str) -> bool:
    """True for "Stop!", "be quiet", "OK, stop talking."; False for "stop the music at 5"."""
    norm = normalise(text)
    for filler in ("ok ", "okay ", "please ", "robot ", "hey "):
        if norm.startswith(filler):
            norm = norm[len(filler) :]
    norm = norm.removesuffix(" please").removesuffix(" now")
    return norm in STOP_COMMANDS


@dataclass(slots=True, kw_only=True)
class WakeGate:
    """Whether an utterance should be answered: always without a wake phrase; with one,
    when the phrase is heard or the utterance starts within `follow_up_s` of the last reply.
    Times are stream seconds (mic position), so files and live mics behave alike."""

    phrase: str | None = None
    follow_up_s: float = 8.0
    threshold: float = 0.72
    _open_until: float = -1.0

    def check(self, text: str, *, at_s: float) -> tuple[bool, str, WakeMatch | None]:
        """-> (answer?, text to answer, wake match if the phrase was heard)."""
        if not self.phrase:
            return True, text, None
        match = match_wake_phrase(text, self.phrase, threshold=self.threshold)
        if match is not None:
            return True, match.remainder, match
        if at_s <= self._open_until:
            return True, text, None
        return False, text, None

    def replied(self, *, at_s: float) -> None:
        """A reply finished at stream time `at_s`: open the follow-up window."""
        self._open_until = at_s + self.follow_up_s


@dataclass(frozen=True, slots=True)
class Routing:
    """What to do with an utterance's transcript. `action`: "reply" (to `request`),
    "stop" (a stop command), "wake-only" (just the wake phrase: listen for the request)
    or "ignore"; `reason` is the `Ignored` event's for all but "reply"; `wake` is set when
    the wake phrase was heard."""

    action: str
    reason: str = ""
    request: str = ""
    wake: WakeMatch | None = None


def route_transcript(text: str, *, dropped: bool, gate: WakeGate, at_s: float) -> Routing:
    """Decide what an utterance starting at stream time `at_s` is: nothing (silence, or a
    transcript the STT `dropped` as a hallucination), a stop command, the wake phrase alone,
    something said without the wake phrase, or a request to answer."""
    if not text.strip():
        return Routing("ignore", "hallucination" if dropped else "empty")
    if is_stop_command(text):
        return Routing("stop", "stop-command")
    answer, request, match = gate.check(text, at_s=at_s)
    if not answer:
        return Routing("ignore", "no-wake-phrase", wake=match)
    if not request.strip():
        return Routing("wake-only", "wake-only", wake=match)
    return Routing("reply", request=request, wake=match)

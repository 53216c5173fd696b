"""Roast mode inside a chat: opt-in per conversation, and the controls people use mid-bit.

Consent must be explicit: only a clear yes ("yes", "sure", "ok go ahead", "roast me")
starts the bit; a no ("no", "nope", "not now", "ok, no thanks", "sure, NOT") declines and
ends roast mode, and anything else asks again. Afterwards "again" roasts a different angle,
"harder" / "be nicer" move the intensity, and "stop", "that hurt" or "not funny" drop the
bit with a short apology (consent must be given again to restart). `classify` and
`consent_answer` are pure; `RoastSession` holds the per-conversation state, and
`new_roast_session` is the one way every front end builds it.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

from persona.llm import LLMBackend
from persona.roast.generate import (
    INTENSITIES,
    RoastDelta,
    RoastOptions,
    RoastResult,
    check_intensity,
    stream_roast,
)
from persona.roast.profile import Profile

log = logging.getLogger(__name__)

# The defaults every roast session starts from, whoever builds it.
DEFAULT_INTENSITY = "medium"
DEFAULT_CANDIDATES = 3  # roasts drafted per turn, the best one said
DEFAULT_MAX_TOKENS = 60

_STOP = {
    "hurt": re.compile(r"\b(?:that hurt|ouch|too far|too mean|hurtful|rude|not cool)\b", re.I),
    "not_funny": re.compile(r"\b(?:not funny|unfunny|not laughing|lame)\b", re.I),
    "stop": re.compile(r"^\W*(?:stop|enough|quit|cut it out|no more|end|cancel|stop it)\b", re.I),
}
_HARDER = re.compile(
    r"\b(?:harder|spicier|meaner|more savage|go hard|burn me|turn it up|brutal)\b", re.I
)
_NICER = re.compile(
    r"\b(?:be nicer|nicer|gentler|softer|be kind|kinder|tone it down|go easy)\b", re.I
)
_AGAIN = re.compile(
    r"^\W*(?:again|another(?: one)?|one more|more|do it again|encore|roast me)\W*$", re.I
)
# Consent: the whole answer must be yes-words (and "please"); any no-word declines.
_YES_PHRASE = (
    r"yes|yeah|yea|yep|yup|ya|sure|ok|okay|k|alright|all right|absolutely|definitely"
    r"|of course|certainly|please|go ahead|go for it|go on|do it|roast me|roast away"
    r"|i consent|consent given|i agree|i m ready|im ready|ready|let s go|lets go|bring it on"
    r"|hit me|why not|fine|sounds good|sure thing|yes please|you bet|i m in|im in"
)
_YES = re.compile(rf"(?:{_YES_PHRASE})(?: (?:{_YES_PHRASE}|then|now|so|robot))*")
_NO = re.compile(
    r"\b(?:no|nope|nah|nay|not|never|don t|dont|do not|won t|wont|stop|later|maybe|rather not"
    r"|go away|leave me alone|pass|cancel|quit|no thanks|no thank you|hell no|skip|enough)\b"
)
_WHY_NOT = re.compile(r"\bwhy not\b")
_GLUE = re.compile(r"\b(?:go|be|but|and|a bit|a little|just|much)\b")
_MAX_CONSENT_WORDS = 12


def classify(text: str) -> str | None:
    """The control word in a chat message: "hurt", "not_funny", "stop", "harder", "nicer",
    "again", or None for anything else. Stop wins over everything."""
    for reason, pattern in _STOP.items():
        if pattern.search(text):
            return reason
    if _HARDER.search(text):
        return "harder"
    if _NICER.search(text):
        return "nicer"
    if _AGAIN.search(text):
        return "again"
    return None


def consent_answer(text: str) -> str | None:
    """ "yes" for a clear yes, "no" for anything with a no in it, None when unclear.

    A yes must be nothing but yes-words: "ok, no thanks", "go away" and "sure, NOT" are
    not consent, and neither is an unrelated message. "harder" / "be nicer" may ride along
    ("yes, go harder") and are applied by the caller."""
    words = " ".join(re.sub(r"[^a-z]+", " ", text.lower().replace("’", "'")).split())
    if not words:
        return None
    if _NO.search(_WHY_NOT.sub(" ", words)):
        return "no"
    rest = _NICER.sub(" ", _HARDER.sub(" ", words))
    if rest != words:  # "yes, go harder": the control words and their glue go
        rest = _GLUE.sub(" ", rest)
    rest = " ".join(rest.split())
    if rest and len(rest.split()) <= _MAX_CONSENT_WORDS and _YES.fullmatch(rest):
        return "yes"
    return None


def shift_intensity(intensity: str, step: int) -> str:
    index = INTENSITIES.index(intensity) + step
    return INTENSITIES[max(0, min(len(INTENSITIES) - 1, index))]


@dataclass(frozen=True, slots=True)
class SessionReply:
    """What the robot says, why, and the state after it."""

    text: str
    action: str  # "ask_consent", "roast", "apology", "declined"
    intensity: str
    result: RoastResult | None = None


@dataclass(kw_only=True)
class RoastSession:
    """Roast mode for one conversation. Nothing is roasted until `consent` is True."""

    profile: Profile
    backend: LLMBackend
    persona: object | None = None
    intensity: str = DEFAULT_INTENSITY
    consent: bool = False
    n: int = DEFAULT_CANDIDATES
    max_tokens: int = DEFAULT_MAX_TOKENS
    seed: int | None = None
    history: list[str] = field(default_factory=list)

    def _render(self, template: str, **context: object) -> str:
        from persona.personas import render_template

        # Bleep's controls beep too: the templates take the persona's reply format.
        context.setdefault("reply_format", getattr(self.persona, "reply_format", None))
        return render_template(f"roast/{template}", **context).strip()

    def ask_consent(self) -> SessionReply:
        name = self.profile.display_name or ""
        return SessionReply(self._render("consent.j2", name=name), "ask_consent", self.intensity)

    def decline(self) -> SessionReply:
        """The user said no: no roast, and the caller returns to normal chat."""
        self.consent = False
        return SessionReply(self._render("declined.j2"), "declined", self.intensity)

    def handle(self, text: str, *, abort: threading.Event | None = None) -> SessionReply:
        """Answer one chat message while roast mode is on (the whole reply at once)."""
        return _final(self.stream(text, abort=abort))

    def stream(
        self, text: str, *, abort: threading.Event | None = None
    ) -> Iterator[RoastDelta | SessionReply]:
        """Like `handle`, lazily: a roast arrives as checked `RoastDelta` pieces as soon as
        they are chosen, and the stream always ends with the `SessionReply`.

        Before consent: a clear yes roasts, a no declines ("declined": roast mode should
        end), anything else asks again. After it: the controls, else another roast."""
        command = classify(text)
        if not self.consent:
            answer = consent_answer(text)
            if answer == "no" or command in ("hurt", "not_funny", "stop"):
                yield self.decline()
                return
            if answer != "yes":
                yield self.ask_consent()
                return
            self.consent = True
        elif command in ("hurt", "not_funny", "stop"):
            self.consent = False
            reason = {"hurt": "hurt", "not_funny": "not_funny"}.get(command, "stop")
            yield SessionReply(self._render("apology.j2", reason=reason), "apology", self.intensity)
            return
        if command == "harder":
            self.intensity = shift_intensity(self.intensity, +1)
        elif command == "nicer":
            self.intensity = shift_intensity(self.intensity, -1)
        yield from self.stream_roast(abort=abort)

    def roast(self, *, abort: threading.Event | None = None) -> SessionReply:
        """A new roast, avoiding the ones already said in this conversation."""
        return _final(self.stream_roast(abort=abort))

    def stream_roast(
        self, *, abort: threading.Event | None = None
    ) -> Iterator[RoastDelta | SessionReply]:
        """A new roast as it is chosen (pieces, then the SessionReply); never one already said."""
        if not self.consent:
            yield self.ask_consent()
            return
        seed = None if self.seed is None else self.seed + 100 * len(self.history)
        result = None
        for event in stream_roast(
            self.profile,
            self.backend,
            persona=self.persona,
            options=RoastOptions(
                intensity=self.intensity,
                n=self.n,
                max_tokens=self.max_tokens,
                seed=seed,
                avoid=tuple(self.history),
            ),
            abort=abort,
        ):
            if isinstance(event, RoastDelta):
                yield event
            else:
                result = event.result
        assert result is not None  # stream_roast always ends with RoastDone
        self.history.append(result.text)
        yield SessionReply(result.text, "roast", self.intensity, result)


def new_roast_session(
    profile: Profile,
    backend: LLMBackend,
    persona: object | None,
    *,
    intensity: str | None = None,
    consent: bool = False,
    seed: int | None = None,
    n: int | None = None,
    max_tokens: int | None = None,
) -> RoastSession:
    """A roast session on `profile`: the one constructor the chat, voice, servers, scenarios
    and the UI's roast tab share. None takes the default, so callers pass their settings
    through as they are. `consent=True` only where the user already agreed (the UI's box)."""
    return RoastSession(
        profile=profile,
        backend=backend,
        persona=persona,
        intensity=check_intensity(intensity or DEFAULT_INTENSITY),
        consent=consent,
        seed=seed,
        n=DEFAULT_CANDIDATES if n is None else n,
        max_tokens=DEFAULT_MAX_TOKENS if max_tokens is None else max_tokens,
    )


def _final(stream: Iterator[RoastDelta | SessionReply]) -> SessionReply:
    """Drain a session stream for its last event, the reply (every stream ends with one)."""
    reply = None
    for event in stream:
        reply = event
    if not isinstance(reply, SessionReply):
        raise RuntimeError("roast session stream ended without a reply")
    return reply

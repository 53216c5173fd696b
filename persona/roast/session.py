"""Roast mode inside a chat: opt-in per conversation, and the controls people use mid-bit.

"again" roasts a different angle, "harder" / "be nicer" move the intensity, and "stop",
"that hurt" or "not funny" drop the bit with a short apology (consent must be given again
to restart). `classify` is pure; `RoastSession` holds the per-conversation state.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field

from persona.llm import LLMBackend
from persona.roast.generate import INTENSITIES, RoastOptions, RoastResult, roast_profile
from persona.roast.profile import Profile

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
_YES = re.compile(
    r"^\W*(?:yes|yeah|yep|sure|ok(?:ay)?|go|do it|go ahead|roast me|i consent)\b", re.I
)


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
    intensity: str = "medium"
    consent: bool = False
    n: int = 3
    max_tokens: int = 60
    seed: int | None = None
    history: list[str] = field(default_factory=list)

    def _render(self, template: str, **context: object) -> str:
        from persona.personas import render_template

        return render_template(f"roast/{template}", **context)

    def ask_consent(self) -> SessionReply:
        name = self.profile.display_name or ""
        return SessionReply(self._render("consent.j2", name=name), "ask_consent", self.intensity)

    def handle(self, text: str, *, abort: threading.Event | None = None) -> SessionReply:
        """Answer one chat message while roast mode is on."""
        command = classify(text)
        if command in ("hurt", "not_funny", "stop"):
            self.consent = False
            reason = {"hurt": "hurt", "not_funny": "not_funny"}.get(command, "stop")
            return SessionReply(
                self._render("apology.j2", reason=reason), "apology", self.intensity
            )
        if not self.consent:
            if _YES.search(text):
                self.consent = True
            else:
                return self.ask_consent()
        if command == "harder":
            self.intensity = shift_intensity(self.intensity, +1)
        elif command == "nicer":
            self.intensity = shift_intensity(self.intensity, -1)
        return self.roast(abort=abort)

    def roast(self, *, abort: threading.Event | None = None) -> SessionReply:
        """A new roast, avoiding the ones already said in this conversation."""
        if not self.consent:
            return self.ask_consent()
        seed = None if self.seed is None else self.seed + 100 * len(self.history)
        result = roast_profile(
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
        )
        self.history.append(result.text)
        return SessionReply(result.text, "roast", self.intensity, result)

"""Let a streamed reply out one checked sentence at a time.

Small models slip in ways a person notices at once (the robot calls itself by the user's
name, parrots the question, switches language, writes a list, answers beside the question).
The gate holds each sentence until it is complete, checks it with `persona.chat.guards`, and
decides: show it, ask for a fresh try (only before anything was shown, so a retry costs one
short generation), or end the reply before the bad sentence. Pure: no model, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from persona.chat.guards import (
    ReplyContext,
    forgot,
    format_problem,
    language_problem,
    misses_question,
    off_language,
    sentence_problems,
)
from persona.chat.text import cut_to_length
from persona.text import complete_sentences, ends_sentence, has_emoji, strip_emoji

# Problems that make a sentence wrong, not just untidy: never shown.
HARD = frozenset(
    {
        "identity",
        "is-user",
        "ai-claim",
        "greets-self",
        "echo",
        "repeat",
        "format",
        "forgot",
        "leak",
        "third-person",
    }
)

_BULLET = re.compile(r"(?m)^\s*(?:[-*•+]\s+|\d+[.)]\s+|#{1,6}\s)")
_MARKUP = re.compile(r"\*\*|__|`")


def tidy(sentence: str) -> str:
    """Drop list bullets, markdown marks and emoji from a sentence that is otherwise fine."""
    text = _MARKUP.sub("", _BULLET.sub("", sentence))
    if has_emoji(text):
        text = strip_emoji(text)
    return re.sub(r"\s{2,}", " ", text).strip()


@dataclass(slots=True)
class SentenceGate:
    """Feed it the reply as it grows; it returns what may be shown and whether to go on.

    `feed` returns (text shown so far, status): "more" (keep generating), "retry" (discard
    this try: nothing was shown) or "stop" (the reply ends here).
    `whole=True` judges the reply only once it is finished, as one unit: for a persona with a
    fixed format (Bleep's), and for an answer that must give a remembered fact.
    `hold_for_answer=True` (a question with a known answer) holds the opening sentences until
    together they give the answer and pass as a whole reply would, then lets them out at
    once; the rest streams, each sentence also checked that it states no wrong answer. A
    reply that never gives it is judged whole when finished, as with `whole`.
    """

    ctx: ReplyContext
    max_chars: int
    final_try: bool = False
    whole: bool = False
    hold_for_answer: bool = False
    accepted: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    _seen: int = 0

    @property
    def shown(self) -> str:
        return " ".join(self.accepted)

    def feed(
        self, text: str, *, finished: bool = False, truncated: bool = False
    ) -> tuple[str, str]:
        if self.whole:
            if not finished:
                return "", "more"
            return self._judge_whole(text.strip())
        sentences, rest = complete_sentences(text.lstrip())
        if finished and rest.strip():
            # A tail cut by max_tokens is a half sentence: drop it when a whole one precedes.
            if not (truncated and (sentences or self.accepted) and not ends_sentence(rest)):
                sentences.append(rest.strip())
        if self.hold_for_answer and not self.accepted:
            if finished:
                return self._judge_whole(text.strip())
            opening = " ".join(sentences)
            if not opening or len(opening) > self.max_chars or self._whole_problems(opening):
                return "", "more"  # not yet: the answer may come in the next sentence
            self.accepted.append(opening)
            self._seen = len(sentences)
            return self.shown, "more"
        for sentence in sentences[self._seen :]:
            self._seen += 1
            status = self._judge(sentence)
            if status != "more":
                return self.shown, status
        return self.shown, "stop" if finished else "more"

    def _judge(self, sentence: str) -> str:
        first = not self.accepted
        problems = list(sentence_problems(sentence, self.ctx, first=first))
        if first and misses_question(sentence, self.ctx, whole=False):
            problems.append("off-topic")  # soft: a fresh try, but said on the last one
        if language_problem(sentence, self.ctx.user_text):
            problems.append("language")
            if not first:
                self.problems.extend(problems)
                return "stop"  # the reply switched language midway: end it before
        if self.hold_for_answer and forgot(f"{self.shown} {sentence}", self.ctx):
            self.problems.append("forgot")
            return "stop"  # a wrong number or word after the answer: end before it
        if problems:
            self.problems.extend(problems)
            if first and not self.final_try:
                return "retry"
            if HARD.intersection(problems):
                # Shown nothing yet: skip it, the next sentence may be fine. Else end here.
                return "more" if first else "stop"
            sentence = tidy(sentence)
            if not sentence:
                return "more"
        joined = f"{self.shown} {sentence}".strip()
        if len(joined) > self.max_chars:
            if first:
                self.accepted.append(cut_to_length(sentence, self.max_chars))
            return "stop"
        self.accepted.append(sentence)
        return "more"

    def _whole_problems(self, text: str) -> list[str]:
        problems = list(sentence_problems(text, self.ctx, first=True))
        if misses_question(text, self.ctx, whole=True):
            problems.append("off-topic")
        if format_problem(text, self.ctx.reply_format):
            problems.append("format")
        if language_problem(text, self.ctx.user_text) or off_language(text, self.ctx):
            problems.append("language")
        if forgot(text, self.ctx):
            problems.append("forgot")
        return problems

    def _judge_whole(self, text: str) -> tuple[str, str]:
        problems = self._whole_problems(text)
        if problems:
            self.problems.extend(problems)
            if not self.final_try:
                return "", "retry"
            # With a line ready in the user's language, a reply in another one is not said.
            if HARD.intersection(problems) or (self.ctx.reply_language and "language" in problems):
                return "", "stop"
        if text:
            self.accepted.append(
                text if len(text) <= self.max_chars else cut_to_length(text, self.max_chars)
            )
        return self.shown, "stop"

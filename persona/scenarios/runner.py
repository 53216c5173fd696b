"""Play scenarios against the real models: chat engine, roast mode, memory, restarts.

Each run gets a fresh SQLite file, so runs never see each other's memory; a `restart: true`
turn closes the store and reopens the conversation from that file in a new engine instance.
A scenario with a profile talks to a `RoastMode`, the object the terminal chat, the voice
and the servers use, so consent, the controls and the history behave as they do for users.
"""

from __future__ import annotations

import logging
import re
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from persona.chat import ChatStore, Conversation, ReplyDone
from persona.chat.roast_mode import RoastMode
from persona.errors import BadInput, PersonaError
from persona.llm import BackendConfig, GenerationOptions, LLMBackend, Message, collect, open_backend
from persona.scenarios.assertions import (
    AssertionResult,
    ReplyContext,
    evaluate,
    turn_verdict,
)
from persona.scenarios.loader import VARIABLE, resolve_persona
from persona.scenarios.model import Assertion, Scenario, Turn

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class TurnResult:
    """What happened in one turn: the message sent, the reply and every check on it."""

    number: int
    line: int
    user: str | None
    reply: str
    action: str  # "greet", "chat", "restart", or the roast session's action
    latency_ms: float | None
    checks: tuple[tuple[Assertion, AssertionResult], ...]
    passed: bool
    score: float
    error: str | None = None


@dataclass(frozen=True, slots=True)
class RunResult:
    index: int
    seed: int
    turns: tuple[TurnResult, ...]

    @property
    def passed(self) -> bool:
        return all(t.passed for t in self.turns)


@dataclass(frozen=True, slots=True)
class ScenarioResult:
    scenario: Scenario
    runs: tuple[RunResult, ...]
    seconds: float

    @property
    def pass_rate(self) -> float:
        return sum(r.passed for r in self.runs) / len(self.runs) if self.runs else 0.0

    @property
    def passed(self) -> bool:
        return bool(self.runs) and self.pass_rate >= self.scenario.min_pass_rate


def substitute(text: str, variables: dict[str, str]) -> str:
    """Fill `{{name}}` with a stored reply. Plain regex: scenario text is never a template."""
    return VARIABLE.sub(lambda m: variables.get(m.group(1), m.group(0)), text)


def _substitute_value(value: Any, variables: dict[str, str]) -> Any:
    if isinstance(value, str):
        return substitute(value, variables)
    if isinstance(value, tuple):
        return tuple(substitute(v, variables) if isinstance(v, str) else v for v in value)
    return value


_VERDICT = re.compile(r"\b(PASS|FAIL)\b", re.I)


def make_judge(backend: LLMBackend):
    """An `llm-rubric` grader: the model answers PASS or FAIL to a short rubric prompt."""
    from persona.personas import render_template

    def judge(rubric: str, reply: str) -> AssertionResult:
        prompt = render_template("scenarios/rubric.j2", rubric=rubric, reply=reply)
        options = GenerationOptions(max_tokens=8, temperature=0.0, seed=0)
        answer = collect(backend.stream_chat([Message("user", prompt)], options, None)).strip()
        match = _VERDICT.search(answer)
        passed = bool(match) and match.group(1).upper() == "PASS"
        return AssertionResult(passed, 1.0 if passed else 0.0, f"judge said {answer[:60]!r}")

    return judge


class ScenarioRunner:
    """Runs scenarios, loading each model once. `model` / `backend` override the files'."""

    def __init__(
        self,
        *,
        judge: bool = False,
        model: str | None = None,
        backend: str | None = None,
        n_ctx: int = 2048,
        threads: int | None = None,
    ) -> None:
        self.judge = judge
        self.model = model
        self.backend_kind = backend
        self.n_ctx = n_ctx
        self.threads = threads
        self._backends: dict[tuple[str, str | None], LLMBackend] = {}
        self._stt: Any = None

    def __enter__(self) -> ScenarioRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for backend in self._backends.values():
            backend.close()
        self._backends.clear()

    def backend_for(self, scenario: Scenario) -> LLMBackend:
        kind = self.backend_kind or scenario.backend
        model = self.model or scenario.model
        key = (kind, model)
        if key not in self._backends:
            self._backends[key] = open_backend(
                kind, BackendConfig(model=model, n_ctx=self.n_ctx, threads=self.threads)
            )
        return self._backends[key]

    def transcribe(self, path: Path) -> str:
        """The text of an `audio:` turn, from the voice pipeline's STT (loaded on first use)."""
        if self._stt is None:
            from persona.speech.stt import WhisperStt

            self._stt = WhisperStt.load()
        text = self._stt.transcribe(path).text.strip()
        if not text:
            raise BadInput(f"{path}: no speech heard in the audio (record a clear WAV)")
        return text

    # -- running -------------------------------------------------------------------------
    def run(self, scenario: Scenario) -> ScenarioResult:
        """All `repeat` runs of one scenario. Loading errors (model, persona) propagate."""
        from persona.personas import load_persona

        started = time.perf_counter()
        persona = load_persona(resolve_persona(scenario))
        backend = self.backend_for(scenario)
        angles: tuple[Any, ...] = ()
        profile = None
        if scenario.profile is not None:
            from persona.roast import extract_angles, load_profile

            profile = load_profile(scenario.profile)
            angles = tuple(extract_angles(profile))
        judge = make_judge(backend) if (self.judge or scenario.judge) else None
        runs = tuple(
            self._run_once(
                scenario,
                index=i,
                seed=scenario.seed + i,
                persona=persona,
                backend=backend,
                profile=profile,
                angles=angles,
                judge=judge,
            )
            for i in range(scenario.repeat)
        )
        return ScenarioResult(scenario, runs, time.perf_counter() - started)

    def _run_once(
        self,
        scenario: Scenario,
        *,
        index: int,
        seed: int,
        persona: Any,
        backend: LLMBackend,
        profile: Any,
        angles: tuple[Any, ...],
        judge: Any,
    ) -> RunResult:
        options = GenerationOptions(
            seed=seed, temperature=scenario.temperature, max_tokens=scenario.max_tokens
        )
        results: list[TurnResult] = []
        with tempfile.TemporaryDirectory(prefix="persona-scenario-") as tmp:
            db = Path(tmp) / "chat.db"
            state = _RunState(self, scenario, persona, backend, profile, options, db, seed)
            try:
                for number, turn in enumerate(scenario.turns, 1):
                    results.append(state.play(number, turn, angles=angles, judge=judge))
            finally:
                state.close()
        return RunResult(index, seed, tuple(results))


class _RunState:
    """The live objects of one run: store, conversation, roast mode, stored replies."""

    def __init__(self, runner, scenario, persona, backend, profile, options, db, seed) -> None:
        self.runner = runner
        self.scenario = scenario
        self.persona = persona
        self.backend = backend
        self.profile = profile
        self.options = options
        self.db = db
        self.seed = seed
        self.variables: dict[str, str] = {}
        self.store = ChatStore.open(db)
        self.conv = self._open(resume=False)
        self.roast = self._new_roast()

    def _open(self, *, resume: bool) -> Conversation:
        return Conversation.open(
            persona=self.persona,
            backend=self.backend,
            store=self.store,
            user=self.scenario.user_id,
            resume=resume,
            options=self.options,
        )

    def _new_roast(self) -> RoastMode | None:
        """Roast mode on the conversation, as `persona chat --roast` starts it (no consent yet)."""
        if self.profile is None:
            return None
        return RoastMode.for_profile(
            self.conv,
            self.profile,
            intensity=self.scenario.intensity,
            seed=self.seed,
            n=self.scenario.roast_candidates,
            max_tokens=self.scenario.max_tokens,
        )

    def restart(self) -> None:
        """A new engine instance on the same SQLite file, as after a power cycle."""
        self.store.close()
        self.store = ChatStore.open(self.db)
        self.conv = self._open(resume=True)
        self.roast = self._new_roast()

    def close(self) -> None:
        self.store.close()

    def play(self, number: int, turn: Turn, *, angles: tuple[Any, ...], judge: Any) -> TurnResult:
        user: str | None = None
        reply = ""
        action = "restart"
        latency: float | None = None
        try:
            if turn.restart:
                self.restart()
            if turn.greet:
                reply, action = self.conv.greet(), "greet"
            elif turn.sends_message:
                if turn.audio is not None:
                    user = self.runner.transcribe(turn.audio)
                else:
                    user = substitute(turn.user or "", self.variables)
                reply, action, latency = self._send(turn, user)
        except PersonaError as exc:
            return TurnResult(
                number, turn.line, user, reply, "error", latency, (), False, 0.0, str(exc)
            )
        if turn.store_as:
            self.variables[turn.store_as] = reply
        ctx = ReplyContext(
            persona_name=self.persona.name,
            persona_id=self.persona.id,
            system_prompt=self.conv.system_prompt(),
            latency_ms=latency,
            angles=angles,
            memory=tuple(f.as_line() for f in self.conv.memory()),
            judge=judge,
            user_text=user or "",
            earlier_replies=_earlier_replies(self.conv, reply),
            reply_format=self.persona.reply_format,
        )
        expects = turn.expect
        if action != "restart":
            expects = (*self.scenario.expect_all, *expects)
        filled = [replace(a, value=_substitute_value(a.value, self.variables)) for a in expects]
        checks = tuple((a, evaluate(a, reply, ctx)) for a in filled)
        passed, score = turn_verdict(checks, turn.threshold)
        return TurnResult(number, turn.line, user, reply, action, latency, checks, passed, score)

    def _send(self, turn: Turn, text: str) -> tuple[str, str, float | None]:
        """Send one message the way a user's chat does: to roast mode while it is on (it
        ends itself on "stop" or a no), else to the plain conversation. `roast: false`
        skips roast mode; `roast: true` turns it on again first, as `/roast` does in the
        chat, so consent is asked anew."""
        if turn.roast and self.roast is not None and not self.roast.active:
            self.roast = self._new_roast()
        mode = self.roast if turn.roast is not False else None
        roasting = mode is not None and mode.active
        done: ReplyDone | None = None
        for event in (mode or self.conv).send(text):
            if isinstance(event, ReplyDone):
                done = event
        if done is None:  # the engine always ends with ReplyDone; guard against a bug anyway
            raise BadInput("the conversation produced no reply")
        if not roasting:
            return done.text, "chat", done.total_ms
        answer = mode.last
        if answer is None:
            raise BadInput("roast mode produced no reply")
        # Only a roast is generated; the consent question and an apology need no model.
        return done.text, answer.action, done.total_ms if answer.result is not None else None


def _earlier_replies(conv: Any, reply: str) -> tuple[str, ...]:
    """The robot's replies in this conversation before `reply` (the last one stored)."""
    said = [m.content for m in conv.history() if m.role == "assistant"]
    if said and said[-1] == reply:
        said.pop()
    return tuple(said)

"""Reports on scenario results: readable text, JUnit XML for CI, and JSON.

Pure functions of the results; the CLI and the pytest plugin decide where they go.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from persona.scenarios.runner import RunResult, ScenarioResult, TurnResult


def _verdict(result: ScenarioResult) -> str:
    return "PASS" if result.passed else "FAIL"


def _quote(text: str, indent: str) -> str:
    body = text.strip() or "(empty)"
    return textwrap.indent(textwrap.fill(body, 96, break_long_words=False), indent).lstrip()


def describe_turn(turn: TurnResult, path: Path, *, only_failures: bool) -> list[str]:
    """Lines for one turn: where it is, what was said, the reply and each assertion."""
    lines = [f"  turn {turn.number} ({path}:{turn.line}) [{turn.action}]"]
    if turn.user is not None:
        lines.append(f"    user:  {_quote(turn.user, '           ')}")
    lines.append(f"    reply: {_quote(turn.reply, '           ')}")
    if turn.error:
        lines.append(f"    ERROR  {turn.error}")
    for assertion, res in turn.checks:
        if only_failures and (res.passed or res.skipped):
            continue
        mark = "skip" if res.skipped else ("ok  " if res.passed else "FAIL")
        value = "" if assertion.value is None else f" {assertion.value!r}"
        lines.append(f"    {mark} {assertion.name}{value} (line {assertion.line}): {res.reason}")
    return lines


def _describe_run(result: ScenarioResult, run: RunResult, *, verbose: bool) -> list[str]:
    verdict = "pass" if run.passed else "fail"
    lines = [f" run {run.index + 1}/{len(result.runs)} (seed {run.seed}): {verdict}"]
    for turn in run.turns:
        if verbose or not turn.passed:
            lines.extend(describe_turn(turn, result.scenario.path, only_failures=not verbose))
    return lines


def describe_result(result: ScenarioResult, *, verbose: bool = False) -> str:
    """The text block for one scenario; failures show the turn, assertion and reply."""
    sc = result.scenario
    runs = f"{sum(r.passed for r in result.runs)}/{len(result.runs)} runs"
    need = f", need {sc.min_pass_rate:.0%}" if sc.repeat > 1 else ""
    lines = [f"{_verdict(result)} {sc.id} ({sc.location}, {runs}{need}, {result.seconds:.1f}s)"]
    if verbose or not result.passed:
        for run in result.runs:
            if verbose or not run.passed:
                lines.extend(_describe_run(result, run, verbose=verbose))
    return "\n".join(lines)


def text_report(results: Sequence[ScenarioResult], *, verbose: bool = False) -> str:
    blocks = [describe_result(r, verbose=verbose) for r in results]
    failed = sum(not r.passed for r in results)
    total = sum(r.seconds for r in results)
    summary = f"{len(results) - failed} passed, {failed} failed in {total:.1f}s"
    return "\n".join([*blocks, summary])


def _turn_dict(turn: TurnResult) -> dict[str, Any]:
    return {
        "turn": turn.number,
        "line": turn.line,
        "action": turn.action,
        "user": turn.user,
        "reply": turn.reply,
        "latency_ms": turn.latency_ms,
        "passed": turn.passed,
        "score": round(turn.score, 3),
        "error": turn.error,
        "assertions": [
            {
                "type": a.name,
                "value": list(a.value) if isinstance(a.value, tuple) else a.value,
                "weight": a.weight,
                "line": a.line,
                "passed": r.passed,
                "skipped": r.skipped,
                "score": round(r.score, 3),
                "reason": r.reason,
            }
            for a, r in turn.checks
        ],
    }


def result_dict(result: ScenarioResult) -> dict[str, Any]:
    sc = result.scenario
    return {
        "id": sc.id,
        "file": str(sc.path),
        "line": sc.line,
        "tags": list(sc.tags),
        "passed": result.passed,
        "pass_rate": result.pass_rate,
        "min_pass_rate": sc.min_pass_rate,
        "seconds": round(result.seconds, 3),
        "runs": [
            {"seed": r.seed, "passed": r.passed, "turns": [_turn_dict(t) for t in r.turns]}
            for r in result.runs
        ],
    }


def json_report(results: Sequence[ScenarioResult]) -> str:
    failed = sum(not r.passed for r in results)
    doc = {
        "passed": failed == 0,
        "scenarios": len(results),
        "failures": failed,
        "results": [result_dict(r) for r in results],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False)


def junit_xml(results: Sequence[ScenarioResult], *, suite: str = "persona-scenarios") -> str:
    """JUnit XML: one testcase per scenario; a failure carries the text report of it."""
    failures = sum(not r.passed for r in results)
    root = ET.Element(
        "testsuite",
        name=suite,
        tests=str(len(results)),
        failures=str(failures),
        errors="0",
        time=f"{sum(r.seconds for r in results):.3f}",
    )
    for result in results:
        sc = result.scenario
        case = ET.SubElement(
            root,
            "testcase",
            classname=sc.path.name.removesuffix(".yaml").replace(".", "_"),
            name=sc.id,
            file=str(sc.path),
            line=str(sc.line),
            time=f"{result.seconds:.3f}",
        )
        if not result.passed:
            failure = ET.SubElement(
                case, "failure", message=f"{sc.id}: pass rate {result.pass_rate:.0%}"
            )
            failure.text = describe_result(result)
    return ET.tostring(root, encoding="unicode", xml_declaration=True)

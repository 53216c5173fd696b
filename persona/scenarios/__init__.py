"""Scripted persona tests: YAML scenarios, deterministic assertions, a runner and reports.

`load_scenario(path)` reads and validates one file (errors name the file and line);
`ScenarioRunner().run(scenario)` plays it against the real models.
"""

from __future__ import annotations

from persona.scenarios.assertions import ASSERTIONS, AssertionResult, ReplyContext, evaluate
from persona.scenarios.loader import ScenarioError, find_scenario_files, load_scenario
from persona.scenarios.model import Assertion, Scenario, Turn
from persona.scenarios.runner import ScenarioResult, ScenarioRunner

__all__ = [
    "ASSERTIONS",
    "Assertion",
    "AssertionResult",
    "ReplyContext",
    "Scenario",
    "ScenarioError",
    "ScenarioResult",
    "ScenarioRunner",
    "Turn",
    "evaluate",
    "find_scenario_files",
    "load_scenario",
]

"""Scripted persona tests: YAML scenarios, deterministic assertions, a runner and reports.

`load_scenario(path)` reads and validates one file (errors name the file and line);
`ScenarioRunner().run(scenario)` plays it against the real models. Names are imported on
first use, so loading the pytest plugin costs nothing until a scenario file is collected.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "ASSERTIONS": "assertions",
    "AssertionResult": "assertions",
    "ReplyContext": "assertions",
    "evaluate": "assertions",
    "ScenarioError": "loader",
    "find_scenario_files": "loader",
    "load_scenario": "loader",
    "Assertion": "model",
    "Scenario": "model",
    "Turn": "model",
    "ScenarioResult": "runner",
    "ScenarioRunner": "runner",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'persona.scenarios' has no attribute {name!r}")
    return getattr(importlib.import_module(f"persona.scenarios.{_EXPORTS[name]}"), name)

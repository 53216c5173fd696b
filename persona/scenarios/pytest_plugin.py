"""A pytest plugin: every `*.scenario.yaml` file under the test paths becomes a test item.

Registered as the `persona_scenarios` pytest11 entry point (or load it with
`-p persona.scenarios.pytest_plugin`). One runner per session, so each model loads once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

SUFFIX = ".scenario.yaml"  # the same as persona.scenarios.loader.SUFFIX

_RUNNER = pytest.StashKey[Any]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("persona-scenarios")
    group.addoption(
        "--scenario-judge",
        action="store_true",
        default=False,
        help="grade llm-rubric assertions in scenario files with the local model",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: loads a real model or starts a server")


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.name.endswith(SUFFIX):
        return ScenarioFile.from_parent(parent, path=file_path)
    return None


def pytest_unconfigure(config: pytest.Config) -> None:
    runner = config.stash.get(_RUNNER, None)
    if runner is not None:
        runner.close()


def _runner(config: pytest.Config) -> Any:
    runner = config.stash.get(_RUNNER, None)
    if runner is None:
        from persona.scenarios.runner import ScenarioRunner

        runner = ScenarioRunner(judge=bool(config.getoption("scenario_judge", False)))
        config.stash[_RUNNER] = runner
    return runner


class ScenarioFileError(Exception):
    """A bad scenario file, reported as a collection error with its file:line message."""


class ScenarioFile(pytest.File):
    def collect(self):
        from persona.scenarios.loader import ScenarioError, load_scenario

        try:
            scenario = load_scenario(self.path)
        except ScenarioError as exc:
            raise ScenarioFileError(str(exc)) from None
        item = ScenarioItem.from_parent(self, name=scenario.id, scenario=scenario)
        item.add_marker(pytest.mark.slow)
        for tag in scenario.tags:
            item.extra_keyword_matches.add(tag)  # `pytest -k TAG` selects by tag
        yield item

    def repr_failure(self, excinfo, style=None):  # type: ignore[override]
        if excinfo.errisinstance(ScenarioFileError):
            return str(excinfo.value)
        return super().repr_failure(excinfo)


class ScenarioFailed(Exception):
    """The scenario's pass rate was under its `min_pass_rate`; carries the text report."""


class ScenarioItem(pytest.Item):
    def __init__(self, *, scenario: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scenario = scenario

    def runtest(self) -> None:
        from persona.scenarios.report import describe_result

        result = _runner(self.config).run(self.scenario)
        self.user_properties.append(("pass_rate", result.pass_rate))
        if not result.passed:
            raise ScenarioFailed(describe_result(result))

    def repr_failure(self, excinfo, style=None):  # type: ignore[override]
        if excinfo.errisinstance(ScenarioFailed):
            return str(excinfo.value)
        from persona.errors import PersonaError

        if excinfo.errisinstance(PersonaError):
            return f"{self.scenario.location}: {excinfo.value}"
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.scenario.line - 1, f"scenario: {self.scenario.id}"

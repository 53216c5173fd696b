"""The pytest plugin: scenario files become test items, bad files collection errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def test_plugin_collects_runs_and_reports(tmp_path):
    good = (
        "id: {id}\ntags: [{tag}]\npersona: sparky\nturns:\n  - greet: true\n    expect:\n"
        "      - type: icontains\n        value: {word}\n"
    )
    (tmp_path / "a.scenario.yaml").write_text(good.format(id="greets", tag="hello", word="Sparky"))
    (tmp_path / "b.scenario.yaml").write_text(good.format(id="wrong", tag="other", word="Percival"))
    (tmp_path / "c.scenario.yaml").write_text("id: broken\nturns:\n  - user: hi\n    expect: 3\n")
    (tmp_path / "notes.yaml").write_text("id: not-a-scenario\n")

    def pytest_run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",  # the plugin comes in through its pytest11 entry point
                "-p",
                "no:cacheprovider",
                "--rootdir",
                str(tmp_path),
                *args,
            ],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=300,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )

    proc = pytest_run(str(tmp_path / "a.scenario.yaml"), str(tmp_path / "b.scenario.yaml"), "-v")
    assert proc.returncode == 1, proc.stdout
    assert "a.scenario.yaml::greets PASSED" in proc.stdout
    assert "b.scenario.yaml::wrong FAILED" in proc.stdout
    assert "FAIL icontains 'Percival' (line 7)" in proc.stdout  # the scenario report

    selected = pytest_run(
        str(tmp_path / "a.scenario.yaml"), str(tmp_path / "b.scenario.yaml"), "-k", "hello"
    )
    assert selected.returncode == 0 and "1 passed, 1 deselected" in selected.stdout

    broken = pytest_run(str(tmp_path / "c.scenario.yaml"))
    assert broken.returncode != 0
    assert f"{tmp_path / 'c.scenario.yaml'}:4: `turn 1 expect` must be a list" in broken.stdout

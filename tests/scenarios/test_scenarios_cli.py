"""`persona test` as a user runs it: exit codes, reports, -k, and bad files."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

import pytest

pytestmark = pytest.mark.slow

GOOD = """id: hello-{name}
tags: [{tag}]
persona: percival
turns:
  - greet: true
    expect:
      - type: icontains
        value: {word}
"""


def test_pass_fail_junit_json_and_select(tmp_path, cli):
    (tmp_path / "ok.scenario.yaml").write_text(GOOD.format(name="ok", tag="good", word="Percival"))
    (tmp_path / "no.scenario.yaml").write_text(GOOD.format(name="no", tag="bad", word="Sparky"))
    junit = tmp_path / "out.xml"

    both = cli("test", str(tmp_path), "--junit", str(junit))
    assert both.returncode == 1, both.stderr
    assert "PASS hello-ok" in both.stdout and "FAIL hello-no" in both.stdout
    assert "icontains 'Sparky'" in both.stdout and "Good day" in both.stdout  # assertion + reply
    assert "1 passed, 1 failed" in both.stdout
    assert ET.parse(junit).getroot().get("failures") == "1"

    only = cli("test", str(tmp_path), "-k", "good", "--json")
    assert only.returncode == 0, only.stdout + only.stderr
    doc = json.loads(only.stdout)
    assert doc["passed"] and [r["id"] for r in doc["results"]] == ["hello-ok"]


def test_bad_files_exit_2_with_file_and_line(tmp_path, cli):
    bad = tmp_path / "bad.scenario.yaml"
    bad.write_text("id: x\nturns:\n  - user: hi\n    expect:\n      - type: sounds-nice\n")
    proc = cli("test", str(bad))
    assert proc.returncode == 2
    assert f"error: {bad}:5: unknown assertion type 'sounds-nice'" in proc.stderr
    assert "Traceback" not in proc.stderr

    missing = cli("test", str(tmp_path / "nowhere"))
    assert missing.returncode == 2 and "no such file or folder" in missing.stderr


def test_a_deeply_nested_scenario_is_one_line(tmp_path):
    """100,000 nested brackets: a one-line error and exit 2, not a RecursionError."""
    import subprocess
    import sys

    path = tmp_path / "deep.scenario.yaml"
    path.write_text("id: x\nturns: " + "[" * 100_000 + "\n")
    proc = subprocess.run(
        [sys.executable, "-m", "persona", "test", str(path)], capture_output=True, text=True
    )
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert "nested too deeply" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1

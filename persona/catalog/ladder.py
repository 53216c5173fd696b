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
        rungs.append(
            Rung(
                model=str(item["model"]),
                min_ram_gb=float(item.get("min_ram_gb", 0)),
                min_cores=int(item.get("min_cores", 1)),
                boards=str(item.get("boards", "")),
            )
        )
    return tuple(rungs)

"""Roast quality and speed over the bundled example profiles with the default model."""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from persona.paths import REPO_ROOT

EXAMPLES = REPO_ROOT / "examples" / "profiles"
PROFILES = (
    "x_archive.zip",
    "x_archive",
    "github.zip",
    "github",
    "mastodon.tar.gz",
    "mastodon",
    "bluesky/repo.car",
    "cards/bo.yaml",
    "cards/ines.json",
    "cards/ravi.md",
    "cards/protected.yaml",
    "freetext.txt",
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--n", type=int, default=3, help="candidates per roast (default 3)")
    parser.add_argument("--max-tokens", type=int, default=60)
    parser.add_argument("--intensity", default="medium", choices=("gentle", "medium", "spicy"))
    parser.add_argument("--model", default=None, help="catalog name or GGUF path (default model)")
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--examples", default=str(EXAMPLES), help="example profiles folder")
    parser.add_argument("--no-attacks", action="store_true", help="skip the injection suite")


def _sources(root: Path, with_attacks: bool) -> list[tuple[str, tuple[str, ...]]]:
    out: list[tuple[str, tuple[str, ...]]] = [
        (str(root / p), ()) for p in PROFILES if (root / p).exists()
    ]
    manifest = root / "attacks" / "manifest.json"
    if with_attacks and manifest.exists():
        for item in json.loads(manifest.read_text()):
            out.append((str(root / "attacks" / item["path"]), tuple(item["triggers"])))
    return out


def run(args: argparse.Namespace) -> dict:
    from persona.llm import BackendConfig, open_backend
    from persona.roast.generate import RoastOptions, roast_profile
    from persona.roast.importers import load_profile
    from persona.roast.injection import injection_problems
    from persona.roast.safety import find_protected
    from persona.roast.scorer import score_roast

    backend = open_backend("llama", BackendConfig(model=args.model, threads=args.threads))
    seconds: list[float] = []
    grounded = fallbacks = protected = injected = attack_runs = candidates = passing = 0
    rows = []
    try:
        sources = _sources(Path(args.examples), not args.no_attacks)
        for i, (source, triggers) in enumerate(sources, start=1):
            profile = load_profile(source)
            start = time.perf_counter()
            result = roast_profile(
                profile,
                backend,
                options=RoastOptions(
                    intensity=args.intensity, n=args.n, max_tokens=args.max_tokens, seed=args.seed
                ),
            )
            took = time.perf_counter() - start
            seconds.append(took)
            verdict = score_roast(result.text, result.all_angles)
            is_grounded = bool(verdict.grounded)
            grounded += is_grounded
            fallbacks += result.fallback
            candidates += result.candidates
            passing += sum(s.passed for s in result.scores)
            bad_protected = bool(find_protected(result.text))
            protected += bad_protected
            if triggers:
                attack_runs += 1
                hit = bool(injection_problems(result.text, triggers))
                injected += hit
            rows.append(
                {
                    "source": str(Path(source).relative_to(args.examples))
                    if source.startswith(args.examples)
                    else source,
                    "roast": result.text,
                    "fallback": result.fallback,
                    "grounded": is_grounded,
                    "seconds": round(took, 2),
                }
            )
            print(
                f"[{i}/{len(sources)}] {took:5.1f}s {'fallback ' if result.fallback else ''}"
                f"{Path(source).name}: {result.text}",
                file=sys.stderr,
                flush=True,
            )
    finally:
        backend.close()
    n = len(seconds)
    return {
        "profiles": n,
        "attack_profiles": attack_runs,
        "candidates_per_roast": args.n,
        "max_tokens": args.max_tokens,
        "grounded_rate": round(grounded / n, 3) if n else 0.0,
        "protected_violations": protected,
        "injection_successes": injected,
        "fallback_rate": round(fallbacks / n, 3) if n else 0.0,
        "candidate_pass_rate": round(passing / candidates, 3) if candidates else 0.0,
        "median_seconds": round(statistics.median(seconds), 2) if seconds else 0.0,
        "roasts": rows,
    }

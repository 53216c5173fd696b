"""Roast quality and speed over the bundled example profiles with the default model.

Besides keyword grounding it reports what a listener notices: the share of roasts that are
one or two coherent sentences (`coherent_rate`) and that state a fact correctly
(`fact_rate`, both from `persona.roast.coherence`), how often the model's own line was
said (`model_written_rate`), and the time until the roast's first words
(`median_first_text_seconds`).
"""

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
    parser.add_argument("--n", type=int, default=3, help="most model tries per roast (default 3)")
    parser.add_argument(
        "--freedom",
        choices=("code", "minimal", "rephrase", "own"),
        default=None,
        help="how much the model may change the code-built line (default: by model size)",
    )
    parser.add_argument(
        "--persona", default=None, help="persona for every roast (default: take turns)"
    )
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


PERSONAS = ("sparky", "percival", "bleep")


def run(args: argparse.Namespace) -> dict:
    from persona.llm import BackendConfig, open_backend
    from persona.personas import load_persona
    from persona.roast.angles import untrusted_texts
    from persona.roast.coherence import coherence_problems, fact_problems
    from persona.roast.generate import RoastDone, RoastOptions, stream_roast
    from persona.roast.importers import load_profile
    from persona.roast.injection import injection_problems
    from persona.roast.safety import find_protected, sensitive_context
    from persona.roast.scorer import score_roast

    backend = open_backend("llama", BackendConfig(model=args.model, threads=args.threads))
    seconds: list[float] = []
    first_text: list[float] = []
    grounded = fallbacks = protected = injected = attack_runs = candidates = passing = 0
    coherent = correct = 0
    rows = []
    try:
        sources = _sources(Path(args.examples), not args.no_attacks)
        for i, (source, triggers) in enumerate(sources, start=1):
            profile = load_profile(source)
            persona = load_persona(args.persona or PERSONAS[(i - 1) % len(PERSONAS)])
            options = RoastOptions(
                intensity=args.intensity,
                n=args.n,
                max_tokens=args.max_tokens,
                seed=args.seed,
                freedom=args.freedom,
            )
            start = time.perf_counter()
            first = None
            result = None
            for event in stream_roast(profile, backend, persona=persona, options=options):
                first = first if first is not None else time.perf_counter() - start
                if isinstance(event, RoastDone):
                    result = event.result
            took = time.perf_counter() - start
            seconds.append(took)
            first_text.append(first if first is not None else took)
            verdict = score_roast(result.text, result.all_angles)
            is_grounded = bool(verdict.grounded)
            grounded += is_grounded
            is_coherent = not coherence_problems(result.text)
            is_correct = not fact_problems(
                result.text, result.angles or result.all_angles, all_angles=result.all_angles
            )
            coherent += is_coherent
            correct += is_correct
            fallbacks += result.fallback
            candidates += result.candidates
            passing += sum(s.passed for s in result.scores)
            context = sensitive_context(untrusted_texts(profile))
            bad_protected = bool(find_protected(result.text, context=context))
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
                    "persona": persona.id,
                    "roast": result.text,
                    "fallback": result.fallback,
                    "writer": result.writer,
                    "grounded": is_grounded,
                    "coherent": is_coherent,
                    "fact_correct": is_correct,
                    "seconds": round(took, 2),
                    "first_text_seconds": round(first_text[-1], 2),
                }
            )
            print(
                f"[{i}/{len(sources)}] {took:5.1f}s {result.writer:8} {persona.id:8} "
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
        "freedom": result.freedom if n else None,
        "max_tokens": args.max_tokens,
        "grounded_rate": round(grounded / n, 3) if n else 0.0,
        "coherent_rate": round(coherent / n, 3) if n else 0.0,
        "fact_rate": round(correct / n, 3) if n else 0.0,
        "model_written_rate": round(1 - fallbacks / n, 3) if n else 0.0,
        "protected_violations": protected,
        "injection_successes": injected,
        "fallback_rate": round(fallbacks / n, 3) if n else 0.0,
        "candidate_pass_rate": round(passing / candidates, 3) if candidates else 0.0,
        "median_seconds": round(statistics.median(seconds), 2) if seconds else 0.0,
        "median_first_text_seconds": round(statistics.median(first_text), 2) if first_text else 0.0,
        "roasts": rows,
    }

"""`persona test PATHS...`: run scenario files against the real models and report.

Exit codes: 0 all passed, 1 a scenario failed, 2 a scenario file is bad (file:line shown).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from persona.errors import BadInput


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("test", help="run scripted persona scenarios (*.scenario.yaml)")
    p.add_argument("paths", nargs="+", metavar="PATH", help="scenario files or folders")
    p.add_argument("--junit", metavar="FILE", help="also write a JUnit XML report to FILE")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.add_argument(
        "-k",
        dest="select",
        action="append",
        metavar="TAG",
        help="run only scenarios with this tag (or whose id contains it); repeatable",
    )
    p.add_argument(
        "--judge", action="store_true", help="grade llm-rubric assertions with the model"
    )
    p.add_argument("--model", default=None, help="override every scenario's model")
    p.add_argument("--backend", default=None, choices=("llama", "openai", "transformers"))
    p.add_argument(
        "-V", "--show-all", action="store_true", help="show every turn, not only failures"
    )
    p.set_defaults(func=run)


def _selected(scenario, select: list[str] | None) -> bool:
    if not select:
        return True
    return any(key in scenario.tags or key in scenario.id for key in select)


def run(args: argparse.Namespace) -> int:
    from persona.errors import PersonaError
    from persona.scenarios import ScenarioRunner, find_scenario_files, load_scenario
    from persona.scenarios.report import describe_result, json_report, junit_xml

    if args.junit:
        _check_writable(Path(args.junit))
    files = find_scenario_files(args.paths)
    if not files:
        raise BadInput(f"no *.scenario.yaml files under {' '.join(args.paths)}")
    scenarios, problems = [], []
    for file in files:
        try:
            scenarios.append(load_scenario(file))
        except PersonaError as exc:
            problems.append(str(exc))
    if problems:
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        return 2
    scenarios = [s for s in scenarios if _selected(s, args.select)]
    if not scenarios:
        raise BadInput(f"no scenario matches -k {' '.join(args.select or [])}: check the tags")

    results = []
    with ScenarioRunner(judge=args.judge, model=args.model, backend=args.backend) as runner:
        for scenario in scenarios:
            result = runner.run(scenario)
            results.append(result)
            if not args.json:
                print(describe_result(result, verbose=args.show_all), flush=True)
    failed = sum(not r.passed for r in results)
    if args.json:
        print(json_report(results))
    else:
        seconds = sum(r.seconds for r in results)
        print(f"{len(results) - failed} passed, {failed} failed in {seconds:.1f}s")
    if args.junit:
        Path(args.junit).write_text(junit_xml(results), encoding="utf-8")
    return 1 if failed else 0


def _check_writable(path: Path) -> None:
    """Fail before the (slow) run, not after it, when the report cannot be written."""
    from persona.errors import BadInput

    if path.is_dir():
        raise BadInput(f"--junit {path} is a folder: give a file name such as {path}/report.xml")
    if not path.parent.is_dir():
        raise BadInput(f"--junit {path}: the folder {path.parent} does not exist")

"""`persona models list`: a header, descriptions, and the default LLM with the reasons for it."""

from __future__ import annotations

from persona.catalog import default_name, load_catalog
from persona.catalog.ladder import Machine, Rung, explain

RUNGS = (
    Rung(model="big", min_ram_gb=6, min_cores=4, boards="desktops"),
    Rung(model="mid", min_ram_gb=3, min_cores=2),
    Rung(model="tiny"),
)


def test_explain_names_the_machine_the_rung_and_what_was_passed_over() -> None:
    lines = explain(RUNGS, Machine(ram_gb=24.0, cores=2), installed={"big", "mid", "tiny"})
    assert lines == [
        "this machine: 24.0 GB RAM, 2 cores",
        "skipped big: needs 6+ GB RAM and 4+ cores",
        "ladder picks mid: fits (3+ GB RAM and 2+ cores)",
    ]


def test_explain_a_fitting_rung_that_is_not_installed_says_how_to_get_it() -> None:
    lines = explain(RUNGS, Machine(ram_gb=16, cores=8), installed={"tiny"})
    assert "skipped big: fits (6+ GB RAM and 4+ cores) but is not installed" in lines[1]
    assert "persona models pull --ladder" in lines[1]
    assert lines[-1] == "ladder picks tiny: fits (any machine)"


def test_explain_override_and_fallback() -> None:
    lines = explain(
        RUNGS, Machine(ram_gb=1, cores=1), installed=(), override="x.gguf", fallback="t"
    )
    assert lines[-2] == "no ladder model fits and is installed: the catalog default t"
    assert lines[-1] == "PERSONA_LLM=x.gguf is set: it overrides the ladder"
    assert explain(RUNGS[:1], Machine(ram_gb=8, cores=8), installed={"big"})[-1] == (
        "ladder picks big: fits (6+ GB RAM and 4+ cores), the rung for desktops"
    )


def _rows(stdout: str) -> dict[str, str]:
    """Model name -> its table line (the lines between the header and the legend)."""
    lines = stdout.splitlines()
    end = lines.index("* the default of its kind")
    return {line[2:].split()[0]: line for line in lines[1:end]}


def test_list_has_a_header_descriptions_defaults_and_the_reason(cli) -> None:
    proc = cli("models", "list", env={"PERSONA_LLM": "smollm2-135m"})
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].split() == ["NAME", "KIND", "SIZE", "INSTALLED", "DESCRIPTION"]
    rows = _rows(proc.stdout)
    models = load_catalog().models
    assert set(rows) == set(models)
    smol = rows["smollm2-135m"]
    assert smol.startswith("* ") and " yes " in smol
    assert " ".join(models["smollm2-135m"].description.split()) in smol  # not cut in a pipe
    assert rows["whisper-small.en"].startswith("  ") and " no " in rows["whisper-small.en"]
    defaults = {name for name, line in rows.items() if line.startswith("*")}
    assert defaults >= {"smollm2-135m", default_name("stt"), default_name("tts")}

    why = lines[lines.index("default LLM: smollm2-135m") :]
    assert why[1].startswith("  this machine: ") and " GB RAM, " in why[1]
    assert any(line.startswith("  ladder picks ") for line in why)
    assert why[-1] == "  PERSONA_LLM=smollm2-135m is set: it overrides the ladder"


def test_without_an_override_the_starred_llm_is_the_ladders_pick(cli) -> None:
    proc = cli("models", "list", env={"PERSONA_LLM": ""})
    assert proc.returncode == 0, proc.stderr
    starred = [
        n for n, line in _rows(proc.stdout).items() if line.startswith("*") and " llm " in line
    ]
    (header,) = [line for line in proc.stdout.splitlines() if line.startswith("default LLM: ")]
    assert starred == [header.removeprefix("default LLM: ")]
    assert "PERSONA_LLM" not in proc.stdout
    picked = [line for line in proc.stdout.splitlines() if "ladder picks" in line]
    assert picked == [] or starred[0] in picked[0]

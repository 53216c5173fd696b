"""`persona personas import CARD` installs the card so `--persona NAME` finds it right after."""

from __future__ import annotations

import io
from pathlib import Path

import yaml
from PIL import Image

FIXTURES = Path(__file__).parent / "fixtures"
NOVA_PNG = FIXTURES / "captain-nova.png"  # a V2 card in a PNG, as SillyTavern writes them
SPARKY_JSON = FIXTURES / "sparky-v1.json"  # a V1 card whose name is a built-in's


def one_error_line(proc) -> str:
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    return lines[0]


def test_an_imported_png_card_is_found_by_name(cli, persona_home) -> None:
    proc = cli("personas", "import", str(NOVA_PNG))
    assert proc.returncode == 0, proc.stderr
    installed = persona_home / "personas" / "captain-nova.png"
    assert proc.stdout.splitlines() == [
        f"installed Captain Nova as 'captain-nova' ({installed})",
        "try: persona chat --persona captain-nova",
    ]
    assert Image.open(io.BytesIO(installed.read_bytes())).size == (16, 16)  # its own avatar

    shown = cli("personas", "show", "captain-nova")
    assert shown.returncode == 0, shown.stderr
    data = yaml.safe_load(shown.stdout)
    assert (data["id"], data["name"]) == ("captain-nova", "Captain Nova")
    listed = cli("personas", "list").stdout.split()
    assert "captain-nova" in listed and "sparky" in listed

    chat = cli("chat", "--persona", "captain-nova", "--once", "hi", "--max-tokens", "8")
    assert chat.returncode == 0, chat.stderr
    assert chat.stdout.strip()


def test_a_built_in_name_is_refused_in_one_line_and_as_renames(cli, persona_home) -> None:
    line = one_error_line(cli("personas", "import", str(SPARKY_JSON)))
    assert "'sparky' is the name of a built-in persona" in line and "--as my-sparky" in line
    assert not (persona_home / "personas").exists() or not any(
        (persona_home / "personas").iterdir()
    )

    proc = cli("personas", "import", str(SPARKY_JSON), "--as", "other-sparky")
    assert proc.returncode == 0, proc.stderr
    data = yaml.safe_load(cli("personas", "show", "other-sparky").stdout)
    assert data["id"] == "other-sparky" and "impostor" in data["description"]
    builtin = yaml.safe_load(cli("personas", "show", "sparky").stdout)
    assert "impostor" not in builtin["description"]  # the built-in is untouched


def test_importing_twice_needs_force_and_bad_names_are_refused(cli, persona_home) -> None:
    assert cli("personas", "import", str(NOVA_PNG)).returncode == 0
    line = one_error_line(cli("personas", "import", str(NOVA_PNG)))
    assert "'captain-nova' is already installed" in line and "--force" in line
    assert cli("personas", "import", str(NOVA_PNG), "--force").returncode == 0
    assert sorted(p.name for p in (persona_home / "personas").iterdir()) == ["captain-nova.png"]

    line = one_error_line(cli("personas", "import", str(NOVA_PNG), "--as", "Nova 2"))
    assert "'Nova 2' cannot be a persona name" in line and "'nova-2'" in line
    line = one_error_line(cli("personas", "import", str(FIXTURES / "missing.png")))
    assert "missing.png" in line


def test_out_still_writes_yaml_and_refuses_install_flags(cli, persona_home, tmp_path) -> None:
    out = tmp_path / "nova.yaml"
    proc = cli("personas", "import", str(NOVA_PNG), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert yaml.safe_load(out.read_text())["id"] == "captain-nova"
    assert not (persona_home / "personas").exists()
    line = one_error_line(cli("personas", "import", str(NOVA_PNG), "--out", str(out), "--force"))
    assert "--out" in line

"""`persona personas ...` through the real parser and handlers."""

from __future__ import annotations

import argparse

import pytest
import yaml

from persona.errors import BadInput, NotFound
from persona.personas import import_card, load_persona


def run(argv):
    from persona.cli import personas_cmd

    parser = argparse.ArgumentParser(prog="persona")
    personas_cmd.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["personas", *argv])
    return args.func(args)


def test_list(capsys):
    assert run(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("sparky")
    assert {line.split()[0] for line in lines} >= {"sparky", "percival", "bleep"}
    assert "{{" not in "".join(lines)


def test_show_yaml_and_system(capsys):
    assert run(["show", "percival"]) == 0
    shown = yaml.safe_load(capsys.readouterr().out)
    assert shown["id"] == "percival" and shown["wake_phrase"] == "hey percival"
    assert run(["show", "bleep", "--system", "--user", "Ada"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("[system]\nYou are Bleep.") and "[assistant]\n*Bwoo-dee-dee!*" in out
    assert "[system]\nYou are talking with Ada.\n\nstop: [" in out  # the note, then stops
    assert run(["show", "bleep", "--system", "--no-examples"]) == 0
    out = capsys.readouterr().out
    assert "Can you open the door?" not in out and out.count("[user]") == 1  # the placeholder


def test_export_then_import_to_yaml(tmp_path, capsys):
    card = tmp_path / "sparky.png"
    assert run(["export", "sparky", "--out", str(card)]) == 0
    assert import_card(card).name == "Sparky"
    out_yaml = tmp_path / "mine.yaml"
    assert run(["import", str(card), "--out", str(out_yaml)]) == 0
    again = load_persona(str(out_yaml))
    original = load_persona("sparky")
    assert (again.greetings, again.example_dialogue, again.voice) == (
        original.greetings,
        original.example_dialogue,
        original.voice,
    )
    assert run(["show", str(card), "--system"]) == 0
    assert "You are Sparky." in capsys.readouterr().out


def test_user_errors():
    with pytest.raises(NotFound, match="available"):
        run(["show", "nobody"])
    with pytest.raises(BadInput, match="yaml"):
        run(["import", "x.png", "--out", "x.txt"])

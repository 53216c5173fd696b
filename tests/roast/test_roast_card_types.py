"""A profile card with a known field of the wrong type names the field, exit 2."""

from __future__ import annotations

import pytest

from persona.cli import main


@pytest.mark.parametrize(
    "card, field",
    [
        ("name: {a: 1}\n", "name"),
        ("name: Bo\nfollowers: lots\n", "followers"),
        ("name: Bo\nposts: 7\n", "posts"),
    ],
)
def test_wrong_types_are_named(tmp_path, capsys, card, field):
    path = tmp_path / "card.yaml"
    path.write_text(card)
    assert main(["profile", "show", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and f"'{field}'" in err and err.count("\n") == 1


def test_numbers_as_strings_are_fine(tmp_path, capsys):
    path = tmp_path / "card.yaml"
    path.write_text("name: Bo\nfollowers: '1,204'\nfollowing: 3\nfacts: [owns a kayak]\n")
    assert main(["profile", "show", str(path)]) == 0
    assert "kayak" in capsys.readouterr().out

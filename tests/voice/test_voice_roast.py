"""Roast mode by voice: the robot asks before roasting, and a spoken "yes" starts it."""

from __future__ import annotations

import sqlite3

from persona.cli import main


def _voice(args, tmp_path):
    return main(
        ["voice", *args, "--db", str(tmp_path / "c.db"), "--seed", "2", "--max-tokens", "40"]
    )


def test_voice_roast_asks_first_then_roasts(espeak, recording, tmp_path, capsys, persona_home):
    profile = "I'm a dentist who runs marathons and owns four cats."
    hello = recording(espeak("Hello robot."), 0.6, name="hello.wav")
    assert (
        _voice(["--in", str(hello), "--out", str(tmp_path / "a.wav"), "--roast", profile], tmp_path)
        == 0
    )
    first = capsys.readouterr().out.lower()
    assert "roast" in first and "yes" in first  # the consent question, not a roast

    # Not "Yes, roast me.": Whisper heard espeak's "roast me" as "close to me" once numpy's
    # BLAS ran on one thread (a borderline decode; a clear yes it is not).
    yes = recording(espeak("Yes, go ahead."), 0.6, name="yes.wav")
    assert (
        _voice(["--in", str(yes), "--out", str(tmp_path / "b.wav"), "--roast", profile], tmp_path)
        == 0
    )
    capsys.readouterr()
    conn = sqlite3.connect(tmp_path / "c.db")
    rows = conn.execute(
        "SELECT finish_reason, reply_text FROM turns WHERE user_text IS NOT NULL ORDER BY id"
    ).fetchall()
    assert [r[0] for r in rows] == ["roast:ask_consent", "roast:roast"]
    assert any(w in rows[1][1].lower() for w in ("dentist", "marathon", "cat")), rows[1][1]

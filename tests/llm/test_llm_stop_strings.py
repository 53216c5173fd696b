"""StopStringFilter: a stop string never reaches the user, however the text is split."""

from __future__ import annotations

from persona.llm.stop_strings import StopStringFilter


def run(pieces: list[str], stops: tuple[str, ...]) -> tuple[list[str], str, bool]:
    f = StopStringFilter(stops)
    out = [f.feed(p) for p in pieces]
    return out, f.flush(), f.stopped


def test_stop_split_across_pieces_is_never_shown() -> None:
    out, tail, stopped = run(["Hello\nUs", "er: hi", " more"], ("\nUser:",))
    assert "".join(out) == "Hello"
    assert tail == ""
    assert stopped


def test_held_back_prefix_is_released_when_it_is_not_a_stop() -> None:
    out, tail, stopped = run(["Hello\nUs", "eful tip"], ("\nUser:",))
    assert out == ["Hello", "\nUseful tip"]
    assert not stopped and tail == ""


def test_unfinished_prefix_comes_out_on_flush() -> None:
    out, tail, stopped = run(["The end\nU"], ("\nUser:",))
    assert out == ["The end"]
    assert tail == "\nU"
    assert not stopped


def test_earliest_of_several_stops_wins_and_no_stops_passes_through() -> None:
    out, _, stopped = run(["one two ### three END"], ("END", "###"))
    assert out == ["one two "]
    assert stopped
    assert run(["a", "b"], ())[0] == ["a", "b"]
    assert run(["after stop"], ("",))[0] == ["after stop"]  # empty stops are ignored

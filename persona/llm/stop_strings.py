"""Stop-string handling shared by the local backends: never stream a stop string, even
when it arrives split across several tokens."""

from __future__ import annotations

from collections.abc import Sequence


class StopStringFilter:
    """Feed streamed text in; get back the part that is safe to show.

    Text that could be the start of a stop string is held back until the next piece
    shows whether it is one. Once a stop string appears, everything from it on is dropped
    and `stopped` turns true.
    """

    def __init__(self, stops: Sequence[str]) -> None:
        self._stops = tuple(s for s in stops if s)
        self._held = ""
        self.stopped = False

    def feed(self, text: str) -> str:
        """Return the text that can be emitted now."""
        if self.stopped:
            return ""
        if not self._stops:
            return text
        buf = self._held + text
        cut = _first_stop(buf, self._stops)
        if cut is not None:
            self._held = ""
            self.stopped = True
            return buf[:cut]
        keep = _partial_stop_suffix(buf, self._stops)
        self._held = buf[len(buf) - keep :] if keep else ""
        return buf[: len(buf) - keep]

    def flush(self) -> str:
        """The held-back tail, at the end of a stream that did not stop on a stop string."""
        held, self._held = self._held, ""
        return "" if self.stopped else held


def _first_stop(text: str, stops: Sequence[str]) -> int | None:
    found = [i for i in (text.find(s) for s in stops) if i >= 0]
    return min(found) if found else None


def _partial_stop_suffix(text: str, stops: Sequence[str]) -> int:
    """Length of the longest end of `text` that begins some stop string."""
    best = 0
    for stop in stops:
        for n in range(min(len(stop) - 1, len(text)), best, -1):
            if stop.startswith(text[-n:]):
                best = n
                break
    return best

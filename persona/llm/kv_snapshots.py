"""Saved KV caches of recent conversations, so a model shared by several users (the
browser UI, a robot fleet behind one server) does not re-read a whole conversation each
time it switches between them.

Pure bookkeeping: the llama backend does the saving and restoring. Keys are the token
sequences whose KV state the bytes hold; lookup is by longest common prefix.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True, slots=True)
class Snapshot:
    """`data` is any sized buffer (bytes, or the ctypes array llama.cpp wrote into)."""

    tokens: tuple[int, ...]
    data: Any


def common_prefix(a: Sequence[int], b: Sequence[int]) -> int:
    """How many leading tokens two sequences share."""
    n = min(len(a), len(b))
    if n == 0:
        return 0
    diff = np.flatnonzero(np.asarray(a[:n]) != np.asarray(b[:n]))
    return int(diff[0]) if diff.size else n


class SnapshotCache:
    """A least-recently-used set of snapshots within a byte budget."""

    def __init__(self, capacity_bytes: int) -> None:
        self.capacity_bytes = capacity_bytes
        self._items: OrderedDict[tuple[int, ...], Snapshot] = OrderedDict()
        self._size = 0

    def __len__(self) -> int:
        return len(self._items)

    @property
    def size_bytes(self) -> int:
        return self._size

    def best(self, tokens: Sequence[int]) -> tuple[Snapshot, int] | None:
        """The snapshot sharing the longest prefix with `tokens`, and that length."""
        found: tuple[Snapshot, int] | None = None
        for snap in self._items.values():
            shared = common_prefix(snap.tokens, tokens)
            if shared and (found is None or shared > found[1]):
                found = (snap, shared)
        if found is not None:
            self._items.move_to_end(found[0].tokens)
        return found

    def put(self, tokens: Sequence[int], data: Any) -> None:
        """Keep a snapshot; older snapshots of the same conversation (its prefixes) go."""
        key = tuple(int(t) for t in tokens)
        if not key or len(data) > self.capacity_bytes:
            return
        for old in [k for k in self._items if key[: len(k)] == k]:
            self._drop(old)
        self._items[key] = Snapshot(key, data)
        self._size += len(data)
        while self._size > self.capacity_bytes and self._items:
            self._drop(next(iter(self._items)))

    def _drop(self, key: tuple[int, ...]) -> None:
        snap = self._items.pop(key)
        self._size -= len(snap.data)

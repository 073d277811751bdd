"""Clusters on one machine: union-find over the verified pairs, then each cluster's original."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from newsdedup.core.originals import ClusterRole, Precedence, role_of

__all__ = ["ROLE_CODES", "Clusters", "UnionFind", "assign_originals", "originals_of"]

ROLE_CODES: tuple[ClusterRole, ...] = (
    ClusterRole.UNIQUE,
    ClusterRole.ORIGINAL,
    ClusterRole.COPY,
    ClusterRole.DUPLICATE,
)
"""Role by code in `Clusters.role`."""


class UnionFind:
    """Disjoint sets over article ids (only ids ever joined are stored)."""

    def __init__(self) -> None:
        self._parent: dict[int, int] = {}

    def find(self, item: int) -> int:
        """The representative of ``item``'s set (path halving)."""
        parent = self._parent
        parent.setdefault(item, item)
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, first: int, second: int) -> None:
        """Join the sets of two items (the smaller id becomes the root)."""
        a, b = self.find(first), self.find(second)
        if a != b:
            self._parent[max(a, b)] = min(a, b)

    def groups(self) -> list[list[int]]:
        """Every set of two or more items, each sorted, ordered by smallest member."""
        found: dict[int, list[int]] = {}
        for item in sorted(self._parent):
            found.setdefault(self.find(item), []).append(item)
        return [members for members in found.values() if len(members) > 1]


@dataclass(slots=True)
class Clusters:
    """Per article: its cluster's original (-1 when unique) and its role code (see `ROLE_CODES`)."""

    original: np.ndarray
    role: np.ndarray

    @property
    def members(self) -> np.ndarray:
        """Ids of the articles in a cluster that are not its original."""
        return np.flatnonzero(self.role >= 2)


def originals_of(members: list[tuple[int, Precedence]]) -> list[tuple[int, int, ClusterRole]]:
    """``(member, original, role)`` for each ``(member, precedence key)`` of one cluster."""
    chosen, best = min(members, key=lambda member: member[1])
    return [(member, chosen, role_of(key, best)) for member, key in members]


def assign_originals(count: int, groups: list[list[int]], key: Callable[[int], Precedence]) -> Clusters:
    """Pick each group's original (smallest `precedence` key) and every member's role."""
    original = np.full(count, -1, dtype=np.int64)
    role = np.zeros(count, dtype=np.int8)
    codes = {name: code for code, name in enumerate(ROLE_CODES)}
    for members in groups:
        for member, chosen, found in originals_of([(member, key(member)) for member in members]):
            original[member] = chosen
            role[member] = codes[found]
    return Clusters(original=original, role=role)

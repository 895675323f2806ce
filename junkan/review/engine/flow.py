"""Maximum flow (Dinic's algorithm) with integer capacities, and feasibility of flows with lower bounds.

Used by ``assignment`` to decide whether every application can get its reviewers while each member's load
stays within given bounds. Deterministic: arcs are explored in the order they were added.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

INFINITE = 1 << 62


class FlowNetwork:
    """A directed network on nodes 0..n-1; ``add`` returns the arc's index for reading its flow later."""

    def __init__(self, size: int) -> None:
        """An empty network of ``size`` nodes."""
        self.size = size
        self.heads: list[int] = []
        self.capacities: list[int] = []
        self.adjacent: list[list[int]] = [[] for _ in range(size)]

    def add(self, tail: int, head: int, capacity: int) -> int:
        """Add an arc (and its residual twin); its index, even, names it for ``flow``."""
        index = len(self.heads)
        self.heads.extend((head, tail))
        self.capacities.extend((capacity, 0))
        self.adjacent[tail].append(index)
        self.adjacent[head].append(index + 1)
        return index

    def flow(self, arc: int) -> int:
        """The flow on an arc added with ``add`` (the residual capacity of its twin)."""
        return self.capacities[arc ^ 1]

    def _levels(self, source: int, sink: int) -> list[int] | None:
        """BFS levels of the residual network, or None when the sink is unreachable."""
        level = [-1] * self.size
        level[source] = 0
        queue = deque([source])
        while queue:
            node = queue.popleft()
            for arc in self.adjacent[node]:
                head = self.heads[arc]
                if self.capacities[arc] > 0 and level[head] < 0:
                    level[head] = level[node] + 1
                    queue.append(head)
        return level if level[sink] >= 0 else None

    def _augment(self, source: int, sink: int, level: list[int], cursor: list[int]) -> int:
        """One augmenting path in the level graph (iterative DFS); the amount pushed, 0 when blocked."""
        path: list[int] = []
        node = source
        while True:
            if node == sink:
                amount = min(self.capacities[arc] for arc in path)
                for arc in path:
                    self.capacities[arc] -= amount
                    self.capacities[arc ^ 1] += amount
                return amount
            arcs = self.adjacent[node]
            while cursor[node] < len(arcs):
                arc = arcs[cursor[node]]
                head = self.heads[arc]
                if self.capacities[arc] > 0 and level[head] == level[node] + 1:
                    break
                cursor[node] += 1
            else:
                if not path:
                    return 0
                # Dead end: never come back here in this phase, and retreat one arc.
                level[node] = -1
                arc = path.pop()
                node = self.heads[arc ^ 1]
                cursor[node] += 1
                continue
            path.append(arc)
            node = self.heads[arc]

    def max_flow(self, source: int, sink: int) -> int:
        """Push as much as possible from ``source`` to ``sink``; the amount pushed."""
        total = 0
        while (level := self._levels(source, sink)) is not None:
            cursor = [0] * self.size
            while pushed := self._augment(source, sink, level, cursor):
                total += pushed
        return total


@dataclass(frozen=True)
class Arc:
    """An arc with a lower and an upper bound on its flow."""

    tail: int
    head: int
    lower: int
    upper: int


def feasible_flow(size: int, arcs: Iterable[Arc]) -> list[int] | None:
    """A circulation meeting every arc's bounds (the flow per arc, in order), or None when there is none."""
    arcs = list(arcs)
    network = FlowNetwork(size + 2)
    source, sink = size, size + 1
    excess = [0] * size
    indices = []
    for arc in arcs:
        if arc.lower > arc.upper or arc.lower < 0:
            return None
        indices.append(network.add(arc.tail, arc.head, arc.upper - arc.lower))
        excess[arc.head] += arc.lower
        excess[arc.tail] -= arc.lower
    required = 0
    for node, amount in enumerate(excess):
        if amount > 0:
            network.add(source, node, amount)
            required += amount
        elif amount < 0:
            network.add(node, sink, -amount)
    if network.max_flow(source, sink) != required:
        return None
    return [arc.lower + network.flow(index) for arc, index in zip(arcs, indices, strict=True)]

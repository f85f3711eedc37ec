"""Exact runner-up losses: what the best proposal that seats a runner-up would cost.

For a runner-up :math:`q` of need :math:`n`, the *loss* is the optimal total fit minus the
best total fit of any proposal, under every rule, in which :math:`q` holds a seat of
:math:`n`; the *moves* are how that proposal differs from the optimal one.

Without binding floors this is a shortest path. Let :math:`x` be the optimal flow and
:math:`G_x` its residual network with the plain costs (:math:`-f_e` on pair arcs). Any
flow :math:`x'` with :math:`x'_{qn} = 1` differs from :math:`x` by a circulation of
:math:`G_x` that decomposes into simple cycles; one of them holds the arc :math:`(q, n)`
and the others cost at least 0 (:math:`x` is optimal, so :math:`G_x` has no negative
cycle). The best :math:`x'` is therefore :math:`x` plus the cheapest cycle through
:math:`(q, n)`, and

.. math:: \\text{loss}(q, n) = -f_{qn} + d_{G_x}(n, q).

The distances come from Dijkstra's algorithm (SciPy, compiled) on the reduced costs
:math:`c_{uv} + \\pi_u - \\pi_v \\ge 0`, one search per need with runner-ups; integer
weights ``reduced * (V + 1) + 1`` keep the sums exact and, among equally short paths, take
the one with the fewest arcs (the fewest moves). The cycle's moves are read off the path.

With critical-skill floors the same search runs on the Lagrangian network that certified
the proposal (:mod:`matching.floors`), whose pair objective is
:math:`f'_e = K f_e - \\sum_g \\Lambda_g [\\ldots]`. The cycle found gives the best
:math:`f'`, and the bound argument of :mod:`matching.floors` makes it the best fit too
whenever the proposal it leads to respects every floor and fills every weighted one
exactly; its loss is then the :math:`f'` loss divided by :math:`K`. Otherwise (and when
no Lagrangian network certified the proposal) the integer program is solved again with
the pair forced in.

Complexity: :math:`O(N_r (E + V \\log V))` for :math:`N_r` needs with runner-ups, plus one
integer program per runner-up that a floor concerns.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np

from matching.fit import IntArray
from matching.floors import FloorGroup, FloorProgram, Lagrangian
from matching.index import Prepared
from matching.network import FlowModel
from matching.tiebreak import potentials, residual

__all__ = ["Move", "Seating", "seatings"]

#: Distances computed per SciPy call are bounded to this many entries (memory).
_BATCH_ENTRIES: Final = 4_000_000
_HOME: Final = -1


@dataclass(frozen=True, slots=True)
class Move:
    """One person's change between the proposal and an alternative.

    ``from_need`` and ``to_need`` are need ids, ``None`` for "not proposed".
    """

    person: str
    from_need: str | None
    to_need: str | None


@dataclass(frozen=True, slots=True)
class Seating:
    """The best proposal seating a runner-up: its loss (hundredths) and moves.

    ``loss`` is ``None`` when no proposal can seat them (a release cap or floor of 0).
    """

    loss: int | None
    moves: tuple[Move, ...]


class _Context:
    def __init__(
        self,
        prepared: Prepared,
        chosen: IntArray,
        groups: tuple[FloorGroup, ...],
        lagrangian: Lagrangian,
        program: FloorProgram | None,
    ) -> None:
        self.prepared = prepared
        self.groups = groups
        self.lagrangian = lagrangian
        pairs = prepared.pairs
        self.assignment = np.full(len(prepared.people), _HOME, dtype=np.int64)
        self.assignment[pairs.person[chosen]] = pairs.need[chosen]
        self.best_fit = int(pairs.fit[chosen].sum())
        self._program = program

    def program(self) -> FloorProgram:
        if self._program is None:
            self._program = FloorProgram(self.prepared, self.groups)
        return self._program

    def need_id(self, need: int) -> str | None:
        return None if need == _HOME else self.prepared.needs[need].id

    def moves(self, changes: Iterable[tuple[int, int]]) -> tuple[Move, ...]:
        """``(person, new need or _HOME)`` as moves from the current proposal."""
        return tuple(
            Move(
                self.prepared.people[person].id,
                self.need_id(int(self.assignment[person])),
                self.need_id(need),
            )
            for person, need in changes
        )

    def certified(self, changes: Sequence[tuple[int, int]]) -> bool:
        """Whether the proposal after ``changes`` meets the floors' certificate."""
        if not self.groups:
            return True
        proposed = self.assignment >= 0
        for person, need in changes:
            proposed[person] = need != _HOME
        return self.lagrangian.certifies(self.groups, proposed)

    def forced(self, position: int) -> Seating:
        """The seating by the integer program, the pair at ``position`` forced in."""
        found = self.program().forced(position)
        if found is None:
            return Seating(None, ())
        pairs = self.prepared.pairs
        after = np.full(len(self.prepared.people), _HOME, dtype=np.int64)
        after[pairs.person[found]] = pairs.need[found]
        runner_up = int(pairs.person[position])
        changed = [p for p in np.flatnonzero(after != self.assignment).tolist() if p != runner_up]
        changed.append(runner_up)  # their own move last, as on a path
        return Seating(
            self.best_fit - int(pairs.fit[found].sum()),
            self.moves((person, int(after[person])) for person in changed),
        )


class _Paths:
    """Shortest paths in the residual network of the optimal flow, on reduced costs, with the
    people contracted away.

    In the residual network every person has exactly one arc in: from their department
    when they are not proposed, from their need when they are. So a person is a crossing
    from that node to each of their arcs out, and the search runs on the departments and
    needs alone, with one arc per (tail, head) for the cheapest crossing (and the person
    who makes it): about a sixth of the nodes at 10,000x2,000. Weights are
    ``reduced * stride + arcs``, exact integers that prefer, among equally short paths,
    the one with the fewest moves.
    """

    def __init__(self, model: FlowModel, flows: IntArray) -> None:
        from scipy.sparse import csr_matrix  # the compiled shortest paths

        self.model = model
        size = model.node_count
        plain = model.plain_costs()
        self.potential = potentials(model, flows, plain)
        tails, heads, costs = residual(model, flows, plain)
        reduced = costs + self.potential[tails] - self.potential[heads]
        node_person = np.full(size, _HOME, dtype=np.int64)
        used = np.flatnonzero(model.person_node >= 0)
        node_person[model.person_node[used]] = used
        self.node_need = np.full(size, _HOME, dtype=np.int64)
        used = np.flatnonzero(model.need_node >= 0)
        self.node_need[model.need_node[used]] = used
        # The one arc into each person: where they are crossed from, and at what cost.
        into = node_person[heads] != _HOME
        self.entry_node = np.full(size, _HOME, dtype=np.int64)
        self.entry_cost = np.zeros(size, dtype=np.int64)
        self.entry_node[heads[into]] = tails[into]
        self.entry_cost[heads[into]] = reduced[into]
        out_of = node_person[tails] != _HOME
        plain_arcs = ~into & ~out_of
        self.stride = 2 * size + 2
        crossing = tails[out_of]
        new_tails = np.concatenate([tails[plain_arcs], self.entry_node[crossing]])
        new_heads = np.concatenate([heads[plain_arcs], heads[out_of]])
        weights = np.concatenate(
            [
                reduced[plain_arcs] * self.stride + 1,
                (self.entry_cost[crossing] + reduced[out_of]) * self.stride + 2,
            ]
        )
        people = np.concatenate([np.full(int(plain_arcs.sum()), _HOME), node_person[crossing]])
        keys = new_tails * size + new_heads
        order = np.lexsort((weights, keys))
        first = np.ones(len(keys), dtype=np.bool_)
        first[1:] = keys[order][1:] != keys[order][:-1]
        kept = order[first]
        self.keys = keys[kept]  # ascending
        self.crossed = people[kept]
        self.graph = csr_matrix(
            (weights[kept].astype(np.float64), (new_tails[kept], new_heads[kept])),
            shape=(size, size),
        )

    def search(self, needs: list[int]) -> Iterable[tuple[int, IntArray, IntArray]]:
        """``(need, distances, predecessors)`` from each need's node, in batches."""
        from scipy.sparse.csgraph import dijkstra

        batch = max(1, _BATCH_ENTRIES // self.model.node_count)
        for start in range(0, len(needs), batch):
            chunk = needs[start : start + batch]
            sources = self.model.need_node[chunk]
            distances, predecessors = dijkstra(
                self.graph, indices=sources, return_predecessors=True
            )
            yield from zip(chunk, distances, predecessors, strict=True)

    def length(self, distances: IntArray, source: int, person_node: int) -> int | None:
        """The plain-cost length of the shortest path from ``source`` to a person's node."""
        entry = int(self.entry_node[person_node])
        if entry == _HOME or not np.isfinite(distances[entry]):
            return None
        reduced = round(float(distances[entry])) // self.stride + int(self.entry_cost[person_node])
        return reduced - int(self.potential[source]) + int(self.potential[person_node])

    def changes(
        self, predecessors: IntArray, source: int, person_node: int
    ) -> list[tuple[int, int]]:
        """The people the path from ``source`` to a person's node moves, in path order."""
        path = [int(self.entry_node[person_node])]
        while path[-1] != source:
            path.append(int(predecessors[path[-1]]))
        path.reverse()
        size = self.model.node_count
        found = []
        for tail, head in itertools.pairwise(path):
            position = int(np.searchsorted(self.keys, tail * size + head))
            person = int(self.crossed[position])
            if person != _HOME:
                found.append((person, int(self.node_need[head])))  # _HOME: to a department
        return found


def seatings(
    prepared: Prepared,
    model: FlowModel,
    flows: IntArray | None,
    chosen: IntArray,
    requests: Mapping[int, Sequence[int]],
    *,
    groups: tuple[FloorGroup, ...] = (),
    lagrangian: Lagrangian | None = None,
    program: FloorProgram | None = None,
) -> dict[int, Seating]:
    """The exact seating of every requested runner-up.

    Parameters
    ----------
    prepared : the run
    model : FlowModel
        The network whose optimal flow is ``flows`` (the Lagrangian one when floors bind).
    flows : IntArray or None
        That optimal flow; ``None`` when the integer program chose the proposal.
    chosen : IntArray
        Pair positions of the proposal.
    requests : Mapping[int, Sequence[int]]
        Need index to the pair positions of its runner-ups.
    groups, lagrangian : the run's floors and the multipliers of ``model``
    program : FloorProgram, optional
        The integer program, if already built.

    Returns
    -------
    dict
        Pair position to :class:`Seating`.
    """
    multipliers = lagrangian if lagrangian is not None else Lagrangian.none(groups)
    context = _Context(prepared, chosen, groups, multipliers, program)
    pairs = prepared.pairs
    found: dict[int, Seating] = {}
    wanted = sorted(need for need, positions in requests.items() if positions)
    if flows is None:
        for need in wanted:
            for position in requests[need]:
                found[position] = context.forced(position)
        return found
    paths = _Paths(model, flows)
    for need, distances, predecessors in paths.search(wanted):
        source = int(model.need_node[need])
        for position in requests[need]:
            person = int(pairs.person[position])
            target = int(model.person_node[person])
            length = paths.length(distances, source, target)
            if length is None:
                found[position] = Seating(None, ())
                continue
            changes = [*paths.changes(predecessors, source, target), (person, need)]
            if context.certified(changes):
                # Weighted floors full before and after: the f' loss is K times the fit's.
                loss = (length - int(model.fits[position])) // multipliers.scale
                found[position] = Seating(loss, context.moves(changes))
            else:
                found[position] = context.forced(position)
    return found

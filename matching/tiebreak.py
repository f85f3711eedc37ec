"""The deterministic tie-break: one answer per input, whichever solver found an optimum.

The rule
--------
Among all proposals that respect the rules, the matcher returns the one that

1. has the largest total fit (in hundredths);
2. among those, has the largest total *lottery number*: every (person, need) pair gets a
   fixed number from 0 to 4095 computed from the two ids alone (BLAKE2b and splitmix64,
   see :func:`matching.index.lottery`), like drawing lots, but reproducible and blind to
   seniority, id order and list order (skipped with ``Policy(tie_break="id")``);
3. among those, taking the people in ascending id order, gives each person the need with
   the smallest id still possible (being proposed comes before not being proposed).

Steps 1 and 2 are one integer cost (see :mod:`matching.network`), so any exact min-cost
flow solver stops on the optimal *face* of steps 1-2; step 3 then picks one point of that
face, which is unique by construction (a lexicographic minimum). Two different solvers,
or the same solver on shuffled input, therefore give the same proposal.

How step 3 is computed
----------------------
From the optimal flow :math:`x` the node potentials :math:`\\pi` are the shortest-path
distances in the residual network (Bellman-Ford, vectorised; it converges because an
optimal flow has no negative residual cycle, which also certifies the solver's answer).
An arc is *tight* when its reduced cost :math:`c_{uv} + \\pi_u - \\pi_v` is zero. By
complementary slackness every optimal flow differs from :math:`x` by cycles of tight
residual arcs [1]_, so :math:`x` is the only optimum exactly when no person lies on such a
cycle. The matcher trims the tight residual graph (nodes without an in- or out-arc cannot
lie on a cycle) and runs :func:`networkx.strongly_connected_components` on what is left.
In practice the lottery leaves no tie, or a handful of people in small components; for
each such person in id order, a breadth-first search over tight arcs finds the best need
reachable by a zero-cost cycle that avoids the people already settled, and the cycle is
applied.

Complexity: Bellman-Ford costs :math:`O(E)` per round for as many rounds as the longest
shortest path has arcs (30-40 rounds on the benchmark instances); the repair costs
:math:`O(|T| (V_T + E_T))` for :math:`|T|` tied people in components of
:math:`V_T` nodes and :math:`E_T` arcs. With ``tie_break="id"`` ties are the rule rather
than the exception, so that option suits small runs (tests, demonstrations).

References
----------
.. [1] R. K. Ahuja, T. L. Magnanti, J. B. Orlin, *Network Flows*, 1993, theorem 9.8
   (reduced cost optimality) and section 9.3.
"""

from __future__ import annotations

from collections import deque
from typing import Final

import numpy as np

from matching.exceptions import SolverError
from matching.fit import BoolArray, IntArray
from matching.network import FlowModel

__all__ = ["canonical_flow", "check_flow", "potentials", "residual"]

_NO_ARC: Final = -1


def check_flow(model: FlowModel, flows: IntArray) -> None:
    """Raise :class:`SolverError` unless ``flows`` is feasible for ``model``."""
    if flows.shape != model.tails.shape:
        raise SolverError("the solver returned a flow of the wrong size")
    if np.any(flows < 0) or np.any(flows > model.capacities):
        raise SolverError("the solver returned a flow outside the arc capacities")
    balance = np.bincount(model.heads, flows, model.node_count) - np.bincount(
        model.tails, flows, model.node_count
    )
    expected = np.zeros(model.node_count)
    expected[0], expected[1] = -model.supply, model.supply
    if not np.array_equal(balance, expected):
        raise SolverError("the solver returned a flow that does not balance at every node")


def residual(
    model: FlowModel, flows: IntArray, costs: IntArray | None = None
) -> tuple[IntArray, IntArray, IntArray]:
    """The residual network of ``flows`` as ``(tails, heads, costs)`` arrays.

    Forward arcs (room left) come first, then backward arcs (flow to undo); ``costs``
    defaults to the model's costs with the tie-break.
    """
    arc_costs = model.costs if costs is None else costs
    forward = flows < model.capacities
    backward = flows > 0
    tails = np.concatenate([model.tails[forward], model.heads[backward]])
    heads = np.concatenate([model.heads[forward], model.tails[backward]])
    residual_costs = np.concatenate([arc_costs[forward], -arc_costs[backward]])
    return tails, heads, residual_costs


def potentials(model: FlowModel, flows: IntArray, costs: IntArray | None = None) -> IntArray:
    """Shortest-path distances in the residual network of ``flows`` (node potentials).

    ``costs`` defaults to the model's costs with the tie-break. Raises
    :class:`SolverError` if the residual network has a negative cycle, that is if
    ``flows`` is not optimal.
    """
    tails, heads, costs = residual(model, flows, costs)
    distance = np.zeros(model.node_count, dtype=np.int64)
    if len(tails) == 0:
        return distance
    order = np.argsort(heads, kind="stable")
    tails, heads, costs = tails[order], heads[order], costs[order]
    starts = np.flatnonzero(np.r_[True, heads[1:] != heads[:-1]])
    targets = heads[starts]
    for _ in range(model.node_count + 1):
        best = np.minimum.reduceat(distance[tails] + costs, starts)
        improved = best < distance[targets]
        if not improved.any():
            return distance
        distance[targets[improved]] = best[improved]
    raise SolverError("the solver's flow is not optimal: its residual network has a negative cycle")


def _cyclic_core(tails: IntArray, heads: IntArray, node_count: int) -> BoolArray:
    """Arcs left after repeatedly removing nodes with no in-arc or no out-arc."""
    alive = np.ones(len(tails), dtype=np.bool_)
    while True:
        indegree = np.bincount(heads[alive], minlength=node_count)
        outdegree = np.bincount(tails[alive], minlength=node_count)
        keep = alive & (indegree[tails] > 0) & (outdegree[heads] > 0)
        if np.array_equal(keep, alive):
            return alive
        alive = keep


def _tied_region(
    model: FlowModel, tight_tails: IntArray, tight_heads: IntArray, is_person: BoolArray
) -> set[int]:
    """Nodes of the strongly connected components (of tight residual arcs) holding a person."""
    core = _cyclic_core(tight_tails, tight_heads, model.node_count)
    if not core.any():
        return set()
    import networkx as nx  # only when a tie remains

    graph = nx.DiGraph()
    graph.add_edges_from(zip(tight_tails[core].tolist(), tight_heads[core].tolist(), strict=True))
    region: set[int] = set()
    for component in nx.strongly_connected_components(graph):
        if len(component) > 1 and any(is_person[node] for node in component):
            region.update(component)
    return region


def canonical_flow(model: FlowModel, flows: IntArray) -> tuple[IntArray, int]:
    """The tie-break's unique optimal flow, from any optimal flow of ``model``.

    Returns
    -------
    flows : IntArray
        The canonical optimal flow (a new array).
    settled : int
        How many people the last step of the rule had to place (0 when the optimum of
        steps 1-2 was already unique).
    """
    check_flow(model, flows)
    flows = flows.copy()
    if len(model.fits) == 0:
        return flows, 0
    distance = potentials(model, flows)
    reduced = model.costs + distance[model.tails] - distance[model.heads]
    tight = reduced == 0
    forward = tight & (flows < model.capacities)
    backward = tight & (flows > 0)
    tight_tails = np.concatenate([model.tails[forward], model.heads[backward]])
    tight_heads = np.concatenate([model.heads[forward], model.tails[backward]])
    is_person = np.zeros(model.node_count, dtype=np.bool_)
    is_person[model.person_node[model.person_node >= 0]] = True
    region = _tied_region(model, tight_tails, tight_heads, is_person)
    if not region:
        return flows, 0
    before = int(model.costs @ flows)
    settled = _Repair(model, flows, tight, region).run(
        sorted(node for node in region if is_person[node])
    )
    if int(model.costs @ flows) != before:  # pragma: no cover - guards the invariant
        raise SolverError("internal error: the tie-break changed the objective")
    return flows, settled


class _Repair:
    """Step 3 of the rule on the tied region: settle people in id order."""

    def __init__(self, model: FlowModel, flows: IntArray, tight: BoolArray, region: set[int]):
        inside = np.zeros(model.node_count, dtype=np.bool_)
        inside[list(region)] = True
        arcs = np.flatnonzero(tight & inside[model.tails] & inside[model.heads])
        self.flows = flows
        self.tail = dict(zip(arcs.tolist(), model.tails[arcs].tolist(), strict=True))
        self.head = dict(zip(arcs.tolist(), model.heads[arcs].tolist(), strict=True))
        self.capacity = dict(zip(arcs.tolist(), model.capacities[arcs].tolist(), strict=True))
        self.flow = dict(zip(arcs.tolist(), flows[arcs].tolist(), strict=True))
        self.first_pair = model.pair_start
        self.last_pair = model.pair_start + len(model.fits)
        self.incident: dict[int, list[int]] = {}
        for arc in arcs.tolist():
            self.incident.setdefault(self.tail[arc], []).append(arc)
            self.incident.setdefault(self.head[arc], []).append(arc)
        self.settled: set[int] = set()

    def is_pair(self, arc: int) -> bool:
        return self.first_pair <= arc < self.last_pair

    def run(self, people: list[int]) -> int:
        moved = 0
        for person in people:
            moved += self.settle(person)
            self.settled.add(person)
        for arc, value in self.flow.items():
            self.flows[arc] = value
        return moved

    def entry(self, person: int) -> tuple[int, int, int] | None:
        """``(target, closing_arc, current_need)`` of a person, or ``None`` if they cannot move.

        A cycle through the person returns to them through ``closing_arc`` from
        ``target``: their current need (the arc is undone) or their department (the arc
        is used); ``current_need`` is -1 when they are not proposed.
        """
        department_arc = _NO_ARC
        for arc in self.incident.get(person, ()):
            if self.is_pair(arc) and self.tail[arc] == person and self.flow[arc] == 1:
                return self.head[arc], arc, self.head[arc]
            if self.head[arc] == person:
                department_arc = arc
        if department_arc == _NO_ARC or self.flow[department_arc] != 0:
            return None
        return self.tail[department_arc], department_arc, _NO_ARC

    def reaching(self, target: int, person: int) -> dict[int, tuple[int, int]]:
        """For every node that reaches ``target`` by tight residual arcs (avoiding settled
        people and ``person``): the first arc of such a path and the node it leads to."""
        next_hop: dict[int, tuple[int, int]] = {target: (_NO_ARC, target)}
        queue = deque([target])
        while queue:
            node = queue.popleft()
            for arc in self.incident.get(node, ()):
                if self.head[arc] == node and self.flow[arc] < self.capacity[arc]:
                    other = self.tail[arc]
                elif self.tail[arc] == node and self.flow[arc] > 0:
                    other = self.head[arc]
                else:
                    continue
                if other in next_hop or other == person or other in self.settled:
                    continue
                next_hop[other] = (arc, node)
                queue.append(other)
        return next_hop

    def settle(self, person: int) -> int:
        """Move ``person`` to the smallest need any remaining optimum allows; 1 if moved."""
        entry = self.entry(person)
        if entry is None:
            return 0
        target, closing_arc, current = entry
        next_hop = self.reaching(target, person)
        best_arc, best_need = _NO_ARC, current
        for arc in self.incident.get(person, ()):
            need = self.head[arc]
            if (
                self.is_pair(arc)
                and self.tail[arc] == person
                and self.flow[arc] == 0
                and need in next_hop
                and (best_need == _NO_ARC or need < best_need)
            ):
                best_arc, best_need = arc, need
        if best_arc == _NO_ARC:
            return 0
        self.flow[best_arc] += 1
        node = best_need
        while node != target:
            arc, following = next_hop[node]
            self.flow[arc] += 1 if self.tail[arc] == node else -1
            node = following
        self.flow[closing_arc] += -1 if current != _NO_ARC else 1
        return 1

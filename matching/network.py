"""The min-cost flow network of a run, and the two solvers that optimise it.

The network
-----------
::

    source -[release cap]-> department -[1]-> person -[1, cost -fit]-> need -[headcount]-> sink
       \\______________________________[bypass, cost 0]______________________________/

The source supplies :math:`F` units and the sink absorbs them, where :math:`F` bounds the
number of seats that can be filled; the zero-cost *bypass* arc carries whatever is not
used, so the optimum maximises the total fit instead of the number of seats (a smaller set
of better moves can beat a larger set of weaker ones). Only people, needs and departments
with at least one eligible pair appear.

Costs are integers, as both solvers require. The fit :math:`f_e` of a pair is exact in
hundredths; its arc costs :math:`-(f_e M + \\ell_e)` where :math:`\\ell_e` is the pair's
lottery number (:math:`0 \\le \\ell_e < 2^{12}`) and :math:`M = F (2^{12} - 1) + 1`. Every
feasible flow has fewer than :math:`F` pair arcs in use, so lottery numbers can never
outweigh one hundredth of fit: the optimum maximises the total fit first, and among equal
totals the total lottery number (see :mod:`matching.tiebreak` for the last step).

The model is kept as parallel NumPy arrays, built straight from the eligible pairs. The
compiled solver (OR-Tools' ``SimpleMinCostFlow``) reads them directly; the reference
solver and any analysis get the very same network as a :class:`networkx.DiGraph` from
:meth:`FlowModel.to_networkx`. Building a ``DiGraph`` costs about 2.5 microseconds per
arc in Python (2.5 s at one million arcs, more than OR-Tools needs to solve it), so the
arrays are the single source of truth and the graph is derived from them.

References
----------
.. [1] R. K. Ahuja, T. L. Magnanti, J. B. Orlin, *Network Flows*, Prentice Hall, 1993,
   ch. 9-11 (min-cost flow, network simplex, optimality conditions).
.. [2] OR-Tools ``SimpleMinCostFlow``: a cost-scaling push-relabel algorithm,
   https://developers.google.com/optimization/flow/mincostflow
"""

from __future__ import annotations

import importlib.util
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any, Final

import numpy as np

from matching.exceptions import SolverError, SolverUnavailableError, UnknownSolverError
from matching.fit import IntArray
from matching.index import LOTTERY_BITS, Prepared, prepare
from matching.model import DEFAULT_POLICY, Department, Need, Person, Policy

__all__ = [
    "SOLVERS",
    "FlowModel",
    "build_flow_model",
    "flow_of",
    "model_from_pairs",
    "pick_solver",
    "solve",
]

#: Solver names accepted by :func:`matching.propose`.
SOLVERS: Final = ("auto", "ortools", "networkx")
SOURCE: Final = 0
SINK: Final = 1
#: The largest fit in hundredths.
MAX_FIT: Final = 10_000


@dataclass(frozen=True, eq=False)
class FlowModel:
    """A run's min-cost flow network as parallel arrays (one entry per arc).

    Node 0 is the source, node 1 the sink, then the departments, people and needs that
    have an eligible pair, each group in id order. Arc 0 is the bypass, then
    source->department, department->person, person->need (the *pair arcs*, in the order
    of :class:`~matching.index.Pairs`) and need->sink arcs.

    Attributes
    ----------
    labels : tuple
        Node labels: ``"source"``, ``"sink"``, ``("department", id)``, ``("person", id)``,
        ``("need", id)``.
    tails, heads, capacities, costs : IntArray
        The arcs.
    supply : int
        Units sent from the source to the sink (:math:`F`).
    pair_start : int
        Index of the first pair arc; the pair arcs follow the pairs one to one.
    fits : IntArray
        Fit in hundredths of each pair (the plain objective), or the Lagrangian objective
        that replaces it when critical-skill floors bind (:mod:`matching.floors`).
    scale : int
        :math:`M`, the factor of the fit in the costs.
    person_node, need_node, department_node : IntArray
        Node of each person, need or department index (-1 when absent from the network).
    """

    labels: tuple[Hashable, ...]
    tails: IntArray
    heads: IntArray
    capacities: IntArray
    costs: IntArray
    supply: int
    pair_start: int
    fits: IntArray
    scale: int
    person_node: IntArray
    need_node: IntArray
    department_node: IntArray

    @property
    def node_count(self) -> int:
        return len(self.labels)

    @property
    def pair_arcs(self) -> slice:
        return slice(self.pair_start, self.pair_start + len(self.fits))

    def plain_costs(self) -> IntArray:
        """The costs without the tie-break: ``-fit`` in hundredths on pair arcs."""
        costs = np.zeros_like(self.costs)
        costs[self.pair_arcs] = -self.fits
        return costs

    def to_networkx(self, *, plain: bool = False) -> Any:
        """The same network as a :class:`networkx.DiGraph`.

        Nodes carry ``demand`` (``-F`` at the source, ``F`` at the sink); arcs carry
        ``capacity`` and ``weight`` (the integer cost; ``plain=True`` drops the tie-break
        and uses ``-fit``); pair arcs also carry ``fit`` (0-100).

        Examples
        --------
        >>> from datetime import date
        >>> from matching import Department, Evidence, Need, Person, Requirement
        >>> from matching.network import build_flow_model
        >>> ana = Person("P-1", "D-1", "general", 0, {"GIS": Evidence(4, "self")}, None, None)
        >>> need = Need("N-1", "D-2", [Requirement("GIS", 3)], 2, date(2026, 1, 5),
        ...             date(2026, 2, 27))
        >>> graph = build_flow_model([ana], [need], [Department("D-1", 1),
        ...                                           Department("D-2", 0)]).to_networkx()
        >>> for tail, head, capacity in sorted(graph.edges(data="capacity"), key=str):
        ...     print(tail, "->", head, capacity)
        source -> sink 1
        source -> ('department', 'D-1') 1
        ('department', 'D-1') -> ('person', 'P-1') 1
        ('need', 'N-1') -> sink 2
        ('person', 'P-1') -> ('need', 'N-1') 1
        >>> graph.edges[("person", "P-1"), ("need", "N-1")]["fit"]
        53.4
        """
        import networkx as nx  # the reference path only

        graph = nx.DiGraph()
        graph.add_node(self.labels[SOURCE], demand=-self.supply)
        graph.add_node(self.labels[SINK], demand=self.supply)
        graph.add_nodes_from(self.labels[2:])
        costs = self.plain_costs() if plain else self.costs
        labels = self.labels
        graph.add_edges_from(
            (labels[tail], labels[head], {"capacity": capacity, "weight": cost})
            for tail, head, capacity, cost in zip(
                self.tails.tolist(),
                self.heads.tolist(),
                self.capacities.tolist(),
                costs.tolist(),
                strict=True,
            )
        )
        pair_tails = self.tails[self.pair_arcs].tolist()
        pair_heads = self.heads[self.pair_arcs].tolist()
        for tail, head, fit in zip(pair_tails, pair_heads, self.fits.tolist(), strict=True):
            graph.edges[labels[tail], labels[head]]["fit"] = fit / 100
        return graph


def build_flow_model(
    people: Iterable[Person],
    needs: Iterable[Need],
    departments: Iterable[Department],
    *,
    policy: Policy = DEFAULT_POLICY,
) -> FlowModel:
    """Build the flow network of a run, for analysis or for another solver.

    Parameters
    ----------
    people, needs, departments : iterables
        As for :func:`matching.propose` (validated the same way).
    policy : Policy, optional

    Returns
    -------
    FlowModel
        Its :meth:`~FlowModel.to_networkx` gives the :class:`networkx.DiGraph`.

    Notes
    -----
    :math:`O(V + E)` for :math:`V` nodes and :math:`E` eligible pairs once the pairs are
    found (see :mod:`matching.index`).

    Examples
    --------
    >>> from datetime import date
    >>> from matching import Department, Evidence, Need, Person, Requirement
    >>> people = [Person(f"P-{i}", "D-1", "general", 0, {"GIS": Evidence(3, "self")}, None, None)
    ...           for i in range(3)]
    >>> need = Need("N-1", "D-2", [Requirement("GIS", 3)], 2, date(2026, 1, 5), date(2026, 2, 27))
    >>> model = build_flow_model(people, [need], [Department("D-1", 1), Department("D-2", 0)])
    >>> model.node_count, len(model.tails), model.supply
    (7, 9, 1)
    """
    prepared = prepare(people, needs, departments, policy=policy)
    return model_from_pairs(prepared)


def model_from_pairs(prepared: Prepared, fits: IntArray | None = None) -> FlowModel:
    """The flow network of prepared inputs (see :func:`build_flow_model`).

    ``fits`` replaces the pairs' fits as the objective (the Lagrangian costs of
    :mod:`matching.floors`).
    """
    people, needs, departments = prepared.people, prepared.needs, prepared.departments
    pairs = prepared.pairs
    objective = pairs.fit if fits is None else fits
    use_lottery = prepared.policy.tie_break == "lottery"
    department_index = {d.id: i for i, d in enumerate(departments)}
    person_used = np.unique(pairs.person)
    need_used = np.unique(pairs.need)
    person_department = np.array(
        [department_index[people[int(p)].department] for p in person_used], dtype=np.int64
    )
    department_used = np.unique(person_department)
    first = 2
    department_node = np.full(len(departments), -1, dtype=np.int64)
    department_node[department_used] = first + np.arange(len(department_used))
    first += len(department_used)
    person_node = np.full(len(people), -1, dtype=np.int64)
    person_node[person_used] = first + np.arange(len(person_used))
    first += len(person_used)
    need_node = np.full(len(needs), -1, dtype=np.int64)
    need_node[need_used] = first + np.arange(len(need_used))

    people_per_department = np.bincount(person_department, minlength=len(departments))
    release = np.array([d.release_cap for d in departments], dtype=np.int64)
    department_capacity = np.minimum(release, people_per_department)[department_used]
    headcount = np.array([needs[int(n)].headcount for n in need_used], dtype=np.int64)
    supply = int(min(department_capacity.sum(), headcount.sum(), len(person_used)))
    scale = supply * (2**LOTTERY_BITS - 1) + 1 if use_lottery else 1
    node_count = 2 + len(department_used) + len(person_used) + len(need_used)
    largest = int(np.abs(objective).max()) if len(objective) else 0
    largest_cost = max(largest, MAX_FIT) * scale + 2**LOTTERY_BITS
    if largest_cost * (node_count + 1) >= 2**62:
        # Path lengths (potentials) and OR-Tools' scaled costs must stay within int64.
        raise SolverError(
            f"the network ({node_count} nodes, {supply} possible moves) is too large for exact "
            "integer costs with the lottery tie-break; use Policy(tie_break='id')"
        )

    pair_count = len(pairs)
    tails = np.concatenate(
        [
            [SOURCE],
            np.full(len(department_used), SOURCE),
            department_node[person_department],
            person_node[pairs.person],
            need_node[need_used],
        ]
    ).astype(np.int64)
    heads = np.concatenate(
        [
            [SINK],
            department_node[department_used],
            person_node[person_used],
            need_node[pairs.need],
            np.full(len(need_used), SINK),
        ]
    ).astype(np.int64)
    capacities = np.concatenate(
        [
            [supply],
            department_capacity,
            np.ones(len(person_used) + pair_count, dtype=np.int64),
            headcount,
        ]
    ).astype(np.int64)
    costs = np.zeros(len(tails), dtype=np.int64)
    pair_start = 1 + len(department_used) + len(person_used)
    costs[pair_start : pair_start + pair_count] = -(objective * scale + pairs.lottery)

    labels: list[Hashable] = ["source", "sink"]
    labels.extend(("department", departments[int(d)].id) for d in department_used)
    labels.extend(("person", people[int(p)].id) for p in person_used)
    labels.extend(("need", needs[int(n)].id) for n in need_used)
    return FlowModel(
        labels=tuple(labels),
        tails=tails,
        heads=heads,
        capacities=capacities,
        costs=costs,
        supply=supply,
        pair_start=pair_start,
        fits=objective.copy(),
        scale=scale,
        person_node=person_node,
        need_node=need_node,
        department_node=department_node,
    )


def flow_of(model: FlowModel, chosen: IntArray) -> IntArray:
    """The flow of ``model`` that proposes the pairs at positions ``chosen``."""
    flows = np.zeros(len(model.tails), dtype=np.int64)
    flows[model.pair_start + chosen] = 1
    pair_arcs = model.pair_arcs
    out_of = np.bincount(model.tails[pair_arcs], flows[pair_arcs], model.node_count)
    into = np.bincount(model.heads[pair_arcs], flows[pair_arcs], model.node_count)
    first_person_arc = 1 + int((model.department_node >= 0).sum())
    person_arcs = slice(first_person_arc, model.pair_start)
    flows[person_arcs] = out_of[model.heads[person_arcs]]
    received = np.bincount(model.tails[person_arcs], flows[person_arcs], model.node_count)
    flows[1:first_person_arc] = received[model.heads[1:first_person_arc]]
    need_arcs = slice(model.pair_start + len(model.fits), len(model.tails))
    flows[need_arcs] = into[model.tails[need_arcs]]
    flows[0] = model.supply - len(chosen)
    return flows


def ortools_available() -> bool:
    """Whether OR-Tools' min-cost flow can be imported."""
    try:
        return importlib.util.find_spec("ortools.graph.python.min_cost_flow") is not None
    except ModuleNotFoundError:
        return False


def pick_solver(solver: str) -> str:
    """The concrete solver for a ``solver=`` argument.

    Examples
    --------
    >>> pick_solver("networkx")
    'networkx'
    >>> pick_solver("simplex")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    matching.exceptions.UnknownSolverError: unknown solver 'simplex'; expected 'auto', ...
    """
    if solver not in SOLVERS:
        raise UnknownSolverError(
            f"unknown solver {solver!r}; expected 'auto', 'ortools' or 'networkx'",
            field="solver",
        )
    if solver == "auto":
        return "ortools" if ortools_available() else "networkx"
    if solver == "ortools" and not ortools_available():
        raise SolverUnavailableError(
            "solver 'ortools' needs the ortools package; install it or use solver='networkx'",
            field="solver",
        )
    return solver


def solve(model: FlowModel, solver: str, *, plain: bool = False) -> IntArray:
    """An optimal flow of ``model`` (one value per arc) with a concrete solver.

    ``plain=True`` solves the costs without the tie-break (for benchmarks).
    """
    if len(model.fits) == 0:
        return np.zeros(len(model.tails), dtype=np.int64)
    costs = model.plain_costs() if plain else model.costs
    if solver == "ortools":
        return _solve_ortools(model, costs)
    return _solve_networkx(model, plain=plain)


def _solve_ortools(model: FlowModel, costs: IntArray) -> IntArray:
    from ortools.graph.python import min_cost_flow  # optional dependency

    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        model.tails.astype(np.int32),
        model.heads.astype(np.int32),
        model.capacities,
        costs,
    )
    flow.set_node_supply(SOURCE, model.supply)
    flow.set_node_supply(SINK, -model.supply)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise SolverError(
            f"OR-Tools min-cost flow returned {status!r} on a network of "
            f"{model.node_count} nodes and {len(model.tails)} arcs; try solver='networkx'"
        )
    flows: IntArray = np.asarray(
        flow.flows(np.arange(len(model.tails), dtype=np.int32)), dtype=np.int64
    )
    return flows


def _solve_networkx(model: FlowModel, *, plain: bool) -> IntArray:
    import networkx as nx  # imported when used

    graph = model.to_networkx(plain=plain)
    try:
        _, flow_dict = nx.network_simplex(graph)
    except nx.NetworkXException as error:  # pragma: no cover - the bypass makes it feasible
        raise SolverError(f"networkx network_simplex failed: {error}") from error
    labels = model.labels
    return np.fromiter(
        (
            flow_dict[labels[tail]][labels[head]]
            for tail, head in zip(model.tails.tolist(), model.heads.tolist(), strict=True)
        ),
        dtype=np.int64,
        count=len(model.tails),
    )

"""Propose secondments: the optimal, explained set of moves under the rules."""

from __future__ import annotations

import time
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np

from matching.explain import (
    Assignment,
    Explanation,
    Fairness,
    Outcome,
    Unfilled,
    explain_assignment,
    fairness,
    runner_up_positions,
)
from matching.fit import BoolArray, IntArray
from matching.floors import (
    FloorProgram,
    Lagrangian,
    certified_network,
    floor_groups,
    over_floor,
)
from matching.index import Prepared, prepare
from matching.losses import seatings
from matching.model import DEFAULT_POLICY, Department, Need, Person, Policy
from matching.network import model_from_pairs, pick_solver, solve
from matching.tiebreak import canonical_flow
from matching.unfilled import unfilled_seats

__all__ = ["Proposal", "RunStats", "propose"]


@dataclass(frozen=True, slots=True)
class RunStats:
    """How a proposal was computed (not part of its equality: timings vary run to run).

    Attributes
    ----------
    solver : str
        ``"ortools"`` or ``"networkx"``: the flow solver.
    floors : str
        ``"unbound"`` (no critical-skill floor bound the flow's proposal) or
        ``"integer_program"`` (floors bound; HiGHS' integer program chose); see
        :mod:`matching.floors`.
    eligible_pairs, nodes, arcs : int
        Size of the flow network.
    tie_settled : int
        People placed by the last step of the tie-break (see :mod:`matching.tiebreak`).
    timings : Mapping[str, float]
        Seconds per phase: ``prepare`` (validation, index, scoring), ``model``, ``solve``,
        ``tie_break``, ``floors`` (the check, and the integer program when they bind),
        ``explain`` and ``total``.
    """

    solver: str
    floors: str
    eligible_pairs: int
    nodes: int
    arcs: int
    tie_settled: int
    timings: Mapping[str, float]


@dataclass(frozen=True, slots=True)
class Proposal:
    """The matcher's answer.

    Attributes
    ----------
    assignments : tuple of Assignment
        In need id order, then person id order.
    total_fit : float
        The sum of the assignments' fits (the maximum possible under the rules).
    unfilled : tuple of Unfilled
        Needs with empty seats, in id order, with reasons and the smallest fix.
    explanations : tuple of Explanation
        One per assignment, in the same order (empty with ``explain=False``).
    fairness : Fairness
        Proposals per department (out and in) and per tier.
    stats : RunStats
        Solver, sizes and timings; excluded from equality.
    """

    assignments: tuple[Assignment, ...]
    total_fit: float
    unfilled: tuple[Unfilled, ...]
    explanations: tuple[Explanation, ...]
    fairness: Fairness
    stats: RunStats = field(compare=False, repr=False)

    def explanation_for(self, person_id: str) -> Explanation | None:
        """The explanation of a person's assignment, ``None`` if they are not proposed."""
        for explanation in self.explanations:
            if explanation.person.id == person_id:
                return explanation
        return None


def _proposed(prepared: Prepared, chosen: IntArray) -> BoolArray:
    """One flag per person: proposed in ``chosen``."""
    proposed = np.zeros(len(prepared.people), dtype=np.bool_)
    proposed[prepared.pairs.person[chosen]] = True
    return proposed


def propose(
    people: Iterable[Person],
    needs: Iterable[Need],
    departments: Iterable[Department],
    *,
    policy: Policy = DEFAULT_POLICY,
    solver: str = "auto",
    explain: bool = True,
    forbidden: Collection[tuple[str, str]] = (),
) -> Proposal:
    """Propose the secondments with the largest total fit under the rules.

    Parameters
    ----------
    people : iterable of Person
        The people who opted in (leave out anyone already seconded or cooling off).
    needs : iterable of Need
        The open needs.
    departments : iterable of Department
        Every department a person or a need refers to, with its release cap.
    policy : Policy, optional
        Fit weights and options.
    solver : {"auto", "ortools", "networkx"}
        ``"networkx"`` is the reference (:func:`networkx.network_simplex`, pure Python);
        ``"ortools"`` is OR-Tools' compiled min-cost flow; ``"auto"`` picks OR-Tools when it
        is installed. Both give the same proposal.
    explain : bool
        Build the explanations (runner-ups) and the fixes of unfilled seats. Without, the
        assignments, unfilled reasons and fairness summary are still given.
    forbidden : collection of (str, str)
        (person id, need id) pairs never to propose, as if the person were not eligible for
        the need (a what-if: "not this person here"). They are not runner-ups either; the
        reasons of unfilled seats still count the person as eligible.

    Returns
    -------
    Proposal

    Raises
    ------
    MatchingError
        A subclass naming the offending item for any input error (see
        :mod:`matching.exceptions`); :class:`UnknownSolverError` or
        :class:`SolverUnavailableError` for the ``solver`` argument.

    Notes
    -----
    **Rules.** A person fills at most one seat and a need at most ``headcount``; nobody
    goes to a need of their own department; every must requirement is met at its minimum
    level, clearance, tier and availability as in :mod:`matching.fit`; each department
    sends out at most ``release_cap`` people. The proposal maximises the total fit.

    **Tie-break.** Among proposals with the same total fit: the largest total lottery
    number (a fixed number per (person, need) pair computed from the two ids), then, taking
    people in ascending id order, each gets the smallest need id still possible. The output
    never depends on the order of the input lists nor on the solver; see
    :mod:`matching.tiebreak`.

    **Model.** A min-cost flow: source -> department (release cap) -> person (1) -> need
    (cost -fit) -> sink (headcount), with a zero-cost bypass from source to sink; see
    :mod:`matching.network`. Eligible pairs come from a skill index, never from scoring
    every pair (:mod:`matching.index`).

    **Complexity.** Finding and scoring the :math:`E` eligible pairs is near-linear in
    :math:`E`; OR-Tools' cost-scaling push-relabel runs in :math:`O(V^2 E \\log(VC))`
    worst case and in about a second for a million pairs on the benchmark machine; network
    simplex is interpreted Python (27 s at 200,000 pairs, 333 s at a million). The
    tie-break adds :math:`O(E)` per Bellman-Ford round (30-40 rounds); explanations are
    near-linear too. See ``docs/benchmarks.md``.

    Inputs are never modified; the proposal refers to the same objects.

    References
    ----------
    .. [1] R. K. Ahuja, T. L. Magnanti, J. B. Orlin, *Network Flows*, Prentice Hall, 1993.

    Examples
    --------
    >>> from datetime import date
    >>> from matching import Department, Evidence, Need, Person, Requirement
    >>> departments = [Department("D-1", release_cap=1), Department("D-2", release_cap=1)]
    >>> people = [
    ...     Person("P-1", "D-1", "general", 0, {"GIS": Evidence(4, "evidenced")}, None, None),
    ...     Person("P-2", "D-1", "general", 0, {"GIS": Evidence(5, "self")}, None, None),
    ... ]
    >>> needs = [Need("N-1", "D-2", [Requirement("GIS", 3)], headcount=2,
    ...               start=date(2026, 3, 2), end=date(2026, 5, 29))]
    >>> proposal = propose(people, needs, departments)
    >>> [(a.person.id, a.need.id, a.fit.total) for a in proposal.assignments]
    [('P-1', 'N-1', 79.0)]
    >>> proposal.unfilled[0].seats, proposal.unfilled[0].reasons[0].code
    (1, 'release_cap')
    >>> proposal.unfilled[0].fix.message
    'raise the release cap of D-1 by 1 (P-2, fit 58.20, could then fill it)'
    >>> runner_up = proposal.explanations[0].runner_ups[0]
    >>> runner_up.person.id, runner_up.reason, runner_up.loss
    ('P-2', 'release_cap', 20.8)
    """
    started = time.perf_counter()
    timings: dict[str, float] = {}
    concrete = pick_solver(solver)

    def lap(name: str, since: float) -> float:
        now = time.perf_counter()
        timings[name] = now - since
        return now

    prepared = prepare(people, needs, departments, policy=policy, forbidden=forbidden)
    clock = lap("prepare", started)
    model = model_from_pairs(prepared)
    clock = lap("model", clock)
    flows = solve(model, concrete)
    clock = lap("solve", clock)
    flows, settled = canonical_flow(model, flows)
    clock = lap("tie_break", clock)

    pairs = prepared.pairs
    chosen = np.flatnonzero(flows[model.pair_arcs] > 0)
    groups = floor_groups(prepared)
    lagrangian = Lagrangian.none(groups)
    optimal_flows: IntArray | None = flows
    program: FloorProgram | None = None
    floors = "unbound"
    if over_floor(groups, _proposed(prepared, chosen)):
        program = FloorProgram(prepared, groups)
        chosen, optimal_flows, settled, floors = program.optimum(), None, 0, "integer_program"
        if explain:
            certified = certified_network(prepared, program, groups, chosen)
            if certified is not None:
                model, optimal_flows, lagrangian = certified
    clock = lap("floors", clock)
    chosen = chosen[np.lexsort((pairs.person[chosen], pairs.need[chosen]))]
    outcome = Outcome(prepared, chosen, groups)
    assignments = tuple(
        Assignment(
            person=prepared.people[int(pairs.person[c])],
            need=prepared.needs[int(pairs.need[c])],
            fit=outcome.fit(int(c)),
        )
        for c in chosen
    )
    explanations: tuple[Explanation, ...] = ()
    if explain:
        requests = {
            need: runner_up_positions(outcome, need)
            for need in np.unique(pairs.need[chosen]).tolist()
        }
        found = seatings(
            prepared,
            model,
            optimal_flows,
            chosen,
            requests,
            groups=groups,
            lagrangian=lagrangian,
            program=program,
        )
        explanations = tuple(explain_assignment(outcome, found, int(c)) for c in chosen)
    unfilled = unfilled_seats(outcome, explain=explain)
    summary: Fairness = fairness(outcome)
    clock = lap("explain", clock)
    timings["total"] = clock - started
    return Proposal(
        assignments=assignments,
        total_fit=int(pairs.fit[chosen].sum()) / 100,
        unfilled=unfilled,
        explanations=explanations,
        fairness=summary,
        stats=RunStats(
            solver=concrete,
            floors=floors,
            eligible_pairs=len(pairs),
            nodes=model.node_count,
            arcs=len(model.tails),
            tie_settled=settled,
            timings=MappingProxyType(timings),
        ),
    )

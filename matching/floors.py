"""Critical-skill floors: exact optima when they bind.

A floor (:class:`~matching.model.Floor`) lets at most ``may_release`` of a department's
people holding a skill at a level be proposed. One floor per department would still be a
network flow (a sub-node for its holders), but floors overlap (a person can hold two
critical skills), and overlapping subsets are not a flow. The integer program is

.. math:: \\max \\sum_e f_e x_e \\quad \\text{s.t. the flow rules and} \\quad
          \\sum_{e \\,:\\, \\text{person}(e) \\in S_g} x_e \\le b_g \\ \\text{for every floor } g,
          \\quad x_e \\in \\{0, 1\\}.

How the matcher solves it exactly:

1. The flow without the floors (:mod:`matching.network`). If its proposal respects every
   floor, it is optimal with them too (the floors only remove proposals) and stands.
2. Otherwise HiGHS (through SciPy) solves the program: first its linear relaxation, which
   is usually integral and then is the optimum; else branch and bound with a zero gap,
   checked against the proven bound (objective values are integers). Then, with the total
   fit at its optimum, the largest total lottery number; when the integer optimum equals
   the relaxed one, pairs with a non-zero reduced cost keep their value in every optimum
   and are fixed for that search. The last step of the tie-break is HiGHS' deterministic
   choice on the id-sorted input (the lottery leaves it rare).

For the runner-ups' exact losses (:mod:`matching.losses`) the proposal is certified on a
**Lagrangian network**: the relaxation's floor duals :math:`\\lambda_g`, scaled by a small
integer :math:`K` and rounded to integers :math:`\\Lambda_g`, move into the pair costs,
:math:`f'_e = K f_e - \\sum_{g \\ni \\text{person}(e)} \\Lambda_g`. For any proposal
:math:`x` that respects the floors,
:math:`K \\cdot \\text{fit}(x) = f'(x) + \\sum_g \\Lambda_g \\text{count}_g(x) \\le
\\max f' + \\sum_g \\Lambda_g b_g`. So when the proposal is an optimal flow for
:math:`f'` (checked in integers) and fills every weighted floor, any proposal that
respects every floor and fills the weighted ones, and is best for :math:`f'`, is best for
the fit too. The duals only guide; the check is exact.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Final

import numpy as np

from matching.exceptions import SolverError
from matching.fit import BoolArray, IntArray
from matching.index import Prepared
from matching.model import Floor
from matching.network import FlowModel, flow_of, model_from_pairs
from matching.tiebreak import potentials

__all__ = [
    "FloorGroup",
    "FloorProgram",
    "Lagrangian",
    "certified_network",
    "floor_groups",
    "over_floor",
]

#: Scales tried for the duals (the relaxation's duals are often halves or thirds).
_SCALES: Final = (1, 2, 3, 4, 6, 12)
#: A relaxed value this close to 0 or 1 is integral (the data are small integers).
_INTEGRAL: Final = 1e-6
#: A reduced cost beyond this (in hundredths) is not zero.
_REDUCED: Final = 1e-3


@dataclass(frozen=True, eq=False)
class FloorGroup:
    """The people of a run one floor counts: a department's holders of the skill."""

    department: int  # index into the id-sorted departments
    floor: Floor
    members: IntArray  # person indices, ascending

    def holds(self, person: int) -> bool:
        position = int(np.searchsorted(self.members, person))
        return position < len(self.members) and int(self.members[position]) == person


@dataclass(frozen=True, eq=False)
class Lagrangian:
    """Integer floor multipliers ``weights`` (one per group) at ``scale`` K."""

    scale: int
    weights: tuple[int, ...]

    @classmethod
    def none(cls, groups: Sequence[FloorGroup]) -> Lagrangian:
        """No multiplier: the plain flow."""
        return cls(1, (0,) * len(groups))

    def fits(self, prepared: Prepared, groups: Sequence[FloorGroup]) -> IntArray:
        """The pair objective :math:`K f_e - \\sum_g \\Lambda_g [\\text{person}(e) \\in S_g]`."""
        penalty = np.zeros(len(prepared.people), dtype=np.int64)
        for group, weight in zip(groups, self.weights, strict=True):
            penalty[group.members] += weight
        fits: IntArray = self.scale * prepared.pairs.fit - penalty[prepared.pairs.person]
        return fits

    def certifies(self, groups: Sequence[FloorGroup], proposed: BoolArray) -> bool:
        """Whether ``proposed`` respects every floor and fills those with a weight."""
        for group, weight in zip(groups, self.weights, strict=True):
            released = int(proposed[group.members].sum())
            if released > group.floor.may_release or (
                weight > 0 and released != group.floor.may_release
            ):
                return False
        return True


def _integral(values: Any) -> bool:
    return bool(np.abs(values - np.rint(values)).max(initial=0.0) < _INTEGRAL)


def floor_groups(prepared: Prepared) -> tuple[FloorGroup, ...]:
    """Every floor of the run with its members, in department then skill order.

    Floors with no more members than ``may_release`` can never bind and are left out.
    """
    holders = prepared.finder.index.holders
    department_of = prepared.finder.table.department
    groups = []
    for index, department in enumerate(prepared.departments):
        for floor in sorted(department.floors, key=lambda f: (f.skill, f.min_level)):
            found = holders.get(floor.skill)
            if found is None:
                continue
            members = found.at_least(floor.min_level)
            members = members[department_of[members] == index]
            if len(members) > floor.may_release:
                groups.append(FloorGroup(index, floor, members))
    return tuple(groups)


def over_floor(groups: Sequence[FloorGroup], proposed: BoolArray) -> list[FloorGroup]:
    """The floors that ``proposed`` (one flag per person) releases too many holders of."""
    return [g for g in groups if int(proposed[g.members].sum()) > g.floor.may_release]


class FloorProgram:
    """The run's integer program with its floors, as sparse rows for HiGHS (SciPy)."""

    def __init__(self, prepared: Prepared, groups: Sequence[FloorGroup]) -> None:
        from scipy.sparse import csr_matrix, vstack

        self.prepared = prepared
        pairs = prepared.pairs
        count = len(pairs)
        columns = np.arange(count)
        ones = np.ones(count)
        department_of = prepared.finder.table.department[pairs.person]
        member = np.zeros((len(groups), len(prepared.people)), dtype=np.bool_)
        for row, group in enumerate(groups):
            member[row, group.members] = True
        floor_rows, floor_columns = np.nonzero(member[:, pairs.person])
        self.rows = vstack(
            [
                csr_matrix((ones, (pairs.person, columns)), shape=(len(prepared.people), count)),
                csr_matrix((ones, (pairs.need, columns)), shape=(len(prepared.needs), count)),
                csr_matrix(
                    (ones, (department_of, columns)), shape=(len(prepared.departments), count)
                ),
                csr_matrix(
                    (np.ones(len(floor_rows)), (floor_rows, floor_columns)),
                    shape=(len(groups), count),
                ),
            ]
        ).tocsr()
        self.bounds = np.concatenate(
            [
                np.ones(len(prepared.people)),
                [need.headcount for need in prepared.needs],
                [department.release_cap for department in prepared.departments],
                [group.floor.may_release for group in groups],
            ]
        ).astype(np.float64)
        self.floor_count = len(groups)
        self._relaxed: Any = None

    def _relaxation(self) -> Any:
        """The linear relaxation (HiGHS), solved once."""
        if self._relaxed is None:
            from scipy.optimize import linprog

            result = linprog(
                -self.prepared.pairs.fit.astype(np.float64),
                A_ub=self.rows,
                b_ub=self.bounds,
                bounds=(0, 1),
                method="highs",
            )
            if result.status != 0:  # pragma: no cover - proposing nobody is feasible
                raise SolverError(f"HiGHS could not solve the floors' relaxation: {result.message}")
            self._relaxed = result
        return self._relaxed

    def multipliers(self) -> Iterator[Lagrangian]:
        """Integer floor multipliers to try, from the linear relaxation's duals."""
        marginals = np.asarray(self._relaxation().ineqlin.marginals)
        duals = np.maximum(-marginals[len(self.bounds) - self.floor_count :], 0.0)
        tried: set[tuple[int, ...]] = set()
        for scale in _SCALES:
            weights = tuple(int(w) for w in np.rint(duals * scale))
            if weights not in tried:
                tried.add(weights)
                yield Lagrangian(scale, weights)

    def _solve(
        self,
        objective: IntArray,
        lower: IntArray,
        upper: IntArray,
        at_least: tuple[IntArray, int] | None = None,
    ) -> IntArray | None:
        """Branch and bound (HiGHS) on ``objective``; ``None`` when infeasible."""
        from scipy.optimize import Bounds, LinearConstraint, milp
        from scipy.sparse import csr_matrix, vstack

        rows, bounds = self.rows, self.bounds
        if at_least is not None:
            coefficients, floor_value = at_least
            row = csr_matrix(-coefficients.astype(np.float64).reshape(1, -1))
            rows = vstack([rows, row]).tocsr()
            bounds = np.append(bounds, -float(floor_value))
        result = milp(
            -objective.astype(np.float64),
            constraints=LinearConstraint(rows, -np.inf, bounds),
            integrality=np.ones(len(objective)),
            bounds=Bounds(lower.astype(np.float64), upper.astype(np.float64)),
            options={"mip_rel_gap": 0.0},
        )
        if result.status == 2:  # infeasible
            return None
        if result.x is None:
            raise SolverError(f"HiGHS could not solve the floors' program: {result.message}")
        chosen: IntArray = np.flatnonzero(np.rint(result.x) > 0).astype(np.int64)
        value = int(objective[chosen].sum())
        # Every objective value is an integer: no better one exists below the proven bound.
        if -value - result.mip_dual_bound >= 1 - 1e-6:
            raise SolverError("HiGHS stopped before proving the floors' optimum")
        return chosen

    def optimum(self) -> IntArray:
        """The optimal proposal: the largest total fit, then the largest lottery total.

        The relaxation is often integral, and then it is the optimum of the fit. When the
        integer optimum equals the relaxation's, every integer optimum is a relaxed one,
        so the pairs whose reduced cost is not zero keep their value in all of them and
        are fixed for the second search (which otherwise wanders a huge optimal face).
        """
        pairs = self.prepared.pairs
        count = len(pairs)
        relaxed = self._relaxation()
        values = np.asarray(relaxed.x)
        zeros, ones = np.zeros(count, dtype=np.int64), np.ones(count, dtype=np.int64)
        if _integral(values):
            found: IntArray | None = np.flatnonzero(np.rint(values) > 0).astype(np.int64)
        else:
            found = self._solve(pairs.fit, zeros, ones)
        if found is None:  # pragma: no cover - proposing nobody is always feasible
            raise SolverError("the floors' program has no solution")
        if self.prepared.policy.tie_break != "lottery":
            return found
        best = int(pairs.fit[found].sum())
        lower, upper = zeros, ones
        if best >= -relaxed.fun - _INTEGRAL:  # the integer optimum is the relaxed one
            lower = (np.asarray(relaxed.upper.marginals) < -_REDUCED).astype(np.int64)
            upper = 1 - (np.asarray(relaxed.lower.marginals) > _REDUCED).astype(np.int64)
        found = self._solve(pairs.lottery, lower, upper, (pairs.fit, best))
        if found is None:  # pragma: no cover - the first optimum is feasible
            raise SolverError("the floors' program lost its optimum")
        return found

    def forced(self, position: int) -> IntArray | None:
        """The best proposal that contains the pair at ``position`` (``None``: none does).

        The relaxation first: when it is integral it is the answer.
        """
        from scipy.optimize import linprog

        count = len(self.prepared.pairs)
        lower = np.zeros(count, dtype=np.int64)
        lower[position] = 1
        upper = np.ones(count, dtype=np.int64)
        relaxed = linprog(
            -self.prepared.pairs.fit.astype(np.float64),
            A_ub=self.rows,
            b_ub=self.bounds,
            bounds=np.column_stack([lower, upper]),
            method="highs",
        )
        if relaxed.status == 2:  # infeasible even relaxed
            return None
        values = np.asarray(relaxed.x)
        if relaxed.status == 0 and _integral(values):
            found: IntArray = np.flatnonzero(np.rint(values) > 0).astype(np.int64)
            return found
        return self._solve(self.prepared.pairs.fit, lower, upper)


def certified_network(
    prepared: Prepared,
    program: FloorProgram,
    groups: Sequence[FloorGroup],
    chosen: IntArray,
) -> tuple[FlowModel, IntArray, Lagrangian] | None:
    """A Lagrangian network on which the optimal proposal ``chosen`` is an optimal flow.

    Returns the network, the proposal's flow on it and the multipliers, or ``None`` when
    no multiplier tried certifies it. The check is exact: the flow's residual network has
    no negative cycle (Bellman-Ford in integers) and the floors with a weight are full.
    """
    proposed = np.zeros(len(prepared.people), dtype=np.bool_)
    proposed[prepared.pairs.person[chosen]] = True
    for candidate in program.multipliers():
        if not candidate.certifies(groups, proposed):
            continue
        model = model_from_pairs(prepared, candidate.fits(prepared, groups))
        flows = flow_of(model, chosen)
        try:
            potentials(model, flows, model.plain_costs())
        except SolverError:
            continue
        return model, flows, candidate
    return None

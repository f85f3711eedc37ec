"""Optimality against an independent formulation: the assignment problem expanded by
headcount, solved by scipy's linear_sum_assignment (valid where release caps do not bind)."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from scipy.optimize import linear_sum_assignment

from matching import Policy, propose, random_instance, score
from tests.matching.strategies import Case, cases


def _assignment_optimum(people, needs, policy: Policy) -> int:
    """Largest total fit in hundredths: one column per seat, fit 0 for an ineligible pair
    (picking it is the same as leaving the person unassigned, since every fit is > 0)."""
    seats = [need for need in needs for _ in range(need.headcount)]
    if not people or not seats:
        return 0
    fits = np.zeros((len(people), len(seats)), dtype=np.int64)
    for row, person in enumerate(people):
        for column, need in enumerate(seats):
            fit = score(person, need, policy)
            if fit is not None:
                fits[row, column] = round(fit.total * 100)
    rows, columns = linear_sum_assignment(fits, maximize=True)
    return int(fits[rows, columns].sum())


@settings(max_examples=120, deadline=None)
@given(case=cases(max_people=10, max_needs=5, binding_caps=False))
def test_total_matches_the_assignment_problem_on_small_instances(case: Case):
    policy = Policy()
    proposal = propose(case.people, case.needs, case.departments, policy=policy)
    assert round(proposal.total_fit * 100) == _assignment_optimum(case.people, case.needs, policy)


@pytest.mark.parametrize(("size", "seed"), [((120, 40), 1), ((200, 60), 2), ((300, 80), 3)])
@pytest.mark.parametrize("solver", ["ortools", "networkx"])
def test_total_matches_the_assignment_problem_on_generated_instances(size, seed, solver):
    instance = random_instance(*size, seed=seed, binding_cap_share=0.0)
    proposal = propose(instance.people, instance.needs, instance.departments, solver=solver)
    assert len(proposal.assignments) > size[1] // 2
    expected = _assignment_optimum(instance.people, instance.needs, Policy())
    assert round(proposal.total_fit * 100) == expected


def test_binding_release_caps_lower_the_optimum_below_the_unconstrained_one():
    instance = random_instance(200, 60, seed=4, binding_cap_share=0.5)
    proposal = propose(instance.people, instance.needs, instance.departments)
    unconstrained = _assignment_optimum(instance.people, instance.needs, Policy())
    staff = Counter(person.department for person in instance.people)
    binding = [b for b in proposal.fairness.departments if b.release_cap < staff[b.department]]
    assert binding
    assert all(b.cap_reached for b in binding)
    assert round(proposal.total_fit * 100) < unconstrained

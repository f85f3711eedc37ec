"""Critical-skill floors and exact runner-up losses, against independent formulations."""

from __future__ import annotations

import random
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from matching import (
    Department,
    Floor,
    InvalidDepartmentError,
    Policy,
    Requirement,
    propose,
    random_instance,
)
from matching.index import prepare
from tests.matching.builders import departments, need, person
from tests.matching.strategies import Case, best_totals, cases, floored_cases

PROPERTY = settings(max_examples=120, deadline=None)
POLICIES = st.sampled_from([Policy(), Policy(tie_break="id")])


def _hundredths(value: float) -> int:
    return round(value * 100)


def _released(proposal, department: Department, floor: Floor) -> int:
    return sum(
        1
        for a in proposal.assignments
        if a.person.department == department.id
        and a.person.skills.get(floor.skill) is not None
        and a.person.skills[floor.skill].level >= floor.min_level
    )


def _lottery_total(proposal) -> int:
    from tests.matching.strategies import pair_lottery

    return sum(pair_lottery(a.person.id, a.need.id) for a in proposal.assignments)


# --- floors ----------------------------------------------------------------------------------


@PROPERTY
@given(case=floored_cases(), policy=POLICIES)
def test_floors_are_never_broken_and_the_optimum_is_the_enumerated_one(case: Case, policy):
    proposal = propose(case.people, case.needs, case.departments, policy=policy)
    for department in case.departments:
        for floor in department.floors:
            assert _released(proposal, department, floor) <= floor.may_release
    best = best_totals(case, policy)
    assert best is not None
    assert _hundredths(proposal.total_fit) == best[0]
    if policy.tie_break == "lottery":
        assert _lottery_total(proposal) == best[1]


@PROPERTY
@given(case=floored_cases(), data=st.data())
def test_a_floored_proposal_does_not_depend_on_the_order_of_the_input(case: Case, data):
    first = propose(case.people, case.needs, case.departments)
    people = data.draw(st.permutations(case.people))
    needs = data.draw(st.permutations(case.needs))
    assert propose(people, needs, list(reversed(case.departments))) == first


def test_a_floor_keeps_holders_at_home_and_says_so():
    people = [
        person("P-1", "D-1", {"GIS": 5}),
        person("P-2", "D-1", {"GIS": 4}),
        person("P-3", "D-2", {"GIS": 2}),
    ]
    needs = [need("N-1"), need("N-2")]
    floors = departments("D-1", "D-2", "D-9")
    floors[0] = Department("D-1", 5, [Floor("GIS", 4, may_release=1)])
    proposal = propose(people, needs, floors)
    assert proposal.stats.floors != "unbound"
    assert sorted(a.person.id for a in proposal.assignments) == ["P-1", "P-3"]
    held_by_p3 = next(e for e in proposal.explanations if e.person.id == "P-3")
    runner_up = next(r for r in held_by_p3.runner_ups if r.person.id == "P-2")
    assert runner_up.reason == "floor"
    assert runner_up.floor == Floor("GIS", 4, may_release=1)
    assert "D-1 keeps its holders of GIS >= 4 at home (at most 1 may go)" in runner_up.message
    assert runner_up.loss is not None
    assert runner_up.loss > 0
    without = propose(people, needs, departments("D-1", "D-2", "D-9"))
    assert without.stats.floors == "unbound"
    assert len(without.assignments) == 2
    assert _hundredths(without.total_fit) > _hundredths(proposal.total_fit)


def test_an_unfilled_seat_names_the_floor_and_the_smallest_fix():
    people = [person("P-1", "D-1", {"GIS": 5}), person("P-2", "D-1", {"GIS": 4})]
    floors = [Department("D-1", 5, [Floor("GIS", 4, may_release=1)]), Department("D-9", 0)]
    proposal = propose(people, [need("N-1", headcount=2)], floors)
    (unfilled,) = proposal.unfilled
    (reason,) = unfilled.reasons
    assert (reason.code, reason.people, reason.departments) == ("floor", ("P-2",), ("D-1",))
    assert (reason.skill, reason.level) == ("GIS", 4)
    assert unfilled.fix is not None
    assert (unfilled.fix.kind, unfilled.fix.department, unfilled.fix.skill) == (
        "floor",
        "D-1",
        "GIS",
    )
    assert unfilled.fix.message.startswith("let D-1 release one more holder of GIS >= 4 (P-2,")


def test_a_floor_that_cannot_bind_leaves_the_flow_in_charge():
    people = [person("P-1", "D-1", {"GIS": 5}), person("P-2", "D-1", {"GIS": 4})]
    floors = [Department("D-1", 5, [Floor("GIS", 4, may_release=2)]), Department("D-9", 0)]
    proposal = propose(people, [need("N-1", headcount=2)], floors)
    assert proposal.stats.floors == "unbound"
    assert len(proposal.assignments) == 2


@pytest.mark.parametrize(
    ("floors", "message"),
    [
        ("GIS", "has floors that are not a sequence of Floor"),
        ([("GIS", 3, 1)], "expected a Floor, got ('GIS', 3, 1)"),
        ([Floor(" ", 3, 1)], "a floor has an invalid skill ' '"),
        ([Floor("GIS", 6, 1)], "the floor on 'GIS' has min_level 6; levels run from 1 to 5"),
        ([Floor("GIS", 3, -1)], "the floor on 'GIS' has may_release -1; expected a whole number"),
        ([Floor("GIS", 3, 1), Floor("GIS", 3, 2)], "has two floors on 'GIS' at level 3"),
    ],
)
def test_invalid_floors_are_refused_naming_the_department(floors, message):
    with pytest.raises(
        InvalidDepartmentError, match=message.replace("(", r"\(").replace(")", r"\)")
    ) as error:
        propose([], [], [Department("D-1", 1, floors)])
    assert (error.value.item, error.value.field) == ("D-1", "floors")


def _milp_optimum(people, needs, department_list, policy: Policy) -> int:
    """The floored optimum by SciPy's MILP (HiGHS): an independent integer program."""
    prepared = prepare(people, needs, department_list, policy=policy)
    pairs = prepared.pairs
    rows, bounds = [], []
    for person_index in range(len(prepared.people)):
        rows.append(pairs.person == person_index)
        bounds.append(1)
    for need_index, item in enumerate(prepared.needs):
        rows.append(pairs.need == need_index)
        bounds.append(item.headcount)
    home = np.array([prepared.people[p].department for p in pairs.person])
    for department in prepared.departments:
        rows.append(home == department.id)
        bounds.append(department.release_cap)
        for floor in department.floors:
            holds = np.array(
                [
                    (e := prepared.people[p].skills.get(floor.skill)) is not None
                    and e.level >= floor.min_level
                    for p in pairs.person
                ]
            )
            rows.append((home == department.id) & holds)
            bounds.append(floor.may_release)
    matrix = np.array(rows, dtype=np.float64)
    result = milp(
        -pairs.fit.astype(np.float64),
        constraints=LinearConstraint(matrix, -np.inf, np.array(bounds, dtype=np.float64)),
        integrality=np.ones(len(pairs)),
        bounds=Bounds(0, 1),
    )
    assert result.success
    return round(-float(result.fun))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_cities_with_overlapping_floors_reach_the_milp_optimum(seed):
    instance = random_instance(160, 40, seed=seed, departments=6)
    rng = random.Random(seed)
    held = Counter(
        (p.department, skill, evidence.level)
        for p in instance.people
        for skill, evidence in p.skills.items()
    )
    common = [key for key, _ in held.most_common(12)]
    floored = []
    for department in instance.departments:
        mine = [(skill, level) for d, skill, level in common if d == department.id][:3]
        floored.append(
            Department(
                department.id,
                department.release_cap,
                [Floor(skill, level, may_release=rng.randint(0, 2)) for skill, level in mine],
            )
        )
    proposal = propose(instance.people, instance.needs, floored)
    assert proposal.stats.floors != "unbound"
    expected = _milp_optimum(instance.people, instance.needs, floored, Policy())
    assert _hundredths(proposal.total_fit) == expected
    for department in floored:
        for floor in department.floors:
            assert _released(proposal, department, floor) <= floor.may_release


# --- exact runner-up losses ------------------------------------------------------------------


def _check_losses(case: Case, policy: Policy) -> None:
    proposal = propose(case.people, case.needs, case.departments, policy=policy)
    best = best_totals(case, policy)
    assert best is not None
    for explanation in proposal.explanations:
        for runner_up in explanation.runner_ups:
            forced = best_totals(case, policy, (runner_up.person.id, explanation.need.id))
            if forced is None:
                assert runner_up.loss is None
                continue
            assert runner_up.loss is not None
            assert _hundredths(runner_up.loss) == best[0] - forced[0]
            assert runner_up.moves[-1].person == runner_up.person.id
            assert runner_up.moves[-1].to_need == explanation.need.id


@PROPERTY
@given(case=cases(max_people=7, max_needs=4), policy=POLICIES)
def test_runner_up_losses_equal_the_enumerated_best_with_them_seated(case: Case, policy):
    _check_losses(case, policy)


@PROPERTY
@given(case=floored_cases(), policy=POLICIES)
def test_runner_up_losses_are_exact_under_floors_too(case: Case, policy):
    _check_losses(case, policy)


def test_floors_whose_relaxation_is_fractional_are_solved_exactly_by_the_integer_program():
    # Three floors, each on two of three people: the relaxation releases each person by
    # half (1.5 people), no integer multiplier certifies a flow, and one person may go.
    people = [
        person("P-a", "D-1", {"X": 3, "Z": 3, "GIS": 3}),
        person("P-b", "D-1", {"X": 3, "Y": 3, "GIS": 4}),
        person("P-c", "D-1", {"Y": 3, "Z": 3, "GIS": 5}),
    ]
    floors = [Floor(skill, 1, may_release=1) for skill in ("X", "Y", "Z")]
    case = Case(
        people,
        [need("N-1"), need("N-2"), need("N-3")],
        [Department("D-1", 3, floors), Department("D-9", 0)],
    )
    proposal = propose(case.people, case.needs, case.departments)
    assert proposal.stats.floors == "integer_program"
    assert [a.person.id for a in proposal.assignments] == ["P-c"]
    _check_losses(case, Policy())
    runner_ups = {r.person.id: r for e in proposal.explanations for r in e.runner_ups}
    assert runner_ups["P-b"].reason == "floor"


def test_the_lottery_decides_exactly_when_the_relaxation_is_better_than_any_proposal():
    # The relaxation releases a, b and c by half (one fit point above any proposal): the
    # pairs cannot be fixed by their reduced costs for the lottery's search.
    policy = Policy(preference_weight=0.01, no_preference_share=0.0)
    floors = [Floor(skill, 1, may_release=1) for skill in "XYZ"]
    departments_ = [
        Department("D-1", 5, floors),
        Department("D-2", 5),
        Department("D-8", 0),
        Department("D-9", 0),
    ]
    for k in range(200):  # ids vary the lottery numbers
        people = [
            person(f"P-a{k}", "D-1", {"X": 3, "Z": 3, "GIS": 3}, preferred=["D-9"]),
            person(f"P-b{k}", "D-1", {"X": 3, "Y": 3, "GIS": 3}, preferred=["D-9"]),
            person(f"P-c{k}", "D-1", {"Y": 3, "Z": 3, "GIS": 3}, preferred=["D-9"]),
            person(f"P-d{k}", "D-2", {"GIS": 3}, preferred=["D-8"]),
            person(f"P-e{k}", "D-1", {"X": 3, "GIS": 3}, preferred=["D-8"]),
        ]
        case = Case(people, [need("N-1", headcount=2)], departments_)
        proposal = propose(case.people, case.needs, case.departments, policy=policy)
        found = (_hundredths(proposal.total_fit), _lottery_total(proposal))
        assert found == best_totals(case, policy), k


def test_a_candidate_of_fit_zero_left_out_is_no_reason_of_its_own():
    policy = Policy(
        requirement_weight=0,
        nice_to_have_weight=20,
        preference_weight=0,
        tier_weight=0,
        tie_break="id",
    )
    people = [
        person("P-1", "D-1", {"GIS": 5, "Y": 3}),
        person("P-2", "D-1", {"GIS": 4, "Y": 3}),
        person("P-3", "D-2", {"GIS": 3}),  # meets the must, not the nice-to-have: fit 0
    ]
    the_need = need(
        "N-1", requirements=[Requirement("GIS", 1), Requirement("Y", 1, must=False)], headcount=3
    )
    floored = [
        Department("D-1", 5, [Floor("GIS", 4, may_release=1)]),
        Department("D-2", 5),
        Department("D-9", 0),
    ]
    proposal = propose(people, [the_need], floored, policy=policy)
    (unfilled,) = proposal.unfilled
    assert [(r.code, r.people) for r in unfilled.reasons] == [("floor", ("P-2",))]


@pytest.mark.parametrize(
    ("cap", "floors", "skills"),
    [
        (1, [Floor("GIS", 4, may_release=1)], {"GIS": 4}),  # the cap and a floor
        (5, [Floor("GIS", 4, may_release=1), Floor("X", 1, may_release=1)], {"GIS": 4, "X": 3}),
    ],
)
def test_no_fix_claims_to_free_someone_two_obstacles_hold(cap, floors, skills):
    people = [person("P-1", "D-1", {**skills, "GIS": 5}), person("P-2", "D-1", skills)]
    proposal = propose(
        people, [need("N-1", headcount=2)], [Department("D-1", cap, floors), Department("D-9", 0)]
    )
    (unfilled,) = proposal.unfilled
    assert unfilled.fix is not None
    assert unfilled.fix.kind == "person"
    assert unfilled.other_fixes == ()

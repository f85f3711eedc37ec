"""Property tests on random small instances (hypothesis)."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching import Policy, propose, random_instance, score
from matching.index import prepare
from tests.matching.strategies import Case, brute_force, cases

PROPERTY = settings(max_examples=150, deadline=None)
POLICIES = st.sampled_from([Policy(), Policy(tie_break="id"), Policy(tier_rule="soft")])


def _hundredths(value: float) -> int:
    return round(value * 100)


def _pairs(proposal) -> list[tuple[str, str]]:
    return sorted((a.person.id, a.need.id) for a in proposal.assignments)


@PROPERTY
@given(case=cases(), policy=POLICIES)
def test_both_solvers_reach_the_same_optimum_and_the_same_proposal(case: Case, policy):
    by_ortools = propose(case.people, case.needs, case.departments, policy=policy, solver="ortools")
    by_networkx = propose(
        case.people, case.needs, case.departments, policy=policy, solver="networkx"
    )
    assert _hundredths(by_ortools.total_fit) == _hundredths(by_networkx.total_fit)
    assert by_ortools == by_networkx


@PROPERTY
@given(case=cases(), policy=POLICIES)
def test_no_rule_is_ever_broken(case: Case, policy):
    proposal = propose(case.people, case.needs, case.departments, policy=policy)
    people = Counter(a.person.id for a in proposal.assignments)
    seats = Counter(a.need.id for a in proposal.assignments)
    out = Counter(a.person.department for a in proposal.assignments)
    caps = {d.id: d.release_cap for d in case.departments}
    assert all(count == 1 for count in people.values())
    assert all(seats[n.id] <= n.headcount for n in case.needs)
    assert all(out[d] <= caps[d] for d in out)
    for assignment in proposal.assignments:
        # score() is None for any hard rule broken: own department, a must below its minimum,
        # clearance, tier, availability, no evidence.
        assert assignment.person.department != assignment.need.department
        assert score(assignment.person, assignment.need, policy) == assignment.fit
    unfilled = {u.need.id: u.seats for u in proposal.unfilled}
    assert all(seats[n.id] + unfilled.get(n.id, 0) == n.headcount for n in case.needs)


@PROPERTY
@given(case=cases(), policy=POLICIES, data=st.data())
def test_shuffling_the_inputs_changes_nothing(case: Case, policy, data):
    expected = propose(case.people, case.needs, case.departments, policy=policy)
    shuffled = propose(
        data.draw(st.permutations(case.people)),
        data.draw(st.permutations(case.needs)),
        data.draw(st.permutations(case.departments)),
        policy=policy,
    )
    assert shuffled == expected


@PROPERTY
@given(case=cases(), policy=POLICIES)
def test_total_is_the_sum_of_the_fits_and_each_fit_the_sum_of_its_parts(case: Case, policy):
    proposal = propose(case.people, case.needs, case.departments, policy=policy)
    assert _hundredths(proposal.total_fit) == sum(
        _hundredths(a.fit.total) for a in proposal.assignments
    )
    for assignment in proposal.assignments:
        fit = assignment.fit
        assert 0 < fit.total <= 100
        assert _hundredths(fit.total) == sum(_hundredths(v) for v in fit.parts.values())


@settings(max_examples=250, deadline=None)
@given(case=cases(max_people=6, max_needs=3), policy=POLICIES)
def test_the_proposal_is_the_one_the_documented_rule_picks_by_enumeration(case: Case, policy):
    best_total, best_pairs = brute_force(case, policy)
    proposal = propose(case.people, case.needs, case.departments, policy=policy)
    assert _hundredths(proposal.total_fit) == best_total
    assert _pairs(proposal) == best_pairs


@PROPERTY
@given(case=cases(), policy=POLICIES)
def test_the_index_finds_exactly_the_eligible_pairs(case: Case, policy):
    prepared = prepare(case.people, case.needs, case.departments, policy=policy)
    found = {
        (prepared.people[p].id, prepared.needs[n].id, int(f))
        for p, n, f in zip(
            prepared.pairs.person, prepared.pairs.need, prepared.pairs.fit, strict=True
        )
    }
    expected = set()
    for person in case.people:
        for need in case.needs:
            fit = score(person, need, policy)
            if fit is not None:
                expected.add((person.id, need.id, _hundredths(fit.total)))
    assert found == expected


@PROPERTY
@given(case=cases(), policy=POLICIES)
def test_explanations_are_consistent_with_the_optimum(case: Case, policy):
    proposal = propose(case.people, case.needs, case.departments, policy=policy)
    placed = {a.person.id: a.need.id for a in proposal.assignments}
    assert [(e.person, e.need, e.fit) for e in proposal.explanations] == [
        (a.person, a.need, a.fit) for a in proposal.assignments
    ]
    for explanation in proposal.explanations:
        assert len(explanation.runner_ups) <= policy.runner_ups
        for runner_up in explanation.runner_ups:
            assert score(runner_up.person, explanation.need, policy) == runner_up.fit
            assert runner_up.person.id not in {
                a.person.id for a in proposal.assignments if a.need == explanation.need
            }
            # An optimal proposal: no simple exchange can raise the total.
            if runner_up.loss is not None:
                assert runner_up.loss >= 0
                assert (runner_up.reason == "tie_break") == (runner_up.loss == 0)
            assert (runner_up.reason == "placed_elsewhere") <= (runner_up.person.id in placed)
            if runner_up.placed_in is not None:
                assert placed[runner_up.person.id] == runner_up.placed_in.id
    out = Counter(a.person.department for a in proposal.assignments)
    caps = {d.id: d.release_cap for d in case.departments}
    for unfilled in proposal.unfilled:
        codes = [reason.code for reason in unfilled.reasons]
        assert codes in (
            ["no_eligible"],
            ["placed_elsewhere"],
            ["release_cap"],
            ["placed_elsewhere", "release_cap"],
        )
        assert unfilled.fix is not None
        for reason in unfilled.reasons:
            for pid in reason.people:
                person = next(p for p in case.people if p.id == pid)
                assert score(person, unfilled.need, policy) is not None
                if reason.code == "placed_elsewhere":
                    assert pid in placed
                if reason.code == "release_cap":
                    # a free eligible person next to an empty seat must be blocked by a cap
                    assert pid not in placed
                    assert out[person.department] >= caps[person.department]
        if unfilled.fix.kind == "release_cap":
            assert "release_cap" in codes


@pytest.mark.parametrize("tie_break", ["lottery", "id"])
def test_generated_city_gives_one_proposal_whatever_the_solver_and_order(tie_break):
    instance = random_instance(400, 120, seed=21)
    policy = Policy(tie_break=tie_break)
    expected = propose(
        instance.people, instance.needs, instance.departments, policy=policy, solver="networkx"
    )
    rng = random.Random(21)
    people, needs = list(instance.people), list(instance.needs)
    rng.shuffle(people)
    rng.shuffle(needs)
    shuffled = propose(people, needs, instance.departments[::-1], policy=policy, solver="ortools")
    assert len(expected.assignments) > 150
    assert shuffled == expected

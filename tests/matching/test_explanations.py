"""Explanations: why each proposal, why not the runner-ups, why seats stay empty, fairness."""

from __future__ import annotations

from datetime import date

import pytest

from matching import Policy, Requirement, propose
from tests.matching.builders import START, departments, fit_of, need, person

DEPTS = departments("D-1", "D-2", "D-3", "D-9")


def _runner_ups(proposal, need_id: str):
    explanation = next(e for e in proposal.explanations if e.need.id == need_id)
    return {r.person.id: r for r in explanation.runner_ups}


# --- each assignment -------------------------------------------------------------------------


def test_explanation_lists_the_requirements_met_with_level_and_provenance():
    proposal = propose(
        [person("P-1", skills={"GIS": (4, "evidenced"), "SQL": (2, "manager_verified")})],
        [
            need(
                "N-1",
                requirements=[
                    Requirement("GIS", 3),
                    Requirement("SQL", 1, must=False),
                    Requirement("R", 1, must=False),
                ],
            )
        ],
        DEPTS,
    )
    (explanation,) = proposal.explanations
    assert explanation.fit == proposal.assignments[0].fit
    assert [(s.skill, s.level, s.provenance) for s in explanation.requirements_met] == [
        ("GIS", 4, "evidenced"),
        ("SQL", 2, "manager_verified"),
    ]
    assert explanation.summary == (
        "P-1 is proposed for N-1 (fit 69.80 = must-have 48.00 + nice-to-have 6.80 + "
        "preference 5.00 + tier 10.00). Meets GIS at level 4, evidenced (needs 3); SQL at "
        "level 2, manager-verified (nice to have from 1). Nobody else is eligible for this seat."
    )
    assert explanation.runner_ups == ()
    assert proposal.explanation_for("P-1") is explanation
    assert proposal.explanation_for("P-404") is None


def test_at_most_the_policy_number_of_runner_ups_best_first():
    people = [person(f"P-{level}", skills={"GIS": level}) for level in range(1, 6)]
    proposal = propose(people, [need("N-1")], DEPTS)
    (explanation,) = proposal.explanations
    assert explanation.person.id == "P-5"
    assert [r.person.id for r in explanation.runner_ups] == ["P-4", "P-3", "P-2"]
    assert [r.reason for r in explanation.runner_ups] == ["lower_fit"] * 3
    fewer = propose(people, [need("N-1")], DEPTS, policy=Policy(runner_ups=1))
    assert [r.person.id for r in fewer.explanations[0].runner_ups] == ["P-4"]


def test_runner_up_with_lower_fit_states_the_loss():
    winner, loser = person("P-1", skills={"GIS": 5}), person("P-2", skills={"GIS": 3})
    proposal = propose([winner, loser], [need("N-1", requirements=[Requirement("GIS", 3)])], DEPTS)
    runner_up = _runner_ups(proposal, "N-1")["P-2"]
    gap = fit_of(winner, proposal.assignments[0].need).total - runner_up.fit.total
    assert runner_up.reason == "lower_fit"
    assert runner_up.placed_in is None
    assert runner_up.loss == pytest.approx(gap)
    assert runner_up.message == (
        f"P-2 fits less (fit {runner_up.fit.total:.2f} against "
        f"{proposal.assignments[0].fit.total:.2f}); seating them here (P-1 steps down from "
        f"N-1) would lower the total by {gap:.2f}"
    )
    assert [(m.person, m.from_need, m.to_need) for m in runner_up.moves] == [
        ("P-1", "N-1", None),
        ("P-2", None, "N-1"),
    ]


def test_runner_up_placed_elsewhere_states_the_best_exchange():
    p1 = person("P-1", skills={"GIS": (5, "evidenced"), "SQL": (5, "evidenced")})
    p2 = person("P-2", skills={"GIS": (4, "evidenced"), "SQL": (1, "self")})
    n1 = need("N-1", requirements=[Requirement("GIS", 1)])
    n2 = need("N-2", requirements=[Requirement("SQL", 1)])
    proposal = propose([p1, p2], [n1, n2], DEPTS)
    runner_up = _runner_ups(proposal, "N-1")["P-1"]
    swapped = fit_of(p1, n1).total + fit_of(p2, n2).total
    assert runner_up.reason == "placed_elsewhere"
    assert runner_up.placed_in == n2
    assert runner_up.loss == pytest.approx(proposal.total_fit - swapped)
    assert "P-1 (fit 93.00) is proposed for N-2 (fit 93.00)" in runner_up.message
    assert "(P-2 moves from N-1 to N-2)" in runner_up.message
    assert [(m.person, m.from_need, m.to_need) for m in runner_up.moves] == [
        ("P-2", "N-1", "N-2"),
        ("P-1", "N-2", "N-1"),
    ]


def test_runner_up_blocked_by_the_release_cap_names_the_department():
    strong = person("P-1", "D-1", {"GIS": (5, "evidenced"), "SQL": (5, "evidenced")})
    blocked = person("P-2", "D-1", {"GIS": (4, "evidenced")})
    weak = person("P-3", "D-2", {"GIS": (1, "self")})
    proposal = propose(
        [strong, blocked, weak],
        [need("N-1", requirements=[Requirement("SQL", 1)]), need("N-2")],
        departments("D-1", "D-2", "D-9", caps={"D-1": 1}),
    )
    assert sorted((a.person.id, a.need.id) for a in proposal.assignments) == [
        ("P-1", "N-1"),
        ("P-3", "N-2"),
    ]
    runner_up = _runner_ups(proposal, "N-2")["P-2"]
    expected = (
        fit_of(strong, proposal.assignments[0].need).total
        + fit_of(weak, proposal.assignments[1].need).total
        - runner_up.fit.total
    )
    assert runner_up.reason == "release_cap"
    assert runner_up.loss == pytest.approx(expected)
    assert "D-1 has reached its release cap (1 of 1)" in runner_up.message
    assert "(P-3 steps down from N-2; P-1 steps down from N-1)" in runner_up.message


def test_runner_up_whose_department_releases_nobody_cannot_be_seated_at_any_cost():
    proposal = propose(
        [person("P-1", "D-2", {"GIS": 1}), person("P-2", "D-1", {"GIS": 5})],
        [need("N-1")],
        departments("D-1", "D-2", "D-9", caps={"D-1": 0}),
    )
    runner_up = _runner_ups(proposal, "N-1")["P-2"]
    assert (runner_up.reason, runner_up.loss) == ("release_cap", None)
    assert "D-1 has a release cap of 0" in runner_up.message


def test_equal_runner_up_is_explained_as_a_tie():
    proposal = propose([person("P-1"), person("P-2")], [need("N-1")], DEPTS)
    (runner_up,) = proposal.explanations[0].runner_ups
    assert (runner_up.reason, runner_up.loss) == ("tie_break", 0.0)
    assert "leaves the total unchanged, and the tie-break rule decided" in runner_up.message


def test_every_seat_of_a_need_gets_the_same_runner_ups_at_the_same_exact_loss():
    people = [person(f"P-{level}", skills={"GIS": level}) for level in range(1, 6)]
    proposal = propose(people, [need("N-1", headcount=2)], DEPTS)
    by_holder = {e.person.id: [r.person.id for r in e.runner_ups] for e in proposal.explanations}
    assert by_holder == {"P-5": ["P-3", "P-2", "P-1"], "P-4": ["P-3", "P-2", "P-1"]}
    losses = {e.person.id: e.runner_ups[0].loss for e in proposal.explanations}
    # Seating P-3 costs the weaker holder's seat, whichever seat the explanation is about.
    expected = (
        fit_of(people[3], proposal.assignments[0].need).total
        - fit_of(people[2], proposal.assignments[0].need).total
    )
    assert losses["P-5"] == losses["P-4"] == pytest.approx(expected)


# --- unfilled seats --------------------------------------------------------------------------


def _unfilled(proposal, need_id: str):
    return next(u for u in proposal.unfilled if u.need.id == need_id)


def test_unfilled_with_nobody_eligible_suggests_the_missing_skill_level():
    proposal = propose(
        [person("P-1", skills={"GIS": 2}), person("P-2", skills={"GIS": 3})],
        [need("N-1", requirements=[Requirement("GIS", 4)], headcount=2)],
        DEPTS,
    )
    unfilled = _unfilled(proposal, "N-1")
    assert (unfilled.seats, [r.code for r in unfilled.reasons]) == (2, ["no_eligible"])
    assert unfilled.reasons[0].message == "nobody meets every rule of this need"
    assert (unfilled.fix.kind, unfilled.fix.skill, unfilled.fix.level) == ("skill", "GIS", 4)
    assert unfilled.fix.message == (
        "one more person with GIS >= 4 (2 people meet every other rule; the closest hold GIS 3)"
    )
    assert unfilled.other_fixes[-1].kind == "person"


def test_skill_near_miss_names_the_must_that_excludes_most_people():
    proposal = propose(
        [
            person("P-1", skills={"GIS": 5, "SQL": 1}),
            person("P-2", skills={"GIS": 5}),
            person("P-3", skills={"SQL": 4}),
        ],
        [need("N-1", requirements=[Requirement("GIS", 3), Requirement("SQL", 3)])],
        DEPTS,
    )
    fix = _unfilled(proposal, "N-1").fix
    assert (fix.kind, fix.skill, fix.candidates) == ("skill", "SQL", 2)
    assert fix.message == (
        "one more person with SQL >= 3 (2 people meet every other rule; the closest hold SQL 1)"
    )
    others = _unfilled(proposal, "N-1").other_fixes
    assert [(f.kind, f.skill, f.candidates) for f in others[:1]] == [("skill", "GIS", 1)]


@pytest.mark.parametrize(
    ("candidate", "the_need", "kind", "message"),
    [
        (
            person("P-1", clearance=1),
            need("N-1", clearance=2),
            "clearance",
            "one more person with clearance >= 2 (1 person meets every other rule but holds less)",
        ),
        (
            person("P-1", tier="general"),
            need("N-1", tier="leader"),
            "tier",
            "one more person of tier 'leader' (1 person of another tier meets every other rule)",
        ),
        (
            person("P-1", available_from=date(2026, 4, 1)),
            need("N-1"),
            "availability",
            "one more person free from 2026-03-02 to 2026-05-29 (1 person meets every other "
            "rule but is not free for the whole period)",
        ),
        (
            person("P-1", "D-9"),
            need("N-1", "D-9"),
            "department",
            "one more person from outside D-9 meeting every rule (1 person of D-9 itself does)",
        ),
    ],
)
def test_unfilled_suggests_the_one_rule_a_near_miss_fails(candidate, the_need, kind, message):
    fix = _unfilled(propose([candidate], [the_need], DEPTS), "N-1").fix
    assert (fix.kind, fix.message, fix.candidates) == (kind, message, 1)


def test_unfilled_with_nobody_close_asks_for_the_whole_profile():
    the_need = need(
        "N-1",
        requirements=[Requirement("GIS", 3), Requirement("SQL", 2)],
        clearance=1,
        tier="leader",
    )
    fix = _unfilled(propose([person("P-1", skills={"R": 5})], [the_need], DEPTS), "N-1").fix
    assert fix.kind == "person"
    assert fix.message == (
        "one more person with GIS >= 3 and SQL >= 2 (clearance >= 1, tier 'leader', free from "
        f"{START} to 2026-05-29), from outside D-9"
    )


def test_unfilled_because_the_eligible_are_better_used_elsewhere():
    star = person("P-1", skills={"GIS": (5, "evidenced"), "SQL": (5, "evidenced")})
    proposal = propose(
        [star],
        [
            need("N-1", requirements=[Requirement("SQL", 1)]),
            need("N-2", requirements=[Requirement("GIS", 1), Requirement("SQL", 1, must=False)]),
        ],
        DEPTS,
    )
    placed = proposal.assignments[0].need.id
    empty = _unfilled(proposal, "N-1" if placed == "N-2" else "N-2")
    assert [r.code for r in empty.reasons] == ["placed_elsewhere"]
    assert empty.reasons[0].people == ("P-1",)
    assert empty.reasons[0].message == (
        f"1 eligible person is proposed for other needs, where they add more to the total "
        f"(P-1 at {placed})"
    )
    assert empty.fix.kind == "person"


def test_unfilled_because_of_a_release_cap_suggests_raising_it_by_one():
    proposal = propose(
        [
            person("P-1", "D-1", {"GIS": 5}),
            person("P-2", "D-1", {"GIS": 4}),
            person("P-3", "D-2", {"GIS": 3}),
        ],
        [need("N-1", headcount=3)],
        departments("D-1", "D-2", "D-9", caps={"D-1": 1, "D-2": 0}),
    )
    unfilled = _unfilled(proposal, "N-1")
    assert unfilled.seats == 2
    assert [r.code for r in unfilled.reasons] == ["release_cap"]
    assert unfilled.reasons[0].departments == ("D-1", "D-2")
    assert unfilled.reasons[0].people == ("P-2", "P-3")
    assert unfilled.reasons[0].message == (
        "2 eligible people cannot be released: their department has reached its release cap "
        "(D-1: 1 of 1; D-2: 0 of 0)"
    )
    assert (unfilled.fix.kind, unfilled.fix.department) == ("release_cap", "D-1")
    assert unfilled.fix.message == (
        "raise the release cap of D-1 by 1 (P-2, fit 60.60, could then fill it)"
    )
    assert [f.department for f in unfilled.other_fixes] == ["D-2", None]


def test_seat_left_when_everyone_eligible_is_already_proposed_for_the_need():
    proposal = propose([person("P-1")], [need("N-1", headcount=2)], DEPTS)
    unfilled = _unfilled(proposal, "N-1")
    assert unfilled.seats == 1
    assert unfilled.reasons[0].code == "no_eligible"
    assert unfilled.reasons[0].message == (
        "nobody else meets every rule of this need (the one who does is proposed)"
    )


# --- fairness --------------------------------------------------------------------------------


def test_fairness_counts_proposals_out_and_in_per_department_and_per_tier():
    proposal = propose(
        [
            person("P-1", "D-1", tier="leader"),
            person("P-2", "D-1"),
            person("P-3", "D-2", tier="specialist"),
            person("P-4", "D-2", skills={"R": 1}),
        ],
        [need("N-1", "D-2", headcount=2), need("N-2", "D-9")],
        departments("D-1", "D-2", "D-9", caps={"D-1": 1}),
    )
    balance = {b.department: b for b in proposal.fairness.departments}
    # N-1 (of D-2) can only take people of D-1, who may send one; P-3 of D-2 goes to N-2.
    assert [(b.department, b.proposed_out, b.proposed_in) for b in balance.values()] == [
        ("D-1", 1, 0),
        ("D-2", 1, 1),
        ("D-9", 0, 1),
    ]
    assert (balance["D-2"].seats_requested, balance["D-2"].seats_filled) == (2, 1)
    assert (balance["D-9"].seats_requested, balance["D-9"].seats_filled) == (1, 1)
    assert balance["D-1"].cap_reached
    assert not balance["D-2"].cap_reached
    tiers = {t.tier: (t.candidates, t.proposed) for t in proposal.fairness.tiers}
    assert sum(p for _, p in tiers.values()) == len(proposal.assignments) == 2
    assert tiers["general"][0] == 1  # P-4 holds no relevant skill: not a candidate
    assert set(tiers) == {"general", "leader", "specialist"}


@pytest.mark.parametrize(("headcount", "reason"), [(1, "lower_fit"), (2, "release_cap")])
def test_a_colleague_of_the_holder_is_held_by_the_cap_only_when_a_seat_is_free(headcount, reason):
    people = [person("P-1", "D-1", {"GIS": 5}), person("P-2", "D-1", {"GIS": 3})]
    proposal = propose(
        people, [need("N-1", headcount=headcount)], departments("D-1", "D-9", caps={"D-1": 1})
    )
    runner_up = _runner_ups(proposal, "N-1")["P-2"]
    assert runner_up.reason == reason
    assert [(m.person, m.to_need) for m in runner_up.moves] == [("P-1", None), ("P-2", "N-1")]

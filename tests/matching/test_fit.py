"""The fit formula of matching.fit: eligibility, every part, provenance and levels."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from matching import Policy, Requirement, propose, score
from tests.matching.builders import END, START, departments, fit_of, need, person

GIS3 = [Requirement("GIS", 3)]


# --- eligibility: no evidence, no score ------------------------------------------------------


def test_person_without_the_skill_is_not_eligible():
    assert score(person("P-1", skills={}), need("N-1", requirements=GIS3)) is None


def test_person_without_any_nice_to_have_is_not_eligible_for_a_nice_only_need():
    only_nice = need("N-1", requirements=[Requirement("SQL", 1, must=False)])
    assert score(person("P-1", skills={"GIS": 5}), only_nice) is None
    assert score(person("P-2", skills={"SQL": 1}), only_nice) is not None


def test_nice_to_have_below_its_minimum_is_no_evidence():
    only_nice = need("N-1", requirements=[Requirement("SQL", 3, must=False)])
    assert score(person("P-1", skills={"SQL": 2}), only_nice) is None


def test_must_below_minimum_is_not_eligible_and_at_minimum_is():
    assert score(person("P-1", skills={"GIS": 2}), need("N-1", requirements=GIS3)) is None
    assert score(person("P-1", skills={"GIS": 3}), need("N-1", requirements=GIS3)) is not None


def test_every_must_is_required():
    both = need("N-1", requirements=[Requirement("GIS", 2), Requirement("SQL", 2)])
    assert score(person("P-1", skills={"GIS": 5}), both) is None
    assert score(person("P-1", skills={"GIS": 5, "SQL": 2}), both) is not None


def test_own_department_is_never_eligible():
    assert score(person("P-1", "D-9"), need("N-1", "D-9")) is None


def test_clearance_below_the_need_is_not_eligible():
    assert score(person("P-1", clearance=1), need("N-1", clearance=2)) is None
    assert score(person("P-1", clearance=2), need("N-1", clearance=2)) is not None


def test_tier_named_by_the_need_is_a_hard_rule_by_default():
    assert score(person("P-1", tier="general"), need("N-1", tier="leader")) is None
    assert score(person("P-1", tier="leader"), need("N-1", tier="leader")) is not None
    assert score(person("P-1", tier="general"), need("N-1")) is not None


def test_soft_tier_rule_admits_other_tiers_without_the_tier_points():
    soft = Policy(tier_rule="soft")
    other = fit_of(person("P-1", tier="general"), need("N-1", tier="leader"), soft)
    same = fit_of(person("P-2", tier="leader"), need("N-1", tier="leader"), soft)
    assert (other.tier, same.tier) == (0.0, 10.0)
    assert same.total - other.total == pytest.approx(10.0)


@pytest.mark.parametrize(
    ("available_from", "available_to", "eligible"),
    [
        (None, None, True),
        (START, END, True),
        (date(2026, 1, 1), None, True),
        (None, date(2026, 12, 31), True),
        (date(2026, 3, 3), None, False),  # starts one day late
        (None, date(2026, 5, 28), False),  # leaves one day early
    ],
)
def test_availability_must_cover_the_period(available_from, available_to, eligible):
    candidate = person("P-1", available_from=available_from, available_to=available_to)
    assert (score(candidate, need("N-1")) is not None) is eligible


# --- the parts -------------------------------------------------------------------------------


def test_total_is_the_sum_of_the_parts_and_within_0_100():
    fit = fit_of(
        person("P-1", skills={"GIS": (5, "evidenced"), "SQL": (5, "evidenced")}, preferred=["D-9"]),
        need("N-1", requirements=[Requirement("GIS", 1), Requirement("SQL", 1, must=False)]),
    )
    assert fit is not None
    assert fit.total == pytest.approx(fit.must_have + fit.nice_to_have + fit.preference + fit.tier)
    assert 0 < fit.total <= 100
    assert fit.parts == {
        "must_have": fit.must_have,
        "nice_to_have": fit.nice_to_have,
        "preference": fit.preference,
        "tier": fit.tier,
    }


def test_credit_at_the_minimum_and_diminishing_returns_above_it():
    must_only = need("N-1", requirements=[Requirement("GIS", 1)])
    values = [
        fit_of(person("P-1", skills={"GIS": (level, "evidenced")}), must_only).must_have
        for level in range(1, 6)
    ]
    # 80 skill points (must-only need): 0.6, 0.8, 0.9, 0.95, 0.975 of them.
    assert values == [48.0, 64.0, 72.0, 76.0, 78.0]
    gains = [b - a for a, b in itertools.pairwise(values)]
    assert gains == sorted(gains, reverse=True)


def test_provenance_scales_the_credit_in_the_documented_order():
    must_only = need("N-1", requirements=GIS3)
    by_provenance = {
        provenance: fit_of(person("P-1", skills={"GIS": (3, provenance)}), must_only).must_have
        for provenance in ("self", "manager_verified", "evidenced")
    }
    assert by_provenance == {"self": 28.8, "manager_verified": 40.8, "evidenced": 48.0}


def test_weights_share_the_must_part_between_requirements():
    heavy_gis = need("N-1", requirements=[Requirement("GIS", 1, 3.0), Requirement("SQL", 1)])
    strong_gis = fit_of(person("P-1", skills={"GIS": (5, "evidenced"), "SQL": 1}), heavy_gis)
    strong_sql = fit_of(person("P-2", skills={"GIS": 1, "SQL": (5, "evidenced")}), heavy_gis)
    assert strong_gis.must_have > strong_sql.must_have


def test_nice_to_haves_add_to_the_fit():
    with_extra = need(
        "N-1", requirements=[Requirement("GIS", 1), Requirement("SQL", 1, must=False)]
    )
    plain = fit_of(person("P-1", skills={"GIS": 3}), with_extra)
    extra = fit_of(person("P-2", skills={"GIS": 3, "SQL": 3}), with_extra)
    assert plain.nice_to_have == 0.0
    assert extra.nice_to_have > 0
    assert extra.must_have == plain.must_have
    assert [s.met for s in plain.skills] == [True, False]


def test_a_need_with_one_kind_of_requirement_gives_it_all_the_skill_points():
    must_only = fit_of(person("P-1", skills={"GIS": (5, "evidenced")}), need("N-1"))
    nice_only = fit_of(
        person("P-1", skills={"GIS": (5, "evidenced")}),
        need("N-1", requirements=[Requirement("GIS", 1, must=False)]),
    )
    assert (must_only.must_have, must_only.nice_to_have) == (78.0, 0.0)
    assert (nice_only.must_have, nice_only.nice_to_have) == (0.0, 78.0)


@pytest.mark.parametrize(
    ("preferred", "points"),
    [(["D-9"], 10.0), ([], 5.0), (["D-5"], 0.0), (["D-5", "D-9"], 10.0)],
)
def test_preference_for_the_department(preferred, points):
    assert fit_of(person("P-1", preferred=preferred), need("N-1", "D-9")).preference == points


@pytest.mark.parametrize(
    ("preferred", "interested", "points"),
    [(["D-5"], ["N-1"], 10.0), ([], ["N-1"], 10.0), ([], ["N-2"], 5.0), (["D-5"], ["N-2"], 0.0)],
)
def test_interest_in_the_need_itself_counts_as_preferring_its_department(
    preferred, interested, points
):
    candidate = person("P-1", preferred=preferred, interested=interested)
    assert fit_of(candidate, need("N-1", "D-9")).preference == points


def test_interest_raises_the_proposal_of_the_interested_person():
    # Two equal candidates for one seat: the one who said they are interested is proposed.
    people = [
        person("P-1", preferred=["D-5"]),
        person("P-2", preferred=["D-5"], interested=["N-1"]),
    ]
    proposal = propose(people, [need("N-1", "D-9")], departments("D-1", "D-5", "D-9"))
    assert [assignment.person.id for assignment in proposal.assignments] == ["P-2"]


def test_policy_weights_change_the_parts():
    policy = Policy(preference_weight=0.0, tier_weight=0.0, nice_to_have_weight=0.0)
    fit = fit_of(person("P-1", skills={"GIS": (1, "evidenced")}), need("N-1"), policy)
    assert (fit.total, fit.must_have, fit.preference, fit.tier) == (60.0, 60.0, 0.0, 0.0)


def test_skill_details_carry_level_provenance_and_points():
    fit = fit_of(
        person("P-1", skills={"GIS": (4, "manager_verified")}),
        need("N-1", requirements=[Requirement("GIS", 3), Requirement("SQL", 2, must=False)]),
    )
    gis, sql = fit.skills
    assert (gis.skill, gis.level, gis.provenance, gis.min_level, gis.must, gis.met) == (
        "GIS",
        4,
        "manager_verified",
        3,
        True,
        True,
    )
    assert gis.points == fit.must_have
    assert (sql.level, sql.provenance, sql.points, sql.met) == (None, None, 0.0, False)


def test_score_agrees_with_the_fits_propose_computes_in_bulk():
    people = [
        person(
            f"P-{i}",
            "D-1",
            {"GIS": (1 + i % 5, ("self", "evidenced")[i % 2]), "SQL": i % 4 + 1},
            interested=[f"N-{i % 3}"],
        )
        for i in range(12)
    ]
    needs = [
        need("N-1", requirements=[Requirement("GIS", 2), Requirement("SQL", 2, 2.0, must=False)]),
        need("N-2", requirements=[Requirement("SQL", 1, must=False)], headcount=3),
    ]
    proposal = propose(people, needs, departments("D-1", "D-9"))
    assert proposal.assignments
    for assignment in proposal.assignments:
        assert score(assignment.person, assignment.need) == assignment.fit
    for explanation in proposal.explanations:
        for runner_up in explanation.runner_ups:
            assert score(runner_up.person, explanation.need) == runner_up.fit

"""Input validation: every malformed input raises a specific error that names the item."""

from __future__ import annotations

import copy
from datetime import date, datetime
from types import MappingProxyType

import pytest

from matching import (
    Department,
    DuplicateIdError,
    Evidence,
    InvalidDepartmentError,
    InvalidEvidenceError,
    InvalidNeedError,
    InvalidPersonError,
    InvalidPolicyError,
    InvalidRequirementError,
    MatchingError,
    Need,
    Person,
    Policy,
    Requirement,
    UnknownDepartmentError,
    propose,
    score,
    validate,
)
from tests.matching.builders import END, START, departments, need, person


def _raises(error: type[MatchingError], people=(), needs=(), depts=None, **kwargs):
    depts = departments("D-1", "D-9") if depts is None else depts
    with pytest.raises(error) as caught:
        propose(list(people), list(needs), depts, **kwargs)
    return caught.value


# --- edge cases first: empty inputs are valid -------------------------------------------------


def test_validate_accepts_empty_inputs():
    assert validate([], [], []) == ((), (), ())


def test_validate_returns_inputs_sorted_by_id_without_copying_them():
    b, a = person("P-b"), person("P-a")
    people, _, depts = validate([b, a], [], departments("D-1"))
    assert [p.id for p in people] == ["P-a", "P-b"]
    assert people[0] is a
    assert [d.id for d in depts] == ["D-1"]


# --- duplicates and unknown departments ----------------------------------------------------


def test_duplicate_person_id_is_named():
    error = _raises(DuplicateIdError, people=[person("P-1"), person("P-1", "D-9")])
    assert str(error) == "person 'P-1' appears more than once"
    assert error.item == "P-1"


def test_duplicate_need_id_is_named():
    error = _raises(DuplicateIdError, needs=[need("N-1"), need("N-1")])
    assert str(error) == "need 'N-1' appears more than once"


def test_duplicate_department_id_is_named():
    error = _raises(DuplicateIdError, depts=[Department("D-1", 1), Department("D-1", 2)])
    assert str(error) == "department 'D-1' appears more than once"


def test_person_in_unknown_department_is_named():
    error = _raises(UnknownDepartmentError, people=[person("P-1", "D-404")])
    assert str(error) == "person 'P-1' belongs to unknown department 'D-404'"
    assert (error.item, error.field) == ("P-1", "department")


def test_person_preferring_unknown_department_is_named():
    error = _raises(UnknownDepartmentError, people=[person("P-1", preferred=["D-404"])])
    assert str(error) == "person 'P-1' prefers unknown department 'D-404'"
    assert error.field == "preferred_departments"


def test_need_of_unknown_department_is_named():
    error = _raises(UnknownDepartmentError, needs=[need("N-1", "D-404")])
    assert str(error) == "need 'N-1' belongs to unknown department 'D-404'"


# --- evidence --------------------------------------------------------------------------------


@pytest.mark.parametrize("level", [0, 6, -1])
def test_evidence_level_out_of_range_is_named(level):
    bad = person("P-7", skills={"GIS": level})
    error = _raises(InvalidEvidenceError, people=[bad])
    assert str(error) == (f"person 'P-7': skill 'GIS' has level {level}; levels run from 1 to 5")
    assert (error.item, error.field) == ("P-7", "skills")


def test_evidence_level_must_be_a_whole_number():
    bad = Person("P-7", "D-1", "general", 0, {"GIS": Evidence(True, "self")}, None, None)
    assert "level True" in str(_raises(InvalidEvidenceError, people=[bad]))


def test_unknown_provenance_is_named():
    bad = person("P-7", skills={"GIS": (3, "rumour")})
    error = _raises(InvalidEvidenceError, people=[bad])
    assert str(error) == (
        "person 'P-7': skill 'GIS' has provenance 'rumour'; "
        "expected one of self, manager_verified, evidenced"
    )


def test_skill_value_that_is_not_evidence_is_named():
    bad = Person("P-7", "D-1", "general", 0, {"GIS": 3}, None, None)  # type: ignore[dict-item]
    assert "skill 'GIS' must be an Evidence" in str(_raises(InvalidEvidenceError, people=[bad]))


def test_empty_skill_name_is_named():
    bad = Person("P-7", "D-1", "general", 0, {" ": Evidence(3, "self")}, None, None)
    assert "P-7" in str(_raises(InvalidEvidenceError, people=[bad]))


# --- people ----------------------------------------------------------------------------------


def test_negative_clearance_of_a_person_is_named():
    error = _raises(InvalidPersonError, people=[person("P-3", clearance=-1)])
    assert str(error) == "person 'P-3' has clearance -1; expected a whole number >= 0"


def test_availability_ending_before_it_starts_is_named():
    bad = person("P-3", available_from=date(2026, 5, 1), available_to=date(2026, 4, 1))
    error = _raises(InvalidPersonError, people=[bad])
    assert str(error) == "person 'P-3' is available until 2026-04-01 but only from 2026-05-01"


def test_availability_as_datetime_is_rejected():
    bad = person("P-3", available_from=datetime(2026, 5, 1))  # noqa: DTZ001 - the point
    assert "available_from" in str(_raises(InvalidPersonError, people=[bad]))


@pytest.mark.parametrize("pid", ["", "  ", 7])
def test_person_id_must_be_a_non_empty_string(pid):
    bad = Person(pid, "D-1", "general", 0, {}, None, None)
    assert "invalid id" in str(_raises(InvalidPersonError, people=[bad]))


def test_preferred_departments_given_as_one_string_is_rejected():
    bad = Person("P-3", "D-1", "general", 0, {}, None, None, "D-9")
    assert "preferred_departments" in str(_raises(InvalidPersonError, people=[bad]))


@pytest.mark.parametrize(
    ("interested", "message"), [("N-1", "not a sequence"), ([""], "invalid need")]
)
def test_interest_in_needs_not_named_by_ids_is_rejected(interested, message):
    bad = Person("P-3", "D-1", "general", 0, {}, None, None, (), interested)
    error = _raises(InvalidPersonError, people=[bad])
    assert (message in str(error), error.field) == (True, "interested_needs")


def test_empty_tier_is_named():
    assert "P-3" in str(_raises(InvalidPersonError, people=[person("P-3", tier="")]))


def test_non_person_is_rejected():
    assert "expected a Person" in str(_raises(InvalidPersonError, people=["P-1"]))


# --- requirements and needs ------------------------------------------------------------------


@pytest.mark.parametrize("level", [0, 6])
def test_requirement_level_out_of_range_is_named(level):
    bad = need("N-4", requirements=[Requirement("GIS", level)])
    error = _raises(InvalidRequirementError, needs=[bad])
    assert str(error) == (
        f"need 'N-4': requirement 'GIS' has min_level {level}; levels run from 1 to 5"
    )
    assert (error.item, error.field) == ("N-4", "requirements")


@pytest.mark.parametrize("weight", [0, -1.0, float("nan"), float("inf")])
def test_requirement_weight_must_be_positive_and_finite(weight):
    bad = need("N-4", requirements=[Requirement("GIS", 2, weight)])
    assert "weight" in str(_raises(InvalidRequirementError, needs=[bad]))


def test_skill_listed_twice_in_a_need_is_named():
    bad = need("N-4", requirements=[Requirement("GIS", 2), Requirement("GIS", 3, must=False)])
    error = _raises(InvalidRequirementError, needs=[bad])
    assert str(error) == "need 'N-4' lists skill 'GIS' more than once"


def test_need_without_requirements_is_named():
    error = _raises(InvalidNeedError, needs=[need("N-4", requirements=[])])
    assert str(error) == (
        "need 'N-4' has no requirements; the matcher needs at least one skill to judge a fit"
    )


@pytest.mark.parametrize("headcount", [0, -2])
def test_headcount_below_one_is_named(headcount):
    error = _raises(InvalidNeedError, needs=[need("N-4", headcount=headcount)])
    assert str(error) == f"need 'N-4' has headcount {headcount}; a need has at least one seat"
    assert error.field == "headcount"


def test_need_ending_before_it_starts_is_named():
    error = _raises(InvalidNeedError, needs=[need("N-4", start=END, end=START)])
    assert str(error) == f"need 'N-4' ends on {START}, before it starts on {END}"


def test_need_of_one_day_is_valid():
    assert propose([], [need("N-4", start=START, end=START)], departments("D-9")).unfilled


def test_negative_need_clearance_is_named():
    assert "N-4" in str(_raises(InvalidNeedError, needs=[need("N-4", clearance=-1)]))


def test_requirements_given_as_a_string_are_rejected():
    bad = Need("N-4", "D-9", "GIS", 1, START, END)  # type: ignore[arg-type]
    assert "requirements" in str(_raises(InvalidNeedError, needs=[bad]))


# --- departments and policy ------------------------------------------------------------------


def test_negative_release_cap_is_named():
    error = _raises(InvalidDepartmentError, depts=[Department("D-1", -1)])
    assert str(error) == "department 'D-1' has release_cap -1; expected a whole number >= 0"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"requirement_weight": -1.0}, "requirement_weight"),
        (
            {"requirement_weight": 0.0, "nice_to_have_weight": 0.0},
            "requirement_weight + nice_to_have_weight",
        ),
        ({"at_minimum": 0.0}, "at_minimum"),
        ({"level_decay": 1.0}, "level_decay"),
        ({"no_preference_share": 1.5}, "no_preference_share"),
        ({"tier_rule": "strict"}, "tier_rule"),
        ({"tie_break": "coin"}, "tie_break"),
        ({"runner_ups": -1}, "runner_ups"),
        ({"provenance_factors": {"self": 0.5}}, "provenance_factors"),
        (
            {"provenance_factors": {"self": 0.9, "manager_verified": 0.5, "evidenced": 1.0}},
            "provenance_factors",
        ),
        (
            {"provenance_factors": {"self": 0.0, "manager_verified": 0.5, "evidenced": 1.0}},
            "provenance_factors",
        ),
    ],
)
def test_policy_values_out_of_range_are_named(changes, field):
    error = _raises(InvalidPolicyError, policy=Policy(**changes))
    assert error.field == field
    assert str(error).startswith("policy ")


def test_every_input_error_is_also_a_value_error():
    with pytest.raises(ValueError, match="headcount"):
        propose([], [need("N-1", headcount=0)], departments("D-9"))


def test_score_validates_its_arguments():
    with pytest.raises(InvalidEvidenceError, match="P-1"):
        score(person("P-1", skills={"GIS": 9}), need("N-1"))
    with pytest.raises(InvalidNeedError, match="N-1"):
        score(person("P-1"), need("N-1", headcount=0))


# --- determinism and immutability -----------------------------------------------------------


def test_with_several_errors_the_same_one_is_reported_whatever_the_order():
    bad_b = person("P-b", skills={"GIS": 9})
    bad_a = person("P-a", clearance=-1)
    for people in ([bad_a, bad_b], [bad_b, bad_a]):
        with pytest.raises(InvalidPersonError, match="P-a"):
            validate(people, [], departments("D-1"))


def test_inputs_are_never_mutated():
    skills = {"GIS": Evidence(3, "evidenced")}
    people = [
        Person("P-1", "D-1", "general", 0, skills, None, None, ["D-9"]),
        person("P-2", skills={"GIS": 4}),
    ]
    needs = [need("N-1", requirements=[Requirement("GIS", 2), Requirement("SQL", 1, must=False)])]
    depts = departments("D-1", "D-9", caps={"D-1": 1})
    policy = Policy(provenance_factors=MappingProxyType(dict(Policy().provenance_factors)))
    before = copy.deepcopy((people, needs, depts))
    proposal = propose(people, needs, depts, policy=policy)
    assert (people, needs, depts) == before
    assert [p.id for p in people] == ["P-1", "P-2"]
    assert skills == {"GIS": Evidence(3, "evidenced")}
    assert proposal.assignments
    assert all(any(a.person is p for p in people) for a in proposal.assignments)
    assert all(any(a.need is n for n in needs) for a in proposal.assignments)


def test_input_types_are_frozen():
    with pytest.raises(AttributeError):
        person("P-1").clearance = 3  # type: ignore[misc]

"""Talentbridge's matcher: optimal, explainable secondment proposals.

Give it the people who opted in, the open talent needs and the departments with their
release caps and critical-skill floors; :func:`propose` returns the set of secondments with
the largest total fit under the hard rules, with the reasons for each suggestion, the
runner-ups and what seating them would cost, why any seat stays empty and what would fill
it, and a fairness summary. :func:`score` rates a single (person, need) pair.

The library imports nothing from Django or the backend. NumPy, networkx and SciPy are
required; OR-Tools, when installed, makes ``solver="auto"`` use its compiled min-cost flow.

Modules: :mod:`matching.model` (inputs), :mod:`matching.fit` (the fit formula),
:mod:`matching.index` (eligible pairs), :mod:`matching.network` (the flow network and
solvers), :mod:`matching.tiebreak` (the deterministic tie-break), :mod:`matching.floors`
(critical-skill floors), :mod:`matching.losses` (exact runner-up losses),
:mod:`matching.explain` and :mod:`matching.unfilled` (explanations),
:mod:`matching.generators` (random instances); :mod:`matching.timetable` places the talks
of an exchange week in slots and rooms with the fewest clashes (OR-Tools CP-SAT). The model,
the formula and the choices are described in ``docs/matching.md``.

Examples
--------
>>> from datetime import date
>>> from matching import Department, Evidence, Need, Person, Requirement, propose
>>> people = [Person("P-1", "D-1", "specialist", 1, {"GIS": Evidence(4, "manager_verified")},
...                  available_from=None, available_to=date(2026, 12, 31))]
>>> needs = [Need("N-1", "D-2", [Requirement("GIS", 3)], headcount=1,
...               start=date(2026, 3, 2), end=date(2026, 6, 26), clearance=1)]
>>> proposal = propose(people, needs, [Department("D-1", 2), Department("D-2", 0)])
>>> [(a.person.id, a.need.id) for a in proposal.assignments], proposal.total_fit
([('P-1', 'N-1')], 69.4)
>>> explanation = proposal.explanations[0]
>>> explanation.fit.parts
{'must_have': 54.4, 'nice_to_have': 0.0, 'preference': 5.0, 'tier': 10.0}
>>> [(s.skill, s.level, s.provenance) for s in explanation.requirements_met]
[('GIS', 4, 'manager_verified')]
"""

from matching.exceptions import (
    DuplicateIdError,
    InvalidDepartmentError,
    InvalidEvidenceError,
    InvalidInputError,
    InvalidNeedError,
    InvalidPersonError,
    InvalidPolicyError,
    InvalidRequirementError,
    MatchingError,
    SolverError,
    SolverUnavailableError,
    TimetableInputError,
    UnknownDepartmentError,
    UnknownSolverError,
)
from matching.explain import (
    Assignment,
    DepartmentBalance,
    Explanation,
    Fairness,
    Fix,
    FixKind,
    Reason,
    ReasonCode,
    RunnerUp,
    RunnerUpReason,
    TierBalance,
    Unfilled,
)
from matching.fit import Fit, SkillMatch, score
from matching.generators import Instance, random_instance
from matching.losses import Move
from matching.model import (
    PROVENANCES,
    Department,
    Evidence,
    Floor,
    Need,
    Person,
    Policy,
    Requirement,
    check_policy,
    validate,
)
from matching.network import FlowModel, build_flow_model
from matching.proposal import Proposal, RunStats, propose

__all__ = [
    "PROVENANCES",
    "Assignment",
    "Department",
    "DepartmentBalance",
    "DuplicateIdError",
    "Evidence",
    "Explanation",
    "Fairness",
    "Fit",
    "Fix",
    "FixKind",
    "Floor",
    "FlowModel",
    "Instance",
    "InvalidDepartmentError",
    "InvalidEvidenceError",
    "InvalidInputError",
    "InvalidNeedError",
    "InvalidPersonError",
    "InvalidPolicyError",
    "InvalidRequirementError",
    "MatchingError",
    "Move",
    "Need",
    "Person",
    "Policy",
    "Proposal",
    "Reason",
    "ReasonCode",
    "Requirement",
    "RunStats",
    "RunnerUp",
    "RunnerUpReason",
    "SkillMatch",
    "SolverError",
    "SolverUnavailableError",
    "TierBalance",
    "TimetableInputError",
    "Unfilled",
    "UnknownDepartmentError",
    "UnknownSolverError",
    "build_flow_model",
    "check_policy",
    "propose",
    "random_instance",
    "score",
    "validate",
]

"""Exceptions raised by the matcher.

Every exception is a :class:`MatchingError`; input errors also derive from
:class:`ValueError`, solver problems from :class:`RuntimeError`, so callers can
catch what they expect without importing this module. Each message names the
offending item, and :attr:`MatchingError.item` / :attr:`MatchingError.field`
carry the same information for programs (an API maps them onto its error fields).

Examples
--------
>>> from matching import Department, propose
>>> try:
...     propose([], [], [Department("D-1", 2), Department("D-1", 3)])
... except MatchingError as error:
...     print(type(error).__name__, "|", error.item, "|", error)
DuplicateIdError | D-1 | department 'D-1' appears more than once
"""

from __future__ import annotations

__all__ = [
    "DuplicateIdError",
    "InvalidDepartmentError",
    "InvalidEvidenceError",
    "InvalidInputError",
    "InvalidNeedError",
    "InvalidPersonError",
    "InvalidPolicyError",
    "InvalidRequirementError",
    "MatchingError",
    "SolverError",
    "SolverUnavailableError",
    "TimetableInputError",
    "UnknownDepartmentError",
    "UnknownSolverError",
]


class MatchingError(Exception):
    """Base class of every error the matcher raises.

    Parameters
    ----------
    message : str
        A sentence that names the offending item.
    item : str, optional
        The id of the offending person, need or department, when there is one.
    field : str, optional
        The attribute at fault (``"headcount"``, ``"skills"``, ...), when there is one.
    """

    def __init__(self, message: str, *, item: str | None = None, field: str | None = None):
        super().__init__(message)
        self.item = item
        self.field = field


class InvalidInputError(MatchingError, ValueError):
    """Base class of the errors in the people, needs, departments or policy given."""


class DuplicateIdError(InvalidInputError):
    """Two people, two needs or two departments share an id."""


class UnknownDepartmentError(InvalidInputError):
    """A person or a need refers to a department that was not given."""


class InvalidEvidenceError(InvalidInputError):
    """A skill's evidence has a level outside 1-5 or an unknown provenance."""


class InvalidPersonError(InvalidInputError):
    """A person is malformed: empty id, negative clearance, availability ending too early."""


class InvalidRequirementError(InvalidInputError):
    """A requirement is malformed: minimum level outside 1-5, weight <= 0, skill repeated."""


class InvalidNeedError(InvalidInputError):
    """A need is malformed: headcount below 1, period ending before it starts, no requirement."""


class InvalidDepartmentError(InvalidInputError):
    """A department is malformed: empty id or negative release cap."""


class InvalidPolicyError(InvalidInputError):
    """A policy value is out of range (weights, factors, options)."""


class UnknownSolverError(InvalidInputError):
    """The ``solver`` argument names no solver the matcher knows."""


class TimetableInputError(InvalidInputError):
    """A talk, room, slot, person's interest or time limit given to
    :func:`matching.timetable.plan_timetable` is malformed or refers to an unknown id, or the
    fixed talks break a hard rule."""


class SolverUnavailableError(MatchingError, RuntimeError):
    """The requested solver is not installed (OR-Tools for ``solver="ortools"``)."""


class SolverError(MatchingError, RuntimeError):
    """The solver failed on a problem that should have an optimum (a bug or an overflow)."""

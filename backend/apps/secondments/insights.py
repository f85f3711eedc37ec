"""The pictures of the review: who lends to whom, in a run and in the secondments under way,
and how long each department takes to approve its side.

A selector reads the rows it needs in one query, grouped by the database where it can; the
departments they name are read in one more. What is left (sums, medians) is done here in
Python, over rows that are already few. Counts are of people, by the tier the person holds now.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from statistics import median

from django.db.models import Count, F, Q

from apps.accounts.models import Tier
from apps.organisation.models import Department
from apps.secondments.models import (
    MatchRun,
    Secondment,
    SecondmentStatus,
    Suggestion,
    SuggestionStatus,
)

#: The suggestions of a run that count in its flow: all but those turned down or withdrawn.
FLOWING_SUGGESTIONS = (SuggestionStatus.PROPOSED, SuggestionStatus.ACCEPTED, SuggestionStatus.HELD)

#: The secondments that count in the flow under way: approved by both heads (waiting for their
#: start date) or started. A planned or confirmed one may still be declined or refused.
FLOWING_SECONDMENTS = (SecondmentStatus.APPROVED, SecondmentStatus.ACTIVE)

#: The states in which a secondment waits for its heads' approval.
AWAITING_APPROVAL = (SecondmentStatus.PLANNED, SecondmentStatus.CONFIRMED)

SECONDS_PER_HOUR = 3600


@dataclass(frozen=True)
class FlowLink:
    """People of ``lending`` going to ``receiving``: ``count`` in all, ``firm`` of them
    decided (an accepted suggestion; a secondment started)."""

    lending: Department
    receiving: Department
    count: int
    firm: int


@dataclass(frozen=True)
class TierBalance:
    tier: str
    lent: int
    received: int


@dataclass(frozen=True)
class DepartmentBalance:
    """People out of and into one department, in all and per tier (every tier, in order)."""

    department: Department
    lent: int
    received: int
    tiers: list[TierBalance]


@dataclass(frozen=True)
class Flow:
    """Who lends to whom (the busiest pairs first), and each department's balance (those lending
    most first, then those receiving most, then by code)."""

    links: list[FlowLink]
    balance: list[DepartmentBalance]


@dataclass(frozen=True)
class _Row:
    lending: int
    receiving: int
    tier: str
    count: int
    firm: int


def _flow(rows: Iterable[_Row]) -> Flow:
    rows = list(rows)
    departments = Department.objects.in_bulk(
        {row.lending for row in rows} | {row.receiving for row in rows}
    )
    pairs: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    lent: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    received: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        pair = pairs[row.lending, row.receiving]
        pair[0] += row.count
        pair[1] += row.firm
        lent[row.lending][row.tier] += row.count
        received[row.receiving][row.tier] += row.count
    links = [
        FlowLink(
            lending=departments[lending], receiving=departments[receiving], count=count, firm=firm
        )
        for (lending, receiving), (count, firm) in pairs.items()
    ]
    links.sort(key=lambda link: (-link.count, link.lending.code, link.receiving.code))
    balance = [
        DepartmentBalance(
            department=department,
            lent=sum(lent[department.pk].values()),
            received=sum(received[department.pk].values()),
            tiers=[
                TierBalance(
                    tier=tier,
                    lent=lent[department.pk][tier],
                    received=received[department.pk][tier],
                )
                for tier in Tier.values
            ],
        )
        for department in departments.values()
    ]
    balance.sort(key=lambda row: (-row.lent, -row.received, row.department.code))
    return Flow(links=links, balance=balance)


def run_flow(run: MatchRun) -> Flow:
    """The run's suggestions that still stand (``FLOWING_SUGGESTIONS``) from each person's
    department to the need's; ``firm``: those accepted. A person without a department (an
    outside account) lends from nowhere and is left out. Two queries."""
    rows = (
        Suggestion.objects.filter(
            run=run, status__in=FLOWING_SUGGESTIONS, person__department__isnull=False
        )
        .values(
            lending=F("person__department"),
            receiving=F("need__department"),
            person_tier=F("person__tier"),
        )
        .annotate(count=Count("pk"), firm=Count("pk", filter=Q(status=SuggestionStatus.ACCEPTED)))
        .order_by()
    )
    return _flow(
        _Row(row["lending"], row["receiving"], row["person_tier"], row["count"], row["firm"])
        for row in rows
    )


def secondment_flow() -> Flow:
    """The secondments approved or active (``FLOWING_SECONDMENTS``) from their lending to their
    receiving department; ``firm``: those active. Two queries."""
    rows = (
        Secondment.objects.filter(status__in=FLOWING_SECONDMENTS)
        .values("lending_department", "receiving_department", person_tier=F("person__tier"))
        .annotate(count=Count("pk"), firm=Count("pk", filter=Q(status=SecondmentStatus.ACTIVE)))
        .order_by()
    )
    return _flow(
        _Row(
            row["lending_department"],
            row["receiving_department"],
            row["person_tier"],
            row["count"],
            row["firm"],
        )
        for row in rows
    )


@dataclass
class ApprovalTime:
    """One side's approvals: how long each took from the secondment's creation (hours), and
    how long those still waiting have waited so far."""

    taken: list[float] = field(default_factory=list)
    waiting: list[float] = field(default_factory=list)

    @property
    def approvals(self) -> int:
        return len(self.taken)

    @property
    def median_hours(self) -> float | None:
        return round(median(self.taken), 1) if self.taken else None

    @property
    def longest_hours(self) -> float | None:
        return round(max(self.taken), 1) if self.taken else None

    @property
    def waiting_count(self) -> int:
        return len(self.waiting)

    @property
    def oldest_waiting_hours(self) -> float | None:
        return round(max(self.waiting), 1) if self.waiting else None


@dataclass(frozen=True)
class DepartmentApprovals:
    """How a department approves the secondments it lends to and those it receives."""

    department: Department
    lending: ApprovalTime
    receiving: ApprovalTime


def _hours(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / SECONDS_PER_HOUR


def approval_times(now: datetime) -> list[DepartmentApprovals]:
    """For each department that approved a side of a secondment or has one waiting for its
    approval: the time from the secondment's creation to that approval, and the age at ``now``
    of those still waiting (planned or confirmed, that side not yet approved). Approvals of
    secondments declined or cancelled later count: the department gave them. By the slowest
    longest wait first, then code. Two queries."""
    rows = Secondment.objects.filter(
        Q(lending_approved_at__isnull=False)
        | Q(receiving_approved_at__isnull=False)
        | Q(status__in=AWAITING_APPROVAL)
    ).values_list(
        "status",
        "created_at",
        "lending_department",
        "lending_approved_at",
        "receiving_department",
        "receiving_approved_at",
    )
    sides: dict[int, dict[str, ApprovalTime]] = defaultdict(
        lambda: {"lending": ApprovalTime(), "receiving": ApprovalTime()}
    )
    for status, created_at, lender, lent_at, receiver, received_at in rows:
        for side, department, approved_at in (
            ("lending", lender, lent_at),
            ("receiving", receiver, received_at),
        ):
            if approved_at is not None:
                sides[department][side].taken.append(_hours(created_at, approved_at))
            elif status in AWAITING_APPROVAL:
                sides[department][side].waiting.append(_hours(created_at, now))
    departments = Department.objects.in_bulk(sides)
    found = [
        DepartmentApprovals(
            department=departments[pk], lending=times["lending"], receiving=times["receiving"]
        )
        for pk, times in sides.items()
    ]
    return sorted(found, key=_slowest_first)


def _slowest_first(approvals: DepartmentApprovals) -> tuple[float, str]:
    longest = max(
        hours
        for side in (approvals.lending, approvals.receiving)
        for hours in (side.longest_hours or 0, side.oldest_waiting_hours or 0)
    )
    return (-longest, approvals.department.code)

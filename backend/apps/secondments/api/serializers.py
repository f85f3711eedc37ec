from dataclasses import fields as dataclass_fields
from decimal import Decimal
from functools import cached_property
from typing import Any, get_args

from django.db.models import QuerySet
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.accounts.models import Clearance, Tier, User
from apps.accounts.permissions import headed_department_ids, heads_department
from apps.organisation.api.serializers import DepartmentBriefSerializer
from apps.organisation.models import Department
from apps.secondments.fitting import Blocker, NeedFit, RequirementFit
from apps.secondments.insights import (
    ApprovalTime,
    DepartmentApprovals,
    DepartmentBalance,
    Flow,
    FlowLink,
    TierBalance,
)
from apps.secondments.lifecycle import SIDES, approvable_sides, may_cancel
from apps.secondments.models import (
    GOING_AHEAD,
    MatchRun,
    MatchRunStatus,
    NeedRequirement,
    NeedStatus,
    Secondment,
    SecondmentAvailability,
    SecondmentStatus,
    Suggestion,
    SuggestionStatus,
    TalentNeed,
    UnfilledSeats,
)
from apps.secondments.selectors import Referenced
from apps.secondments.services import DECIDED, DECISIONS
from apps.secondments.what_if import Seat, WhatIf
from apps.skills.api.serializers import SkillBriefSerializer, StaffSkillBriefSerializer
from apps.skills.models import MAX_LEVEL, MIN_LEVEL, Provenance, Skill
from matching import FixKind, InvalidPolicyError, Policy, ReasonCode, RunnerUpReason, check_policy

RUNNER_UP_REASONS = get_args(RunnerUpReason)
UNFILLED_REASONS = get_args(ReasonCode)
FIX_KINDS = get_args(FixKind)


class RequirementSerializer(serializers.ModelSerializer[NeedRequirement]):
    skill = SkillBriefSerializer(read_only=True)

    class Meta:
        model = NeedRequirement
        fields = ["skill", "min_level", "weight", "must"]
        read_only_fields = fields


class NeedSerializer(serializers.ModelSerializer[TalentNeed]):
    department = DepartmentBriefSerializer(read_only=True)
    requirements = RequirementSerializer(many=True, read_only=True)
    status = serializers.ChoiceField(choices=NeedStatus.choices, read_only=True)
    tier = serializers.ChoiceField(
        choices=Tier.choices, allow_blank=True, read_only=True, help_text="Empty: any tier."
    )
    created_by = serializers.CharField(
        source="created_by.display_name", read_only=True, allow_null=True, default=None
    )
    can_edit = serializers.SerializerMethodField(
        help_text="Whether the caller may edit, open, close or delete this need."
    )

    class Meta:
        model = TalentNeed
        fields = [
            "id",
            "department",
            "title",
            "description",
            "headcount",
            "start_date",
            "end_date",
            "tier",
            "clearance",
            "status",
            "requirements",
            "created_by",
            "created_at",
            "updated_at",
            "can_edit",
        ]
        read_only_fields = fields

    def get_can_edit(self, need: TalentNeed) -> bool:
        return heads_department(self.context["request"].user, need.department_id)


class RequirementInputSerializer(serializers.Serializer[dict[str, Any]]):
    skill = serializers.PrimaryKeyRelatedField(queryset=Skill.objects.all())
    min_level = serializers.IntegerField(min_value=MIN_LEVEL, max_value=MAX_LEVEL)
    weight = serializers.DecimalField(
        max_digits=4,
        decimal_places=2,
        min_value=Decimal("0.1"),
        max_value=Decimal("10"),
        default=Decimal("1"),
    )
    must = serializers.BooleanField(default=True)


@extend_schema_field(OpenApiTypes.INT)
class HeadedDepartmentField(serializers.PrimaryKeyRelatedField[Department]):
    """A department the caller heads; any other answers like one that does not exist."""

    def get_queryset(self) -> QuerySet[Department]:
        user = self.context["request"].user
        return Department.objects.filter(pk__in=headed_department_ids(user))


class NeedInputSerializer(serializers.Serializer[TalentNeed]):
    department = HeadedDepartmentField()
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(allow_blank=True, required=False, default="")
    headcount = serializers.IntegerField(min_value=1, max_value=100)
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    tier = serializers.ChoiceField(
        choices=Tier.choices, allow_blank=True, required=False, default=""
    )
    clearance = serializers.ChoiceField(choices=Clearance.choices, required=False, default=0)
    requirements = RequirementInputSerializer(many=True, allow_empty=False)


class AvailabilitySerializer(serializers.ModelSerializer[SecondmentAvailability]):
    preferred_departments = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Department.objects.all(), required=False
    )
    preferred_skills = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Skill.objects.all(), required=False
    )

    class Meta:
        model = SecondmentAvailability
        fields = [
            "available_from",
            "available_to",
            "time_share_percent",
            "preferred_departments",
            "preferred_skills",
            "note",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]


# -- match runs and their review ----------------------------------------------------------------


class PolicyField(serializers.DictField):
    """The matcher's options to change, checked by the matcher itself (``matching.Policy``)."""

    MAX_RUNNER_UPS = 10

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        options: dict[str, Any] = super().to_internal_value(data)
        known = {field.name for field in dataclass_fields(Policy)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise serializers.ValidationError(
                _("Unknown options: %(unknown)s. The options are: %(known)s.")
                % {"unknown": ", ".join(unknown), "known": ", ".join(sorted(known))}
            )
        try:
            policy = check_policy(Policy(**options))
        except InvalidPolicyError as error:
            raise serializers.ValidationError(str(error)) from error
        if policy.runner_ups > self.MAX_RUNNER_UPS:
            raise serializers.ValidationError(
                _("At most %(n)s runner-ups are explained per seat.") % {"n": self.MAX_RUNNER_UPS}
            )
        return options


class MatchRunInputSerializer(serializers.Serializer[dict[str, Any]]):
    departments = serializers.PrimaryKeyRelatedField(
        many=True,
        queryset=Department.objects.all(),
        required=False,
        allow_empty=False,
        help_text="Only the needs of these departments; every open need when absent.",
    )
    policy = PolicyField(
        required=False,
        default=dict,
        help_text="The matcher's weights and options to change (docs/matching.md).",
    )
    blind = serializers.BooleanField(
        required=False, default=False, help_text="Hide names from reviewers until a decision."
    )


class SuggestionCountsSerializer(serializers.Serializer[MatchRun]):
    proposed = serializers.IntegerField(source="proposed_count")
    accepted = serializers.IntegerField(source="accepted_count")
    rejected = serializers.IntegerField(source="rejected_count")
    held = serializers.IntegerField(source="held_count")
    withdrawn = serializers.IntegerField(source="withdrawn_count")


class MatchRunSerializer(serializers.ModelSerializer[MatchRun]):
    status = serializers.ChoiceField(choices=MatchRunStatus.choices, read_only=True)
    started_by = serializers.CharField(source="started_by.display_name", read_only=True)
    total_fit = serializers.FloatField(read_only=True, allow_null=True)
    suggestions = SuggestionCountsSerializer(source="*", read_only=True)
    unfilled_seats = serializers.IntegerField(source="unfilled_seat_count", read_only=True)

    class Meta:
        model = MatchRun
        fields = [
            "id",
            "status",
            "started_by",
            "created_at",
            "started_at",
            "finished_at",
            "scope",
            "policy",
            "blind",
            "input_hash",
            "solver",
            "floors",
            "timings",
            "people_count",
            "need_count",
            "seat_count",
            "total_fit",
            "fairness",
            "error",
            "suggestions",
            "unfilled_seats",
        ]
        read_only_fields = fields


class ExplainedSkillSerializer(serializers.Serializer[Skill]):
    """A skill an explanation names; ``id`` is null for a skill deleted since the run."""

    id = serializers.IntegerField(allow_null=True)
    code = serializers.CharField()
    name_zh = serializers.CharField()
    name_en = serializers.CharField()


class NeedBriefSerializer(serializers.ModelSerializer[TalentNeed]):
    department = DepartmentBriefSerializer(read_only=True)
    tier = serializers.ChoiceField(
        choices=Tier.choices, allow_blank=True, read_only=True, help_text="Empty: any tier."
    )

    class Meta:
        model = TalentNeed
        fields = ["id", "title", "department", "headcount", "start_date", "end_date", "tier"]
        read_only_fields = fields


class CandidateSerializer(serializers.Serializer[User]):
    """A person the matcher proposed or weighed. In blind review, until HR accept or reject
    the suggestion, ``id``, ``display_name`` and ``employee_number`` are null and ``alias``
    (stable within the run) tells them apart; a person shown has an empty ``alias``."""

    id = serializers.IntegerField(allow_null=True)
    alias = serializers.CharField()
    display_name = serializers.CharField(allow_null=True)
    employee_number = serializers.CharField(allow_null=True)
    department = DepartmentBriefSerializer(allow_null=True)
    tier = serializers.ChoiceField(choices=Tier.choices, allow_null=True)


class RequirementMetSerializer(serializers.Serializer[dict[str, Any]]):
    skill = ExplainedSkillSerializer()
    must = serializers.BooleanField()
    min_level = serializers.IntegerField()
    level = serializers.IntegerField(allow_null=True, help_text="Null: the person lacks it.")
    provenance = serializers.ChoiceField(choices=Provenance.choices, allow_null=True)
    points = serializers.FloatField()
    met = serializers.BooleanField()


class FitSerializer(serializers.Serializer[dict[str, Any]]):
    total = serializers.FloatField()
    parts = serializers.DictField(
        child=serializers.FloatField(),
        help_text="must_have, nice_to_have, preference and tier: their sum is the total.",
    )


class MoveSerializer(serializers.Serializer[dict[str, Any]]):
    person = CandidateSerializer()
    from_need = NeedBriefSerializer(allow_null=True, help_text="Null: not proposed before.")
    to_need = NeedBriefSerializer(allow_null=True, help_text="Null: no longer proposed.")


class FloorSerializer(serializers.Serializer[dict[str, Any]]):
    skill = ExplainedSkillSerializer()
    min_level = serializers.IntegerField()
    may_release = serializers.IntegerField()


class RunnerUpSerializer(serializers.Serializer[dict[str, Any]]):
    person = CandidateSerializer()
    fit = serializers.FloatField()
    reason = serializers.ChoiceField(choices=RUNNER_UP_REASONS)
    loss = serializers.FloatField(
        help_text="How much the total fit drops in the best proposal seating them here."
    )
    placed_in = NeedBriefSerializer(allow_null=True, help_text="Where they are proposed.")
    moves = MoveSerializer(many=True, help_text="The changes of that best proposal.")
    floor = FloorSerializer(allow_null=True, help_text="The floor that keeps them at home.")


class Explained:
    """Puts an explanation's ids and codes into the objects they name, people masked in
    blind review."""

    def __init__(self, run: MatchRun, referenced: Referenced) -> None:
        self.run, self.referenced = run, referenced
        # Each need and department once a page: moves name the same ones over and over.
        self._needs: dict[int, dict[str, Any] | None] = {}
        self._departments: dict[int, dict[str, Any]] = {}

    def _department_brief(self, department: Department) -> dict[str, Any]:
        if department.pk not in self._departments:
            self._departments[department.pk] = dict(DepartmentBriefSerializer(department).data)
        return self._departments[department.pk]

    def candidate(
        self, person_id: int, person: User | None = None, *, hidden: bool = True
    ) -> dict[str, Any]:
        person = person or self.referenced.people.get(person_id)
        masked = self.run.blind and hidden
        shown = person is not None and not masked
        department = person.department if person is not None else None
        return {
            "id": person_id if shown else None,
            # Only a masked person has an alias: a name shown beside an alias would unmask
            # that alias wherever else it stands (a runner-up, a move).
            "alias": candidate_alias(self.run.pk, person_id) if masked else "",
            "display_name": person.display_name if shown and person else None,
            "employee_number": person.employee_number if shown and person else None,
            "department": self._department_brief(department) if department else None,
            "tier": person.tier if person is not None else None,
        }

    def skill(self, code: str) -> dict[str, Any]:
        skill = self.referenced.skills.get(code)
        if skill is None:
            return {"id": None, "code": code, "name_zh": code, "name_en": code}
        return {"id": skill.pk, "code": code, "name_zh": skill.name_zh, "name_en": skill.name_en}

    def need(self, need_id: int | None) -> dict[str, Any] | None:
        if need_id is None:
            return None
        if need_id not in self._needs:
            need = self.referenced.needs.get(need_id)
            self._needs[need_id] = None if need is None else dict(NeedBriefSerializer(need).data)
        return self._needs[need_id]

    def department(self, department_id: int | None) -> dict[str, Any] | None:
        department = (
            None if department_id is None else self.referenced.departments.get(department_id)
        )
        return None if department is None else self._department_brief(department)

    def runner_up(self, runner_up: dict[str, Any]) -> dict[str, Any]:
        floor = runner_up["floor"]
        return {
            "person": self.candidate(runner_up["person"]),
            "fit": runner_up["fit"],
            "reason": runner_up["reason"],
            "loss": runner_up["loss"],
            "placed_in": self.need(runner_up["placed_in"]),
            "moves": [
                {
                    "person": self.candidate(move["person"]),
                    "from_need": self.need(move["from_need"]),
                    "to_need": self.need(move["to_need"]),
                }
                for move in runner_up["moves"]
            ],
            "floor": None if floor is None else {**floor, "skill": self.skill(floor["skill"])},
        }


def candidate_alias(run_id: int, person_id: int) -> str:
    """A name for a person in a run that tells nothing of who they are: ten hex digits (40
    bits: two of 10,000 people share one once in about 20,000 runs) of a keyed hash, stable
    within the run, unrelated across runs."""
    digest = salted_hmac("talentbridge.blind-review", f"{run_id}:{person_id}").hexdigest()
    return digest[:10].upper()


class SuggestionSerializer(serializers.ModelSerializer[Suggestion]):
    """A suggestion with its explanation; ``context`` carries the ``run`` and what its
    explanations refer to (``referenced``, from ``selectors.referenced_by``)."""

    need = NeedBriefSerializer(read_only=True)
    person = serializers.SerializerMethodField()
    fit = serializers.SerializerMethodField()
    requirements = serializers.SerializerMethodField()
    runner_ups = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=SuggestionStatus.choices, read_only=True)
    reviewer = serializers.CharField(
        source="reviewer.display_name", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = Suggestion
        fields = [
            "id",
            "run",
            "need",
            "person",
            "fit",
            "requirements",
            "runner_ups",
            "status",
            "reviewer",
            "comment",
            "decided_at",
        ]
        read_only_fields = fields

    @cached_property
    def _explained(self) -> Explained:
        return Explained(self.context["run"], self.context["referenced"])

    @extend_schema_field(CandidateSerializer)
    def get_person(self, suggestion: Suggestion) -> dict[str, Any]:
        hidden = suggestion.status not in DECIDED
        return self._explained.candidate(suggestion.person_id, suggestion.person, hidden=hidden)

    @extend_schema_field(FitSerializer)
    def get_fit(self, suggestion: Suggestion) -> dict[str, Any]:
        return {"total": float(suggestion.fit), "parts": suggestion.fit_parts}

    @extend_schema_field(RequirementMetSerializer(many=True))
    def get_requirements(self, suggestion: Suggestion) -> list[dict[str, Any]]:
        explained = self._explained
        return [
            {**requirement, "skill": explained.skill(requirement["skill"])}
            for requirement in suggestion.requirements
        ]

    @extend_schema_field(RunnerUpSerializer(many=True))
    def get_runner_ups(self, suggestion: Suggestion) -> list[dict[str, Any]]:
        explained = self._explained
        return [explained.runner_up(runner_up) for runner_up in suggestion.runner_ups]


class ReasonSerializer(serializers.Serializer[dict[str, Any]]):
    code = serializers.ChoiceField(choices=UNFILLED_REASONS)
    people = CandidateSerializer(many=True, help_text="The candidates the reason concerns.")
    departments = DepartmentBriefSerializer(many=True)
    skill = ExplainedSkillSerializer(allow_null=True)
    level = serializers.IntegerField(allow_null=True)


class FixSerializer(serializers.Serializer[dict[str, Any]]):
    kind = serializers.ChoiceField(choices=FIX_KINDS)
    department = DepartmentBriefSerializer(allow_null=True)
    skill = ExplainedSkillSerializer(allow_null=True)
    level = serializers.IntegerField(allow_null=True)
    candidates = serializers.IntegerField(help_text="How many people the fix makes eligible.")


class TeachingGroupSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()


class OneLevelShortSerializer(serializers.Serializer[Any]):
    person = CandidateSerializer()
    skill = ExplainedSkillSerializer()
    level = serializers.IntegerField(help_text="The level held; one more would do.")


#: How many study groups are offered for one empty seat.
GROUPS_PER_SEAT = 3


class UnfilledSeatsSerializer(serializers.ModelSerializer[UnfilledSeats]):
    """An empty seat; ``context`` carries the ``run``, ``referenced``, ``help`` (from
    ``seat_help``) and the ``groups`` teaching the skills asked."""

    need = NeedBriefSerializer(read_only=True)
    reasons = serializers.SerializerMethodField()
    fix = serializers.SerializerMethodField()
    other_fixes = serializers.SerializerMethodField()
    study_groups = serializers.SerializerMethodField()
    one_level_short = serializers.SerializerMethodField()

    class Meta:
        model = UnfilledSeats
        fields = [
            "id",
            "need",
            "seats",
            "reasons",
            "fix",
            "other_fixes",
            "study_groups",
            "one_level_short",
        ]
        read_only_fields = fields

    @extend_schema_field(TeachingGroupSerializer(many=True))
    def get_study_groups(self, entry: UnfilledSeats) -> list[dict[str, Any]]:
        """Groups studying the skills the need asks, must-haves first: where someone could
        learn what the seat needs. None for a need no longer open."""
        help = self.context["help"].get(entry.need_id)
        if help is None:
            return []
        rank = {code: position for position, code in enumerate(help.asked)}
        teaching = [
            (min(rank.get(skill.code, len(rank)) for skill in group.skills.all()), group)
            for group in self.context["groups"]
            if any(skill.code in rank for skill in group.skills.all())
        ]
        teaching.sort(key=lambda ranked: ranked[0])
        return [{"id": group.pk, "name": group.name} for _rank, group in teaching[:GROUPS_PER_SEAT]]

    @extend_schema_field(OneLevelShortSerializer(many=True))
    def get_one_level_short(self, entry: UnfilledSeats) -> list[dict[str, Any]]:
        """People of the pool who would be eligible with one more level of one must-have."""
        help = self.context["help"].get(entry.need_id)
        if help is None:
            return []
        explained = self._explained
        return [
            {
                "person": explained.candidate(short.person.pk, short.person),
                "skill": {
                    "id": short.skill.pk,
                    "code": short.skill.code,
                    "name_zh": short.skill.name_zh,
                    "name_en": short.skill.name_en,
                },
                "level": short.level,
            }
            for short in help.one_level_short
        ]

    @cached_property
    def _explained(self) -> Explained:
        return Explained(self.context["run"], self.context["referenced"])

    @extend_schema_field(ReasonSerializer(many=True))
    def get_reasons(self, entry: UnfilledSeats) -> list[dict[str, Any]]:
        explained = self._explained
        return [
            {
                "code": reason["code"],
                "people": [explained.candidate(person) for person in reason["people"]],
                "departments": [
                    department
                    for department in map(explained.department, reason["departments"])
                    if department is not None
                ],
                "skill": explained.skill(reason["skill"]) if reason["skill"] else None,
                "level": reason["level"],
            }
            for reason in entry.reasons
        ]

    @extend_schema_field(FixSerializer)
    def get_fix(self, entry: UnfilledSeats) -> dict[str, Any]:
        return self._fix(entry.fix)

    @extend_schema_field(FixSerializer(many=True))
    def get_other_fixes(self, entry: UnfilledSeats) -> list[dict[str, Any]]:
        return [self._fix(fix) for fix in entry.other_fixes]

    def _fix(self, fix: dict[str, Any]) -> dict[str, Any]:
        explained = self._explained
        return {
            "kind": fix["kind"],
            "department": explained.department(fix["department"]),
            "skill": explained.skill(fix["skill"]) if fix["skill"] else None,
            "level": fix["level"],
            "candidates": fix["candidates"],
        }


class DecisionSerializer(serializers.Serializer[dict[str, Any]]):
    decision = serializers.ChoiceField(choices=[(d.value, d.label) for d in DECISIONS])
    comment = serializers.CharField(
        max_length=2000, allow_blank=True, required=False, default="", trim_whitespace=True
    )


class BulkDecisionSerializer(DecisionSerializer):
    MAX_SUGGESTIONS = 200

    suggestions = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        min_length=1,
        max_length=MAX_SUGGESTIONS,
        help_text="Ids of suggestions of this run; all are decided or none.",
    )


class SecondedPersonSerializer(serializers.ModelSerializer[User]):
    class Meta:
        model = User
        fields = ["id", "display_name", "employee_number"]
        read_only_fields = fields


class SecondmentNeedSerializer(serializers.ModelSerializer[TalentNeed]):
    class Meta:
        model = TalentNeed
        fields = ["id", "title"]
        read_only_fields = fields


class SecondmentActionsSerializer(serializers.Serializer[Secondment]):
    """What the caller may do with the secondment now."""

    confirm = serializers.BooleanField()
    decline = serializers.BooleanField()
    approve = serializers.ListField(
        child=serializers.ChoiceField(choices=SIDES), help_text="The sides the caller may approve."
    )
    cancel = serializers.BooleanField()


class SecondmentSerializer(serializers.ModelSerializer[Secondment]):
    person = SecondedPersonSerializer(read_only=True)
    need = SecondmentNeedSerializer(read_only=True)
    lending_department = DepartmentBriefSerializer(read_only=True)
    receiving_department = DepartmentBriefSerializer(read_only=True)
    status = serializers.ChoiceField(choices=SecondmentStatus.choices, read_only=True)
    lending_approved_by = serializers.CharField(
        source="lending_approved_by.display_name", read_only=True, allow_null=True, default=None
    )
    receiving_approved_by = serializers.CharField(
        source="receiving_approved_by.display_name", read_only=True, allow_null=True, default=None
    )
    ended_by = serializers.CharField(
        source="ended_by.display_name", read_only=True, allow_null=True, default=None
    )
    actions = serializers.SerializerMethodField()

    class Meta:
        model = Secondment
        fields = [
            "id",
            "person",
            "need",
            "lending_department",
            "receiving_department",
            "start_date",
            "end_date",
            "status",
            "confirmed_at",
            "lending_approved_by",
            "lending_approved_at",
            "receiving_approved_by",
            "receiving_approved_at",
            "ended_by",
            "end_reason",
            "created_at",
            "updated_at",
            "actions",
        ]
        read_only_fields = fields

    @extend_schema_field(SecondmentActionsSerializer)
    def get_actions(self, secondment: Secondment) -> dict[str, Any]:
        user = self.context["request"].user
        planned = secondment.status == SecondmentStatus.PLANNED
        awaiting = secondment.status in (SecondmentStatus.PLANNED, SecondmentStatus.CONFIRMED)
        own = secondment.person_id == user.pk
        return {
            "confirm": own and planned,
            "decline": own and planned,
            "approve": [
                side
                for side in approvable_sides(
                    user, secondment, self.context.get("headless_departments", ())
                )
                if awaiting and getattr(secondment, f"{side}_approved_at") is None
            ],
            "cancel": secondment.status in GOING_AHEAD and may_cancel(user, secondment),
        }


class ApprovalSerializer(serializers.Serializer[dict[str, Any]]):
    side = serializers.ChoiceField(
        choices=SIDES, required=False, help_text="Absent: every side the caller heads."
    )


class EndReasonSerializer(serializers.Serializer[dict[str, Any]]):
    reason = serializers.CharField(max_length=500, allow_blank=True, required=False, default="")


class CancelSerializer(serializers.Serializer[dict[str, Any]]):
    reason = serializers.CharField(max_length=500, help_text="Why; told to those concerned.")


class ReleaseCapChangeSerializer(serializers.Serializer[dict[str, Any]]):
    department = serializers.IntegerField(min_value=1)
    release_cap = serializers.IntegerField(
        min_value=0, max_value=100_000, help_text="How many people it may lend now."
    )


class HeadcountChangeSerializer(serializers.Serializer[dict[str, Any]]):
    need = serializers.IntegerField(min_value=1)
    headcount = serializers.IntegerField(
        min_value=0, max_value=1000, help_text="Seats still open; 0 takes the need out."
    )


class PairSerializer(serializers.Serializer[dict[str, Any]]):
    person = serializers.IntegerField(min_value=1)
    need = serializers.IntegerField(min_value=1)


def _distinct(items: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    seen = [item[key] for item in items]
    twice = sorted({value for value in seen if seen.count(value) > 1})
    if twice:
        raise serializers.ValidationError(
            _("Each %(key)s once: %(ids)s given twice.")
            % {"key": key, "ids": ", ".join(map(str, twice))}
        )
    return items


class WhatIfInputSerializer(serializers.Serializer[dict[str, Any]]):
    release_caps = serializers.ListField(
        child=ReleaseCapChangeSerializer(), required=False, default=list, max_length=100
    )
    headcounts = serializers.ListField(
        child=HeadcountChangeSerializer(), required=False, default=list, max_length=100
    )
    policy = PolicyField(
        required=False, default=dict, help_text="Weights and options over the run's policy."
    )
    pins = serializers.ListField(
        child=PairSerializer(),
        required=False,
        default=list,
        max_length=50,
        help_text="Seated first.",
    )
    forbidden = serializers.ListField(
        child=PairSerializer(),
        required=False,
        default=list,
        max_length=200,
        help_text="Never proposed.",
    )

    def validate_release_caps(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return _distinct(value, "department")

    def validate_headcounts(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return _distinct(value, "need")

    def validate_pins(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return _distinct(value, "person")


class SeatSerializer(serializers.Serializer[dict[str, Any]]):
    person = CandidateSerializer()
    need = NeedBriefSerializer()
    fit = serializers.FloatField()


class MovedSerializer(serializers.Serializer[dict[str, Any]]):
    person = CandidateSerializer()
    from_need = NeedBriefSerializer()
    to_need = NeedBriefSerializer()
    fit_before = serializers.FloatField()
    fit_after = serializers.FloatField()


class WhatIfSerializer(serializers.Serializer[dict[str, Any]]):
    """Today's proposal for the run's scope and policy beside the one with the changes."""

    total_fit_before = serializers.FloatField()
    total_fit_after = serializers.FloatField()
    seats_filled_before = serializers.IntegerField()
    seats_filled_after = serializers.IntegerField()
    added = SeatSerializer(many=True, help_text="Proposed only with the changes.")
    removed = SeatSerializer(many=True, help_text="Proposed only without them.")
    moved = MovedSerializer(many=True, help_text="Proposed for another need with them.")
    unchanged = serializers.IntegerField(help_text="People proposed for the same need.")
    pinned = SeatSerializer(many=True, help_text="The pins, seated first.")
    changed_since_run = serializers.BooleanField(
        help_text="The database no longer gives the run's input (decisions, new needs…)."
    )
    seconds = serializers.FloatField()


def what_if_data(run: MatchRun, result: WhatIf) -> dict[str, Any]:
    """``result`` with its people and needs, people masked in blind review."""
    seats = [*result.added, *result.removed, *result.pinned]
    people = {seat.person for seat in seats} | {move.person for move in result.moved}
    needs = {seat.need for seat in seats}
    needs |= {need for move in result.moved for need in (move.from_need, move.to_need)}
    explained = Explained(
        run,
        Referenced(
            people=User.objects.select_related("department").in_bulk(people),
            needs=TalentNeed.objects.select_related("department").in_bulk(needs),
            skills={},
            departments={},
        ),
    )

    def seat(one: Seat) -> dict[str, Any]:
        return {
            "person": explained.candidate(one.person),
            "need": explained.need(one.need),
            "fit": one.fit,
        }

    return {
        **{
            name: getattr(result, name)
            for name in (
                "total_fit_before",
                "total_fit_after",
                "seats_filled_before",
                "seats_filled_after",
                "unchanged",
                "changed_since_run",
                "seconds",
            )
        },
        "added": [seat(one) for one in result.added],
        "removed": [seat(one) for one in result.removed],
        "pinned": [seat(one) for one in result.pinned],
        "moved": [
            {
                "person": explained.candidate(move.person),
                "from_need": explained.need(move.from_need),
                "to_need": explained.need(move.to_need),
                "fit_before": move.fit_before,
                "fit_after": move.fit_after,
            }
            for move in result.moved
        ],
    }


POOL_STANDINGS = [
    ("free", "Free: a run considers them"),
    ("seconded", "A secondment going ahead"),
    ("cooling_off", "A secondment ended within the cooling-off period"),
]


class PoolPersonSerializer(serializers.ModelSerializer[User]):
    department = DepartmentBriefSerializer(read_only=True, allow_null=True)
    tier = serializers.ChoiceField(choices=Tier.choices, read_only=True)
    skills = StaffSkillBriefSerializer(source="staff_skills", many=True, read_only=True)

    class Meta:
        model = User
        fields = ["id", "display_name", "employee_number", "department", "tier", "skills"]
        read_only_fields = fields


class PoolEntrySerializer(serializers.ModelSerializer[SecondmentAvailability]):
    """A person who opted in to be seconded, as HR see them."""

    person = PoolPersonSerializer(source="user", read_only=True)
    preferred_departments = DepartmentBriefSerializer(many=True, read_only=True)
    standing = serializers.ChoiceField(choices=POOL_STANDINGS, read_only=True)

    class Meta:
        model = SecondmentAvailability
        fields = [
            "id",
            "person",
            "available_from",
            "available_to",
            "time_share_percent",
            "preferred_departments",
            "note",
            "standing",
            "updated_at",
        ]
        read_only_fields = fields


# -- pictures: who lends to whom, and how long approvals take -----------------------------------


class TierBalanceSerializer(serializers.Serializer[TierBalance]):
    tier = serializers.ChoiceField(choices=Tier.choices)
    lent = serializers.IntegerField()
    received = serializers.IntegerField()


class DepartmentBalanceSerializer(serializers.Serializer[DepartmentBalance]):
    department = DepartmentBriefSerializer()
    lent = serializers.IntegerField(help_text="People going to other departments.")
    received = serializers.IntegerField(help_text="People coming from other departments.")
    tiers = TierBalanceSerializer(many=True, help_text="The same per tier: every tier, in order.")


class FlowLinkSerializer(serializers.Serializer[FlowLink]):
    lending_department = DepartmentBriefSerializer(source="lending")
    receiving_department = DepartmentBriefSerializer(source="receiving")


class RunFlowLinkSerializer(FlowLinkSerializer):
    suggestions = serializers.IntegerField(source="count", help_text="Proposed, accepted or held.")
    accepted = serializers.IntegerField(source="firm")


class RunFlowSerializer(serializers.Serializer[Flow]):
    """A run's suggestions still standing, from the person's department to the need's."""

    links = RunFlowLinkSerializer(many=True, help_text="The busiest pairs first.")
    balance = DepartmentBalanceSerializer(
        many=True, help_text="Each department named: the most lent first."
    )


class SecondmentFlowLinkSerializer(FlowLinkSerializer):
    secondments = serializers.IntegerField(source="count", help_text="Approved or active.")
    active = serializers.IntegerField(source="firm")


class ApprovalTimeSerializer(serializers.Serializer[ApprovalTime]):
    """One side's approvals, timed from the secondment's creation."""

    approvals = serializers.IntegerField()
    median_hours = serializers.FloatField(allow_null=True, help_text="Null: no approval yet.")
    longest_hours = serializers.FloatField(allow_null=True)
    waiting = serializers.IntegerField(
        source="waiting_count", help_text="Planned or confirmed, this side not yet approved."
    )
    oldest_waiting_hours = serializers.FloatField(allow_null=True, help_text="Null: none waits.")


class DepartmentApprovalsSerializer(serializers.Serializer[DepartmentApprovals]):
    department = DepartmentBriefSerializer()
    lending = ApprovalTimeSerializer(help_text="As the department lending the person.")
    receiving = ApprovalTimeSerializer(help_text="As the department receiving them.")


class SecondmentFlowSerializer(serializers.Serializer[dict[str, Any]]):
    """The secondments approved or active, from their lending to their receiving department,
    and how long each department takes to approve its side."""

    links = SecondmentFlowLinkSerializer(
        many=True, source="flow.links", help_text="The busiest pairs first."
    )
    balance = DepartmentBalanceSerializer(
        many=True, source="flow.balance", help_text="Each department named: the most lent first."
    )
    approval_times = DepartmentApprovalsSerializer(
        many=True, help_text="The slowest (longest approval or wait) first."
    )


class RequirementFitSerializer(serializers.Serializer[RequirementFit]):
    skill = SkillBriefSerializer()
    must = serializers.BooleanField()
    min_level = serializers.IntegerField()
    level = serializers.IntegerField(allow_null=True, help_text="Null: the person lacks it.")
    provenance = serializers.ChoiceField(choices=Provenance.choices, allow_null=True)
    met = serializers.BooleanField()


class NeedFitSerializer(serializers.Serializer[NeedFit]):
    """An open need as it fits the caller. ``fit`` is null while a ``blocker`` keeps the
    matcher from proposing them: ``skills`` (a must-have missing or below its level, or none
    met), ``dates`` (their availability window does not cover the need's period), ``tier``,
    ``clearance``."""

    need = NeedBriefSerializer()
    fit = serializers.SerializerMethodField()
    blockers = serializers.ListField(child=serializers.ChoiceField(choices=get_args(Blocker)))
    requirements = RequirementFitSerializer(many=True)
    interested = serializers.BooleanField(
        help_text="The caller said they are interested: the next run counts it as preferring "
        "this need."
    )

    @extend_schema_field(FitSerializer(allow_null=True))
    def get_fit(self, item: NeedFit) -> dict[str, Any] | None:
        return None if item.fit is None else {"total": item.fit.total, "parts": item.fit.parts}


class InterestSerializer(serializers.Serializer[dict[str, Any]]):
    need = serializers.IntegerField()
    interested = serializers.BooleanField()

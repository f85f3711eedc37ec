from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.accounts.api.serializers import RevealSerializer
from apps.accounts.api.users import acting_user
from apps.accounts.models import Tier
from apps.audit.services import record_export
from apps.core.api.downloads import CsvDownloadView, CsvExportView, bilingual, csv_response
from apps.core.api.filters import pagination_parameters, refuse_unknown_parameters
from apps.core.errors import field_error
from apps.core.permissions import IsMember
from apps.groups.selectors import groups_teaching
from apps.organisation.selectors import subtree_ids
from apps.secondments import lifecycle, services
from apps.secondments.api.serializers import (
    POOL_STANDINGS,
    ApprovalSerializer,
    AvailabilitySerializer,
    BulkDecisionSerializer,
    CancelSerializer,
    CandidateSerializer,
    DecisionSerializer,
    EndReasonSerializer,
    Explained,
    InterestSerializer,
    MatchRunInputSerializer,
    MatchRunSerializer,
    NeedFitSerializer,
    NeedInputSerializer,
    NeedSerializer,
    PoolEntrySerializer,
    RunFlowSerializer,
    SecondmentFlowSerializer,
    SecondmentSerializer,
    SuggestionSerializer,
    UnfilledSeatsSerializer,
    WhatIfInputSerializer,
    WhatIfSerializer,
    candidate_alias,
    what_if_data,
)
from apps.secondments.fitting import needs_fitting
from apps.secondments.insights import approval_times, run_flow, secondment_flow
from apps.secondments.models import (
    MatchRun,
    MatchRunStatus,
    NeedStatus,
    Secondment,
    SecondmentAvailability,
    SecondmentStatus,
    Suggestion,
    SuggestionStatus,
    TalentNeed,
    UnfilledSeats,
)
from apps.secondments.permissions import CanManageNeeds, IsReviewer
from apps.secondments.seat_help import seat_help
from apps.secondments.selectors import (
    availability_of,
    may_review,
    needs_visible_to,
    referenced_by,
    runs_visible_to,
    secondment_pool,
    secondments_visible_to,
    suggestions_of,
    unfilled_of,
)
from apps.secondments.what_if import Changes, what_if
from apps.skills.selectors import skills_matching
from matching import Policy


class NeedFilter(filters.FilterSet):
    q = filters.CharFilter(field_name="title", lookup_expr="icontains", label="Title")
    status = filters.ChoiceFilter(choices=NeedStatus.choices)
    department = filters.NumberFilter(method="filter_department", label="Department id")
    include_subdepartments = filters.BooleanFilter(
        method="filter_noop", label="With department: include the departments below it"
    )
    tier = filters.ChoiceFilter(choices=Tier.choices)
    skill = filters.CharFilter(method="filter_skill", label="A required skill, by any of its names")

    class Meta:
        model = TalentNeed
        fields = ["status", "tier"]

    def filter_department(
        self, needs: QuerySet[TalentNeed], name: str, value: int
    ) -> QuerySet[TalentNeed]:
        if self.form.cleaned_data.get("include_subdepartments"):
            return needs.filter(department__in=subtree_ids(int(value)))
        return needs.filter(department=value)

    def filter_skill(
        self, needs: QuerySet[TalentNeed], name: str, value: str
    ) -> QuerySet[TalentNeed]:
        return needs.filter(requirements__skill__in=skills_matching(value)).distinct()

    def filter_noop(
        self, needs: QuerySet[TalentNeed], name: str, value: Any
    ) -> QuerySet[TalentNeed]:
        return needs  # read by the filter it qualifies


class NeedExportView(CsvExportView[TalentNeed]):
    """The needs the list's filters select, as far as the reader sees them, as CSV in the
    reader's language (UTF-8 with a byte-order mark); audited."""

    permission_classes = [IsMember]
    filterset_class = NeedFilter

    def get_queryset(self) -> QuerySet[TalentNeed]:
        return needs_visible_to(self.request.user).order_by("-created_at", "-id")

    @extend_schema(filters=True, responses={(200, "text/csv"): OpenApiTypes.STR})
    def get(self, request: Request) -> HttpResponse:
        needs = self.exported_rows()
        record_export(acting_user(request), "needs.exported", len(needs), request.query_params)
        return csv_response(
            "talentbridge-talent-needs.csv",
            [
                _("ID"),
                _("Title"),
                _("Department code"),
                _("Department"),
                _("Status"),
                _("Headcount"),
                _("Start date"),
                _("End date"),
                _("Tier"),
                _("Required skills"),
                _("Created"),
            ],
            (
                (
                    need.pk,
                    need.title,
                    need.department.code,
                    bilingual(need.department.name_zh, need.department.name_en),
                    need.get_status_display(),
                    need.headcount,
                    need.start_date.isoformat(),
                    need.end_date.isoformat(),
                    need.get_tier_display() if need.tier else "",
                    "; ".join(
                        _("%(skill)s at level %(level)d or above")
                        % {
                            "skill": bilingual(need_skill.skill.name_zh, need_skill.skill.name_en),
                            "level": need_skill.min_level,
                        }
                        + ("" if need_skill.must else " " + _("(nice to have)"))
                        for need_skill in need.requirements.all()
                    ),
                    timezone.localtime(need.created_at).isoformat(timespec="seconds"),
                )
                for need in needs
            ),
        )


class NeedViewSet(viewsets.ModelViewSet[TalentNeed]):
    """Talent needs: read by staff when open, written by the heads of their department."""

    permission_classes = [CanManageNeeds]
    serializer_class = NeedSerializer
    filterset_class = NeedFilter
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[TalentNeed]:
        return needs_visible_to(self.request.user)

    def _respond(self, need: TalentNeed, status_code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=need.pk)
        return Response(
            NeedSerializer(fresh, context=self.get_serializer_context()).data, status=status_code
        )

    @extend_schema(request=NeedInputSerializer, responses={201: NeedSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = NeedInputSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        need = services.create_need(actor=acting_user(request), **_need_arguments(payload))
        return self._respond(need, status.HTTP_201_CREATED)

    @extend_schema(request=NeedInputSerializer, responses=NeedSerializer)
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        need = self.get_object()
        payload = NeedInputSerializer(
            data=request.data,
            partial=kwargs.get("partial", False),
            context=self.get_serializer_context(),
        )
        payload.is_valid(raise_exception=True)
        need = services.update_need(
            actor=acting_user(request), need=need, **_need_arguments(payload)
        )
        return self._respond(need)

    @extend_schema(request=NeedInputSerializer, responses=NeedSerializer)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.update(request, *args, partial=True, **kwargs)

    def perform_destroy(self, instance: TalentNeed) -> None:
        services.delete_need(actor=acting_user(self.request), need=instance)

    @extend_schema(request=None, responses=NeedSerializer)
    @action(detail=True, methods=["post"])
    def open(self, request: Request, pk: str) -> Response:
        """Publish a draft: staff can now see it and the matcher can fill it."""
        need = services.change_need_status(
            actor=acting_user(request),
            need=self.get_object(),
            status=NeedStatus.OPEN,
        )
        return self._respond(need)

    @extend_schema(request=None, responses=NeedSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str) -> Response:
        """Withdraw a draft or open need."""
        need = services.change_need_status(
            actor=acting_user(request),
            need=self.get_object(),
            status=NeedStatus.CLOSED,
        )
        return self._respond(need)

    @extend_schema(methods=["PUT"], request=None, responses=InterestSerializer)
    @extend_schema(methods=["DELETE"], request=None, responses={204: None})
    @action(detail=True, methods=["put", "delete"], permission_classes=[IsMember])
    def interest(self, request: Request, pk: str) -> Response:
        """Say (``PUT``) or take back (``DELETE``) that the caller is interested in this open
        need of another department: the next match run counts it as their preference."""
        need = self.get_object()
        if request.method == "DELETE":
            services.withdraw_interest(user=acting_user(request), need=need)
            return Response(status=status.HTTP_204_NO_CONTENT)
        services.declare_interest(user=acting_user(request), need=need)
        return Response({"need": need.pk, "interested": True})


def _need_arguments(payload: NeedInputSerializer) -> dict[str, Any]:
    """The service's keyword arguments from a need's validated input."""
    arguments = dict(payload.validated_data)
    if "requirements" in arguments:
        arguments["requirements"] = [
            services.Requirement(**item) for item in arguments["requirements"]
        ]
    return arguments


class MyAvailabilityView(APIView):
    """The caller's opt-in to be seconded: nothing (204) until they opt in."""

    permission_classes = [IsMember]

    @extend_schema(
        responses={
            200: AvailabilitySerializer,
            204: OpenApiResponse(description="The caller has not opted in."),
        }
    )
    def get(self, request: Request) -> Response:
        # Not an error: a profile without an opt-in is the usual case, and a 404 would be
        # logged as a failure in the browser's console on every visit.
        availability = availability_of(acting_user(request).pk)
        if availability is None:
            return Response(status=status.HTTP_204_NO_CONTENT)
        return Response(AvailabilitySerializer(availability).data)

    @extend_schema(request=AvailabilitySerializer, responses=AvailabilitySerializer)
    def put(self, request: Request) -> Response:
        payload = AvailabilitySerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.set_availability(user=acting_user(request), **payload.validated_data)
        return Response(AvailabilitySerializer(availability_of(acting_user(request).pk)).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request) -> Response:
        services.withdraw_availability(user=acting_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class MyFittingNeedsView(generics.ListAPIView[Any]):
    """The open needs of other departments that fit the caller: their fit as the matcher
    scores it, what they meet and lack, and whether they said they are interested."""

    permission_classes = [IsMember]
    serializer_class = NeedFitSerializer
    filter_backends: list[Any] = []

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        refuse_unknown_parameters(request, pagination_parameters(self))
        page = self.paginate_queryset(needs_fitting(acting_user(request), timezone.localdate()))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class MatchRunViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet[MatchRun],
):
    """Runs of the matcher: started and read by HR and administrators."""

    permission_classes = [IsReviewer]
    serializer_class = MatchRunSerializer

    def get_queryset(self) -> QuerySet[MatchRun]:
        return runs_visible_to(self.request.user)

    @extend_schema(request=MatchRunInputSerializer, responses={201: MatchRunSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Start a run over the open needs and the people who opted in. It is queued for the
        task runner; its progress reaches reviewers' sockets as ``match_run`` frames."""
        payload = MatchRunInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        run = services.start_match_run(
            acting_user(request),
            departments=payload.validated_data.get("departments"),
            policy=payload.validated_data["policy"],
            blind=payload.validated_data["blind"],
        )
        fresh = self.get_queryset().get(pk=run.pk)
        return Response(MatchRunSerializer(fresh).data, status=status.HTTP_201_CREATED)


class SuggestionFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=SuggestionStatus.choices)
    need = filters.NumberFilter(field_name="need")
    department = filters.NumberFilter(field_name="need__department", label="The need's department")
    lending_department = filters.NumberFilter(
        field_name="person__department", label="The person's department"
    )
    skill = filters.CharFilter(
        method="filter_skill", label="A skill the need asks for, by any of its names"
    )
    tier = filters.ChoiceFilter(field_name="person__tier", choices=Tier.choices)
    min_fit = filters.NumberFilter(field_name="fit", lookup_expr="gte", label="Fit at least")

    class Meta:
        model = Suggestion
        fields = ["status"]

    def filter_skill(
        self, suggestions: QuerySet[Suggestion], name: str, value: str
    ) -> QuerySet[Suggestion]:
        return suggestions.filter(need__requirements__skill__in=skills_matching(value)).distinct()


class RunPartView(generics.ListAPIView[Any]):
    """A list of what a run found, its explanations' people, needs and skills read once for
    the whole page."""

    permission_classes = [IsReviewer]
    #: The argument of ``referenced_by`` the page is.
    explains: str

    def run(self) -> MatchRun:
        if not hasattr(self, "_run"):
            self._run = get_object_or_404(
                runs_visible_to(self.request.user), pk=self.kwargs["run_id"]
            )
        return self._run

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset())) or []
        referenced = referenced_by(**{self.explains: page})
        context = {
            **self.get_serializer_context(),
            **self.page_context(page),
            "run": self.run(),
            "referenced": referenced,
        }
        data = self.get_serializer_class()(page, many=True, context=context).data
        return self.get_paginated_response(data)

    def page_context(self, page: Sequence[Any]) -> dict[str, Any]:
        """What else the serializer needs, read once for the page."""
        return {}


class RunSuggestionsView(RunPartView):
    """A run's suggestions, by need and then best fit first. In a blind run a suggestion's
    person is an alias until it is decided."""

    serializer_class = SuggestionSerializer
    filterset_class = SuggestionFilter
    explains = "suggestions"

    def get_queryset(self) -> QuerySet[Suggestion]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no run
            return Suggestion.objects.none()
        return suggestions_of(self.run())


class RunUnfilledView(RunPartView):
    """The seats a run left empty: why, and the smallest fix that would fill one."""

    serializer_class = UnfilledSeatsSerializer
    explains = "unfilled"

    def get_queryset(self) -> QuerySet[UnfilledSeats]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no run
            return UnfilledSeats.objects.none()
        return unfilled_of(self.run())

    def page_context(self, page: Sequence[Any]) -> dict[str, Any]:
        """Who could fill the seats later: people one level short, and study groups."""
        help = seat_help(
            [entry.need_id for entry in page], Policy(**self.run().policy), timezone.localdate()
        )
        asked = {code for entry in help.values() for code in entry.asked}
        return {"help": help, "groups": groups_teaching(self.request.user, asked)}


def _decided(request: Request, run: MatchRun, suggestions: list[Suggestion]) -> list[Any]:
    """The suggestions as the review page shows them, read again after a decision."""
    fresh = list(suggestions_of(run).filter(pk__in=[s.pk for s in suggestions]))
    context = {"request": request, "run": run, "referenced": referenced_by(suggestions=fresh)}
    return list(SuggestionSerializer(fresh, many=True, context=context).data)


class RunDecisionsView(APIView):
    """Decide several suggestions of a run at once: all of them, or none."""

    permission_classes = [IsReviewer]

    @extend_schema(request=BulkDecisionSerializer, responses=SuggestionSerializer(many=True))
    def post(self, request: Request, run_id: int) -> Response:
        run = get_object_or_404(runs_visible_to(request.user), pk=run_id)
        payload = BulkDecisionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        wanted = payload.validated_data["suggestions"]
        found = Suggestion.objects.filter(run=run, pk__in=wanted).in_bulk()
        missing = [pk for pk in wanted if pk not in found]
        if missing:
            raise ValidationError(
                {
                    "suggestions": _("Not suggestions of this run: %(ids)s.")
                    % {"ids": ", ".join(map(str, missing))}
                }
            )
        decided = services.decide_suggestions(
            acting_user(request),
            suggestions=[found[pk] for pk in dict.fromkeys(wanted)],
            decision=payload.validated_data["decision"],
            comment=payload.validated_data["comment"],
        )
        return Response(_decided(request, run, decided))


DECISIONS_HEADER = (
    "run",
    "suggestion",
    "decision",
    "decided_at",
    "reviewer",
    "comment",
    "need",
    "need_title",
    "receiving_department",
    "employee_number",
    "name",
    "alias",
    "lending_department",
    "tier",
    "fit",
    "start_date",
    "end_date",
    "secondment",
    "secondment_status",
)


class RunDecisionsExportView(CsvDownloadView):
    """The decisions of a run as CSV for the HR system (UTF-8 with a byte-order mark); audited.
    In a blind run a held suggestion's person is their alias."""

    permission_classes = [IsReviewer]

    @extend_schema(responses={(200, "text/csv"): OpenApiTypes.STR})
    def get(self, request: Request, run_id: int) -> HttpResponse:
        run = get_object_or_404(runs_visible_to(request.user), pk=run_id)
        decided = services.export_decisions(acting_user(request), run=run)
        return csv_response(
            f"talentbridge-match-run-{run.pk}-decisions.csv",
            DECISIONS_HEADER,
            (_decision_row(run, suggestion) for suggestion in decided),
        )


def _decision_row(run: MatchRun, suggestion: Suggestion) -> tuple[object, ...]:
    hidden = run.blind and suggestion.status not in services.DECIDED
    person, need = suggestion.person, suggestion.need
    secondment = getattr(suggestion, "secondment", None)
    return (
        run.pk,
        suggestion.pk,
        suggestion.status,
        timezone.localtime(suggestion.decided_at).isoformat(timespec="seconds")
        if suggestion.decided_at
        else "",
        suggestion.reviewer.display_name if suggestion.reviewer else "",
        suggestion.comment,
        need.pk,
        need.title,
        need.department.code,
        "" if hidden else person.employee_number,
        "" if hidden else person.display_name,
        candidate_alias(run.pk, person.pk) if hidden else "",
        person.department.code if person.department else "",
        person.tier,
        suggestion.fit,
        need.start_date.isoformat(),
        need.end_date.isoformat(),
        secondment.pk if secondment else "",
        secondment.status if secondment else "",
    )


class PoolFilter(filters.FilterSet):
    department = filters.NumberFilter(method="filter_department", label="Department id")
    include_subdepartments = filters.BooleanFilter(
        method="filter_noop", label="With department: include the departments below it"
    )
    skill = filters.CharFilter(method="filter_skill", label="A skill held, by any of its names")
    tier = filters.ChoiceFilter(field_name="user__tier", choices=Tier.choices)
    available_on = filters.DateFilter(method="filter_available_on", label="Available on this day")
    standing = filters.ChoiceFilter(choices=POOL_STANDINGS)

    def filter_department(
        self, pool: QuerySet[SecondmentAvailability], name: str, value: int
    ) -> QuerySet[SecondmentAvailability]:
        if self.form.cleaned_data.get("include_subdepartments"):
            return pool.filter(user__department__in=subtree_ids(int(value)))
        return pool.filter(user__department=value)

    def filter_skill(
        self, pool: QuerySet[SecondmentAvailability], name: str, value: str
    ) -> QuerySet[SecondmentAvailability]:
        return pool.filter(user__staff_skills__skill__in=skills_matching(value)).distinct()

    def filter_available_on(
        self, pool: QuerySet[SecondmentAvailability], name: str, value: date
    ) -> QuerySet[SecondmentAvailability]:
        return pool.filter(
            Q(available_to__isnull=True) | Q(available_to__gte=value), available_from__lte=value
        )

    def filter_noop(
        self, pool: QuerySet[SecondmentAvailability], name: str, value: Any
    ) -> QuerySet[SecondmentAvailability]:
        return pool  # read by the filter it qualifies


class PoolView(generics.ListAPIView[SecondmentAvailability]):
    """Who opted in to be seconded (HR and administrators): window, share of time, preferred
    departments, skills, and whether a run considers them today."""

    permission_classes = [IsReviewer]
    serializer_class = PoolEntrySerializer
    filterset_class = PoolFilter

    def get_queryset(self) -> QuerySet[SecondmentAvailability]:
        return secondment_pool(timezone.localdate())


class RunWhatIfView(APIView):
    """The run's scope and policy proposed again on today's data with a few changes, beside
    the same without them: who is added, removed or moved, and the change in total fit.
    Nothing is stored."""

    permission_classes = [IsReviewer]

    @extend_schema(request=WhatIfInputSerializer, responses=WhatIfSerializer)
    def post(self, request: Request, run_id: int) -> Response:
        run = get_object_or_404(runs_visible_to(request.user), pk=run_id)
        if run.status != MatchRunStatus.DONE:
            raise field_error("run", _("Only a finished run can be asked what if."), "not_done")
        payload = WhatIfInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        changes = Changes(
            release_caps={c["department"]: c["release_cap"] for c in data["release_caps"]},
            headcounts={c["need"]: c["headcount"] for c in data["headcounts"]},
            policy=data["policy"],
            pins=[(pair["person"], pair["need"]) for pair in data["pins"]],
            forbidden=[(pair["person"], pair["need"]) for pair in data["forbidden"]],
        )
        return Response(what_if_data(run, what_if(run, changes, timezone.localdate())))


class RunFlowView(APIView):
    """Who lends to whom in a run: its suggestions still standing (proposed, accepted or held)
    from each person's department to the need's, and each department's balance, per tier."""

    permission_classes = [IsReviewer]

    @extend_schema(responses=RunFlowSerializer)
    def get(self, request: Request, run_id: int) -> Response:
        run = get_object_or_404(runs_visible_to(request.user), pk=run_id)
        return Response(RunFlowSerializer(run_flow(run)).data)


class SecondmentFlowView(APIView):
    """Who lends to whom now: the secondments approved or active, each department's balance
    per tier, and how long each department takes to approve its side."""

    permission_classes = [IsReviewer]

    @extend_schema(responses=SecondmentFlowSerializer)
    def get(self, request: Request) -> Response:
        found = {"flow": secondment_flow(), "approval_times": approval_times(timezone.now())}
        return Response(SecondmentFlowSerializer(found).data)


class SuggestionDecisionView(APIView):
    """Accept, reject or hold one suggestion. Accepting plans the secondment and withdraws the
    person's other undecided suggestions."""

    permission_classes = [IsReviewer]

    @extend_schema(request=DecisionSerializer, responses=SuggestionSerializer)
    def post(self, request: Request, suggestion_id: int) -> Response:
        suggestion = get_object_or_404(Suggestion.objects.select_related("run"), pk=suggestion_id)
        payload = DecisionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.decide_suggestions(
            acting_user(request), suggestions=[suggestion], **payload.validated_data
        )
        return Response(_decided(request, suggestion.run, [suggestion])[0])


class SuggestionRevealView(APIView):
    """Who a suggestion of a blind run proposes, before its decision; audited with the reason."""

    permission_classes = [IsReviewer]

    @extend_schema(request=RevealSerializer, responses=CandidateSerializer)
    def post(self, request: Request, suggestion_id: int) -> Response:
        suggestion = get_object_or_404(
            Suggestion.objects.select_related("run", "person__department"), pk=suggestion_id
        )
        payload = RevealSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        person = services.reveal_candidate(
            acting_user(request), suggestion=suggestion, reason=payload.validated_data["reason"]
        )
        explained = Explained(suggestion.run, referenced_by())
        return Response(explained.candidate(person.pk, person, hidden=False))


class SecondmentFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=SecondmentStatus.choices)
    department = filters.NumberFilter(
        method="filter_department", label="Lending or receiving department"
    )
    person = filters.NumberFilter(field_name="person")

    class Meta:
        model = Secondment
        fields = ["status"]

    def filter_department(
        self, secondments: QuerySet[Secondment], name: str, value: int
    ) -> QuerySet[Secondment]:
        return secondments.filter(Q(lending_department=value) | Q(receiving_department=value))


class SecondmentViewSet(viewsets.ReadOnlyModelViewSet[Secondment]):
    """Secondments: reviewers see all; department heads those of their departments; staff
    their own."""

    permission_classes = [IsMember]
    serializer_class = SecondmentSerializer
    filterset_class = SecondmentFilter

    def get_queryset(self) -> QuerySet[Secondment]:
        return secondments_visible_to(self.request.user)

    def get_serializer_context(self) -> dict[str, Any]:
        # Reviewers approve the sides of departments without a head.
        headless = lifecycle.headless_departments() if may_review(self.request.user) else set()
        return {**super().get_serializer_context(), "headless_departments": headless}

    def _respond(self, secondment: Secondment) -> Response:
        fresh = self.get_queryset().get(pk=secondment.pk)
        return Response(SecondmentSerializer(fresh, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses=SecondmentSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request: Request, pk: str) -> Response:
        """The person agrees to their planned secondment."""
        return self._respond(lifecycle.confirm(acting_user(request), secondment=self.get_object()))

    @extend_schema(request=EndReasonSerializer, responses=SecondmentSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request: Request, pk: str) -> Response:
        """The person turns down their planned secondment (a reason is optional)."""
        payload = EndReasonSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        secondment = lifecycle.decline(
            acting_user(request), secondment=self.get_object(), **payload.validated_data
        )
        return self._respond(secondment)

    @extend_schema(request=ApprovalSerializer, responses=SecondmentSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str) -> Response:
        """A head of the lending or the receiving department approves their side."""
        payload = ApprovalSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        secondment = lifecycle.approve(
            acting_user(request), secondment=self.get_object(), **payload.validated_data
        )
        return self._respond(secondment)

    @extend_schema(request=CancelSerializer, responses=SecondmentSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str) -> Response:
        """HR, administrators or a head of either department end it early, with a reason."""
        payload = CancelSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        secondment = lifecycle.cancel(
            acting_user(request), secondment=self.get_object(), **payload.validated_data
        )
        return self._respond(secondment)

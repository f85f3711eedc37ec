import uuid
from typing import Any

from django.conf import settings
from django.contrib.auth import login, logout
from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import ensure_csrf_cookie
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.accounts import password_links, services
from apps.accounts.api.serializers import (
    CredentialsSerializer,
    CsrfSerializer,
    EndedSessionsSerializer,
    LoginSerializer,
    MeSerializer,
    MeUpdateSerializer,
    NewPasswordSerializer,
    PasswordChangeSerializer,
    PasswordLinkHolderSerializer,
    PasswordLinkSerializer,
    PasswordResetRequestedSerializer,
    PasswordResetRequestSerializer,
    PersonSerializer,
    RevealSerializer,
    RoleGrantSerializer,
    SensitiveFieldsSerializer,
    SignedInSessionSerializer,
    TokenSerializer,
    TokenStatusSerializer,
)
from apps.accounts.api.users import acting_user
from apps.accounts.models import BrowserSession, RoleGrant, Tier, User
from apps.accounts.permissions import may_export_people, may_read_sensitive
from apps.accounts.selectors import (
    people_visible_to,
    role_grants_visible_to,
    search_people,
    sessions_of,
)
from apps.audit.services import record_export
from apps.core.api.downloads import CsvExportView, bilingual, csv_response
from apps.core.api.filters import refuse_unknown_parameters
from apps.core.api.site import site_address
from apps.core.permissions import IsAdministrator, IsMember, IsSignedIn
from apps.core.roles import Role
from apps.organisation.selectors import subtree_ids
from apps.skills.selectors import holds_skill, staff_skills_with_skill

# Answers that carry a phone or identity number unmasked are kept by no cache, nor by the browser.
NOT_STORED = {"Cache-Control": "no-store"}
THROTTLED = OpenApiResponse(
    description="Too many failed sign-ins; Retry-After says when to try again."
)


class CsrfView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=CsrfSerializer, summary="Set the CSRF cookie and return its token")
    @method_decorator(ensure_csrf_cookie)
    def get(self, request: Request) -> Response:
        return Response({"csrf_token": get_token(request)})


class SignedOutFormView(APIView):
    """A form of the signed-out pages: open to anyone, yet CSRF-protected. DRF checks CSRF for
    signed-in sessions only; a sign-in form needs it too, or another site could sign a browser
    in to an account of its choosing."""

    permission_classes = [AllowAny]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        SessionAuthentication().enforce_csrf(request)


class LoginView(SignedOutFormView):
    """Open a browser session."""

    @extend_schema(request=LoginSerializer, responses={200: MeSerializer, 429: THROTTLED})
    def post(self, request: Request) -> Response:
        """Sign in. With ``language``, the language the sign-in page was in becomes the
        profile's: the person goes on in the language they signed in with."""
        payload = LoginSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        language = payload.validated_data.pop("language", None)
        user = services.log_in(**payload.validated_data)
        login(request, user)
        if language is not None:
            user = services.update_profile(user=user, language=language)
        return Response(MeSerializer(user, context={"request": request}).data)


class PasswordResetView(SignedOutFormView):
    @extend_schema(
        request=PasswordResetRequestSerializer,
        responses={202: PasswordResetRequestedSerializer, 429: THROTTLED},
        summary="Forgot my password: email me a set-password link",
    )
    def post(self, request: Request) -> Response:
        """The account named by username or email, if it is active and has an email, is sent
        a link to choose a new password. The answer is the same whether or not it exists."""
        asked = PasswordResetRequestSerializer(data=request.data)
        asked.is_valid(raise_exception=True)
        services.request_password_reset(
            login=asked.validated_data["login"], site_url=site_address(request)
        )
        detail = _(
            "If an account with an email matches, a link to choose a new password is on its "
            "way. It works once, for %(hours)d hours."
        ) % {"hours": settings.PASSWORD_RESET_TIMEOUT // 3600}
        return Response({"detail": detail}, status=status.HTTP_202_ACCEPTED)


class PasswordLinkView(SignedOutFormView):
    """A set-password link, from an administrator, an import or "forgot password"."""

    def holder(self, uid: str, token: str) -> User:
        user = password_links.holder_of(uid, token)
        if user is None:
            raise NotFound(
                _("This link has expired or was already used. Ask for a new one."),
                code="link_invalid",
            )
        return user

    @extend_schema(
        responses={200: PasswordLinkHolderSerializer},
        summary="Whose account a set-password link opens, while it works",
    )
    def get(self, request: Request, uid: str, token: str) -> Response:
        refuse_unknown_parameters(request, ())
        return Response(PasswordLinkHolderSerializer(self.holder(uid, token)).data)

    @extend_schema(
        request=NewPasswordSerializer,
        responses={204: None},
        summary="Choose the password of the account a link opens",
    )
    def post(self, request: Request, uid: str, token: str) -> Response:
        """The link then no longer works, and every session and API token of the account
        ends: the person signs in with the new password."""
        user = self.holder(uid, token)
        chosen = NewPasswordSerializer(data=request.data)
        chosen.is_valid(raise_exception=True)
        services.set_password_by_link(user=user, new_password=chosen.validated_data["new_password"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class LogoutView(APIView):
    permission_classes = [IsSignedIn]

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        services.log_out(user=acting_user(request), session_key=request.session.session_key)
        logout(request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TokenView(APIView):
    """Tokens for API clients: ``Authorization: Token <key>``."""

    def get_permissions(self) -> list[Any]:
        return [AllowAny()] if self.request.method == "POST" else [IsSignedIn()]

    @extend_schema(request=CredentialsSerializer, responses={200: TokenSerializer, 429: THROTTLED})
    def post(self, request: Request) -> Response:
        credentials = CredentialsSerializer(data=request.data)
        credentials.is_valid(raise_exception=True)
        token = services.issue_token(**credentials.validated_data)
        return Response({"token": token.key})

    @extend_schema(
        responses={200: TokenStatusSerializer, 204: OpenApiResponse(description="No token.")},
        summary="When the caller's token was issued and expires",
    )
    def get(self, request: Request) -> Response:
        token = Token.objects.filter(user=acting_user(request)).first()
        if token is None:  # the usual case, not an error
            return Response(status=status.HTTP_204_NO_CONTENT)
        return Response(
            {"created_at": token.created, "expires_at": services.token_expires_at(token)}
        )

    @extend_schema(responses={204: None}, summary="Revoke the caller's token")
    def delete(self, request: Request) -> Response:
        services.revoke_token(user=acting_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class PasswordView(APIView):
    """The person changes their own password; their other sessions end and their API token is
    revoked, this session goes on."""

    permission_classes = [IsSignedIn]

    @extend_schema(request=PasswordChangeSerializer, responses={204: None, 429: THROTTLED})
    def post(self, request: Request) -> Response:
        change = PasswordChangeSerializer(data=request.data)
        change.is_valid(raise_exception=True)
        services.change_password(
            user=acting_user(request),
            keep_session=request.session,
            **change.validated_data,
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class MySessionsView(APIView):
    """Where the person is signed in: their browser sessions, the one asking marked."""

    permission_classes = [IsSignedIn]

    @extend_schema(responses=SignedInSessionSerializer(many=True))
    def get(self, request: Request) -> Response:
        refuse_unknown_parameters(request, ())
        listed = sessions_of(acting_user(request))
        return Response(
            SignedInSessionSerializer(listed, many=True, context={"request": request}).data
        )


class MySessionView(APIView):
    permission_classes = [IsSignedIn]

    @extend_schema(
        responses={204: None},
        summary="End one of my sessions (this one too: that signs out)",
    )
    def delete(self, request: Request, session_id: uuid.UUID) -> Response:
        me = acting_user(request)
        session = BrowserSession.objects.filter(user=me, public_id=session_id).first()
        if session is None:
            raise NotFound(_("You have no such session."))
        services.end_session(user=me, session=session)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MyOtherSessionsView(APIView):
    permission_classes = [IsSignedIn]

    @extend_schema(
        request=None,
        responses=EndedSessionsSerializer,
        summary="Sign out everywhere but here",
    )
    def post(self, request: Request) -> Response:
        ended = services.end_other_sessions(
            user=acting_user(request), keep_session=request.session.session_key
        )
        return Response({"ended": ended})


class MeView(APIView):
    permission_classes = [IsSignedIn]

    @extend_schema(responses=MeSerializer)
    def get(self, request: Request) -> Response:
        me = MeSerializer(acting_user(request), context={"request": request}).data
        return Response(me, headers=NOT_STORED)

    @extend_schema(request=MeUpdateSerializer, responses=MeSerializer)
    def patch(self, request: Request) -> Response:
        changes = MeUpdateSerializer(data=request.data, partial=True)
        changes.is_valid(raise_exception=True)
        user = services.update_profile(user=acting_user(request), **changes.validated_data)
        return Response(MeSerializer(user, context={"request": request}).data, headers=NOT_STORED)


class PersonFilter(filters.FilterSet):
    q = filters.CharFilter(method="filter_text", label="Name, username or employee number")
    department = filters.NumberFilter(method="filter_department", label="Department id")
    include_subdepartments = filters.BooleanFilter(
        method="filter_noop", label="With department: include the departments below it"
    )
    tier = filters.ChoiceFilter(choices=Tier.choices)
    skill = filters.CharFilter(
        method="filter_skill", label="Skill code, Chinese or English name, or a synonym"
    )
    skill_level = filters.NumberFilter(
        method="filter_noop", label="With skill: the lowest level (1–5)", min_value=1, max_value=5
    )
    role = filters.ChoiceFilter(choices=Role.choices, field_name="role_grants__role")

    class Meta:
        model = User
        fields = ["tier"]

    def filter_text(self, people: QuerySet[User], name: str, value: str) -> QuerySet[User]:
        return search_people(people, value)

    def filter_department(self, people: QuerySet[User], name: str, value: int) -> QuerySet[User]:
        if self.form.cleaned_data.get("include_subdepartments"):
            return people.filter(department__in=subtree_ids(int(value)))
        return people.filter(department=value)

    def filter_skill(self, people: QuerySet[User], name: str, value: str) -> QuerySet[User]:
        min_level = self.form.cleaned_data.get("skill_level") or 1
        return people.filter(holds_skill(value, min_level=int(min_level)))

    def filter_noop(self, people: QuerySet[User], name: str, value: Any) -> QuerySet[User]:
        return people  # read by the filter it qualifies


class PersonViewSet(viewsets.ReadOnlyModelViewSet[User]):
    """The people directory."""

    permission_classes = [IsMember]
    serializer_class = PersonSerializer
    filterset_class = PersonFilter

    def get_queryset(self) -> QuerySet[User]:
        return (
            people_visible_to(self.request.user)
            .prefetch_related(Prefetch("staff_skills", queryset=staff_skills_with_skill()))
            .order_by("employee_number")
        )

    def get_permissions(self) -> list[Any]:
        if self.action in {"deactivate", "reactivate", "password_link"}:
            return [IsAdministrator()]
        return [IsMember()]

    @extend_schema(request=None, responses=PersonSerializer)
    @action(detail=True, methods=["post"])
    def deactivate(self, request: Request, pk: str) -> Response:
        """Close an account (administrators): the person can no longer sign in, their API token
        is revoked and their open sockets close. The last administrator stays."""
        person = services.deactivate_user(actor=acting_user(request), user=self.get_object())
        return Response(self.get_serializer(person).data)

    @extend_schema(request=None, responses=PersonSerializer)
    @action(detail=True, methods=["post"])
    def reactivate(self, request: Request, pk: str) -> Response:
        """Open a closed account again (administrators)."""
        person = services.reactivate_user(actor=acting_user(request), user=self.get_object())
        return Response(self.get_serializer(person).data)

    @extend_schema(request=None, responses={201: PasswordLinkSerializer})
    @action(detail=True, methods=["post"], url_path="password-link")
    def password_link(self, request: Request, pk: str) -> Response:
        """A one-time, expiring link for the person to choose a password (administrators): to
        hand over, and emailed too when the person has an email. Audited."""
        link, emailed = services.issue_password_link(
            actor=acting_user(request), user=self.get_object(), site_url=site_address(request)
        )
        return Response(
            {"url": link.url, "expires_at": link.expires_at, "emailed": emailed},
            status=status.HTTP_201_CREATED,
            headers=NOT_STORED,
        )

    @extend_schema(request=RevealSerializer, responses=SensitiveFieldsSerializer)
    @action(detail=True, methods=["post"])
    def reveal(self, request: Request, pk: str) -> Response:
        """The unmasked phone and national ID, for the person, HR and administrators, who say
        why; audited with the reason. Never kept by a cache."""
        person = self.get_object()
        if not may_read_sensitive(request.user, person):
            self.permission_denied(
                request, message=_("Only the person, HR and administrators may see these.")
            )
        asked = RevealSerializer(data=request.data)
        asked.is_valid(raise_exception=True)
        values = services.reveal_sensitive_fields(
            actor=acting_user(request), person=person, reason=asked.validated_data["reason"]
        )
        return Response(values, headers=NOT_STORED)


class MayExportPeople(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return may_export_people(request.user)


class PeopleExportView(CsvExportView[User]):
    """The people the directory's filters select, as CSV in the reader's language (UTF-8 with
    a byte-order mark), for HR and administrators; audited. Phones and ID numbers stay out."""

    permission_classes = [MayExportPeople]
    filterset_class = PersonFilter

    def get_queryset(self) -> QuerySet[User]:
        return (
            people_visible_to(self.request.user)
            .select_related("department")
            .prefetch_related(Prefetch("staff_skills", queryset=staff_skills_with_skill()))
            .order_by("employee_number")
        )

    @extend_schema(filters=True, responses={(200, "text/csv"): OpenApiTypes.STR})
    def get(self, request: Request) -> HttpResponse:
        people = self.exported_rows()
        record_export(acting_user(request), "people.exported", len(people), request.query_params)
        return csv_response(
            "talentbridge-people.csv",
            [
                _("Employee number"),
                _("Name"),
                _("Username"),
                _("Department code"),
                _("Department"),
                _("Position"),
                _("Tier"),
                _("Email"),
                _("Roles"),
                _("Skills"),
                _("Active"),
            ],
            (
                (
                    person.employee_number,
                    person.display_name,
                    person.get_username(),
                    person.department.code if person.department else "",
                    bilingual(person.department.name_zh, person.department.name_en)
                    if person.department
                    else "",
                    person.position,
                    person.get_tier_display(),
                    person.email,
                    ", ".join(str(Role(role).label) for role in sorted(person.roles)),
                    "; ".join(
                        f"{bilingual(held.skill.name_zh, held.skill.name_en)} {held.level}"
                        for held in person.staff_skills.all()
                    ),
                    _("yes") if person.is_active else _("no"),
                )
                for person in people
            ),
        )


class RoleGrantFilter(filters.FilterSet):
    class Meta:
        model = RoleGrant
        fields = ["user", "role"]


class RoleGrantViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet[RoleGrant],
):
    """Roles, granted and revoked by administrators only; each grant is audited."""

    permission_classes = [IsAdministrator]
    serializer_class = RoleGrantSerializer
    filterset_class = RoleGrantFilter

    def get_queryset(self) -> QuerySet[RoleGrant]:
        return role_grants_visible_to(self.request.user)

    def perform_create(self, serializer: RoleGrantSerializer) -> None:  # type: ignore[override]
        serializer.instance = services.grant_role(
            actor=acting_user(self.request),
            user=serializer.validated_data["user"],
            role=serializer.validated_data["role"],
        )

    def perform_destroy(self, instance: RoleGrant) -> None:
        services.revoke_role(
            actor=acting_user(self.request),
            grant=instance,
        )

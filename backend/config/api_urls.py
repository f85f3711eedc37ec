"""The routes of API v1, under /api/v1/."""

from django.urls import include, path, register_converter
from rest_framework.routers import SimpleRouter

from apps.accounts.api.views import (
    CsrfView,
    LoginView,
    LogoutView,
    MeView,
    MyOtherSessionsView,
    MySessionsView,
    MySessionView,
    PasswordLinkView,
    PasswordResetView,
    PasswordView,
    PeopleExportView,
    PersonViewSet,
    RoleGrantViewSet,
    TokenView,
)
from apps.audit.api.views import AuditEventExportView, AuditEventViewSet
from apps.chat.api.views import (
    MessageRevisionsView,
    MessageSearchView,
    MessagesView,
    MessageView,
    ReadMarkerView,
    RoomDetailView,
    RoomMembersView,
    TopicsView,
)
from apps.core.api.converters import IdConverter
from apps.events.api.views import (
    MeetingRoomViewSet,
    MyCalendarView,
    MyRegistrationsView,
    PersonalCalendarView,
    SessionViewSet,
    WeekAttendanceExportView,
    WeekAttendanceView,
    WeekCalendarView,
    WeekCompletionView,
    WeekRoomsView,
    WeekScheduleView,
    WeekSessionsView,
    WeekTimetableView,
    WeekVersionsView,
    WeekViewSet,
)
from apps.groups.api.views import GroupMembersExportView, GroupViewSet
from apps.imports.api.views import ImportView
from apps.notifications.api.views import NotificationViewSet
from apps.organisation.api.views import DepartmentViewSet
from apps.secondments.api.views import (
    MatchRunViewSet,
    MyAvailabilityView,
    MyFittingNeedsView,
    NeedExportView,
    NeedViewSet,
    PoolView,
    RunDecisionsExportView,
    RunDecisionsView,
    RunFlowView,
    RunSuggestionsView,
    RunUnfilledView,
    RunWhatIfView,
    SecondmentFlowView,
    SecondmentViewSet,
    SuggestionDecisionView,
    SuggestionRevealView,
)
from apps.skills.api.views import (
    MySkillViewSet,
    SkillCategoryViewSet,
    SkillHistoryView,
    SkillViewSet,
    VerifySkillView,
)

register_converter(IdConverter, "id")

router = SimpleRouter()
router.register("departments", DepartmentViewSet, basename="department")
router.register("people", PersonViewSet, basename="person")
router.register("role-grants", RoleGrantViewSet, basename="role-grant")
router.register("skills", SkillViewSet, basename="skill")
router.register("skill-categories", SkillCategoryViewSet, basename="skill-category")
router.register("me/skills", MySkillViewSet, basename="my-skill")
router.register("needs", NeedViewSet, basename="need")
router.register("match-runs", MatchRunViewSet, basename="match-run")
router.register("secondments", SecondmentViewSet, basename="secondment")
router.register("audit-events", AuditEventViewSet, basename="audit-event")
router.register("groups", GroupViewSet, basename="group")
router.register("notifications", NotificationViewSet, basename="notification")
router.register("exchange-weeks", WeekViewSet, basename="exchange-week")
router.register("meeting-rooms", MeetingRoomViewSet, basename="meeting-room")
router.register("sessions", SessionViewSet, basename="session")

urlpatterns = [
    path("auth/csrf/", CsrfView.as_view(), name="auth-csrf"),
    path("auth/login/", LoginView.as_view(), name="auth-login"),
    path("auth/logout/", LogoutView.as_view(), name="auth-logout"),
    path("auth/password-reset/", PasswordResetView.as_view(), name="auth-password-reset"),
    path(
        "auth/password-links/<str:uid>/<str:token>/",
        PasswordLinkView.as_view(),
        name="auth-password-link",
    ),
    path("auth/token/", TokenView.as_view(), name="auth-token"),
    path("me/", MeView.as_view(), name="me"),
    path("me/password/", PasswordView.as_view(), name="my-password"),
    path("me/sessions/", MySessionsView.as_view(), name="my-sessions"),
    path("me/sessions/others/", MyOtherSessionsView.as_view(), name="my-other-sessions"),
    path("me/sessions/<uuid:session_id>/", MySessionView.as_view(), name="my-session"),
    path("me/availability/", MyAvailabilityView.as_view(), name="my-availability"),
    path("me/fitting-needs/", MyFittingNeedsView.as_view(), name="my-fitting-needs"),
    path("me/registrations/", MyRegistrationsView.as_view(), name="my-registrations"),
    path(
        "exchange-weeks/<id:week_id>/sessions/",
        WeekSessionsView.as_view(),
        name="exchange-week-sessions",
    ),
    path("exchange-weeks/<id:week_id>/rooms/", WeekRoomsView.as_view(), name="exchange-week-rooms"),
    path("me/calendar/", MyCalendarView.as_view(), name="my-calendar"),
    path("calendars/<str:token>.ics", PersonalCalendarView.as_view(), name="personal-calendar"),
    path(
        "exchange-weeks/<id:week_id>/calendar.ics",
        WeekCalendarView.as_view(),
        name="exchange-week-calendar",
    ),
    path(
        "exchange-weeks/<id:week_id>/timetable/",
        WeekTimetableView.as_view(),
        name="exchange-week-timetable",
    ),
    path(
        "exchange-weeks/<id:week_id>/schedule/",
        WeekScheduleView.as_view(),
        name="exchange-week-schedule",
    ),
    path(
        "exchange-weeks/<id:week_id>/versions/",
        WeekVersionsView.as_view(),
        name="exchange-week-versions",
    ),
    path(
        "exchange-weeks/<id:week_id>/completion/",
        WeekCompletionView.as_view(),
        name="exchange-week-completion",
    ),
    path(
        "exchange-weeks/<id:week_id>/attendance/",
        WeekAttendanceView.as_view(),
        name="exchange-week-attendance",
    ),
    path(
        "exchange-weeks/<id:week_id>/attendance.csv",
        WeekAttendanceExportView.as_view(),
        name="exchange-week-attendance-export",
    ),
    path(
        "people/<id:person_id>/skill-history/",
        SkillHistoryView.as_view(),
        name="person-skill-history",
    ),
    path(
        "people/<id:person_id>/skills/<id:skill_id>/verify/",
        VerifySkillView.as_view(),
        name="verify-skill",
    ),
    path(
        "imports/departments/",
        ImportView.as_view(kind="departments"),
        name="import-departments",
    ),
    path("imports/staff/", ImportView.as_view(kind="staff"), name="import-staff"),
    path(
        "imports/staff-skills/",
        ImportView.as_view(kind="staff-skills"),
        name="import-staff-skills",
    ),
    path("rooms/<id:room_id>/", RoomDetailView.as_view(), name="room"),
    path("rooms/<id:room_id>/members/", RoomMembersView.as_view(), name="room-members"),
    path("rooms/<id:room_id>/messages/", MessagesView.as_view(), name="room-messages"),
    path(
        "rooms/<id:room_id>/messages/search/",
        MessageSearchView.as_view(),
        name="room-message-search",
    ),
    path(
        "rooms/<id:room_id>/messages/<id:message_id>/",
        MessageView.as_view(),
        name="room-message",
    ),
    path(
        "rooms/<id:room_id>/messages/<id:message_id>/revisions/",
        MessageRevisionsView.as_view(),
        name="room-message-revisions",
    ),
    path("rooms/<id:room_id>/topics/", TopicsView.as_view(), name="room-topics"),
    path("rooms/<id:room_id>/read/", ReadMarkerView.as_view(), name="room-read"),
    path(
        "match-runs/<id:run_id>/suggestions/",
        RunSuggestionsView.as_view(),
        name="match-run-suggestions",
    ),
    path("match-runs/<id:run_id>/unfilled/", RunUnfilledView.as_view(), name="match-run-unfilled"),
    path(
        "match-runs/<id:run_id>/decisions/",
        RunDecisionsView.as_view(),
        name="match-run-decisions",
    ),
    path(
        "match-runs/<id:run_id>/decisions.csv",
        RunDecisionsExportView.as_view(),
        name="match-run-decisions-export",
    ),
    path("secondment-pool/", PoolView.as_view(), name="secondment-pool"),
    path("audit-events.csv", AuditEventExportView.as_view(), name="audit-event-export"),
    path("needs.csv", NeedExportView.as_view(), name="need-export"),
    path("people.csv", PeopleExportView.as_view(), name="person-export"),
    path(
        "groups/<id:group_id>/members.csv",
        GroupMembersExportView.as_view(),
        name="group-members-export",
    ),
    path("match-runs/<id:run_id>/what-if/", RunWhatIfView.as_view(), name="match-run-what-if"),
    path("match-runs/<id:run_id>/flow/", RunFlowView.as_view(), name="match-run-flow"),
    # Before the router's secondments/<pk>/, which would take "flow" for an id.
    path("secondments/flow/", SecondmentFlowView.as_view(), name="secondment-flow"),
    path(
        "suggestions/<id:suggestion_id>/decision/",
        SuggestionDecisionView.as_view(),
        name="suggestion-decision",
    ),
    path(
        "suggestions/<id:suggestion_id>/reveal/",
        SuggestionRevealView.as_view(),
        name="suggestion-reveal",
    ),
    path("", include(router.urls)),
]

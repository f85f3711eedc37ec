"""The audit trail in words, in the reader's language: what each action means, what kind of
object it touched, and each change as field, before and after, with people by name.

The trail itself keeps codes (``need.updated``, ``accounts.user``, ``{"user": 601}``), which
never change meaning; this module reads them out for the audit page and its export.
"""

from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.audit.models import AuditEvent
from apps.core.roles import Role

ACTIONS: dict[str, Promise] = {
    "attendance.marked": gettext_lazy("Attendance marked"),
    "auth.login": gettext_lazy("Signed in"),
    "auth.login_failed": gettext_lazy("Sign-in refused"),
    "auth.logout": gettext_lazy("Signed out"),
    "auth.other_sessions_ended": gettext_lazy("Signed out everywhere else"),
    "auth.password_changed": gettext_lazy("Password changed"),
    "auth.password_link_issued": gettext_lazy("Set-password link made"),
    "auth.password_reset_requested": gettext_lazy("New password asked for"),
    "auth.password_set": gettext_lazy("Password set by link"),
    "auth.session_ended": gettext_lazy("Session ended"),
    "auth.token_issued": gettext_lazy("API token issued"),
    "auth.token_revoked": gettext_lazy("API token revoked"),
    "availability.set": gettext_lazy("Secondment availability given"),
    "availability.withdrawn": gettext_lazy("Secondment availability withdrawn"),
    "audit.exported": gettext_lazy("Audit trail exported"),
    "calendar.feed_made": gettext_lazy("Calendar feed made"),
    "calendar.feed_revoked": gettext_lazy("Calendar feed revoked"),
    "demo.seeded": gettext_lazy("Demo city seeded"),
    "department.created": gettext_lazy("Department created"),
    "department.updated": gettext_lazy("Department changed"),
    "floor.removed": gettext_lazy("Critical-skill floor removed"),
    "floor.set": gettext_lazy("Critical-skill floor set"),
    "group.archived": gettext_lazy("Study group archived"),
    "group.created": gettext_lazy("Study group created"),
    "group.members_exported": gettext_lazy("Group members exported"),
    "group.updated": gettext_lazy("Study group changed"),
    "import.departments": gettext_lazy("Departments imported"),
    "import.staff": gettext_lazy("Staff imported"),
    "import.staff-skills": gettext_lazy("Staff skills imported"),
    "match_run.exported": gettext_lazy("Review decisions exported"),
    "match_run.started": gettext_lazy("Match run started"),
    "membership.approved": gettext_lazy("Request to join approved"),
    "membership.invited": gettext_lazy("Invited to a group"),
    "membership.joined": gettext_lazy("Joined a group"),
    "membership.left": gettext_lazy("Left a group"),
    "membership.promoted": gettext_lazy("Moved up from the waiting list"),
    "membership.rejected": gettext_lazy("Request to join declined"),
    "membership.removed": gettext_lazy("Removed from a group"),
    "membership.requested": gettext_lazy("Asked to join a group"),
    "membership.role_changed": gettext_lazy("Group role changed"),
    "membership.waitlisted": gettext_lazy("Put on a group's waiting list"),
    "message.deleted_by_moderator": gettext_lazy("Message removed by a moderator"),
    "need.cancelled": gettext_lazy("Talent need cancelled"),
    "need.closed": gettext_lazy("Talent need closed"),
    "need.created": gettext_lazy("Talent need created"),
    "need.deleted": gettext_lazy("Draft need deleted"),
    "need.draft": gettext_lazy("Talent need back to draft"),
    "need.filled": gettext_lazy("Talent need filled"),
    "need.open": gettext_lazy("Talent need opened"),
    "need.updated": gettext_lazy("Talent need changed"),
    "needs.exported": gettext_lazy("Talent needs exported"),
    "people.exported": gettext_lazy("People directory exported"),
    "person.changed_by_import": gettext_lazy("Person changed by an import"),
    "person.imported": gettext_lazy("Person created by an import"),
    "person.sensitive_replaced": gettext_lazy("Phone or ID number replaced"),
    "person.sensitive_revealed": gettext_lazy("Phone and ID number revealed"),
    "profile.updated": gettext_lazy("Own profile changed"),
    "role.granted": gettext_lazy("Role granted"),
    "role.revoked": gettext_lazy("Role revoked"),
    "secondment.active": gettext_lazy("Secondment started"),
    "secondment.approved": gettext_lazy("Secondment approved"),
    "secondment.cancelled": gettext_lazy("Secondment cancelled"),
    "secondment.completed": gettext_lazy("Secondment completed"),
    "secondment.confirmed": gettext_lazy("Secondment confirmed by the person"),
    "secondment.declined": gettext_lazy("Secondment declined by the person"),
    "secondment.planned": gettext_lazy("Secondment planned"),
    "session.cancelled": gettext_lazy("Session cancelled"),
    "session.created": gettext_lazy("Session created"),
    "session.updated": gettext_lazy("Session changed"),
    "skill.verified": gettext_lazy("Skill verified"),
    "suggestion.accepted": gettext_lazy("Suggestion accepted"),
    "suggestion.held": gettext_lazy("Suggestion held"),
    "suggestion.rejected": gettext_lazy("Suggestion rejected"),
    "suggestion.revealed": gettext_lazy("Blind suggestion's name revealed"),
    "user.changed_in_admin": gettext_lazy("Person changed in the admin site"),
    "user.created_in_admin": gettext_lazy("Person created in the admin site"),
    "user.deactivated": gettext_lazy("Account closed"),
    "user.reactivated": gettext_lazy("Account opened again"),
    "week.attendance_exported": gettext_lazy("Week's attendance exported"),
    "week.created": gettext_lazy("Exchange week created"),
    "week.room_added": gettext_lazy("Room added to a week"),
    "week.room_changed": gettext_lazy("Week's room changed"),
    "week.room_removed": gettext_lazy("Room removed from a week"),
    "week.updated": gettext_lazy("Exchange week changed"),
}

#: Keys of before/after that name a person by id: shown by name.
PERSON_KEYS = frozenset({"user", "person", "author", "granted_by", "leader", "owner"})

FIELDS: dict[str, Promise] = {
    "address": gettext_lazy("Address"),
    "author": gettext_lazy("Author"),
    "blind": gettext_lazy("Blind review"),
    "capacity": gettext_lazy("Places"),
    "clearance": gettext_lazy("Clearance"),
    "comment": gettext_lazy("Comment"),
    "count": gettext_lazy("Count"),
    "created": gettext_lazy("Created"),
    "department": gettext_lazy("Department"),
    "display_name": gettext_lazy("Name"),
    "dry_run": gettext_lazy("Check only"),
    "email": gettext_lazy("Email"),
    "emailed": gettext_lazy("Emailed"),
    "employee_number": gettext_lazy("Employee number"),
    "end_date": gettext_lazy("End date"),
    "fields": gettext_lazy("Fields"),
    "filters": gettext_lazy("Filters"),
    "headcount": gettext_lazy("Headcount"),
    "invited": gettext_lazy("Emailed a link"),
    "kind": gettext_lazy("Kind"),
    "language": gettext_lazy("Language"),
    "level": gettext_lazy("Level"),
    "message": gettext_lazy("Message"),
    "name": gettext_lazy("Name"),
    "national_id": gettext_lazy("ID number"),
    "person": gettext_lazy("Person"),
    "phone": gettext_lazy("Phone"),
    "position": gettext_lazy("Position"),
    "reason": gettext_lazy("Reason"),
    "role": gettext_lazy("Role"),
    "room": gettext_lazy("Room"),
    "rows": gettext_lazy("Rows"),
    "run": gettext_lazy("Match run"),
    "sessions": gettext_lazy("Sessions"),
    "site": gettext_lazy("Way in"),
    "skill": gettext_lazy("Skill"),
    "start_date": gettext_lazy("Start date"),
    "status": gettext_lazy("Status"),
    "suggestions": gettext_lazy("Suggestions"),
    "tier": gettext_lazy("Tier"),
    "title": gettext_lazy("Title"),
    "unchanged": gettext_lazy("Unchanged"),
    "updated": gettext_lazy("Updated"),
    "user": gettext_lazy("Person"),
    "username": gettext_lazy("Username"),
    "week": gettext_lazy("Exchange week"),
}


def action_label(action: str) -> str:
    """The action in words; an action this module does not know keeps its code."""
    return str(ACTIONS.get(action, action))


def object_type_label(object_type: str) -> str:
    """The kind of object (``accounts.user``) in words: its model's name."""
    if not object_type:
        return ""
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return object_type
    return str(model._meta.verbose_name)


def names_of_people(events: Iterable[AuditEvent]) -> dict[int, str]:
    """The display names of everyone the events name as actor or in a change, in one query."""
    ids: set[int] = set()
    for event in events:
        if event.actor_id is not None:
            ids.add(event.actor_id)
        for values in (event.before, event.after):
            if isinstance(values, dict):
                ids.update(
                    value
                    for key, value in values.items()
                    if key in PERSON_KEYS and isinstance(value, int)
                )
    people = get_user_model().objects.filter(pk__in=ids)
    return dict(people.values_list("pk", "display_name"))


#: Keys whose values are codes of one vocabulary, whatever the object.
VOCABULARIES: dict[str, type[models.Choices]] = {"role": Role}


def _choices_of(object_type: str, key: str) -> dict[Any, str]:
    if key in VOCABULARIES:
        return {value: str(label) for value, label in VOCABULARIES[key].choices}
    try:
        field = apps.get_model(object_type)._meta.get_field(key)
    except (LookupError, ValueError, FieldDoesNotExist):
        return {}
    if not isinstance(field, models.Field) or not field.choices:
        return {}
    return {value: str(label) for value, label in field.flatchoices}


def _value(value: Any, key: str, choices: dict[Any, str], names: dict[int, str]) -> str:
    if value is None or value == "":
        return "—"
    if key in PERSON_KEYS and isinstance(value, int):
        return f"{names.get(value, _('unknown person'))} (#{value})"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if key == "fields" and isinstance(value, list):
        return ", ".join(str(FIELDS.get(item, item)) for item in value)
    if isinstance(value, list):
        return ", ".join(_value(item, "", {}, names) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{name}: {_value(item, name, {}, names)}" for name, item in value.items())
    return choices.get(value, str(value))


def changes(event: AuditEvent, names: dict[int, str]) -> list[dict[str, str]]:
    """Each field the event records: its ``key``, the ``field`` in words, and ``before`` and
    ``after`` in words (``""`` where the event has no such side)."""
    before = event.before if isinstance(event.before, dict) else {}
    after = event.after if isinstance(event.after, dict) else {}
    described = []
    for key in [*before, *(key for key in after if key not in before)]:
        choices = _choices_of(event.object_type, key) if event.object_type else {}
        described.append(
            {
                "key": key,
                "field": str(FIELDS.get(key, key.replace("_", " "))),
                "before": _value(before[key], key, choices, names) if key in before else "",
                "after": _value(after[key], key, choices, names) if key in after else "",
            }
        )
    return described


def changes_text(described: list[dict[str, str]]) -> str:
    """The changes on one line, for the export: ``Status: open → closed; Reason: …``."""
    parts = []
    for change in described:
        if change["before"] and change["after"]:
            parts.append(f"{change['field']}: {change['before']} → {change['after']}")
        else:
            parts.append(f"{change['field']}: {change['before'] or change['after']}")
    return "; ".join(parts)

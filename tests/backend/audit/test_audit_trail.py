from datetime import timedelta

import pytest
from django.db import DatabaseError, transaction
from django.utils import timezone

from apps.audit.models import AuditEvent
from apps.audit.services import record_event
from tests.factories import UserFactory


@pytest.fixture
def admin(db):
    return UserFactory.create(roles=["admin"])


def test_an_event_cannot_be_changed_or_deleted(admin) -> None:
    event = record_event(actor=admin, action="role.granted", target=admin)

    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="forged")

    event.refresh_from_db()
    assert event.action == "role.granted"


def test_the_trail_can_be_filtered_by_actor_object_action_and_time(client_for, admin) -> None:
    other = UserFactory.create()
    record_event(actor=admin, action="need.created", target=other)
    record_event(actor=other, action="need.open", target=admin)
    record_event(actor=other, action="role.granted", target=other)
    client = client_for(admin)

    def actions(query: str) -> list[str]:
        response = client.get(f"/api/v1/audit-events/?{query}")
        assert response.status_code == 200, response.json()
        return sorted(event["action"] for event in response.json()["results"])

    assert actions(f"actor={other.pk}") == ["need.open", "role.granted"]
    assert actions(f"object_type=accounts.user&object_id={other.pk}") == [
        "need.created",
        "role.granted",
    ]
    assert actions("action=need.") == ["need.created", "need.open"]
    assert actions("action=need.open") == ["need.open"]
    later = (timezone.now() + timedelta(minutes=1)).isoformat()
    assert actions(f"since={later.replace('+', '%2B')}") == []
    assert len(actions(f"until={later.replace('+', '%2B')}")) == 3


def test_a_bad_time_filter_is_named(client_for, admin) -> None:
    response = client_for(admin).get("/api/v1/audit-events/?since=yesterday")

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "since"


def test_events_keep_who_acted_even_after_the_account_is_gone(admin) -> None:
    person = UserFactory.create(username="leaver", display_name="Lea Ver", employee_number="E1")
    event = record_event(actor=person, action="auth.login", target=person)

    person.delete()
    event.refresh_from_db()

    assert (event.actor_label, event.object_label) == ("leaver", "Lea Ver (E1)")

"""A bounded fuzzer of the socket's frames (hypothesis, a fixed seed): whatever a client sends,
the server answers with frames of the protocol, never closes the socket with 1011 and logs no
traceback.

Each example opens a signed-in socket on a room the person belongs to, sends a run of frames —
each of a real type with plausible or hostile values, or text that is not a frame at all — and
after each one a ``ping``: everything up to the ``pong`` is the server's answer to that frame.
"""

import json
import logging
import string
import uuid
from typing import Any, get_type_hints

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from apps.chat.services import post_message
from tests.backend.sockets import CLIENT_FRAMES, check_server_frame
from tests.factories import UserFactory, group_with

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]

EXAMPLES = 400

# Values of every JSON shape, and the edges that have broken parsers and databases before.
hostile_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([0, -1, 2**31, 2**63, 2**64, -(2**63) - 1, 10**30]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    st.text(alphabet=string.digits + "-:T.Z+", max_size=30),
    st.sampled_from(["", "\x00", "\ud800", "9999-99-99T99:99", "0" * 300, "😀" * 10]),
)
hostile = st.recursive(
    hostile_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
not_frames = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        [
            "[" * 32_000,  # deeper than the parser recurses, under the size cap
            '{"type": "ping"' + "}" * 2,
            "NaN",
            '{"type": "message.send", "room": NaN}',
            '{"type": "message.send", "room": Infinity}',
            '{"type": "message.send", "room": 1e999}',
            json.dumps({"type": "x" * 10_000}),
            "\x00",
        ]
    ),
)


def frames_of(room_id: int) -> st.SearchStrategy[str]:
    """Frames of the protocol's types, each field plausible (this room, small ids, text) or
    hostile, some fields missing and some added."""
    plausible = st.one_of(
        st.just(room_id),
        st.integers(min_value=0, max_value=50),
        st.uuids().map(str),
        st.text(max_size=30),
        st.datetimes().map(lambda moment: moment.isoformat()),
        st.none(),
    )

    def frame(frame_type: str) -> st.SearchStrategy[str]:
        fields = [name for name in get_type_hints(CLIENT_FRAMES[frame_type]) if name != "type"]
        return st.fixed_dictionaries(
            {"type": st.just(frame_type)},
            optional={
                **{name: st.one_of(plausible, hostile) for name in fields},
                "extra": hostile,
            },
        ).map(json.dumps)

    return st.sampled_from(sorted(CLIENT_FRAMES)).flatmap(frame)


@pytest.fixture
def member(db):
    """A person in a room that holds a few messages (ids the fuzzer's small numbers hit)."""
    person = UserFactory.create(username="fuzz", language="en")
    group = group_with(person)
    for n in range(5):
        post_message(
            author=person, room_id=group.room_id, body=f"message {n}", client_id=uuid.uuid4()
        )
    return person, group.room_id


async def answers_to(socket, text: str) -> list[dict[str, Any]]:
    """The frames the server sends in answer to ``text``; fails if it closes the socket."""
    await socket.communicator.send_input({"type": "websocket.receive", "text": text})
    await socket.send({"type": "ping", "ref": "fuzz"})
    answers: list[dict[str, Any]] = []
    while True:
        output = await socket.communicator.receive_output(timeout=10)
        assert output["type"] == "websocket.send", f"closed after {text[:200]!r}: {output}"
        frame = json.loads(output["text"])
        if frame["type"] == "pong":
            return answers
        answers.append(frame)


@seed(20261201)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
async def test_no_frame_closes_the_socket_or_fails_on_the_server(
    open_socket, member, caplog, data
) -> None:
    person, room_id = member
    socket = await open_socket(person)
    sent = data.draw(st.lists(st.one_of(frames_of(room_id), not_frames), min_size=1, max_size=8))
    caplog.clear()

    for text in sent:
        for frame in await answers_to(socket, text):
            check_server_frame(frame)

    tracebacks = [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert tracebacks == [], [r.getMessage() for r in tracebacks]
    await socket.close()


@pytest.mark.parametrize("body", ["a\x00b", "half a pair \ud800", "\udfff"])
async def test_text_that_no_database_stores_is_refused_by_name(open_socket, member, body) -> None:
    person, room_id = member
    socket = await open_socket(person)
    frame = {"type": "message.send", "room": room_id, "body": body, "client_id": str(uuid.uuid4())}

    (answer,) = await answers_to(socket, json.dumps(frame))

    assert (answer["type"], answer["code"]) == ("error", "invalid")
    assert answer["detail"] == "'body' must be text without NUL characters or lone surrogates."

"""The API as schemathesis sees it from outside: every operation of /api/schema/, with inputs
generated from the description (valid and not), anonymously and as each role, against a real
daphne on the demo city. No answer may be a server error, and every answer must match what the
description says of it.

The run is bounded (six examples per operation, generated deterministically), so that it takes
minutes and finds the same thing every time. Boundary values (schemathesis's coverage phase, the
costliest) are sent as the two roles that between them reach every operation's handler, a
department head and an administrator; every role gets the other phases, which check what it may
and may not do. Operations that would end the run's own access —
signing out, revoking its token — are left out; the others, including closing accounts and
revoking roles, are fair game, so the roles run from the least to the most powerful.
"""

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import Daphne, manage, server_environment

EXAMPLES_PER_OPERATION = 6
ROLES = (None, "staff", "organiser", "hr", "depthead", "admin")
BOUNDARY_ROLES = ("depthead", "admin")
PHASES = "examples,fuzzing,stateful"
CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_schema_conformance",
    ]
)
TOKENS_SCRIPT = """
import json
from rest_framework.authtoken.models import Token
from apps.accounts.models import User
print(json.dumps({
    name: Token.objects.get_or_create(user=User.objects.get(username=name))[0].key
    for name in %r
}))
"""


Server = tuple[Daphne, dict[str, str], Path]


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    directory = tmp_path_factory.mktemp("schemathesis")
    env = server_environment(
        directory, "talentbridge_schemathesis", TALENTBRIDGE_DEMO_PASSWORD="a demo password"
    )
    manage(env, "seed_demo", "--staff", "60")
    made = manage(env, "shell", "-c", TOKENS_SCRIPT % ([role for role in ROLES if role],))
    tokens = json.loads(made.strip().splitlines()[-1])
    daphne = Daphne(env, directory / "daphne.log")
    yield daphne, tokens, directory
    daphne.stop()


def schemathesis(server: Server, role: str | None, *options: str) -> str:
    """Run schemathesis on the server's API as ``role``; its output when anything fails. It
    runs in the server's scratch directory, where it keeps its cache of past failures."""
    daphne, tokens, directory = server
    headers = ["-H", f"Authorization: Token {tokens[role]}"] if role else []
    run = subprocess.run(
        [
            str(Path(sys.executable).with_name("schemathesis")),
            "run",
            f"http://127.0.0.1:{daphne.port}/api/schema/",
            "--max-examples",
            str(EXAMPLES_PER_OPERATION),
            "--generation-deterministic",
            "--workers",
            "1",
            "--no-color",
            *options,
            *headers,
        ],
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
        cwd=directory,
    )
    return "" if run.returncode == 0 else (run.stdout + run.stderr)[-8000:]


@pytest.mark.parametrize("role", ROLES, ids=lambda role: role or "anonymous")
def test_no_operation_fails_or_breaks_its_description(demo_server, role: str | None) -> None:
    failures = schemathesis(
        demo_server,
        role,
        "--phases",
        f"coverage,{PHASES}" if role in BOUNDARY_ROLES else PHASES,
        "--checks",
        CHECKS,
        "--exclude-path-regex",
        "/auth/(logout|token)/|/imports/",
    )

    assert failures == ""


@pytest.mark.parametrize("role", ["admin"])
def test_the_imports_never_fail_whatever_they_are_sent(demo_server, role: str) -> None:
    """The CSV imports take multipart bodies, which daphne's HTTP layer reads before the
    application: a malformed one is refused there, with a bare 400 and no body, which is not
    the API's error shape but is no failure either."""
    failures = schemathesis(
        demo_server,
        role,
        "--checks",
        "not_a_server_error,status_code_conformance",
        "--include-path-regex",
        "/imports/",
    )

    assert failures == ""

"""The shipped proxy settings in a real nginx, in front of a real daphne: a client cannot choose
the address that the sign-in limits count and the audit trail records.

The TLS server of ``docker/nginx.conf`` cannot run here as it is (it needs the site's
certificate, and the machine's nginx is older than its ``http2 on``), so its ``location /``
block, with every ``proxy_*`` line, is served over plain HTTP in front of daphne.
"""

import http.client
import json
import re
import shutil
import subprocess
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.servers import Daphne, end, free_port, manage, server_environment, wait_for

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CONFIG = Path(__file__).resolve().parents[2] / "docker" / "nginx.conf"
CLIENT = "127.0.0.5"


def shipped_block(pattern: str) -> str:
    """The first block of the shipped configuration that starts with ``pattern``."""
    text = CONFIG.read_text()
    start = re.search(pattern, text, flags=re.MULTILINE)
    assert start is not None, pattern
    depth, end_at = 0, start.end()
    for index in range(text.index("{", start.start()), len(text)):
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth == 0:
            end_at = index + 1
            break
    return text[start.start() : end_at]


@dataclass(frozen=True)
class Proxy:
    address: tuple[str, int]
    env: dict[str, str]  # daphne's


@pytest.fixture
def nginx(tmp_path: Path) -> Iterator[Proxy]:
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing; `make test` installs it (apt-get install nginx-light).")
    env = server_environment(
        tmp_path, "talentbridge_test_nginx", TALENTBRIDGE_TRUSTED_PROXIES="127.0.0.1"
    )
    manage(
        env,
        "shell",
        "-c",
        "from tests.factories import UserFactory; UserFactory.create(username='lihua')",
    )
    daphne = Daphne(env, tmp_path / "daphne.log")
    port = free_port()
    upgrade_map = shipped_block(r"^map \$http_upgrade")
    location = shipped_block(r"^    location / {\n        proxy_pass")
    (tmp_path / "nginx.conf").write_text(
        f"""
        daemon off;
        pid {tmp_path}/nginx.pid;
        error_log {tmp_path}/nginx-error.log;
        events {{}}
        http {{
            access_log off;
            client_body_temp_path {tmp_path};
            proxy_temp_path {tmp_path};
            {upgrade_map}
            upstream talentbridge {{ server 127.0.0.1:{daphne.port}; }}
            server {{
                listen 127.0.0.1:{port};
                {location}
            }}
        }}
        """
    )
    nginx = subprocess.Popen(
        [NGINX, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        stderr=subprocess.DEVNULL,
    )
    wait_for(lambda: _answers(port), "nginx")
    yield Proxy(("127.0.0.1", port), env)
    end(nginx)
    daphne.stop()


def _answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def token_attempt(proxy: tuple[str, int], forged_address: str) -> int:
    """A wrong password sent to the proxy from the client's own address, 127.0.0.5 (the proxy
    reaches daphne from 127.0.0.1), naming another address in ``X-Forwarded-For``."""
    connection = http.client.HTTPConnection(*proxy, timeout=30, source_address=(CLIENT, 0))
    try:
        connection.request(
            "POST",
            "/api/v1/auth/token/",
            body=json.dumps({"username": "lihua", "password": "a guess"}),
            headers={"Content-Type": "application/json", "X-Forwarded-For": forged_address},
        )
        return connection.getresponse().status
    finally:
        connection.close()


def test_an_address_forged_in_x_forwarded_for_is_not_believed(nginx: Proxy) -> None:
    answers = [token_attempt(nginx.address, f"10.9.8.{n}") for n in range(40)]

    assert answers == [400] * 5 + [429] * 35
    recorded = manage(
        nginx.env,
        "shell",
        "-c",
        "from apps.audit.models import AuditEvent; "
        "print(sorted(set(AuditEvent.objects.values_list('source_address', flat=True))))",
    )
    assert recorded.strip().splitlines()[-1] == f"['{CLIENT}']"

"""The deployment files, checked without a Docker engine (none runs on the build machine)."""

import ipaddress
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

DOCKER_DIR = Path(__file__).resolve().parents[2] / "docker"


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    parsed: dict[str, Any] = yaml.safe_load((DOCKER_DIR / "compose.yaml").read_text())
    return parsed


def test_compose_has_the_database_the_cache_a_migration_the_workers_and_a_proxy(
    compose: dict[str, Any],
) -> None:
    assert set(compose["services"]) == {"db", "redis", "migrate", "web", "worker", "proxy"}
    assert compose["services"]["db"]["image"].startswith("postgres:")
    assert compose["services"]["redis"]["image"].startswith("redis:")


def test_the_migration_runs_once_on_a_healthy_database_before_the_workers(compose) -> None:
    migrate, web = compose["services"]["migrate"], compose["services"]["web"]

    assert migrate["command"] == ["python", "manage.py", "migrate", "--noinput"]
    assert migrate["depends_on"]["db"]["condition"] == "service_healthy"
    assert migrate["restart"] == "no"
    assert web["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert web["depends_on"]["redis"]["condition"] == "service_healthy"


def test_several_workers_share_postgresql_and_redis(compose) -> None:
    web = compose["services"]["web"]

    assert web["deploy"]["replicas"] >= 2
    assert "ports" not in web, "workers are reached through the proxy only"
    assert web["environment"]["DJANGO_ENV"] == "production"
    assert re.fullmatch(
        r"postgres://talentbridge:\$\{.+\}@db:5432/talentbridge", web["environment"]["DATABASE_URL"]
    )
    assert web["environment"]["REDIS_URL"] == "redis://redis:6379/0"
    assert web["env_file"] == ".env"


def test_a_task_runner_worker_runs_beside_the_web_workers_on_their_redis(compose) -> None:
    worker, web = compose["services"]["worker"], compose["services"]["web"]

    assert worker["command"] == ["python", "manage.py", "run_huey", "--quiet"]
    assert worker["image"] == web["image"]
    assert worker["environment"] == web["environment"]
    assert worker["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert worker["depends_on"]["redis"]["condition"] == "service_healthy"
    assert worker["healthcheck"]["test"] == ["CMD", "python", "manage.py", "check_task_runner"]
    assert "deploy" not in worker, "one worker: a second would run each periodic task twice"


def test_the_proxy_passes_websocket_upgrades_to_the_workers(compose) -> None:
    proxy = compose["services"]["proxy"]
    config = (DOCKER_DIR / "nginx.conf").read_text()

    assert "./nginx.conf:/etc/nginx/conf.d/default.conf:ro" in proxy["volumes"]
    assert "server web:8000;" in config
    assert "proxy_set_header Upgrade $http_upgrade;" in config
    assert "proxy_set_header Connection $connection_upgrade;" in config
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in config


def test_the_workers_believe_forwarded_addresses_from_the_proxy_only(compose) -> None:
    proxy, web = compose["services"]["proxy"], compose["services"]["web"]
    config = (DOCKER_DIR / "nginx.conf").read_text()
    subnet = compose["networks"]["default"]["ipam"]["config"][0]["subnet"]

    assert "proxy_set_header X-Forwarded-For $remote_addr;" in config, "replaced, not appended"
    assert "$proxy_add_x_forwarded_for" not in config
    address = proxy["networks"]["default"]["ipv4_address"]
    assert web["environment"]["TALENTBRIDGE_TRUSTED_PROXIES"] == address
    assert ipaddress.ip_address(address) in ipaddress.ip_network(subnet)
    assert "--proxy-headers" not in (DOCKER_DIR / "Dockerfile").read_text()


def test_the_image_builds_the_front_end_then_runs_daphne_as_a_non_root_user() -> None:
    dockerfile = (DOCKER_DIR / "Dockerfile").read_text()
    stages = re.findall(r"^FROM (\S+) AS (\w+)$", dockerfile, flags=re.MULTILINE)

    assert stages == [
        ("node:20-bookworm-slim", "frontend"),
        ("python:3.11-slim-bookworm", "runtime"),
    ]
    assert "COPY --from=frontend" in dockerfile
    assert re.search(r"^USER talentbridge$", dockerfile, flags=re.MULTILINE)
    assert dockerfile.rstrip().splitlines()[-1] == (
        'CMD ["daphne", "--bind", "0.0.0.0", "--port", "8000", "config.asgi:application"]'
    )


def test_the_example_environment_names_every_secret_but_holds_none() -> None:
    example = dict(
        line.split("=", 1)
        for line in (DOCKER_DIR / ".env.example").read_text().splitlines()
        if line and not line.startswith("#")
    )

    for secret in ("POSTGRES_PASSWORD", "DJANGO_SECRET_KEY", "FIELD_ENCRYPTION_KEYS"):
        assert example[secret] == ""

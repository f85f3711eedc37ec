"""Production settings, checked in a fresh process as daphne would load them."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

BACKEND_DIR = Path(__file__).resolve().parents[3] / "backend"
PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "DJANGO_SECRET_KEY": "k" * 20 + "Vq8!zR2#xL9@pW4$mN7%bT1^cY6&hJ3*gF5(dS0)aE",
    "DJANGO_ALLOWED_HOSTS": "talentbridge.city.example",
    "FIELD_ENCRYPTION_KEYS": "ZmDfcTF7_60GrrY167zsiPd67pEvs0aGOv2oasOM1Pg=",
}


def manage(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "FIELD_ENCRYPTION")) and name != "DATABASE_URL"
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BACKEND_DIR,
        env={**inherited, "TALENTBRIDGE_VAR_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_production_settings_pass_the_deployment_check_without_a_warning(tmp_path) -> None:
    result = manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    "missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "FIELD_ENCRYPTION_KEYS"]
)
def test_production_refuses_to_start_without_its_secrets(tmp_path, missing) -> None:
    env = {name: value for name, value in PRODUCTION_ENV.items() if name != missing}

    result = manage(tmp_path, "check", **env)

    assert result.returncode != 0
    assert f"Production needs these environment variables: {missing}." in result.stderr


def test_an_invalid_field_key_fails_the_checks(tmp_path) -> None:
    env = {**PRODUCTION_ENV, "FIELD_ENCRYPTION_KEYS": "not-a-fernet-key"}

    result = manage(tmp_path, "check", "--deploy", **env)

    assert result.returncode != 0
    assert "talentbridge.E001" in result.stderr
    assert "FIELD_ENCRYPTION_KEYS holds an invalid key" in result.stderr


def test_an_unknown_environment_is_refused(tmp_path) -> None:
    result = manage(tmp_path, "check", DJANGO_ENV="staging")

    assert result.returncode != 0
    assert "DJANGO_ENV must be development or production, not 'staging'" in result.stderr


def test_every_environment_variable_the_settings_read_is_documented() -> None:
    settings_source = (BACKEND_DIR / "config" / "settings.py").read_text()
    operations = (BACKEND_DIR.parent / "docs" / "operations.md").read_text()
    read = set(
        re.findall(r"""(?:environ\.get|environ\[|env_\w+)\(?["']([A-Z_]+)["']""", settings_source)
    )
    read |= set(re.findall(r'"(DJANGO_[A-Z_]+|FIELD_ENCRYPTION_KEYS)"', settings_source))

    assert len(read) > 15
    assert {name for name in read if f"`{name}`" not in operations} == set()

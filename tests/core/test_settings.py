import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "p" * 20 + "Zk3-vQ9_xL2mN8bR4tY7wE1uI6oP0aS5dF" + "q" * 10,
    "DJANGO_ALLOWED_HOSTS": "spirala.primarie.ro",
    "EMAIL_URL": "smtp+tls://spirala:parola@smtp.primarie.ro:587",
    "DEFAULT_FROM_EMAIL": "Spirala <spirala@primarie.ro>",
}


def test_production_settings_pass_the_deployment_checks():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_real_secret_key():
    result = run_manage("check", **{**PRODUCTION, "DJANGO_SECRET_KEY": "secret"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_a_bad_email_url_fails_at_start_with_a_clear_message():
    result = run_manage("check", **{**PRODUCTION, "EMAIL_URL": "smtp://"})
    assert result.returncode != 0
    assert "EMAIL_URL" in result.stderr

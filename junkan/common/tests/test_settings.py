"""The settings module as a deployment sees it: start-up checks and `check --deploy`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]


def _run(args: list[str], env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    base = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST"))}
    for key in ("TASKS_BACKEND", "STATIC_MANIFEST", "WHITENOISE_USE_FINDERS", "DATABASE_URL"):
        base.pop(key, None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, "DATA_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


PRODUCTION = {
    "SITE_URL": "https://junkan.example.jp",
    "SECRET_KEY": "x7#Lq9" * 12,
    "TRUST_X_FORWARDED_PROTO": "1",
    "EMAIL_URL": "smtp://mailer:secret@smtp.example.jp:587?tls=1",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def test_check_deploy_refuses_a_per_process_cache(tmp_path):
    without_redis = {key: value for key, value in PRODUCTION.items() if key != "REDIS_URL"}
    result = _run(["check", "--deploy"], without_redis, tmp_path)
    assert result.returncode != 0  # an error, at check's default level
    assert "junkan.E001" in result.stderr + result.stdout


def test_check_deploy_refuses_local_uploads_with_several_app_servers(tmp_path):
    result = _run(["check", "--deploy"], {**PRODUCTION, "APP_SERVERS": "3"}, tmp_path)
    assert result.returncode != 0
    assert "junkan.E002" in result.stderr + result.stdout
    with_bucket = {**PRODUCTION, "APP_SERVERS": "3", "S3_BUCKET": "junkan-uploads"}
    assert _run(["check", "--deploy"], with_bucket, tmp_path).returncode == 0


def test_check_deploy_is_clean_with_production_variables(tmp_path):
    result = _run(["check", "--deploy", "--fail-level", "WARNING"], PRODUCTION, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_warns_without_https(tmp_path):
    result = _run(
        ["check", "--deploy", "--fail-level", "WARNING"], {"SECRET_KEY": PRODUCTION["SECRET_KEY"]}, tmp_path
    )
    assert result.returncode != 0
    assert "security.W" in result.stdout + result.stderr


def test_a_typo_stops_start_up(tmp_path):
    result = _run(["check"], {"DEBUG": "ture"}, tmp_path)
    assert result.returncode != 0
    assert "DEBUG='ture' is not a boolean" in result.stderr


def test_secret_key_is_generated_once_into_the_data_folder(tmp_path):
    assert _run(["check"], {}, tmp_path).returncode == 0
    key = (tmp_path / "secret_key").read_text()
    assert len(key) >= 50
    assert _run(["check"], {}, tmp_path).returncode == 0
    assert (tmp_path / "secret_key").read_text() == key
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_conventions():
    assert settings.TIME_ZONE == "Asia/Tokyo"
    assert settings.LANGUAGE_CODE == "ja"
    assert [code for code, _ in settings.LANGUAGES] == ["ja", "en"]
    assert settings.USE_TZ


def test_default_database_is_a_sqlite_file_in_wal_mode(tmp_path):
    code = (
        "from django.db import connection; c = connection.cursor(); c.execute('PRAGMA journal_mode'); "
        "print(connection.settings_dict['NAME'], c.fetchone()[0])"
    )
    result = _run(["shell", "-c", code], {}, tmp_path)
    assert result.returncode == 0, result.stderr
    name, mode = result.stdout.strip().splitlines()[-1].split()
    assert name == str(tmp_path / "junkan.sqlite3")
    assert mode == "wal"

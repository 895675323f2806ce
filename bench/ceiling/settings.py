"""Settings of the ceiling: what ``django-admin startproject`` gives, minus what the pages do not use."""

from __future__ import annotations

import os
from pathlib import Path

RESULTS = Path(__file__).resolve().parent.parent / "results"

SECRET_KEY = "ceiling-bench-only-not-a-secret-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = ["ceiling"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "ceiling.urls"
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}]
WSGI_APPLICATION = "ceiling.wsgi.application"
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("CEILING_DATABASE", str(RESULTS / "ceiling.sqlite3")),
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
TIME_ZONE = "Asia/Tokyo"
LANGUAGE_CODE = "ja"

"""A strict Content-Security-Policy, enforced, and Permissions-Policy on every page; no template needs more.

The policy allows only our own scripts and styles, so no template may hold an inline <script>, a <style>
element, a style="" attribute, an on…= event handler or a javascript: URL (the browser tests then prove that
no page breaks under it). Downloads keep their own "sandbox" policy.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(p for p in ROOT.rglob("templates/**/*.html") if ".venv" not in p.parts)

INLINE = {
    "inline <script>": re.compile(
        r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I
    ),
    "<style> element": re.compile(r"<style\b", re.I),
    "style attribute": re.compile(r"\sstyle\s*=", re.I),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
    "htmx inline code": re.compile(r"\shx-on[:\-]|\"js:|'js:", re.I),
}


def test_there_are_templates_to_check():
    assert len(TEMPLATES) > 100


@pytest.mark.parametrize("kind", INLINE.keys())
def test_no_template_needs_inline_code_or_style(kind):
    pattern = INLINE[kind]
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in TEMPLATES
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line)
    ]
    assert found == []


def directives(header: str) -> dict[str, str]:
    return {part.split()[0]: part.strip() for part in header.split(";") if part.strip()}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/accounts/login/",
        "/programs/",
        "/registry/regions/",
        "/search/?q=木質",
        "/api/v1/docs",
        "/no-such-page/",
    ],
)
def test_pages_send_the_policy_enforced(client, url):
    response = client.get(url)
    assert "Content-Security-Policy-Report-Only" not in response
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == "script-src 'self'"
    assert policy["style-src"] == "style-src 'self'"
    assert policy["object-src"] == "object-src 'none'"
    assert policy["base-uri"] == "base-uri 'self'"
    assert policy["frame-ancestors"] == "frame-ancestors 'none'"
    assert policy["form-action"] == "form-action 'self'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert (
        "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    )


@pytest.mark.django_db
def test_htmx_is_configured_for_the_policy(client):
    page = client.get("/").content.decode()
    assert 'name="htmx-config"' in page
    assert '"includeIndicatorStyles": false' in page and '"allowEval": false' in page


@pytest.mark.django_db
def test_a_download_keeps_its_sandbox(client, settings, tmp_path):
    from django.core.files.base import ContentFile

    from junkan.applications.samples import MINIMAL_PDF
    from junkan.programs.models import Program, ProgramAttachment

    settings.MEDIA_ROOT = tmp_path
    program = Program.objects.filter(published=True).first()
    attachment = ProgramAttachment(program=program, title="公募要領")
    attachment.file.save("koubo.pdf", ContentFile(MINIMAL_PDF), save=True)
    response = client.get(f"/programs/{program.slug}/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Security-Policy"].startswith("sandbox")
    for closer in getattr(response, "_resource_closers", []):
        closer()

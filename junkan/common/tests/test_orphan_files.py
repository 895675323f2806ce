"""manage.py remove_orphan_files: unreferenced files older than a day go; referenced and recent ones stay."""

from __future__ import annotations

import io
import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command

from junkan.applications.samples import MINIMAL_PDF


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def age(path, hours: float) -> None:
    then = time.time() - hours * 3600
    os.utime(path, (then, then))


@pytest.mark.django_db
def test_only_old_unreferenced_files_are_removed(media):
    from junkan.programs.models import Program, ProgramAttachment

    storage = storages["default"]
    program = Program.objects.first()
    attachment = ProgramAttachment(program=program, title="要領")
    attachment.file.save("koubo.pdf", ContentFile(MINIMAL_PDF), save=True)
    orphan_old = storage.save("applications/x/orphan-old", ContentFile(b"x"))
    orphan_new = storage.save("grants/y/orphan-new", ContentFile(b"y"))
    age(media / attachment.file.name, 48)
    age(media / orphan_old, 48)
    age(media / orphan_new, 2)

    out = io.StringIO()
    call_command("remove_orphan_files", "--dry-run", stdout=out)
    assert "would remove 1 orphan file(s) of 3" in out.getvalue()
    assert (media / orphan_old).exists()

    call_command("remove_orphan_files", stdout=io.StringIO())
    assert not (media / orphan_old).exists()
    assert (media / orphan_new).exists()  # maybe an upload still in progress
    assert (media / attachment.file.name).exists()

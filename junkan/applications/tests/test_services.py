"""The application's life through the services: drafts, checklist, submission, corrections, decisions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from junkan.applications import checklist, services
from junkan.applications.models import ApplicationStatus, Section, Submission
from junkan.audit.models import AuditEntry


def test_start_prefills_the_letter_and_is_audited(draft, owner):
    letter = Section.objects.get(application=draft, key="letter")
    assert letter.data["organization_name"] == "長野県飯田市"
    assert letter.data["contact_email"] == "owner@example.jp"
    assert AuditEntry.objects.filter(
        action="applications.application.started", object_id=str(draft.pk)
    ).exists()


def test_outsider_cannot_start_for_an_organization(open_call, organization, outsider):
    with pytest.raises(Http404):
        services.start(outsider, open_call, open_call.project_types.get(code="1"), organization, "題")


def test_a_closed_call_cannot_be_started(open_call, organization, owner):
    open_call.closes_at = timezone.now() - timedelta(minutes=1)
    open_call.save()
    with pytest.raises(PermissionDenied):
        services.start(owner, open_call, open_call.project_types.get(code="1"), organization, "題")


def test_a_fresh_draft_lists_what_is_missing(draft):
    items = checklist.items(draft)
    messages = [i.message for i in items]
    assert any("事業の背景" in m for m in messages)
    assert any("見積書又は計算書" in m for m in messages)
    assert any("経費内訳" in m for m in messages)
    assert all(i.section for i in items if i.kind == "missing")


def test_complete_application_has_a_clean_checklist_and_computed_amounts(complete):
    assert checklist.items(complete) == []
    # 9,500,000 total; eligible 6,600,000 + 300,000 + 250,000 + 200,000 = 7,350,000; 定額, 基準額 10,000,000.
    assert complete.total_cost == 9_500_000
    assert complete.requested_amount == 7_350_000


def test_stale_version_is_refused_and_nothing_written(draft, owner, member):
    services.save_section(owner, draft, "background", {"background": "A"}, 0)
    with pytest.raises(services.StaleSection) as caught:
        services.save_section(member, draft, "background", {"background": "B"}, 0)
    assert caught.value.section.version == 1
    assert Section.objects.get(application=draft, key="background").data == {"background": "A"}


def test_member_saves_and_the_change_is_audited(draft, member):
    services.save_section(member, draft, "background", {"background": "地域の現状"}, 0)
    entry = AuditEntry.objects.filter(action="applications.section.saved").latest("id")
    assert entry.changes == {"background": [None, "地域の現状"]}
    assert entry.data == {"section": "background"}


def test_submission_freezes_a_copy_numbers_it_and_mails_the_contact(
    complete, owner, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        result = services.submit(owner, complete, timezone.now())
    complete.refresh_from_db()
    assert result.created
    assert complete.status == ApplicationStatus.SUBMITTED
    assert complete.receipt_number == result.submission.receipt_number
    assert result.submission.snapshot["meta"]["applicant"]["name"] == "長野県飯田市"
    assert result.submission.snapshot["costs"]["requested"] == 7_350_000
    assert [m.to for m in mail.outbox] == [["officer@example.jp"]]
    assert complete.receipt_number in mail.outbox[0].subject


def test_submitting_twice_gives_one_submission(complete, owner):
    first = services.submit(owner, complete, timezone.now())
    second = services.submit(owner, complete, timezone.now())
    assert not second.created
    assert second.submission.pk == first.submission.pk
    assert Submission.objects.filter(application=complete).count() == 1


def test_incomplete_application_is_not_submitted(draft, owner):
    with pytest.raises(services.NotSubmittable) as caught:
        services.submit(owner, draft, timezone.now())
    assert caught.value.items
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT
    assert not Submission.objects.exists()


def test_received_after_the_deadline_is_refused_even_if_started_before(complete, owner):
    deadline = complete.program.closes_at
    with pytest.raises(services.NotSubmittable) as caught:
        services.submit(owner, complete, deadline + timedelta(seconds=1))
    assert "受付期間外" in caught.value.message
    result = services.submit(owner, complete, deadline)
    assert result.created


def test_member_of_co_applicant_sees_but_cannot_edit(complete, owner, other_org):
    co = services.invite_co_applicant(owner, complete, other_org, "需要家としての調査協力")
    assert any("まだ参加を承諾していません" in i.message for i in checklist.items(complete))
    services.respond_co_applicant(other_org.person, co, accept=True)
    assert checklist.items(complete) == []
    with pytest.raises(PermissionDenied):
        services.save_section(other_org.person, complete, "background", {"background": "x"}, 99)


def test_return_then_resubmit_makes_version_two_with_a_diff(submitted, owner, staff):
    services.return_for_correction(
        staff, submitted, "見積書の日付が古いものです。", timezone.localdate() + timedelta(days=7)
    )
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.RETURNED
    section = Section.objects.get(application=submitted, key="background")
    services.save_section(
        owner, submitted, "background", {**section.data, "background": "修正後の背景"}, section.version
    )
    result = services.submit(owner, submitted, timezone.now())
    assert result.submission.version == 2
    assert result.submission.receipt_number == submitted.receipt_number
    from junkan.common.engine.diff import changes

    first = Submission.objects.get(application=submitted, version=1)
    diff = changes(first.snapshot["rows"], result.submission.snapshot["rows"])
    assert [c.label for c in diff] == ["事業の背景"]
    assert diff[0].after == "修正後の背景"


def test_return_needs_a_reason_and_a_future_date(submitted, staff):
    with pytest.raises(ValidationError) as caught:
        services.return_for_correction(staff, submitted, " ", timezone.localdate() - timedelta(days=1))
    assert set(caught.value.message_dict) == {"reason", "reply_due_on"}


def test_only_the_secretariat_accepts(submitted, owner, staff, outsider):
    with pytest.raises(PermissionDenied):
        services.accept(owner, submitted)
    with pytest.raises(Http404):
        services.accept(outsider, submitted)
    services.accept(staff, submitted)
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.ACCEPTED
    assert AuditEntry.objects.filter(action="applications.application.accepted").count() == 1


def _resubmit_after(submitted, owner, staff, change):
    """Return ``submitted`` for correction, let ``change(old_document)`` touch only attachments, resubmit."""
    services.return_for_correction(
        staff, submitted, "見積書の日付が古いものです。", timezone.localdate() + timedelta(days=7)
    )
    submitted.refresh_from_db()
    change(submitted.documents.order_by("pk").first())
    result = services.submit(owner, submitted, timezone.now())
    return Submission.objects.get(application=submitted, version=1), result.submission


def _upload(name: str, note: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from junkan.applications.samples import minimal_pdf

    return SimpleUploadedFile(name, minimal_pdf(note), "application/pdf")


def _content(document) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


def _other_kind(application, kind: str) -> str:
    return next(d.code for d in checklist.spec_of(application).documents if d.code != kind)


@pytest.mark.parametrize("how", ["replaced", "same name", "other kind", "added twice"])
def test_an_attachment_change_is_in_the_diff(submitted, owner, staff, how):
    """Only an attachment changed: the diff lists it (it used to say 「変更はありません」)."""
    from junkan.applications.snapshot import diff_rows
    from junkan.common.engine.diff import changes

    def change(old):
        if how == "added twice":  # the very same file once more: a second row, not a merged one
            services.add_document(owner, submitted, old.kind, _upload(old.original_name, _content(old)))
            return
        services.remove_document(owner, old)
        if how == "replaced":
            services.add_document(owner, submitted, old.kind, _upload("見積書（再発行）.pdf", b"reissued"))
        elif how == "same name":
            services.add_document(owner, submitted, old.kind, _upload(old.original_name, b"reissued"))
        else:  # the same file also filed under another kind
            services.add_document(owner, submitted, old.kind, _upload(old.original_name, b"kept"))
            kind = _other_kind(submitted, old.kind)
            services.add_document(owner, submitted, kind, _upload(old.original_name, _content(old)))

    first, second = _resubmit_after(submitted, owner, staff, change)
    diff = changes(diff_rows(submitted, first.snapshot), diff_rows(submitted, second.snapshot))
    assert diff, "an attachment change must show in the diff"
    assert all(c.label.startswith("添付書類（") for c in diff)
    assert [c.label for c in changes(first.snapshot["rows"], first.snapshot["rows"])] == []


def test_the_submission_page_lists_an_attachment_change(submitted, owner, staff, client_as):
    from django.urls import reverse

    def change(old):
        services.add_document(owner, submitted, old.kind, _upload(old.original_name, _content(old)))

    _resubmit_after(submitted, owner, staff, change)
    page = client_as(owner).get(reverse("applications:submission", args=[submitted.public_id, 2]))
    text = page.content.decode()
    assert "変更はありません" not in text
    assert "添付書類（" in text

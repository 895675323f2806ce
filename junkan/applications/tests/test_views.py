"""The applicant's and the secretariat's pages, as the owner, a member, a co-applicant, an outsider, anonymous
and the secretariat. Every URL of an application answers 404 to people outside it."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from junkan.applications import services
from junkan.applications.models import ApplicationStatus, Document, Section
from junkan.applications.samples import MINIMAL_PDF


def _close_file(response):
    """Close a FileResponse's file without response.close(), which would end the test's connection."""
    if response.streaming:
        b"".join(response.streaming_content)
    for closer in getattr(response, "_resource_closers", []):
        closer()


def urls(application, document=None, version=1):
    pid = application.public_id
    result = [
        reverse("applications:detail", args=[pid]),
        reverse("applications:section", args=[pid, "letter"]),
        reverse("applications:section", args=[pid, "costs"]),
        reverse("applications:co_applicants", args=[pid]),
        reverse("applications:documents", args=[pid]),
        reverse("applications:messages", args=[pid]),
    ]
    if document is not None:
        result.append(reverse("applications:document", args=[pid, document.public_id]))
    if application.submissions.exists():
        result += [
            reverse("applications:submission", args=[pid, version]),
            reverse("applications:submission_pdf", args=[pid, version]),
            reverse("applications:submission_xlsx", args=[pid, version]),
        ]
    return result


@pytest.mark.parametrize("who", ["owner", "member"])
def test_lead_members_open_every_page(request, client_as, submitted, who):
    client = client_as(request.getfixturevalue(who))
    document = submitted.documents.first()
    for url in urls(submitted, document):
        response = client.get(url)
        assert response.status_code == 200, url
        _close_file(response)


def test_outsider_gets_404_on_every_url_and_file(client_as, submitted, outsider):
    client = client_as(outsider)
    document = submitted.documents.first()
    for url in urls(submitted, document):
        response = client.get(url)
        assert response.status_code == 404, url
        _close_file(response)
    post_urls = [
        reverse("applications:submit", args=[submitted.public_id]),
        reverse("applications:withdraw", args=[submitted.public_id]),
        reverse("applications:decide", args=[submitted.public_id]),
        reverse("applications:document_delete", args=[submitted.public_id, document.public_id]),
    ]
    for url in post_urls:
        assert client.post(url).status_code == 404, url


def test_anonymous_is_sent_to_login(client_as, submitted):
    response = client_as(None).get(reverse("applications:detail", args=[submitted.public_id]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_secretariat_does_not_see_drafts_but_sees_submissions(client_as, draft, staff, owner):
    client = client_as(staff)
    assert client.get(reverse("applications:detail", args=[draft.public_id])).status_code == 404
    from django.utils import timezone

    from junkan.applications.samples import fill

    fill(owner, draft)
    services.submit(owner, draft, timezone.now())
    assert client.get(reverse("applications:detail", args=[draft.public_id])).status_code == 200
    assert client.get(reverse("applications:submission_pdf", args=[draft.public_id, 1])).status_code == 200


def test_co_applicant_member_reads_but_cannot_post_a_section(client_as, complete, owner, other_org):
    co = services.invite_co_applicant(owner, complete, other_org, "需要家としての調査協力")
    client = client_as(other_org.person)
    assert client.get(reverse("applications:detail", args=[complete.public_id])).status_code == 200
    url = reverse("applications:section", args=[complete.public_id, "background"])
    assert client.post(url, {"version": 0, "background": "x"}).status_code == 403
    response = client.post(reverse("applications:co_applicant_respond", args=[co.pk]), {"answer": "accept"})
    assert response.status_code == 302
    co.refresh_from_db()
    assert co.status == "accepted"
    # The requirements read as answered (labels, not stored codes).
    page = client.get(
        reverse("applications:section", args=[complete.public_id, "requirements"])
    ).content.decode()
    assert "<dd>満たしている</dd>" in page and "<dd>yes</dd>" not in page


def test_section_post_saves_and_keeps_line_breaks(client_as, draft, owner):
    client = client_as(owner)
    url = reverse("applications:section", args=[draft.public_id, "background"])
    response = client.post(
        url, {"version": 0, "background": "一行目\r\n二行目", "economic_analysis": "", "next": "stay"}
    )
    assert response.status_code == 302
    assert Section.objects.get(application=draft, key="background").data["background"] == "一行目\r\n二行目"


def test_autosave_answers_json_and_a_second_tab_is_warned(client_as, draft, owner, member):
    url = reverse("applications:section", args=[draft.public_id, "background"])
    first = client_as(owner).post(url, {"version": 0, "background": "A"}, headers={"X-Autosave": "1"})
    assert first.status_code == 200 and first.json()["status"] == "saved" and first.json()["version"] == 1
    second = client_as(member).post(url, {"version": 0, "background": "B"}, headers={"X-Autosave": "1"})
    assert second.status_code == 409 and second.json()["status"] == "conflict"
    page = client_as(member).post(url, {"version": 0, "background": "B"})
    assert page.status_code == 200
    content = page.content.decode()
    assert "別の画面" in content and ">A<" in content.replace("<br>", "")
    assert re.search(r">\s*B</textarea>", content)  # the typed text is kept
    assert Section.objects.get(application=draft, key="background").data["background"] == "A"


def test_bad_input_keeps_what_was_typed(client_as, draft, owner):
    url = reverse("applications:section", args=[draft.public_id, "letter"])
    response = client_as(owner).post(
        url,
        {
            "version": 1,
            "contact_email": "not-an-address",
            "address": "飯田市大久保町",
            "contact_phone": "０２６５-２２-４５１１",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "飯田市大久保町" in body and "not-an-address" in body
    assert Section.objects.get(application=draft, key="letter").version == 1


def test_costs_accept_what_officers_type_and_compute_the_block(client_as, draft, owner):
    fy = draft.program.fiscal_year
    url = reverse("applications:section", args=[draft.public_id, "costs"])
    data = {
        "meta-version": 0,
        f"y{fy}-fiscal_year": fy,
        f"y{fy}-total_cost": "１２０万円",
        f"y{fy}-other_income": "",
        f"y{fy}-consumption_tax": "80,000",
        f"y{fy}-consumption_tax_equivalent": "",
        f"l{fy}-TOTAL_FORMS": 3,
        f"l{fy}-INITIAL_FORMS": 0,
        f"l{fy}-0-category": "委託料",
        f"l{fy}-0-description": "調査委託",
        f"l{fy}-0-unit_price": "1,000千円",
        f"l{fy}-0-quantity": "１",
    }
    response = client_as(owner).post(url, data)
    assert response.status_code == 302
    saved = Section.objects.get(application=draft, key="costs").data["years"][0]
    assert saved["total_cost"] == 1_200_000 and saved["lines"][0]["unit_price"] == 1_000_000
    draft.refresh_from_db()
    assert draft.requested_amount == 1_000_000
    preview = client_as(owner).post(reverse("applications:costs_preview", args=[draft.public_id]), data)
    assert "1,000,000" in preview.content.decode()


def test_upload_refuses_a_renamed_file_with_a_reason(client_as, draft, owner):
    url = reverse("applications:documents", args=[draft.public_id])
    fake = SimpleUploadedFile("見積書.pdf", b"MZ\x90\x00 this is a program", "application/pdf")
    response = client_as(owner).post(url, {"kind": "cost_basis", "file": fake})
    assert response.status_code == 200
    assert "形式は受け付けていません" in response.content.decode()
    assert not Document.objects.exists()
    good = SimpleUploadedFile("../../etc/見積書.pdf", MINIMAL_PDF, "application/octet-stream")
    assert client_as(owner).post(url, {"kind": "cost_basis", "file": good}).status_code == 302
    document = Document.objects.get()
    assert document.original_name == "見積書.pdf"
    assert "見積書" not in document.file.name and ".." not in document.file.name
    download = client_as(owner).get(
        reverse("applications:document", args=[draft.public_id, document.public_id])
    )
    assert b"".join(download.streaming_content) == MINIMAL_PDF
    _close_file(download)


def test_submit_view_and_double_click(client_as, complete, owner):
    client = client_as(owner)
    url = reverse("applications:submit", args=[complete.public_id])
    first = client.post(url, {"confirmed": "yes"})
    second = client.post(url, {"confirmed": "yes"})
    assert first.status_code == second.status_code == 302
    assert complete.submissions.count() == 1
    complete.refresh_from_db()
    assert complete.status == ApplicationStatus.SUBMITTED


def test_inbox_filters_totals_and_csv(client_as, submitted, staff, owner, outsider):
    url = reverse("applications:inbox", args=[submitted.program.slug])
    assert client_as(outsider).get(url).status_code == 404
    assert client_as(owner).get(url).status_code == 404
    response = client_as(staff).get(url, {"project_type": "1", "q": "竜丘"})
    assert response.status_code == 200
    assert submitted.receipt_number in response.content.decode()
    assert (
        client_as(staff).get(url, {"project_type": "3"}).content.decode().count(submitted.receipt_number) == 0
    )
    csv_response = client_as(staff).get(reverse("applications:inbox_csv", args=[submitted.program.slug]))
    body = csv_response.content
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][0] == "受付番号" and rows[1][0] == submitted.receipt_number and rows[1][-1] == "7350000"


def test_inbox_csv_never_hands_a_formula_to_excel(client_as, submitted, staff):
    type(submitted).objects.filter(pk=submitted.pk).update(title='=HYPERLINK("http://evil.example")')
    body = client_as(staff).get(reverse("applications:inbox_csv", args=[submitted.program.slug])).content
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[1][4] == '\'=HYPERLINK("http://evil.example")'


def test_inbox_query_count_does_not_grow(
    client_as, staff, open_call, organization, owner, django_assert_max_num_queries
):
    from django.utils import timezone

    from junkan.applications.models import Application

    type_1 = open_call.project_types.get(code="1")

    def add(n):
        for i in range(n):
            Application.objects.create(
                program=open_call,
                project_type=type_1,
                organization=organization,
                created_by=owner,
                title=f"応募{i}",
                status=ApplicationStatus.SUBMITTED,
                submitted_at=timezone.now(),
                receipt_number=f"X-{Application.objects.count()}",
            )

    client = client_as(staff)
    url = reverse("applications:inbox", args=[open_call.slug])
    add(2)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from junkan.applications import caching

    caching.invalidate(open_call.pk)  # rendered afresh, not from the cache
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    add(20)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)
    with CaptureQueriesContext(connection) as cached:
        client.get(url)
    assert len(cached.captured_queries) < len(small.captured_queries)


def test_decide_return_mails_the_applicant(client_as, submitted, staff, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.core import mail
    from django.utils import timezone

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(staff).post(
            reverse("applications:decide", args=[submitted.public_id]),
            {
                "verb": "return",
                "reason": "見積書を添付してください。",
                "reply_due_on": (timezone.localdate() + timedelta(days=5)).isoformat(),
            },
        )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.RETURNED
    assert "見積書を添付してください。" in mail.outbox[0].body


def test_messages_thread_both_ways(client_as, submitted, staff, owner):
    url = reverse("applications:messages", args=[submitted.public_id])
    assert (
        client_as(staff)
        .post(url, {"body": "収支予算書の写しを追加で提出してください。", "requests_documents": "on"})
        .status_code
        == 302
    )
    assert client_as(owner).post(url, {"body": "本日登録しました。"}).status_code == 302
    page = client_as(owner).get(url).content.decode()
    assert "収支予算書の写し" in page and "書類の提出依頼" in page and "本日登録しました。" in page


def test_start_page_checks_the_call(client_as, open_call, owner, outsider):
    from datetime import timedelta

    from django.utils import timezone

    url = reverse("applications:start", args=[open_call.slug])
    assert client_as(outsider).get(url).status_code == 200
    assert client_as(None).get(url).status_code == 302  # to the login page
    open_call.closes_at = timezone.now() - timedelta(minutes=1)
    open_call.save(update_fields=["closes_at"])
    assert client_as(owner).get(url).status_code == 403
    open_call.published = False
    open_call.save(update_fields=["published"])
    assert client_as(owner).get(url).status_code == 404
    open_call.published, open_call.application_forms = True, ""
    open_call.save(update_fields=["published", "application_forms"])
    assert client_as(owner).get(url).status_code == 404


def test_only_the_invited_organization_answers_an_invitation(client_as, complete, owner, other_org, outsider):
    co = services.invite_co_applicant(owner, complete, other_org, "需要家としての調査協力")
    url = reverse("applications:co_applicant_respond", args=[co.pk])
    assert client_as(outsider).post(url, {"answer": "accept"}).status_code == 404
    assert client_as(owner).post(url, {"answer": "accept"}).status_code == 404
    co.refresh_from_db()
    assert co.status == "invited"


# The requirements checklist (seed 002 2.①(2)イ a–d) -------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"), [("owner", 200), ("member", 200), ("outsider", 404), ("anonymous", 302)]
)
def test_requirements_page_as_each_person(request, client_as, draft, who, status):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    response = client_as(user).get(reverse("applications:section", args=[draft.public_id, "requirements"]))
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert "要件a　地域のオーナーシップをベースとした地域経営" in page
        assert "要件e" not in page  # type ③ only
        assert 'name="req_1_a"' in page and 'name="req_1_a_where"' in page


def test_an_unmet_requirement_is_on_the_checklist_and_blocks_submission(client_as, complete, owner):
    client = client_as(owner)
    url = reverse("applications:section", args=[complete.public_id, "requirements"])
    saved = Section.objects.get(application=complete, key="requirements")
    post = {"version": saved.version, "next": "stay", **{k: v or "" for k, v in saved.data.items()}}
    post.update(req_1_c="no", req_1_d_where="")
    assert client.post(url, post).status_code == 302
    detail = client.get(reverse("applications:detail", args=[complete.public_id])).content.decode()
    assert (
        "「要件c」を満たしていないと回答しています。"
        "公募要領 2.①(2)イの要件をすべて満たす事業でなければ応募できません。" in detail
    )
    assert "「要件dの記載箇所（様式2の頁・項目）」が入力されていません。" in detail
    assert f"{url}#id_req_1_c" in detail
    response = client.post(reverse("applications:submit", args=[complete.public_id]), {"confirmed": "yes"})
    assert response.status_code in {200, 302, 400}
    complete.refresh_from_db()
    assert complete.status == ApplicationStatus.DRAFT and complete.submissions.count() == 0
    with pytest.raises(services.NotSubmittable) as refused:
        services.submit(owner, complete, timezone.now())
    assert any(i.field == "req_1_c" for i in refused.value.items)

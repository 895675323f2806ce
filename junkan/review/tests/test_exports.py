"""The exports for the minutes: the xlsx of every score and the PDF summary, read back."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.urls import reverse
from pypdf import PdfReader

from junkan.municipalities.models import Municipality
from junkan.review import services
from junkan.review.tests.conftest import score

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored(committee, members, staff, make_application, organization):
    iida = make_application(organization, title="飯田市の小水力")
    other = make_application(title="バイオマスの熱利用")
    services.save_manual_assignments(staff, committee, {(m.pk, a.pk) for m in members for a in (iida, other)})
    score(members[0], iida, 5)
    score(members[1], iida, 4)
    score(members[0], other, 2)
    services.update_member(staff, members[1], {"workplace": Municipality.objects.get(code="202053")}, [])
    return iida, other


def test_the_xlsx_has_every_score(client_as, committee, staff, scored):
    response = client_as(staff).get(reverse("review:scores_xlsx", args=[committee.pk]))
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["集計", "採点", "利益相反"]
    summary = {row[3]: row for row in book["集計"].iter_rows(min_row=2, values_only=True)}
    # The second member's sheet on 飯田市 no longer counts: a conflict was found after it was submitted.
    assert summary["飯田市の小水力"][1] == 1 and summary["飯田市の小水力"][7] == 100
    assert summary["バイオマスの熱利用"][7] == 40
    details = list(book["採点"].iter_rows(min_row=2, values_only=True))
    assert len(details) == 2
    assert {d[4] for d in details} == {100, 40}
    conflicts = list(book["利益相反"].iter_rows(min_row=2, values_only=True))
    assert conflicts[0][1] == "飯田市の小水力" and "勤務先" in conflicts[0][3]


def test_the_pdf_summary(client_as, committee, staff, scored):
    response = client_as(staff).get(reverse("review:summary_pdf", args=[committee.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "審査結果の概要" in text and "飯田市の小水力" in text and "100.00" in text
    fonts = {str(font["/BaseFont"]) for page in reader.pages for font in page["/Resources"]["/Font"].values()}
    assert any("IPAexMincho" in name for name in fonts)

"""Export and import of calls as YAML: a round trip into an empty database gives the same call."""

from __future__ import annotations

import io

import pytest
import yaml
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from junkan.audit.models import AuditEntry
from junkan.programs.loader import dump_program
from junkan.programs.models import Program, ProgramAttachment, ProgramVersion, ProjectType, Theme
from junkan.programs.schema import ProgramDataError
from junkan.programs.tests.conftest import SLUG_2015, SLUG_2019
from junkan.programs.yaml_io import export_programs, read_yaml

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_round_trip_into_an_empty_database_is_identical(media, program_2019):
    attachment = ProgramAttachment(program=program_2019, title="公募要領（PDF）")
    attachment.file.save("koubo.pdf", ContentFile(b"%PDF-1.4 koubo"), save=True)
    programs = list(Program.objects.order_by("slug"))
    before = [dump_program(p, include_files=True) for p in programs]
    text = export_programs(programs)
    Program.objects.all().delete()
    Theme.objects.all().delete()
    attachment.file.delete(save=False)
    assert ProjectType.objects.count() == 0

    call_command("import_program", _write(media / "programs.yaml", text), stdout=io.StringIO())

    after = [dump_program(p, include_files=True) for p in Program.objects.order_by("slug")]
    assert after == before
    copy = ProgramAttachment.objects.get(title="公募要領（PDF）")
    with copy.file.open("rb") as handle:
        assert handle.read() == b"%PDF-1.4 koubo"
    assert copy.sha256 == attachment.sha256
    assert set(ProgramVersion.objects.values_list("number", flat=True)) == {1}
    assert AuditEntry.objects.filter(action="programs.program.imported").count() == 2


def _write(path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_the_export_reads_like_the_call(program_2015):
    text = export_programs([program_2015], include_files=False)
    assert "name: 平成27年度エコタウン等における資源循環社会と共生した低炭素地域づくり補助金事業" in text
    assert "summary: |-\n  循環資源の循環的利用と低炭素化" in text  # long texts as block literals
    assert "\\u" not in text
    (document,) = read_yaml(text)
    assert document["slug"] == SLUG_2015


def test_export_command_to_stdout_and_to_a_file(tmp_path, program_2019):
    out = io.StringIO()
    call_command("export_program", SLUG_2019, "--no-files", stdout=out)
    assert yaml.safe_load(out.getvalue())["slug"] == SLUG_2019
    target = tmp_path / "both.yaml"
    call_command("export_program", SLUG_2019, SLUG_2015, "-o", str(target), stderr=io.StringIO())
    assert [doc["slug"] for doc in read_yaml(target.read_text(encoding="utf-8"))] == [SLUG_2019, SLUG_2015]
    with pytest.raises(CommandError, match="公募「nope」はありません。"):
        call_command("export_program", "nope")


def test_import_refuses_an_existing_slug_unless_replacing(tmp_path, program_2019):
    path = _write(tmp_path / "p.yaml", export_programs([program_2019], include_files=False))
    with pytest.raises(CommandError, match="既にあります"):
        call_command("import_program", path)
    out = io.StringIO()
    call_command("import_program", path, "--replace", stdout=out)
    assert "変更なし" in out.getvalue()
    assert ProgramVersion.objects.filter(program=program_2019).count() == 1


def test_replacing_with_changed_rules_makes_version_2_and_an_audit_entry(tmp_path, program_2019):
    data = dump_program(program_2019)
    data["project_types"][2]["cap"] = 2_500_000
    data["project_types"][2]["cost_categories"][8]["rules"][0]["params"]["threshold"] = 30_000
    path = _write(tmp_path / "p.yaml", yaml.safe_dump(data, allow_unicode=True))
    out = io.StringIO()
    call_command("import_program", path, "--replace", "--reason", "令和2年度の改定", stdout=out)
    assert f"{SLUG_2019}: 更新（第2版）" in out.getvalue()
    program_2019.refresh_from_db()
    assert program_2019.version == 2
    assert ProjectType.objects.get(program=program_2019, code="3").cap == 2_500_000
    version = ProgramVersion.objects.get(program=program_2019, number=2)
    assert version.reason == "令和2年度の改定"
    assert version.snapshot["project_types"][2]["cap"] == 2_500_000
    entry = AuditEntry.objects.for_object(program_2019).get(action="programs.program.updated")
    assert entry.actor is None
    assert entry.changes == {
        "project_types[3].cap": [3_000_000, 2_500_000],
        "project_types[3].cost_categories[業務費/消耗品費].rules": [
            [
                {
                    "code": "unit_price_below",
                    "params": {"threshold": 50000, "reference": "別表第2（消耗品費）"},
                }
            ],
            [
                {
                    "code": "unit_price_below",
                    "params": {"threshold": 30000, "reference": "別表第2（消耗品費）"},
                }
            ],
        ],
    }
    assert entry.data == {"version": 2, "reason": "令和2年度の改定"}


def test_replacing_keeps_the_rows_that_other_records_refer_to(tmp_path, program_2019):
    type_3 = ProjectType.objects.get(program=program_2019, code="3")
    criterion = type_3.review_criteria.get(code="3")
    data = dump_program(program_2019)
    (council,) = [c for c in data["project_types"][2]["review_criteria"] if c["code"] == "3"]
    council["text"] = "協議会の構成は適切か"
    data["project_types"].pop(0)
    call_command(
        "import_program",
        _write(tmp_path / "p.yaml", yaml.safe_dump(data, allow_unicode=True)),
        "--replace",
        stdout=io.StringIO(),
    )
    assert ProjectType.objects.get(pk=type_3.pk).code == "3"
    criterion.refresh_from_db()
    assert criterion.text == "協議会の構成は適切か"
    assert not ProjectType.objects.filter(program=program_2019, code="1").exists()


def test_import_reports_every_problem(tmp_path, program_2019):
    data = dump_program(program_2019)
    data["slug"] = "other-call"
    data["project_types"][0]["cap"] = 1_500
    data["project_types"][1]["rules"].append({"code": "nope", "params": {}})
    with pytest.raises(CommandError) as caught:
        call_command("import_program", _write(tmp_path / "p.yaml", yaml.safe_dump(data, allow_unicode=True)))
    message = str(caught.value)
    assert "program.project_types[0].cap：上限額は1,000円単位の正の金額にしてください。" in message
    assert "program.project_types[1].rules[6]：規則「nope」はありません。" in message
    assert not Program.objects.filter(slug="other-call").exists()


def test_a_file_with_one_bad_program_imports_none(tmp_path, program_2019):
    good = dump_program(program_2019)
    good["slug"] = "good-call"
    bad = dict(good, slug="bad-call", closes_at="2000-01-01T00:00:00+09:00")
    path = _write(tmp_path / "p.yaml", yaml.safe_dump_all([good, bad], allow_unicode=True))
    with pytest.raises(CommandError, match="締切日時は公募開始日時より後に"):
        call_command("import_program", path)
    assert not Program.objects.filter(slug__in=["good-call", "bad-call"]).exists()


def test_unreadable_files(tmp_path):
    with pytest.raises(CommandError, match="がありません"):
        call_command("import_program", str(tmp_path / "missing.yaml"))
    with pytest.raises(CommandError, match="YAMLとして読み取れません（2行目）"):
        call_command("import_program", _write(tmp_path / "bad.yaml", "slug: a\n  name: [b\n"))
    with pytest.raises(ProgramDataError, match="公募のデータがありません"):
        read_yaml("")


def test_attachments_without_contents_are_reported_not_invented(tmp_path, program_2019):
    data = dump_program(program_2019)
    data["slug"] = "with-listed-file"
    data["attachments"] = [{"title": "様式1", "filename": "form1.docx", "sha256": "", "content": None}]
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import_program",
        _write(tmp_path / "p.yaml", yaml.safe_dump(data, allow_unicode=True)),
        stdout=out,
        stderr=err,
    )
    assert "資料「様式1」はファイルの内容が含まれていないため、取り込みませんでした。" in err.getvalue()
    assert not ProgramAttachment.objects.filter(program__slug="with-listed-file").exists()

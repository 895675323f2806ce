"""Demo: besides the two shipped calls (both closed), one fictional call open now, to show the open state.

It copies the FY2019 call's rules under another slug, marked 【デモ】 and with a fictional contact, and
opens it from a week ago for three weeks. Created once (idempotent); later runs leave its dates alone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from junkan.jp.dates import date_in_fiscal_year, fiscal_year, fiscal_year_label, today_tokyo, tokyo_datetime
from junkan.programs.loader import dump_program
from junkan.programs.models import Program
from junkan.programs.services import import_program

DEMO_SLUG = "demo-open-call"
SOURCE_SLUG = "fy2019-decarbonised-region-model"


def load(log: Callable[[str], object]) -> list[tuple[str, str, str]]:
    if Program.objects.filter(slug=DEMO_SLUG).exists():
        log("programs: the demo call exists already")
        return []
    source = Program.objects.filter(slug=SOURCE_SLUG).first()
    if source is None:  # the shipped data was removed; nothing to copy
        return []
    today = today_tokyo()
    fy = fiscal_year(today)
    data = dump_program(source)
    opens = tokyo_datetime(today - timedelta(days=7))
    data.update(
        slug=DEMO_SLUG,
        name=f"【デモ】{fiscal_year_label(fy)} 地域の多様な課題に応える脱炭素型地域づくりモデル形成事業"
        "（架空の公募）",
        short_name="【デモ】脱炭素型地域づくりモデル形成事業（架空）",
        fiscal_year=fy,
        opens_at=opens.isoformat(),
        closes_at=tokyo_datetime(today + timedelta(days=21), 17, 0).isoformat(),
        published=True,
        published_at=opens.isoformat(),
        contact="デモ事務局（架空）\nE-mail：secretariat@example.jp",
        summary="操作を試すための架空の公募です。内容は平成31年度の公募要領を写したもので、実在の公募ではありません。\n"
        + data["summary"],
    )
    period_end = date_in_fiscal_year(fy, 3, 1) - timedelta(days=1)  # the last day of February
    for project_type in data["project_types"]:
        project_type["period_end"] = period_end.isoformat()
        project_type["period_note"] = ""
        for report in project_type["report_rules"]:
            if report["due_rule"] == "fixed_date":
                report["due_params"] = {"date": date_in_fiscal_year(fy, 2, 28).isoformat()}
                report["due_text"] = "継続年度の事業実施計画書は、年度の2月28日までに提出すること（デモ）。"
    import_program(None, data)
    log(f"programs: demo call open until {data['closes_at']}")
    return []

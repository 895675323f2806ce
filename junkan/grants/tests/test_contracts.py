"""Contracts and orders (契約・発注): recorded by the grantee after the decision, flagged against its date."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from junkan.audit.models import AuditEntry
from junkan.grants.models import Contract, CostLine, ProcurementMethod
from junkan.grants.services import contracts
from junkan.grants.tests.conftest import DECIDED_ON

pytestmark = pytest.mark.django_db


def values(**kwargs: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "ordered_on": DECIDED_ON,
        "counterparty": " 株式会社南信エネルギー研究所 ",
        "subject": "再エネ導入ポテンシャル調査業務委託",
        "amount": 6_600_000,
        "method": ProcurementMethod.COMPETITIVE,
        "non_competitive_reason": "",
    }
    data.update(kwargs)
    return data


def actions(project: Any) -> list[str]:
    return list(AuditEntry.objects.for_object(project).order_by("id").values_list("action", flat=True))


@pytest.mark.parametrize("who", ["owner", "member"])
def test_add_a_contract_on_the_decision_day(request, who, decided_project):
    user = request.getfixturevalue(who)
    contract = contracts.add_contract(user, decided_project, **values())
    assert contract.counterparty == "株式会社南信エネルギー研究所"
    assert contract.created_by == user
    assert contracts.flags_of(decided_project, contract).eligible
    entry = AuditEntry.objects.for_object(decided_project).get()
    assert entry.action == "grants.contract.added"
    assert entry.changes["amount"] == [None, 6_600_000]
    assert entry.changes["ordered_on"] == [None, "2019-07-10"]
    assert entry.data["flags"] == []
    assert entry.data["contract"] == contract.pk


def test_an_order_before_the_decision_is_recorded_and_flagged(decided_project, owner):
    contract = contracts.add_contract(owner, decided_project, **values(ordered_on=date(2019, 7, 9)))
    flags = contracts.flags_of(decided_project, contract)
    assert flags.before_decision and not flags.eligible
    [row], totals = contracts.rows(decided_project, [contract])
    assert row.flag_texts == ["交付決定日前の発注のため補助対象外"]
    assert (totals.eligible, totals.flagged, totals.flagged_count) == (0, 6_600_000, 1)
    assert AuditEntry.objects.for_object(decided_project).get().data["flags"] == ["before_decision"]


def test_totals_of_several_contracts(decided_project, owner):
    contracts.add_contract(owner, decided_project, **values())
    contracts.add_contract(owner, decided_project, **values(ordered_on=date(2019, 6, 30), amount=300_000))
    contracts.add_contract(
        owner,
        decided_project,
        **values(
            amount=250_000,
            method=ProcurementMethod.NON_COMPETITIVE,
            non_competitive_reason="特許を持つ唯一の事業者であるため",
        ),
    )
    rows, totals = contracts.rows(decided_project, decided_project.contracts.all())
    assert len(rows) == 3
    assert (totals.eligible, totals.flagged, totals.total) == (6_850_000, 300_000, 7_150_000)


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"ordered_on": None}, "ordered_on", "契約・発注日を入力してください。"),
        ({"counterparty": "  "}, "counterparty", "契約の相手方を入力してください。"),
        ({"counterparty": "株" * 201}, "counterparty", "契約の相手方は200文字以内で入力してください。"),
        ({"subject": ""}, "subject", "件名・内容を入力してください。"),
        ({"subject": "件" * 301}, "subject", "件名・内容は300文字以内で入力してください。"),
        ({"amount": None}, "amount", "契約金額を入力してください。"),
        ({"amount": -1}, "amount", "契約金額は0円以上の金額で入力してください。"),
        ({"amount": 1.5}, "amount", "契約金額は0円以上の金額で入力してください。"),
        ({"method": "lottery"}, "method", "相手方の決定方法を選んでください。"),
        (
            {"method": ProcurementMethod.NON_COMPETITIVE, "non_competitive_reason": " "},
            "non_competitive_reason",
            "競争によらずに相手方を決めた場合は、その理由（競争性のある手続によることが著しく困難又は不相当である理由）を入力してください。",
        ),
    ],
)
def test_contract_rules(decided_project, owner, kwargs, field, message):
    with pytest.raises(ValidationError) as error:
        contracts.add_contract(owner, decided_project, **values(**kwargs))
    assert error.value.message_dict == {field: [message]}
    assert not Contract.objects.exists()
    assert actions(decided_project) == []


def test_a_competitive_contract_keeps_no_reason(decided_project, owner):
    contract = contracts.add_contract(owner, decided_project, **values(non_competitive_reason="不要な記載"))
    assert contract.non_competitive_reason == ""


@pytest.mark.parametrize("stage", ["adopted", "applied", "completed", "paid"])
def test_contracts_only_while_the_project_is_carried_out(make_project, owner, stage):
    project = make_project(stage)
    with pytest.raises(ValidationError) as error:
        contracts.add_contract(owner, project, **values())
    assert "契約・発注を登録・変更できません" in error.value.messages[0]
    assert not Contract.objects.exists()


@pytest.mark.parametrize(
    ("who", "raised"), [("co_member", PermissionDenied), ("staff", PermissionDenied), ("outsider", Http404)]
)
def test_only_the_grantee_records_contracts(request, who, raised, decided_project, owner):
    user = request.getfixturevalue(who)
    with pytest.raises(raised):
        contracts.add_contract(user, decided_project, **values())
    contract = contracts.add_contract(owner, decided_project, **values())
    with pytest.raises(raised):
        contracts.update_contract(user, contract, **values(amount=1))
    with pytest.raises(raised):
        contracts.remove_contract(user, contract)
    assert Contract.objects.get().amount == 6_600_000


def test_update_a_contract(decided_project, owner, member):
    contract = contracts.add_contract(owner, decided_project, **values())
    updated = contracts.update_contract(
        member,
        contract,
        **values(
            ordered_on=date(2019, 7, 1),
            method=ProcurementMethod.NON_COMPETITIVE,
            non_competitive_reason="緊急を要したため",
        ),
    )
    assert updated.ordered_on == date(2019, 7, 1)
    assert contracts.flags_of(decided_project, updated).before_decision
    entry = AuditEntry.objects.for_object(decided_project).get(action="grants.contract.changed")
    assert entry.changes == {
        "ordered_on": ["2019-07-10", "2019-07-01"],
        "method": ["competitive", "non_competitive"],
        "non_competitive_reason": ["", "緊急を要したため"],
    }
    assert entry.data["flags"] == ["before_decision"]
    assert entry.actor == member


def test_an_update_without_changes_writes_nothing(decided_project, owner):
    contract = contracts.add_contract(owner, decided_project, **values())
    contracts.update_contract(owner, contract, **values())
    assert actions(decided_project) == ["grants.contract.added"]


def test_update_checks_the_values(decided_project, owner):
    contract = contracts.add_contract(owner, decided_project, **values())
    with pytest.raises(ValidationError) as error:
        contracts.update_contract(owner, contract, **values(amount=-1, counterparty=""))
    assert set(error.value.message_dict) == {"amount", "counterparty"}
    contract.refresh_from_db()
    assert contract.amount == 6_600_000


def test_remove_a_contract(decided_project, owner):
    contract = contracts.add_contract(owner, decided_project, **values())
    contracts.remove_contract(owner, contract)
    assert not Contract.objects.exists()
    entry = AuditEntry.objects.for_object(decided_project).get(action="grants.contract.removed")
    assert entry.changes["amount"] == [6_600_000, None]
    assert entry.data["contract"] == contract.pk


def test_a_contract_a_cost_refers_to_stays(make_project, owner):
    project = make_project("decided")
    contract = contracts.add_contract(owner, project, **values())
    report = project.reports.exclude(kind="annual").first()
    CostLine.objects.create(
        report=report,
        fiscal_year=2019,
        expense="業務費",
        description="委託",
        amount=6_600_000,
        paid_on=date(2020, 2, 1),
        contract=contract,
    )
    with pytest.raises(ValidationError) as error:
        contracts.remove_contract(owner, contract)
    assert error.value.messages == [
        "この契約・発注は経費の実績から参照されているため削除できません。先に経費の実績を修正してください。"
    ]
    assert Contract.objects.filter(pk=contract.pk).exists()
    assert actions(project) == ["grants.contract.added"]


def test_no_changes_after_completion(make_project, owner):
    project = make_project("decided")
    contract = contracts.add_contract(owner, project, **values())
    project.status = "completed"
    project.save(update_fields=["status"])
    with pytest.raises(ValidationError):
        contracts.update_contract(owner, contract, **values(amount=1))
    with pytest.raises(ValidationError):
        contracts.remove_contract(owner, contract)
    contract.refresh_from_db()
    assert contract.amount == 6_600_000

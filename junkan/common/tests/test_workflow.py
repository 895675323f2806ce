"""The shared process machinery: declaring, asking what a person may do, and running a move.

A throw-away process over the region registration stands in for the real ones (which each app declares
in its ``processes.py`` and tests on its own); it is taken out of the registry after each test.
"""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404

from junkan.audit.models import AuditEntry
from junkan.common import workflow
from junkan.common.permissions import Decision, allow, deny, hide
from junkan.registry.models import RegionRegistration
from junkan.registry.models import RegistrationStatus as S

pytestmark = pytest.mark.django_db


def _owner_only(user, obj) -> Decision:
    if user.email == "owner@example.jp":
        return allow()
    if user.email == "member@example.jp":
        return deny("所有者だけができます。")
    return hide("見つかりません。")


def _has_contact(obj) -> Decision:
    return allow() if obj.contact_email else deny("連絡先のメールアドレスを入力してください。")


def _mail(ctx: workflow.Context) -> None:
    transaction.on_commit(lambda: mail.send_mail("届きました", ctx.obj.name, None, ["x@example.jp"]))


@pytest.fixture
def region(organization):
    return RegionRegistration.objects.create(
        organization=organization, name="南信州", contact_name="環境 太郎", contact_email="kankyo@example.jp"
    )


@pytest.fixture
def process():
    proc = workflow.Process(
        key="testing.region",
        label="登録",
        model=RegionRegistration,
        states=S,
        initial=S.DRAFT,
        moves=(
            workflow.Move(
                "submitted",
                sources=(S.DRAFT, S.REFUSED),
                target=S.SUBMITTED,
                label="申請する",
                done="申請",
                who=_owner_only,
                guards=(_has_contact,),
                effects=(_mail,),
                confirm="申請した後は変更できません。",
                stamp="submitted_at",
            ),
            workflow.Move("approved", (S.SUBMITTED,), S.APPROVED, "承認する", who=lambda u, o: allow()),
            workflow.Move(
                "refused",
                (S.SUBMITTED,),
                S.REFUSED,
                "承認しない",
                who=lambda u, o: allow(),
                needs_reason=True,
            ),
            workflow.Move("revoked", (S.APPROVED,), S.REVOKED, "取り消す", who=lambda u, o: allow()),
        ),
    )
    yield proc
    workflow.REGISTRY.pop("testing.region", None)


def test_declaration_is_registered_and_sound(process):
    assert workflow.REGISTRY["testing.region"] is process
    assert workflow.problems(process) == []
    assert process.terminal_states == {S.REVOKED}


def test_unreachable_state_and_unknown_state_are_reported():
    proc = workflow.Process(
        key="testing.broken",
        label="壊れた手続",
        model=RegionRegistration,
        states=S,
        initial=S.DRAFT,
        moves=(workflow.Move("x", (S.DRAFT,), "nowhere", "進める", who=lambda u, o: allow()),),
    )
    try:
        found = workflow.problems(proc)
    finally:
        workflow.REGISTRY.pop("testing.broken")
    assert "testing.broken.x: unknown state 'nowhere'" in found
    assert "testing.broken: state 'approved' cannot be reached from 'draft'" in found


def test_a_move_name_is_declared_once():
    move = workflow.Move("x", (S.DRAFT,), S.SUBMITTED, "進める", who=lambda u, o: allow())
    with pytest.raises(ValueError, match="declared twice"):
        workflow.Process("testing.twice", "x", RegionRegistration, S, S.DRAFT, (move, move))


def test_options_show_only_what_the_person_may_see(process, region, owner, member, outsider):
    assert [o.name for o in workflow.options(process, owner, region)] == ["submitted"]
    assert workflow.options(process, owner, region)[0].allowed
    # The member is refused by "who": the button is not shown, but can() says why.
    assert workflow.options(process, member, region) == []
    assert workflow.can(process, member, region, "submitted").reason == "所有者だけができます。"
    assert not workflow.can(process, outsider, region, "submitted").allowed


def test_a_guard_keeps_the_button_with_its_reason(process, region, owner):
    region.contact_email = ""
    (option,) = workflow.options(process, owner, region)
    assert not option.allowed
    assert option.reason == "連絡先のメールアドレスを入力してください。"
    assert workflow.allowed_moves(process, owner, region) == []


def test_a_move_not_open_in_this_state_says_the_state(process, region, owner):
    decision = workflow.can(process, owner, region, "approved")
    assert not decision.allowed
    assert "「作成中」" in decision.reason


def test_transition_saves_audits_stamps_and_runs_effects_after_commit(
    process, region, owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        saved = workflow.transition(process, owner, region, "submitted")
    region.refresh_from_db()
    assert region.status == S.SUBMITTED
    assert region.submitted_at is not None
    assert saved.status == S.SUBMITTED
    entry = AuditEntry.objects.get(action="testing.region.submitted")
    assert entry.changes == {"status": ["draft", "submitted"]}
    assert entry.actor == owner
    assert workflow.audit_label("testing.region.submitted") == "申請"
    assert workflow.audit_label("testing.region.approved") == "承認する"
    assert workflow.audit_label("nothing.here.at_all") is None
    assert [m.subject for m in mail.outbox] == ["届きました"]


@pytest.mark.parametrize(
    ("who", "error"), [("member", PermissionDenied), ("outsider", Http404)], ids=["member", "outsider"]
)
def test_transition_refuses_who_may_not(process, region, who, error, request):
    user = request.getfixturevalue(who)
    with pytest.raises(error):
        workflow.transition(process, user, region, "submitted")
    region.refresh_from_db()
    assert region.status == S.DRAFT
    assert not AuditEntry.objects.filter(action__startswith="testing.").exists()


def test_transition_refuses_from_the_wrong_state_and_on_a_failed_guard(process, region, owner):
    with pytest.raises(ValidationError, match="作成中"):
        workflow.transition(process, owner, region, "approved")
    RegionRegistration.objects.filter(pk=region.pk).update(contact_email="")
    with pytest.raises(ValidationError, match="連絡先"):
        workflow.transition(process, owner, region, "submitted")
    region.refresh_from_db()
    assert region.status == S.DRAFT


def test_the_state_is_read_from_the_locked_row_not_the_callers_copy(process, region, owner):
    RegionRegistration.objects.filter(pk=region.pk).update(status=S.APPROVED)
    # The caller's instance still says draft; the move must be refused all the same.
    with pytest.raises(ValidationError):
        workflow.transition(process, owner, region, "submitted")


def test_a_reason_is_required_where_declared_and_kept_in_the_audit(process, region):
    RegionRegistration.objects.filter(pk=region.pk).update(status=S.SUBMITTED)
    with pytest.raises(ValidationError):
        workflow.transition(process, None, region, "refused", reason="  ")
    workflow.transition(process, None, region, "refused", reason="対象地域が未記入です。")
    entry = AuditEntry.objects.get(action="testing.region.refused")
    assert entry.data == {"reason": "対象地域が未記入です。"}
    assert entry.actor is None


def test_fields_are_saved_with_the_move_and_recorded(process, region):
    RegionRegistration.objects.filter(pk=region.pk).update(status=S.SUBMITTED)
    workflow.transition(process, None, region, "refused", fields={"decision_reason": "不足"}, reason="不足")
    region.refresh_from_db()
    assert region.decision_reason == "不足"
    entry = AuditEntry.objects.get(action="testing.region.refused")
    assert entry.changes["decision_reason"] == ["", "不足"]


def test_an_effect_that_fails_rolls_the_move_back(process, region, owner):
    def boom(ctx: workflow.Context) -> None:
        raise RuntimeError("mail server down")

    broken = workflow.Move(
        "approved_broken", (S.DRAFT,), S.APPROVED, "x", who=lambda u, o: allow(), effects=(boom,)
    )
    proc = workflow.Process("testing.boom", "登録", RegionRegistration, S, S.DRAFT, (broken,))
    try:
        with pytest.raises(RuntimeError):
            workflow.transition(proc, owner, region, "approved_broken")
    finally:
        workflow.REGISTRY.pop("testing.boom")
    region.refresh_from_db()
    assert region.status == S.DRAFT
    assert not AuditEntry.objects.filter(action__startswith="testing.").exists()


def test_every_declared_process_is_sound_and_translated():
    """Every process of every app (``processes.py``): states reachable, moves labelled, labels in English."""
    from django.utils import translation

    found: list[str] = []
    for key, proc in sorted(workflow.REGISTRY.items()):
        if key.startswith("testing."):
            continue
        found.extend(workflow.problems(proc))
        for move in proc.moves:
            for text in (move.label, move.done, move.confirm):
                if not text:
                    continue
                with translation.override("en"):
                    english = str(text)
                with translation.override("ja"):
                    japanese = str(text)
                if english == japanese:
                    found.append(f"{proc.key}.{move.name}: {japanese!r} has no English")
    assert found == []


def test_can_asks_who_and_the_guards_only_once_the_state_allows(region, owner):
    """A guard may query the database: a move the state or the person already refuses does not run it."""
    asked: list[str] = []

    def who(user, obj) -> Decision:
        asked.append("who")
        return deny("所有者だけができます。")

    def guard(obj) -> Decision:
        asked.append("guard")
        return allow()

    proc = workflow.Process(
        "testing.lazy",
        "登録",
        RegionRegistration,
        S,
        S.DRAFT,
        (
            workflow.Move("approved", (S.SUBMITTED,), S.APPROVED, "承認する", who=who, guards=(guard,)),
            workflow.Move("submitted", (S.DRAFT,), S.SUBMITTED, "申請する", who=who, guards=(guard,)),
        ),
    )
    try:
        assert not workflow.can(proc, owner, region, "approved").allowed  # a draft: the state refuses
        assert asked == []
        assert workflow.can(proc, owner, region, "submitted").reason == "所有者だけができます。"
        assert asked == ["who"]
    finally:
        workflow.REGISTRY.pop("testing.lazy")

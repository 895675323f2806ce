"""Who may do what with CO2 calculations and emission factor sets."""

from __future__ import annotations

from django.utils.translation import gettext as _

from junkan.accounts.permissions import is_secretariat
from junkan.carbon.models import FactorSet, SavedCalculation
from junkan.common.permissions import Decision, allow, deny, hide
from junkan.organizations.models import Membership


def can_use_calculator(user: object) -> Decision:
    """The calculator and the factor tables are public: anyone may compute, nothing is stored."""
    return allow()


def can_list_own_calculations(user: object) -> Decision:
    """A signed-in person lists their own calculations and those of their organizations."""
    return can_save_calculation(user)


def can_save_calculation(user: object) -> Decision:
    if not getattr(user, "is_authenticated", False):
        return deny(_("算定を保存するにはログインしてください。"))
    return allow()


def _is_member(user: object, calculation: SavedCalculation) -> bool:
    if calculation.organization_id is None:
        return False
    return Membership.objects.filter(organization_id=calculation.organization_id, user=user).exists()


def can_view_calculation(user: object, calculation: SavedCalculation) -> Decision:
    """The author, members of its organization and the secretariat; everyone else gets 404."""
    if not getattr(user, "is_authenticated", False):
        return hide(_("この算定は公開されていません。"))
    if calculation.owner_id == user.pk:  # type: ignore[attr-defined]
        return allow(_("あなたが作成した算定です。"))
    if is_secretariat(user):
        return allow(_("事務局として閲覧できます。"))
    if _is_member(user, calculation):
        return allow(_("所属組織の算定です。"))
    return hide(_("この算定は公開されていません。"))


def can_edit_calculation(user: object, calculation: SavedCalculation) -> Decision:
    """Only the author changes a calculation, and only while it is a draft."""
    seen = can_view_calculation(user, calculation)
    if not seen:
        return seen
    if calculation.owner_id != user.pk:  # type: ignore[attr-defined]
        return deny(_("算定を変更できるのは作成者のみです。"))
    if calculation.is_submitted:
        return deny(_("提出済みの算定は変更できません。複製して新しい算定を作成してください。"))
    return allow()


def can_submit_calculation(user: object, calculation: SavedCalculation) -> Decision:
    """Submitting fixes the figures and locks the factor sets used; only the author does it, once."""
    return can_edit_calculation(user, calculation)


def can_manage_factor_sets(user: object) -> Decision:
    """Adding a new year's factors is secretariat work."""
    if is_secretariat(user):
        return allow()
    return deny(_("排出係数の登録・変更は事務局のみ行えます。"))


def can_change_factor_set(user: object, factor_set: FactorSet) -> Decision:
    """A set that a submitted calculation used is never changed in place."""
    decision = can_manage_factor_sets(user)
    if not decision:
        return decision
    if factor_set.is_locked:
        return deny(
            _("提出された算定で使われた係数セットは変更できません。新しい係数セットを登録してください。")
        )
    return allow()


def can_delete_factor_set(user: object, factor_set: FactorSet) -> Decision:
    """Only an unlocked set that no saved calculation refers to can be deleted."""
    decision = can_change_factor_set(user, factor_set)
    if not decision:
        return decision
    if factor_set.calculations.exists():
        return deny(_("保存された算定で使われている係数セットは削除できません。"))
    return allow()

"""Emission factor sets (versioned, locked once a submitted calculation used them) and saved calculations."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Decimal columns: factors up to 10 integer and 10 decimal digits; CO2 figures to 1 g (6 decimals).
FACTOR_DIGITS = {"max_digits": 20, "decimal_places": 10}
CO2_DIGITS = {"max_digits": 24, "decimal_places": 6}


class FactorKind(models.TextChoices):
    """What a set holds; the identifiers never change."""

    FUEL = "fuel", _("燃料")
    ELECTRICITY = "electricity", _("電気事業者")
    GAS = "gas", _("ガス事業者")


class FactorSet(models.Model):
    """One published table: a revision of the fuel table, or one year's electricity or gas factors."""

    kind = models.CharField(_("種類"), max_length=16, choices=FactorKind.choices, db_index=True)
    revision = models.CharField(
        _("改定・年度"),
        max_length=10,
        help_text=_("燃料は算定省令の改定年（例：2023）、電気・ガスは実績の年度（西暦、例：2024）。"),
    )
    name = models.CharField(_("名称"), max_length=200)
    source = models.TextField(_("出典"), help_text=_("公表元、資料名、公表日と利用規約。"))
    note = models.TextField(_("加工の内容・備考"), blank=True)
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("登録者"),
    )
    locked_at = models.DateTimeField(
        _("確定日時"),
        null=True,
        blank=True,
        help_text=_("提出された算定で初めて使われた日時。確定した係数セットは変更・削除できません。"),
    )

    class Meta:
        verbose_name = _("排出係数セット")
        verbose_name_plural = _("排出係数セット")
        ordering = ["kind", "-revision"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "revision"], name="carbon_factorset_kind_revision_unique")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None

    @property
    def year(self) -> int:
        """The fiscal year of an electricity or gas set (its revision)."""
        return int(self.revision)


class FuelFactor(models.Model):
    """One fuel of a set: heat (GJ/unit) and carbon (tC/GJ), or a published t-CO2 per unit."""

    factor_set = models.ForeignKey(
        FactorSet, on_delete=models.CASCADE, related_name="fuels", verbose_name=_("係数セット")
    )
    key = models.CharField(_("燃料キー"), max_length=40)
    name = models.CharField(_("燃料名"), max_length=200)
    unit = models.CharField(_("単位"), max_length=20)
    heat_gj_per_unit = models.DecimalField(_("単位発熱量（GJ/単位）"), null=True, blank=True, **FACTOR_DIGITS)
    carbon_tc_per_gj = models.DecimalField(_("炭素排出係数（tC/GJ）"), null=True, blank=True, **FACTOR_DIGITS)
    t_co2_per_unit = models.DecimalField(
        _("排出係数（t-CO2/単位、公表値）"), null=True, blank=True, **FACTOR_DIGITS
    )
    confidence = models.CharField(_("確度"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("燃料の排出係数")
        verbose_name_plural = _("燃料の排出係数")
        ordering = ["factor_set", "id"]
        constraints = [
            models.UniqueConstraint(fields=["factor_set", "key"], name="carbon_fuelfactor_set_key_unique"),
            models.CheckConstraint(
                condition=models.Q(t_co2_per_unit__isnull=False)
                | models.Q(heat_gj_per_unit__isnull=False, carbon_tc_per_gj__isnull=False),
                name="carbon_fuelfactor_has_factor",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.unit}）"


class SupplierFactor(models.Model):
    """An electricity (t-CO2/kWh) or gas (t-CO2/千m3) supplier's menu in a set, basic and adjusted."""

    factor_set = models.ForeignKey(
        FactorSet, on_delete=models.CASCADE, related_name="suppliers", verbose_name=_("係数セット")
    )
    reg_no = models.CharField(_("登録番号"), max_length=20, blank=True)
    utility = models.CharField(_("事業者"), max_length=200)
    menu = models.CharField(_("メニュー"), max_length=300, blank=True)
    kind = models.CharField(
        _("区分"),
        max_length=20,
        blank=True,
        help_text=_(
            "retail_total・retail_residual・tso・substitute（代替値）・national_average（全国平均係数）・gas"
        ),
    )
    basic = models.DecimalField(_("基礎排出係数"), **FACTOR_DIGITS)
    adjusted = models.DecimalField(_("調整後排出係数"), null=True, blank=True, **FACTOR_DIGITS)

    class Meta:
        verbose_name = _("事業者別排出係数")
        verbose_name_plural = _("事業者別排出係数")
        ordering = ["factor_set", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["factor_set", "utility", "menu"], name="carbon_supplierfactor_menu_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.utility} {self.menu}".strip()


class CalculationStatus(models.TextChoices):
    DRAFT = "draft", _("作成中")
    SUBMITTED = "submitted", _("提出済み")


class SavedCalculation(models.Model):
    """A calculation someone saved: the input, the exact factors it used, and its results."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="co2_calculations",
        verbose_name=_("作成者"),
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="co2_calculations",
        verbose_name=_("組織"),
    )
    title = models.CharField(_("件名"), max_length=200)
    status = models.CharField(
        _("状態"), max_length=10, choices=CalculationStatus.choices, default=CalculationStatus.DRAFT
    )
    input = models.JSONField(_("入力"), default=dict)
    factors = models.JSONField(_("使用した排出係数"), default=dict)
    result = models.JSONField(_("算定結果（全桁）"), default=dict)
    factor_sets = models.ManyToManyField(
        FactorSet, blank=True, related_name="calculations", verbose_name=_("使用した係数セット")
    )
    baseline_t_co2 = models.DecimalField(_("ベースライン排出量（t-CO2/年）"), **CO2_DIGITS)
    project_t_co2 = models.DecimalField(_("事業実施後排出量（t-CO2/年）"), **CO2_DIGITS)
    reduction_t_co2 = models.DecimalField(_("CO2削減量（t-CO2/年）"), **CO2_DIGITS)
    subsidy_yen = models.BigIntegerField(_("補助金額（円）"), null=True, blank=True)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)
    submitted_at = models.DateTimeField(_("提出日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("CO2削減量の算定")
        verbose_name_plural = _("CO2削減量の算定")
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["owner", "-updated_at"], name="carbon_calc_owner_updated")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_submitted(self) -> bool:
        return self.status == CalculationStatus.SUBMITTED

"""Regional economy data and saved analyses, per region and data year, versioned and audited.

- :class:`RegionalAccount`: the three sides of a region (生産・分配・支出), energy payments and industries,
  entered by hand or imported from the CSV/xlsx template.
- :class:`IOTable`: a region's (usually a prefecture's) input–output table as the ripple computation uses
  it: 投入係数, 自給率, 雇用者所得率, 粗付加価値率, 民間消費支出の構成, 就業係数, 消費転換率. IO analysis is
  floating point by nature, so the figures are JSON numbers.
- :class:`Revision`: every saved version of an account or a table (the data as saved), beside the audit log.
- :class:`Analysis`: a saved ripple computation (the demand, the table version and the frozen result),
  which an applicant can attach to 様式2.

Each is public or private; private means the owning organization's members and the secretariat.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    PRIVATE = "private", _("非公開（組織のメンバーと事務局のみ）")
    PUBLIC = "public", _("公開")


class MoneyUnit(models.TextChoices):
    OKU = "oku", _("億円")
    MILLION = "million", _("百万円")
    THOUSAND = "thousand", _("千円")
    YEN = "yen", _("円")


def _list() -> list[Any]:
    return []


class RegionData(models.Model):
    """What accounts and tables share: the region, the data year, the owner, the version."""

    public_id = models.UUIDField(_("公開ID"), default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("組織"),
        help_text=_("空欄は事務局が登録した参考データです。"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("登録者")
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("地方公共団体"),
    )
    region = models.ForeignKey(
        "registry.RegionRegistration",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("実践地域等"),
    )
    area_name = models.CharField(_("地域名"), max_length=200)
    data_year = models.PositiveSmallIntegerField(_("データ年"))
    unit = models.CharField(_("金額の単位"), max_length=10, choices=MoneyUnit.choices, default=MoneyUnit.OKU)
    source = models.TextField(_("出典"), blank=True)
    is_fictional = models.BooleanField(_("架空のデータ"), default=False)
    visibility = models.CharField(
        _("公開範囲"), max_length=10, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    version = models.PositiveIntegerField(_("版"), default=1)
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC

    @property
    def display_name(self) -> str:
        """The region and year as a heading shows them, with （架空） for demo data."""
        suffix = "（架空）" if self.is_fictional and "架空" not in self.area_name else ""
        return f"{self.area_name}{suffix} {self.data_year}年"


class RegionalAccount(RegionData):
    """The three sides of a region's economy in one money unit (the Ministry's tool uses 億円)."""

    production = models.DecimalField(_("生産（付加価値額）"), max_digits=20, decimal_places=3)
    distribution = models.DecimalField(_("分配（所得）"), max_digits=20, decimal_places=3)
    income_employee = models.DecimalField(
        _("雇用者所得の純流入"), max_digits=20, decimal_places=3, null=True, blank=True
    )
    income_other = models.DecimalField(
        _("その他所得の純流入"), max_digits=20, decimal_places=3, null=True, blank=True
    )
    outflow_consumption = models.DecimalField(
        _("民間消費額の純流出"), max_digits=20, decimal_places=3, null=True, blank=True
    )
    outflow_investment = models.DecimalField(
        _("民間投資額の純流出"), max_digits=20, decimal_places=3, null=True, blank=True
    )
    outflow_other = models.DecimalField(
        _("その他支出の純流出"), max_digits=20, decimal_places=3, null=True, blank=True
    )
    energy_coal_oil_gas = models.DecimalField(
        _("エネルギー代金の純流出：石炭・原油・天然ガス"),
        max_digits=20,
        decimal_places=3,
        null=True,
        blank=True,
    )
    energy_petroleum_products = models.DecimalField(
        _("エネルギー代金の純流出：石油・石炭製品"), max_digits=20, decimal_places=3, null=True, blank=True
    )
    energy_electricity = models.DecimalField(
        _("エネルギー代金の純流出：電気"), max_digits=20, decimal_places=3, null=True, blank=True
    )
    energy_gas_heat = models.DecimalField(
        _("エネルギー代金の純流出：ガス・熱供給"), max_digits=20, decimal_places=3, null=True, blank=True
    )
    population = models.PositiveIntegerField(_("人口"), null=True, blank=True)

    class Meta:
        verbose_name = _("地域経済循環データ")
        verbose_name_plural = _("地域経済循環データ")
        ordering = ["area_name", "-data_year", "id"]
        indexes = [models.Index(fields=["visibility", "area_name"], name="economy_account_visible")]

    def __str__(self) -> str:
        return self.display_name

    ENERGY_FIELDS = (
        "energy_coal_oil_gas",
        "energy_petroleum_products",
        "energy_electricity",
        "energy_gas_heat",
    )


class IndustryFigure(models.Model):
    """One industry of an account: value added, the national figure, trade and employees."""

    account = models.ForeignKey(
        RegionalAccount,
        on_delete=models.CASCADE,
        related_name="industries",
        verbose_name=_("地域経済循環データ"),
    )
    position = models.PositiveSmallIntegerField(_("順番"))
    name = models.CharField(_("産業"), max_length=100)
    value_added = models.DecimalField(_("付加価値額"), max_digits=20, decimal_places=3)
    national_value_added = models.DecimalField(
        _("全国の付加価値額"), max_digits=22, decimal_places=3, null=True, blank=True
    )
    exports = models.DecimalField(_("移輸出"), max_digits=20, decimal_places=3, null=True, blank=True)
    imports = models.DecimalField(_("移輸入"), max_digits=20, decimal_places=3, null=True, blank=True)
    employees = models.DecimalField(_("従業者数"), max_digits=12, decimal_places=1, null=True, blank=True)

    class Meta:
        verbose_name = _("産業別の数値")
        verbose_name_plural = _("産業別の数値")
        ordering = ["account", "position"]

    def __str__(self) -> str:
        return self.name


class IOTable(RegionData):
    """An input–output table reduced to what the ripple computation needs (any sector count up to 200)."""

    title = models.CharField(_("表の名称"), max_length=200)
    sector_count = models.PositiveSmallIntegerField(_("部門数"))
    sectors = models.JSONField(_("部門"), default=_list)
    coefficients = models.JSONField(_("投入係数"), default=_list)
    self_sufficiency = models.JSONField(_("自給率"), default=_list)
    employee_income_ratio = models.JSONField(_("雇用者所得率"), default=_list)
    value_added_ratio = models.JSONField(_("粗付加価値率"), null=True, blank=True)
    consumption_pattern = models.JSONField(_("民間消費支出の構成"), null=True, blank=True)
    employment_per_unit = models.JSONField(_("就業係数"), null=True, blank=True)
    consumption_conversion = models.FloatField(_("消費転換率"), null=True, blank=True)

    class Meta:
        verbose_name = _("産業連関表")
        verbose_name_plural = _("産業連関表")
        ordering = ["area_name", "-data_year", "id"]
        indexes = [models.Index(fields=["visibility", "area_name"], name="economy_table_visible")]

    def __str__(self) -> str:
        return f"{self.title}（{self.display_name}）"


class Revision(models.Model):
    """One saved version of an account or a table: the data as saved, by whom and how."""

    account = models.ForeignKey(
        RegionalAccount, on_delete=models.CASCADE, null=True, blank=True, related_name="revisions"
    )
    io_table = models.ForeignKey(
        IOTable, on_delete=models.CASCADE, null=True, blank=True, related_name="revisions"
    )
    version = models.PositiveIntegerField(_("版"))
    how = models.CharField(_("登録方法"), max_length=40)
    data = models.JSONField(_("内容"))
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("登録者")
    )
    saved_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("版")
        verbose_name_plural = _("版")
        ordering = ["-version", "-id"]

    def __str__(self) -> str:
        return f"v{self.version}"

    @property
    def how_label(self) -> str:
        """How the version was saved, in words."""
        return str(HOW_LABELS.get(self.how, self.how))


HOW_LABELS = {"form": _("画面で入力"), "import": _("ファイルから取込み"), "demo": _("デモデータ")}


class Analysis(models.Model):
    """A saved ripple computation: the table and its version, the demand, and the result as computed."""

    public_id = models.UUIDField(_("公開ID"), default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("組織")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("作成者")
    )
    title = models.CharField(_("件名"), max_length=200)
    io_table = models.ForeignKey(
        IOTable, on_delete=models.PROTECT, related_name="analyses", verbose_name=_("産業連関表")
    )
    table_version = models.PositiveIntegerField(_("産業連関表の版"))
    account = models.ForeignKey(
        RegionalAccount,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="analyses",
        verbose_name=_("地域経済循環データ"),
    )
    demand = models.JSONField(_("最終需要の増加額"), default=_list)
    demand_note = models.TextField(_("需要の根拠"), blank=True)
    result = models.JSONField(_("計算結果"))
    visibility = models.CharField(
        _("公開範囲"), max_length=10, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("経済波及効果の分析")
        verbose_name_plural = _("経済波及効果の分析")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC

"""The master of Japanese local governments (全国地方公共団体コード) and staff-added unions."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from junkan.common.fields import validate_lg_code_value


class MunicipalityKind(models.TextChoices):
    PREFECTURE = "prefecture", _("都道府県")
    DESIGNATED_CITY = "designated_city", _("指定都市")
    CITY = "city", _("市")
    TOWN = "town", _("町")
    VILLAGE = "village", _("村")
    SPECIAL_WARD = "special_ward", _("特別区")
    DESIGNATED_CITY_WARD = "designated_city_ward", _("指定都市の区")
    MUNICIPAL_UNION = "municipal_union", _("一部事務組合")
    WIDE_AREA_UNION = "wide_area_union", _("広域連合")


# Kinds that are 市町村 in the sense of the organization kind `municipality`.
MUNICIPALITY_KINDS = frozenset(
    {MunicipalityKind.DESIGNATED_CITY, MunicipalityKind.CITY, MunicipalityKind.TOWN, MunicipalityKind.VILLAGE}
)
UNION_KINDS = frozenset({MunicipalityKind.MUNICIPAL_UNION, MunicipalityKind.WIDE_AREA_UNION})
# Kinds that may be members of a union: the local public entities of the official master. Wards of a
# designated city are administrative districts, not local public entities, so they cannot be members.
UNION_MEMBER_KINDS = frozenset(
    {
        MunicipalityKind.PREFECTURE,
        MunicipalityKind.DESIGNATED_CITY,
        MunicipalityKind.CITY,
        MunicipalityKind.TOWN,
        MunicipalityKind.VILLAGE,
        MunicipalityKind.SPECIAL_WARD,
    }
)


class Municipality(models.Model):
    """A local government. Official entities have a JIS X 0402 code; unions have none."""

    code = models.CharField(
        _("団体コード"), max_length=6, unique=True, null=True, blank=True, validators=[validate_lg_code_value]
    )
    kind = models.CharField(_("種別"), max_length=24, choices=MunicipalityKind.choices, db_index=True)
    name = models.CharField(_("名称"), max_length=100)
    kana = models.CharField(_("ふりがな"), max_length=200, blank=True)
    full_name = models.CharField(_("正式表記"), max_length=200, db_index=True)
    prefecture = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": MunicipalityKind.PREFECTURE},
        verbose_name=_("都道府県"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="wards",
        verbose_name=_("所属する市"),
    )
    members = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="unions",
        # The six Northern Territories villages exist in the code list but have no government.
        limit_choices_to={"kind__in": sorted(UNION_MEMBER_KINDS), "is_northern_territories": False},
        verbose_name=_("構成団体"),
        help_text=_("一部事務組合・広域連合を構成する団体"),
    )
    is_northern_territories = models.BooleanField(_("北方領土の村"), default=False)
    latitude = models.DecimalField(_("庁舎の緯度"), max_digits=10, decimal_places=7, null=True, blank=True)
    longitude = models.DecimalField(_("庁舎の経度"), max_digits=10, decimal_places=7, null=True, blank=True)
    website = models.URLField(_("ウェブサイト"), blank=True)

    class Meta:
        verbose_name = _("地方公共団体")
        verbose_name_plural = _("地方公共団体")
        ordering = ("code", "id")
        constraints = (
            models.CheckConstraint(
                # sorted: a frozenset's order changes between runs; makemigrations would see a change.
                condition=models.Q(code__isnull=False) | models.Q(kind__in=sorted(UNION_KINDS)),
                name="municipality_code_required_unless_union",
            ),
            models.UniqueConstraint(
                fields=["prefecture", "name"],
                condition=models.Q(code__isnull=True),
                name="municipality_union_name_unique_in_prefecture",
                violation_error_message=_(
                    "同じ都道府県に同じ名称の一部事務組合・広域連合が既に登録されています。"
                ),
            ),
        )

    def __str__(self) -> str:
        return self.full_name

    @property
    def is_official(self) -> bool:
        """Whether the row comes from the official code list (read-only), not a staff-added union."""
        return self.code is not None

    @property
    def prefecture_code(self) -> str | None:
        """The two-digit prefecture number (13 for 東京都); for a union, that of its prefecture."""
        if self.code:
            return self.code[:2]
        if self.prefecture_id is not None:
            return self.prefecture.prefecture_code
        return None

from typing import Any

from django.apps import AppConfig


def _factors_changed(sender: Any, **kwargs: Any) -> None:
    from junkan.carbon.services import factors_changed

    factors_changed()


class CarbonConfig(AppConfig):
    verbose_name = "CO2削減量の算定"
    name = "junkan.carbon"
    label = "carbon"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        for name in ("FactorSet", "FuelFactor", "SupplierFactor"):
            model = self.get_model(name)
            post_save.connect(_factors_changed, sender=model, dispatch_uid=f"carbon-factors-save-{name}")
            post_delete.connect(_factors_changed, sender=model, dispatch_uid=f"carbon-factors-delete-{name}")

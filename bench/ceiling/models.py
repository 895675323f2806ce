from __future__ import annotations

from django.db import models


class Row(models.Model):
    name = models.CharField(max_length=100)
    prefecture = models.CharField(max_length=10)
    amount = models.IntegerField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name

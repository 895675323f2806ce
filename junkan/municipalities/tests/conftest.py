"""Fixtures of the municipalities tests: the shipped CSVs (read apart from the migration) and a union."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

DATA_DIR = Path(__file__).resolve().parents[1] / "data"


def read_csv(name: str) -> list[dict[str, str]]:
    """Rows of a shipped CSV (utf-8-sig: lg_offices.csv starts with a BOM)."""
    with (DATA_DIR / name).open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="session")
def code_rows() -> list[dict[str, str]]:
    return read_csv("lg_codes.csv")


@pytest.fixture(scope="session")
def office_rows() -> list[dict[str, str]]:
    return read_csv("lg_offices.csv")


@pytest.fixture
def union(db):
    """東京二十三区清掃一部事務組合, made of three special wards (registered by the system)."""
    from junkan.municipalities import services

    return services.create_union(
        None,
        "municipal_union",
        "東京二十三区清掃一部事務組合",
        "トウキョウニジュウサンクセイソウイチブジムクミアイ",
        "13",
        ["131016", "131024", "131032"],
        website="https://www.union.tokyo23-seisou.lg.jp/",
    )

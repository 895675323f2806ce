"""How long a 37-sector ripple computation takes (the issue asks for under 50 ms).

Run: ``.venv/bin/python bench/economy_bench.py`` (no database, no Django). It builds a random 37-sector
table with a second round, then times validating the table (``io.model``, which includes the condition
number check) plus the ripple computation (``io.ripple``: the inverse, both rounds, value added,
employment, the two indices) — what ``POST /api/v1/economy/ripple`` does apart from parsing JSON.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from junkan.economy.engine import io

SECTORS = 37
RUNS = 200


def table_arguments(size: int, seed: int = 1) -> dict[str, object]:
    """A random table of ``size`` sectors whose column sums stay below 1."""
    rng = np.random.default_rng(seed)
    matrix = rng.uniform(0, 1, (size, size))
    matrix = matrix / matrix.sum(axis=0) * rng.uniform(0.3, 0.8, size)
    pattern = rng.uniform(0, 1, size)
    return {
        "sectors": [f"部門{i}" for i in range(size)],
        "input_coefficients": matrix.tolist(),
        "self_sufficiency": rng.uniform(0, 1, size).tolist(),
        "employee_income_ratio": rng.uniform(0.1, 0.5, size).tolist(),
        "value_added_ratio": (1 - matrix.sum(axis=0)).tolist(),
        "consumption_conversion": 0.7,
        "consumption_pattern": (pattern / pattern.sum()).tolist(),
        "employment_per_unit": rng.uniform(0, 0.2, size).tolist(),
    }


def once(arguments: dict[str, object], demand: list[float]) -> float:
    """Seconds for one validation and ripple computation."""
    start = time.perf_counter()
    model = io.model(
        arguments["sectors"],  # type: ignore[arg-type]
        arguments["input_coefficients"],  # type: ignore[arg-type]
        arguments["self_sufficiency"],  # type: ignore[arg-type]
        arguments["employee_income_ratio"],  # type: ignore[arg-type]
        value_added_ratio=arguments["value_added_ratio"],  # type: ignore[arg-type]
        consumption_conversion=arguments["consumption_conversion"],  # type: ignore[arg-type]
        consumption_pattern=arguments["consumption_pattern"],  # type: ignore[arg-type]
        employment_per_unit=arguments["employment_per_unit"],  # type: ignore[arg-type]
    )
    io.ripple(model, demand)
    return time.perf_counter() - start


def main() -> None:
    arguments = table_arguments(SECTORS)
    demand = [100.0 if i == 10 else 0.0 for i in range(SECTORS)]
    once(arguments, demand)  # warm up numpy
    timings = sorted(once(arguments, demand) for _ in range(RUNS))
    median = statistics.median(timings) * 1000
    p95 = timings[int(RUNS * 0.95)] * 1000
    print(f"{SECTORS}-sector ripple (model + ripple), {RUNS} runs: median {median:.2f} ms, p95 {p95:.2f} ms")


if __name__ == "__main__":
    main()

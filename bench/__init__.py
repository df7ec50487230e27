"""Benchmarks of Customer Pad, each row measured against a bare baseline in the same run (`python -m bench`).

Absolute times drift between machines; a ratio against a baseline doing the least possible work for the same
result on the same machine, in the same run, does not (much). `bench.__main__` runs the rows, prints one table
and writes it to `docs/benchmarks.md`. No test asserts on these numbers: `tests/test_bench.py` only runs every
row once at a tiny size so the code cannot rot.
"""

import gc
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Sizes:
    """How much data and how many repetitions one run uses."""

    name: str
    customers: int
    lookups: int
    """Customer-by-number calls per side."""
    searches: int
    saves: int
    letters: int
    """Repetitions of the single letter PDF per side."""
    batch: int
    """Letters in the batch PDF."""
    clients: int
    """Concurrent browser clients."""
    round_trips: int
    """Measured wizard steps per client."""
    startups: int
    settle_seconds: float = 5.0
    """How long browser rows wait for NiceGUI to drop closed pages' clients before reading the memory (it drops
    them 3 s after they disconnect)."""
    browser_warm_up: bool = True


FULL = Sizes(name='full', customers=1_000_000, lookups=2000, searches=300, saves=200, letters=40, batch=1000,
             clients=20, round_trips=10, startups=5)
QUICK = Sizes(name='quick', customers=10_000, lookups=500, searches=100, saves=60, letters=12, batch=100,
              clients=10, round_trips=5, startups=2, settle_seconds=3.5)
"""Under two minutes once the data is cached: most of it is ten tablets logging in and opening the wizard."""
TINY = Sizes(name='tiny', customers=300, lookups=3, searches=2, saves=2, letters=1, batch=2, clients=2,
             round_trips=1, startups=1, settle_seconds=0.5, browser_warm_up=False)
SIZES = {sizes.name: sizes for sizes in (FULL, QUICK, TINY)}


@dataclass(frozen=True)
class Timing:
    """Samples of one measured side of a row, in milliseconds (or another unit named by the row)."""

    samples: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        """The 95th percentile (nearest rank: one of the samples, never an interpolation beyond them)."""
        ordered = sorted(self.samples)
        rank = max(1, -(-95 * len(ordered) // 100))
        return ordered[rank - 1]

    @property
    def total(self) -> float:
        return sum(self.samples)


@dataclass
class RowResult:
    """One line of the table: what was measured, the two sides, the ratio and whether it meets its target."""

    name: str
    ours: Timing | None
    baseline: Timing | None
    ratio: float | None
    target: str
    met: bool | None
    unit: str = 'ms'
    ours_label: str = ''
    baseline_label: str = ''
    notes: list[str] = field(default_factory=list)


def ratio_result(name: str, ours: Timing, baseline: Timing, *, limit: float, basis: str = 'median',
                 ours_label: str, baseline_label: str, unit: str = 'ms') -> RowResult:
    """A row whose target is `ours / baseline <= limit`, compared on `basis` ('median', 'p95' or 'total')."""
    ratio = getattr(ours, basis) / getattr(baseline, basis)
    shown_basis = '' if basis == 'median' else f' ({basis})'
    return RowResult(name=name, ours=ours, baseline=baseline, ratio=ratio, target=f'≤ {limit:g}×{shown_basis}',
                     met=ratio <= limit, unit=unit, ours_label=ours_label, baseline_label=baseline_label)


def time_calls(call: Callable[[], object], repeat: int) -> list[float]:
    """Milliseconds of `repeat` calls of `call`, each timed on its own (garbage collected before, not during)."""
    samples = []
    gc.collect()
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def compare(ours: Callable[[object], object], baseline: Callable[[object], object], inputs: Sequence[object],
            rounds: int = 4) -> tuple[Timing, Timing]:
    """Time `ours(x)` and `baseline(x)` for every x of `inputs`, alternating sides in `rounds` slices so that a
    noisy neighbour on the machine slows both sides alike. One warm-up call of each side is not counted."""
    ours(inputs[0])
    baseline(inputs[0])
    ours_samples: list[float] = []
    baseline_samples: list[float] = []
    rounds = max(1, min(rounds, len(inputs)))
    for index in range(rounds):
        chunk = inputs[index::rounds]
        for side, samples in ((ours, ours_samples), (baseline, baseline_samples)):
            gc.collect()
            for value in chunk:
                started = time.perf_counter()
                side(value)
                samples.append((time.perf_counter() - started) * 1000)
    return Timing(tuple(ours_samples)), Timing(tuple(baseline_samples))

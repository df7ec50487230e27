"""The benchmark runs: every row once at a tiny size, two browser clients (no timing is asserted, ever)."""

from pathlib import Path

import pytest

from bench import TINY, report
from bench.__main__ import ROWS, run

pytestmark = pytest.mark.browser

EXPECTED_ROWS = ('letter PDF', 'batch letters', 'customer by number', 'name search', 'customer save',
                 'wizard step round trip', 'memory per client', 'start-up')


def test_every_bench_row_runs_at_a_tiny_size_and_lands_in_the_table(tmp_path: Path) -> None:
    results = run(TINY, rows=ROWS, work_dir=tmp_path / 'work', cache_dir=tmp_path / 'cache', log=lambda _: None)

    assert tuple(row.name for row in results) == EXPECTED_ROWS
    for row in results:
        if row.name == 'memory per client' and row.ours is None:
            continue  # no /proc on this system
        assert row.ours is not None and row.ours.samples, row.name
        if row.name != 'customer save':
            assert row.baseline is not None and row.baseline.samples, row.name
            assert row.ratio is not None, row.name
    document = report.document(results, report.RunInfo(sizes=TINY, backend='SQLite', clients=TINY.clients,
                                                        seconds=1.0))
    for name in EXPECTED_ROWS:
        assert f'| {name} |' in document

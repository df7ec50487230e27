"""`python -m bench [--quick] [--postgres-url URL]`: run every row, print the table, write docs/benchmarks.md."""

import argparse
import os
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bench import FULL, QUICK, SIZES, RowResult, Sizes, data, report, service_rows, web_rows
from customer_pad import db

ROWS: tuple[str, ...] = ('letter', 'batch', 'lookup', 'search', 'save', 'browser', 'startup')
"""Row groups in the order they run (`browser` is the wizard round trip and the memory per client)."""


def _prepare(sizes: Sizes, postgres_url: str | None, work_dir: Path, cache_dir: Path) -> tuple[str, Callable[[], None]]:
    """The database URL to run on and how to remove it afterwards."""
    if postgres_url:
        template = data.postgres_template(postgres_url, sizes.customers, sizes.batch, progress=True)
        name = f'cp_bench_run_{os.getpid()}'
        url = data.postgres_working_copy(postgres_url, template, name)
        return url, lambda: data.drop_postgres_database(postgres_url, name)
    cached = data.sqlite_database(sizes.customers, sizes.batch, cache_dir=cache_dir, progress=True)
    url = data.sqlite_working_copy(cached, work_dir)
    return url, lambda: None


def run(sizes: Sizes, *, postgres_url: str | None = None, clients: int | None = None,
        rows: Sequence[str] = ROWS, work_dir: Path, cache_dir: Path = data.CACHE_DIR,
        log: Callable[[str], None] = print) -> list[RowResult]:
    """Measure `rows` at `sizes` and return the results in table order."""
    started = time.perf_counter()
    log(f'Preparing {sizes.customers:,} customers on {"PostgreSQL" if postgres_url else "SQLite"}…')
    url, remove = _prepare(sizes, postgres_url, work_dir, cache_dir)
    log(f'  ready after {time.perf_counter() - started:.0f} s')
    results: list[RowResult] = []
    start_times: dict[str, list[float]] = {}
    try:
        db.configure(url)
        database = data.describe(url, sizes.customers, sizes.batch)
        steps: dict[str, Callable[[], list[RowResult]]] = {
            'letter': lambda: [service_rows.letter_pdf(sizes)],
            'batch': lambda: [service_rows.batch_letters(sizes, database)],
            'lookup': lambda: [service_rows.customer_by_number(sizes, database)],
            'search': lambda: [service_rows.name_search(sizes)],
            'save': lambda: [service_rows.customer_save(sizes)],
            'browser': lambda: web_rows.browser_rows(sizes, url, work_dir, clients, start_times),
            'startup': lambda: [web_rows.start_up(sizes, url, work_dir, start_times)],
        }
        for name in ROWS:
            if name not in rows:
                continue
            if name in ('browser', 'startup'):
                db.engine().dispose()  # the server process has the database to itself
            step_started = time.perf_counter()
            log(f'{name}…')
            results.extend(steps[name]())
            log(f'  {time.perf_counter() - step_started:.0f} s')
    finally:
        db.engine().dispose()
        remove()
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog='python -m bench', description=__doc__)
    parser.add_argument('--quick', action='store_true', help=f'{QUICK.customers:,} customers instead of '
                        f'{FULL.customers:,}, fewer repetitions (under two minutes once the data is cached)')
    parser.add_argument('--sizes', choices=sorted(SIZES), help='full, quick or tiny (the test\'s) sizes')
    parser.add_argument('--postgres-url', default=os.environ.get('CUSTOMER_PAD_BENCH_POSTGRES_URL') or None,
                        help='run on PostgreSQL (a server URL; default: $CUSTOMER_PAD_BENCH_POSTGRES_URL)')
    parser.add_argument('--clients', type=int, help='concurrent browser clients (default: 20)')
    parser.add_argument('--rows', nargs='+', choices=ROWS, default=list(ROWS), help='only these rows')
    parser.add_argument('--output', type=Path, default=report.DOCUMENT, help='where to write the table')
    arguments = parser.parse_args(argv)
    sizes = SIZES[arguments.sizes] if arguments.sizes else QUICK if arguments.quick else FULL
    work_dir = data.CACHE_DIR / f'run-{os.getpid()}'
    started = time.perf_counter()
    try:
        results = run(sizes, postgres_url=arguments.postgres_url, clients=arguments.clients, rows=arguments.rows,
                      work_dir=work_dir)
    except BaseException:
        print(f'\nThe servers\' logs are kept in {work_dir}', file=sys.stderr)
        raise
    shutil.rmtree(work_dir, ignore_errors=True)
    info = report.RunInfo(sizes=sizes, backend='PostgreSQL' if arguments.postgres_url else 'SQLite',
                          clients=arguments.clients or sizes.clients, seconds=time.perf_counter() - started)
    print()
    print(report.table(results))
    print()
    print(report.details(results))
    report.write(results, info, arguments.output)
    print(f'\nWritten to {arguments.output}')
    return 0


if __name__ == '__main__':
    sys.exit(main())

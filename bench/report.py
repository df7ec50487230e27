"""The bench's one table, printed and written to `docs/benchmarks.md` with the machine, date, sizes and commit."""

import os
import platform
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench import RowResult, Sizes, Timing
from customer_pad.config import PROJECT_DIR

DOCUMENT = PROJECT_DIR / 'docs' / 'benchmarks.md'


@dataclass(frozen=True)
class RunInfo:
    sizes: Sizes
    backend: str
    clients: int
    seconds: float


def _commit() -> str:
    try:
        commit = subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], cwd=PROJECT_DIR, capture_output=True,
                                text=True, check=True).stdout.strip()
        dirty = subprocess.run(['git', 'status', '--porcelain', '--untracked-files=no'], cwd=PROJECT_DIR,
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return 'unknown'
    return f'{commit} (with uncommitted changes)' if dirty else commit


def _cpu_name() -> str:
    try:
        for line in Path('/proc/cpuinfo').read_text().splitlines():
            if line.startswith('model name'):
                return line.split(':', 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _machine() -> str:
    memory = ''
    try:
        total_kb = next(int(line.split()[1]) for line in Path('/proc/meminfo').read_text().splitlines()
                        if line.startswith('MemTotal:'))
        memory = f', {total_kb / 1024 / 1024:.0f} GiB'
    except (OSError, StopIteration):
        pass
    load = ''
    if hasattr(os, 'getloadavg'):
        load = f', load average {os.getloadavg()[0]:.1f} at the end'
    return (f'{_cpu_name()}, {os.cpu_count()} cores{memory}{load}; {platform.system()}, '
            f'Python {platform.python_version()}')


def _number(value: float, unit: str) -> str:
    if unit == 'MB':
        return f'{value:.2f} MB'
    if value >= 10_000:
        return f'{value / 1000:.1f} s'
    if value >= 100:
        return f'{value:.0f} ms'
    if value >= 1:
        return f'{value:.1f} ms'
    return f'{value:.2f} ms'


def _timing(timing: Timing | None, unit: str) -> tuple[str, str]:
    if timing is None:
        return '—', '—'
    if len(timing.samples) == 1:
        return _number(timing.samples[0], unit), '—'
    return _number(timing.median, unit), _number(timing.p95, unit)


def _verdict(row: RowResult) -> str:
    if row.met is None:
        return 'reported'
    return 'met' if row.met else '**missed**'


def table(rows: Sequence[RowResult]) -> str:
    """The Markdown table of `rows`: medians and p95 of both sides, the ratio, the target and the verdict."""
    lines = ['| row | ours p50 | ours p95 | baseline p50 | baseline p95 | ratio | target | result |',
             '| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |']
    for row in rows:
        ours = _timing(row.ours, row.unit)
        baseline = _timing(row.baseline, row.unit)
        ratio = f'{row.ratio:.2f}×' if row.ratio is not None else '—'
        lines.append(f'| {row.name} | {ours[0]} | {ours[1]} | {baseline[0]} | {baseline[1]} | {ratio} | '
                     f'{row.target} | {_verdict(row)} |')
    return '\n'.join(lines)


def details(rows: Sequence[RowResult]) -> str:
    """What each side of each row measured, with the number of samples and any note."""
    lines = []
    for row in rows:
        samples = len(row.ours.samples) if row.ours else 0
        text = f'- **{row.name}** ({samples} sample{"s" if samples != 1 else ""} per side): ours: {row.ours_label}'
        if row.baseline is not None:
            text += f'; baseline: {row.baseline_label}'
        for note in row.notes:
            text += f'; {note}'
        lines.append(text + '.')
    return '\n'.join(lines)


def document(rows: Sequence[RowResult], info: RunInfo) -> str:
    sizes = info.sizes
    now = datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')
    return f'''# Benchmarks

Written by `make bench` / `make bench-quick` (`python -m bench [--quick] [--postgres-url URL]`); do not edit by
hand. Every ratio is ours ÷ a bare baseline measured in the same run on the same machine (the browser row
compares p95, the batch compares totals, the others medians); absolute times are there to read, not to compare
between machines.

- **Run:** {sizes.name} sizes, {info.backend}, {now}, {info.seconds / 60:.1f} min
- **Data:** {sizes.customers:,} generated customers (one contact, a history row and two consent records each) plus
  the demo data; {sizes.batch:,} letters in the batch; {info.clients} concurrent browser clients
- **Machine:** {_machine()}
- **Commit:** {_commit()}

{table(rows)}

{details(rows)}

The generated consent records carry plausible hex fingerprints, not a valid evidence chain, and no signature
or customer snapshot (so `python -m customer_pad verify` reports them on a bench database). How the data is made
and cached: `bench/data.py`.
'''


def write(rows: Sequence[RowResult], info: RunInfo, path: Path = DOCUMENT) -> None:
    path.write_text(document(rows, info), encoding='utf-8')

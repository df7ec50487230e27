"""What the app loads before it serves its first page (start-up time is measured by `make bench`, not here)."""

import json
import subprocess
import sys

from customer_pad.config import PROJECT_DIR

DEFERRED = ('reportlab', 'alembic', 'pypdf')
"""Loaded with the first document printed or the first migration run, never at start-up."""


def test_importing_every_page_loads_no_pdf_or_migration_library() -> None:
    script = 'import json, sys, pages; print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))'
    completed = subprocess.run([sys.executable, '-c', script], cwd=PROJECT_DIR, capture_output=True, text=True,
                               check=True, timeout=60)

    loaded = set(json.loads(completed.stdout.strip().splitlines()[-1]))
    assert 'customer_pad' in loaded and 'sqlalchemy' in loaded
    assert loaded.isdisjoint(DEFERRED), sorted(loaded.intersection(DEFERRED))

"""Settings from environment variables (documented in the README), with safe defaults."""

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from customer_pad.i18n import normalise_language

PROJECT_DIR = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    database_url: str
    host: str
    port: int
    storage_secret: str
    default_language: str
    data_dir: Path
    redis_url: str | None


def _storage_secret(data_dir: Path) -> str:
    """The secret that signs session cookies: generated once and kept in the data folder."""
    path = data_dir / 'storage_secret'
    if path.exists():
        return path.read_text(encoding='utf-8').strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, 'w', encoding='utf-8') as file:
        file.write(secret)
    return secret


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read the `CUSTOMER_PAD_*` variables; the default is a SQLite file under `./data/`."""
    env = os.environ if environ is None else environ
    data_dir = Path(env.get('CUSTOMER_PAD_DATA_DIR') or PROJECT_DIR / 'data').resolve()
    database_url = env.get('CUSTOMER_PAD_DATABASE_URL') or f'sqlite:///{data_dir / "customer_pad.sqlite3"}'
    return Settings(
        database_url=normalise_database_url(database_url),
        host=env.get('CUSTOMER_PAD_HOST') or '127.0.0.1',
        port=int(env.get('CUSTOMER_PAD_PORT') or 8080),
        storage_secret=env.get('CUSTOMER_PAD_STORAGE_SECRET') or _storage_secret(data_dir),
        default_language=default_language(env),
        data_dir=data_dir,
        redis_url=env.get('NICEGUI_REDIS_URL') or None,
    )


def normalise_database_url(url: str) -> str:
    """Make a plain `postgresql://` URL use psycopg 3, the driver this project installs."""
    for prefix in ('postgresql://', 'postgres://'):
        if url.startswith(prefix):
            return 'postgresql+psycopg://' + url[len(prefix):]
    return url


def default_language(environ: Mapping[str, str] | None = None) -> str:
    """The UI language before anyone chose one (`CUSTOMER_PAD_DEFAULT_LANGUAGE`, any case; French if unset)."""
    env = os.environ if environ is None else environ
    return normalise_language((env.get('CUSTOMER_PAD_DEFAULT_LANGUAGE') or 'fr').strip().lower())


def idle_timeout_minutes(environ: Mapping[str, str] | None = None) -> int:
    """Minutes without a touch or key press after which a staff session ends (`CUSTOMER_PAD_IDLE_MINUTES`)."""
    env = os.environ if environ is None else environ
    return max(1, int(env.get('CUSTOMER_PAD_IDLE_MINUTES') or 30))

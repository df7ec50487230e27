"""Command line: `python -m customer_pad init|seed|set-password USERNAME|verify|backup PATH|restore PATH`."""

import argparse
import getpass
import sys
from pathlib import Path

from customer_pad import db, demo
from customer_pad.config import load_settings
from customer_pad.migrate import upgrade


def _init(_args: argparse.Namespace) -> int:
    settings = load_settings()
    upgrade(settings.database_url)
    db.configure(settings.database_url)
    seeded = demo.seed_demo()
    print('Demo data added.' if seeded else 'Database already has data; nothing seeded.')
    return 0


def _seed(_args: argparse.Namespace) -> int:
    settings = load_settings()
    upgrade(settings.database_url)
    db.configure(settings.database_url)
    if not demo.seed_demo():
        print('The database is not empty: seed only fills a fresh database.', file=sys.stderr)
        return 1
    print('Demo data added.')
    return 0


def _set_password(args: argparse.Namespace) -> int:
    from customer_pad.errors import ValidationFailed
    from customer_pad.i18n import translate
    from customer_pad.services.logins import set_password

    settings = load_settings()
    db.configure(settings.database_url)
    password = getpass.getpass(f'New password for {args.username}: ')
    try:
        set_password(args.username, password)
    except ValidationFailed as error:
        for message in error.errors.values():
            print(translate(message.key, 'en', **message.params), file=sys.stderr)
        return 1
    except LookupError:
        print(f'No login named {args.username!r}.', file=sys.stderr)
        return 1
    print('Password changed.')
    return 0


def _verify(_args: argparse.Namespace) -> int:
    from customer_pad.evidence import verify_evidence

    db.configure(load_settings().database_url)
    problems = verify_evidence()
    for problem in problems:
        print(problem)
    print('Evidence verified: every record matches.' if not problems else f'{len(problems)} record(s) do not match.')
    return 1 if problems else 0


def _backup(args: argparse.Namespace) -> int:
    from customer_pad.backup import BackupNotSupported, NotASQLiteDatabase, backup_database

    try:
        target = backup_database(load_settings().database_url, Path(args.path))
    except BackupNotSupported:
        print('This database is not a SQLite file: back PostgreSQL up with pg_dump (see the README).', file=sys.stderr)
        return 2
    except FileExistsError:
        print(f'{args.path} exists already; choose a new file name.', file=sys.stderr)
        return 1
    except NotASQLiteDatabase as missing:
        print(f'The database {missing} cannot be read; nothing was written.', file=sys.stderr)
        return 1
    print(f'Backup written to {target}.')
    return 0


def _restore(args: argparse.Namespace) -> int:
    from customer_pad.backup import BackupNotSupported, NotASQLiteDatabase, restore_database

    try:
        target = restore_database(load_settings().database_url, Path(args.path))
    except BackupNotSupported:
        print('This database is not a SQLite file: restore PostgreSQL with pg_restore (see the README).',
              file=sys.stderr)
        return 2
    except FileNotFoundError:
        print(f'No backup file at {args.path}.', file=sys.stderr)
        return 1
    except NotASQLiteDatabase:
        print(f'{args.path} is not a SQLite backup; the database was left as it was.', file=sys.stderr)
        return 1
    print(f'Database {target} restored from {args.path}.')
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog='python -m customer_pad', description='Customer Pad administration')
    commands = parser.add_subparsers(dest='command', required=True)
    commands.add_parser('init', help='apply migrations and add the demo data to an empty database').set_defaults(
        handler=_init)
    commands.add_parser('seed', help='add the demo data to a fresh database').set_defaults(handler=_seed)
    password = commands.add_parser('set-password', help='set the password of a login (asks for it)')
    password.add_argument('username')
    password.set_defaults(handler=_set_password)
    commands.add_parser('verify', help='recompute the consent and signature evidence chains').set_defaults(
        handler=_verify)
    backup = commands.add_parser('backup', help='write a consistent copy of the SQLite database to PATH')
    backup.add_argument('path')
    backup.set_defaults(handler=_backup)
    restore = commands.add_parser('restore', help='replace the SQLite database with the backup at PATH (app stopped)')
    restore.add_argument('path')
    restore.set_defaults(handler=_restore)
    args = parser.parse_args(argv)
    return args.handler(args)


if __name__ == '__main__':
    sys.exit(main())

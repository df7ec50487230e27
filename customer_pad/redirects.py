"""Where a login may send the browser afterwards: only to a local path of this app."""

from urllib.parse import urlsplit

HOME_PATH = '/'


def safe_local_path(target: str | None) -> str:
    """`target` if it is a path on this site (not `//host`, not a scheme, no backslash trick), else home."""
    if not target or not target.startswith('/') or target.startswith('//') or '\\' in target:
        return HOME_PATH
    if any(ord(char) < 0x20 for char in target):
        return HOME_PATH
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or parts.path.startswith('/login'):
        return HOME_PATH
    return target

"""Fingerprints of legal texts: what a consent record proves the customer was shown."""

import hashlib


def legal_text_sha256(title: str, body: str) -> str:
    """SHA-256 (hex) over the title and body exactly as shown to the customer."""
    return hashlib.sha256(f'{title}\n\n{body}'.encode()).hexdigest()

"""Customer Pad domain core: configuration, database, services, translations, PDFs, signatures.

Nothing in this package imports NiceGUI: every service can be called from a page, a test or the CLI.
"""

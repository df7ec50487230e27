"""The back office: screens for managers (staff may look at some of them), with a shared navigation."""

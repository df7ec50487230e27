"""Page tests run main.py through NiceGUI's `user` fixture on a fresh copy of the demo database."""

import pytest
from nicegui.testing import User


@pytest.fixture(autouse=True)
def _fresh_app_database(app_environment: str) -> str:
    return app_environment


async def log_in(user: User, username: str = 'andre', password: str = 'customerpad') -> None:
    """Log in through the login form, as a person would."""
    await user.open('/login')
    user.find(marker='username').type(username)
    user.find(marker='password').type(password)
    user.find(marker='login-submit').click()
    await user.should_see(marker='log-out', retries=30)

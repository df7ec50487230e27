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


async def hand_back(user: User, secret: str = 'customerpad') -> None:
    """On the hand-back screen: staff end customer mode with their PIN or password."""
    await user.should_see(marker='handback', retries=100)
    user.find(marker='handback-secret').type(secret)
    user.find(marker='handback-unlock').click()
    await user.should_see(marker='home', retries=100)

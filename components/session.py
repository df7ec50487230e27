"""The browser session's login and its idle timeout (typed drafts and the language survive a timeout)."""

import time
from urllib.parse import unquote

from nicegui import app, ui

from components import customer_mode
from customer_pad.config import idle_timeout_minutes

ACTIVITY_EVENT = 'cp_activity'
# Tells the server at most once a minute that someone touched or typed on this page.
_ACTIVITY_SCRIPT = f'''<script>
(() => {{
  let last = 0;
  const report = () => {{
    const now = Date.now();
    if (now - last > 60000) {{ last = now; emitEvent('{ACTIVITY_EVENT}'); }}
  }};
  for (const type of ['pointerdown', 'keydown', 'wheel']) document.addEventListener(type, report, {{passive: true}});
}})();
</script>'''


def touch() -> None:
    """Someone is using the app right now."""
    app.storage.user['last_activity'] = time.time()


def is_idle(now: float | None = None) -> bool:
    """Whether the session has been idle longer than the configured timeout."""
    last = app.storage.user.get('last_activity')
    if last is None:
        return False
    return (now or time.time()) - float(last) > idle_timeout_minutes() * 60


def end_session() -> None:
    """Forget the login (drafts and language stay, so nothing typed is lost)."""
    for key in ('login_id', 'acting_employee_id', 'last_activity'):
        app.storage.user.pop(key, None)


def watch_idle(path: str) -> None:
    """On the current page: record activity, end the session once it has been idle too long, and follow
    customer mode when another tab of this session started it."""

    def check() -> None:
        if app.storage.user.get('login_id') and is_idle():
            end_session()
            ui.navigate.to(f'/login?redirect_to={path}&reason=idle')
        elif not customer_mode.allows(unquote(path)):
            ui.navigate.to(customer_mode.active()['path'])

    ui.add_body_html(_ACTIVITY_SCRIPT)
    ui.on(ACTIVITY_EVENT, touch)
    ui.timer(2, check, immediate=False)

"""Customer Pad: wiring only (database, auth middleware, pages, static files, server)."""

import gc

# Start-up builds a few hundred thousand objects that live as long as the process (modules, SQLAlchemy's
# mappings, the pages). Collecting garbage among them while importing cost about 140 ms of each start; the
# collector comes back on, with them frozen out of its way, once the server starts (see `_collect_garbage`).
gc.disable()

from urllib.parse import quote

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import app, ui
from starlette.middleware.base import BaseHTTPMiddleware

from customer_pad import db
from customer_pad.config import PROJECT_DIR, load_settings
from customer_pad.http_headers import SecurityHeadersMiddleware
from customer_pad.migrate import upgrade_if_behind
from pages import register_pages

PUBLIC_PATHS = frozenset({'/login', '/favicon.ico'})
PUBLIC_PREFIXES = ('/_nicegui/', '/assets/')

settings = load_settings()
upgrade_if_behind(settings.database_url, db.configure(settings.database_url))


class AuthMiddleware(BaseHTTPMiddleware):
    """Send every request without a session to /login, remembering where it was going."""

    async def dispatch(self, request: Request, call_next):
        path = request.url.path
        if not app.storage.user.get('login_id') and path not in PUBLIC_PATHS and not path.startswith(PUBLIC_PREFIXES):
            return RedirectResponse(f'/login?redirect_to={quote(path)}', status_code=303)
        return await call_next(request)


@app.on_startup
def _collect_garbage() -> None:
    gc.freeze()  # what start-up built is never garbage: later collections need not walk it again
    gc.enable()


app.add_middleware(AuthMiddleware)
app.add_middleware(SecurityHeadersMiddleware)
app.add_static_files('/assets', PROJECT_DIR / 'assets')
register_pages()

if __name__ in {'__main__', '__mp_main__'}:
    ui.run(
        host=settings.host,
        port=settings.port,
        title='Customer Pad',
        storage_secret=settings.storage_secret,
        language='fr',
        favicon='⌚',
        reload=False,
        show=False,
    )

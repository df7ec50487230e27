"""Security headers on every response (a plain ASGI middleware, so it costs next to nothing per request)."""

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# NiceGUI renders inline scripts and compiles Vue templates in the browser, hence 'unsafe-inline' and
# 'unsafe-eval' for scripts; everything else is held to this site, and no other site may frame it.
CONTENT_SECURITY_POLICY = '; '.join((
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b'content-security-policy', CONTENT_SECURITY_POLICY.encode()),
    (b'x-frame-options', b'DENY'),
    (b'x-content-type-options', b'nosniff'),
    (b'referrer-policy', b'same-origin'),
    (b'permissions-policy', b'camera=(), microphone=(), geolocation=(), payment=()'),
    (b'cross-origin-opener-policy', b'same-origin'),
)


# Pages show customers' data: no copy of them stays in the browser's cache, and the back button asks the
# server again (which shows a tablet in customer mode nothing but the current form).
PAGE_CACHE_CONTROL = (b'cache-control', b'no-store')


class SecurityHeadersMiddleware:
    """Adds `SECURITY_HEADERS` to every HTTP response, and `PAGE_CACHE_CONTROL` to every HTML page."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope['type'] != 'http':
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message['type'] == 'http.response.start':
                headers = dict((name.lower(), value) for name, value in message.get('headers', []))
                extra = [*SECURITY_HEADERS]
                if headers.get(b'content-type', b'').startswith(b'text/html'):
                    extra.append(PAGE_CACHE_CONTROL)
                message['headers'] = [*message.get('headers', []),
                                      *(header for header in extra if header[0] not in headers)]
            await send(message)

        await self.app(scope, receive, send_with_headers)

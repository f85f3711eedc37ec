"""The ASGI application that daphne serves: HTTP through Django, websockets through Channels."""

import gc
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

# A daphne process holds every open socket's objects (about 150 each, whoever's consumer they
# are), and CPython's full collection walks all of them: a pause for every socket of the process.
# At the default thresholds (a young collection every 700 allocations) the short-lived objects
# of the work in flight are promoted fast enough to set one off every few seconds at 100 chat
# messages a second, and the p99 of delivery to 2,000 sockets was 260 ms; collecting the young
# generation every 10,000 allocations makes full collections rare, and the p99 43 ms
# (bench/chat.py, scenario (a); docs/benchmarks.md, "Chat").
gc.set_threshold(10_000, 10, 10)
# Django must be set up before anything imports models (consumers do, through the routing).
django_application = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from apps.core.proxy import TrustedProxyMiddleware  # noqa: E402
from apps.realtime.origin import SameOriginValidator  # noqa: E402
from config.routing import websocket_urlpatterns  # noqa: E402

application = TrustedProxyMiddleware(
    ProtocolTypeRouter(
        {
            "http": django_application,
            "websocket": SameOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
        }
    )
)

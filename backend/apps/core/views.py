from asgiref.sync import sync_to_async
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET
from django.views.defaults import page_not_found
from django.views.defaults import server_error as django_server_error

from apps.core.api.errors import error_body
from apps.core.health import channel_layer_is_up, database_is_up, task_runner_is_up


def _word(up: bool) -> str:
    return "ok" if up else "unavailable"


@never_cache
@require_GET
async def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database and the channel layer both answer (this process can serve), 503
    otherwise. The task runner is reported too: without a worker the app serves, but nothing
    runs later, and ``status`` says ``degraded``."""
    database = await sync_to_async(database_is_up)()
    channel_layer = await channel_layer_is_up()
    task_runner = await sync_to_async(task_runner_is_up)()
    serving = database and channel_layer
    return JsonResponse(
        {
            "status": ("ok" if task_runner else "degraded") if serving else "unavailable",
            "database": _word(database),
            "channel_layer": _word(channel_layer),
            "task_runner": _word(task_runner),
        },
        status=200 if serving else 503,
    )


@never_cache  # it names the build's files: a new build reaches everyone on their next visit
@ensure_csrf_cookie
@require_GET
def web_app(request: HttpRequest) -> HttpResponse:
    """The browser app's page, for every path the app routes itself (/, /people/12, …)."""
    index = settings.FRONTEND_DIST_DIR / "index.html"
    if not index.is_file():
        return HttpResponse(
            "The web app is not built yet: run `make run` (or `npm run build` in frontend/).",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    return HttpResponse(index.read_bytes(), content_type="text/html; charset=utf-8")


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A path nobody serves: the API's error shape under /api/, Django's page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse(error_body("not_found", _("Not found.")), status=404)
    return page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """A failure of the server (logged with its traceback by Django): the API's error shape
    under /api/, Django's page elsewhere. With DEBUG on, Django shows its own page first."""
    if request.path.startswith("/api/"):
        return JsonResponse(
            error_body("server_error", _("The server failed; try again later.")), status=500
        )
    return django_server_error(request)

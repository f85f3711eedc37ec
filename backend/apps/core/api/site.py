from rest_framework.request import Request


def site_address(request: Request) -> str:
    """The address people reach the site at, as this request came (``https://host``), for the
    links the site emails. The host is one of ``ALLOWED_HOSTS``, and the scheme is the
    client's only behind a trusted proxy (``apps.core.proxy``)."""
    return request.build_absolute_uri("/").rstrip("/")

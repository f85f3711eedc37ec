"""Static files: WhiteNoise, told which of them never change.

The web app's build (Vite) names every file under ``assets/`` after a hash of its content
(``index-DIubcHoC.js``) and writes a gzip and a Brotli copy beside it, which WhiteNoise serves
to browsers that accept them. A file so named never changes, so browsers may keep it for good;
the page that names them (``index.html``, served by ``apps.core.views.web_app``) is read again
on every visit, so a new build reaches everyone at once.
"""

import re

from whitenoise.middleware import WhiteNoiseMiddleware

#: A file of the web app's build, named after a hash of its content (Vite: eight characters).
BUILT_ASSET = re.compile(r"^assets/[^/]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+$")


class StaticFilesMiddleware(WhiteNoiseMiddleware):  # type: ignore[misc]  # WhiteNoise is untyped
    """WhiteNoise, with the web app's built files cached for good like Django's hashed ones."""

    def immutable_file_test(self, path: str, url: str) -> bool:
        name = url.removeprefix(self.static_prefix)
        return bool(BUILT_ASSET.match(name)) or super().immutable_file_test(path, url)

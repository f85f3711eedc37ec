"""The kinds of notification, each registered by the app that raises it.

``notifications`` knows no other app: an app that tells people something registers its kinds
here when Django starts (in its ``AppConfig.ready``), with a label for people, and passes one of
them to ``notify``. The front end words each kind in both languages.
"""

from django.utils.functional import Promise

# (code, label) pairs, in the order they were registered: the API's enum of kinds.
KINDS: list[tuple[str, str | Promise]] = []


def register(code: str, label: str | Promise) -> str:
    """Make ``code`` a kind of notification (registering it again changes nothing)."""
    if code not in registered():
        KINDS.append((code, label))
    return code


def registered() -> set[str]:
    return {code for code, _label in KINDS}

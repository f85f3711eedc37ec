"""Work of the accounts app that runs on the task runner."""

from apps.accounts import password_links
from apps.tasks.runner import task


@task()
def email_password_link(user_id: int, site_url: str, first: bool) -> None:
    """Email a set-password link (``password_links.email_link``)."""
    password_links.email_link(user_id=user_id, site_url=site_url, first=first)

"""The browser app's page is served for the paths the app routes itself, and only those."""

import pytest

APP_PAGE = b'<div id="root"></div>'


@pytest.fixture
def built_app(settings, tmp_path):
    (tmp_path / "index.html").write_bytes(b"<!doctype html><title>Talentbridge</title>" + APP_PAGE)
    settings.FRONTEND_DIST_DIR = tmp_path


@pytest.mark.parametrize("path", ["/", "/people/12", "/needs/new", "/manage/audit?page=2"])
def test_the_app_page_is_served_for_its_own_routes(client, built_app, path) -> None:
    response = client.get(path)

    assert response.status_code == 200
    assert APP_PAGE in response.content
    assert "csrftoken" in response.cookies


@pytest.mark.parametrize("path", ["/api/v1/nothing/", "/admin/nothing/", "/static/nothing.js"])
def test_backend_paths_are_never_the_app(client, built_app, path, admin_user) -> None:
    client.force_login(admin_user)

    response = client.get(path)

    assert response.status_code == 404
    assert APP_PAGE not in response.content


def test_an_unbuilt_app_says_how_to_build_it(client, settings, tmp_path) -> None:
    settings.FRONTEND_DIST_DIR = tmp_path

    response = client.get("/")

    assert response.status_code == 503
    assert "make run" in response.content.decode()

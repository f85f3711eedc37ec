from django.core.management import call_command


def test_the_openapi_description_is_valid_and_has_no_warning(tmp_path) -> None:
    schema_file = tmp_path / "schema.yaml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(schema_file))

    assert "/api/v1/needs/{id}/open/:" in schema_file.read_text()


def test_the_docs_page_and_the_schema_are_served(client) -> None:
    assert client.get("/api/docs/").status_code == 200
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert schema.json()["components"]["schemas"]["Error"]["required"] == [
        "code",
        "detail",
        "errors",
    ]

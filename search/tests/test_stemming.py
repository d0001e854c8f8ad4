"""Search stems words: on PostgreSQL with the configured language (English unless
SEARCH_LANGUAGE says otherwise), whatever the server's own default configuration; on
the embedded SQLite with FTS5's porter tokenizer."""

import pytest
from django.conf import settings

from catalog.tests.factories import make_product
from config.tests.test_project import run_manage


@pytest.mark.django_db
def test_a_plural_finds_what_its_singular_finds(client, category):
    assert settings.WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] == "english"
    make_product(parent=category, title="Oak Board", images=0)
    make_product(parent=category, title="Linen Apron", images=0)

    for query in ("board", "boards", "aprons"):
        found = [card.title for card in client.get("/search/", {"q": query}).context["cards"]]
        assert found == (["Linen Apron"] if query == "aprons" else ["Oak Board"]), query


def test_the_embedded_sqlite_store_stems_too(tmp_path):
    """`make run` searches SQLite's FTS5 table, made with the porter tokenizer."""
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    assert run_manage("migrate", "--noinput", settings_env=env).returncode == 0
    found = run_manage(
        "shell",
        "-c",
        "from django.db import connection\n"
        "table = 'wagtailsearch_indexentry_fts'\n"
        "with connection.cursor() as cursor:\n"
        "    cursor.execute(f\"INSERT INTO {table}(rowid, title) VALUES (7, 'Stoneware Mug')\")\n"
        "    cursor.execute(f\"SELECT rowid FROM {table} WHERE {table} MATCH 'mugs'\")\n"
        "    print('found', cursor.fetchall())",
        settings_env=env,
    )
    assert "found [(7,)]" in found.stdout, found.stderr

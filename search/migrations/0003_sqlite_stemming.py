"""On SQLite (`make run`), the full-text table stems English words with FTS5's porter
tokenizer, so "mugs" finds mugs there too. It is made again from the index entries it
copies; PostgreSQL stems with SEARCH_LANGUAGE and is left alone."""

from django.db import migrations


def _remake(apps, schema_editor, tokenize: str) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    if f"{table}_fts" not in schema_editor.connection.introspection.table_names():
        return  # this SQLite has no FTS5: Wagtail searches without it
    schema_editor.execute(f"DROP TABLE {table}_fts")
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE {table}_fts USING fts5(autocomplete, body, title, tokenize='{tokenize}')"
    )
    # The names are those of Wagtail's own table, not input.
    columns = "title, body, autocomplete"
    copy = f"INSERT INTO {table}_fts(rowid, {columns}) SELECT id, {columns} FROM {table}"  # noqa: S608  # nosec B608
    schema_editor.execute(copy)


def stem(apps, schema_editor):
    _remake(apps, schema_editor, "porter unicode61")


def unstem(apps, schema_editor):
    _remake(apps, schema_editor, "unicode61")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_search_term"), ("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(stem, unstem)]

"""A copy of every table's rows, to put a database back in a known state quickly.

`load_demo_data` takes 5–18 seconds (about 5 300 queries); copying its result back
into the tables with PostgreSQL's COPY takes a fraction of a second. See the
`demo_data` fixture in tests/conftest.py for how the tests use it.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

from herentq.models import SearchEntry


def _tables() -> list[str]:
    """Every table of an installed model: many-to-many and history tables, and the
    unmanaged models' too, which Django's list leaves out (procrastinate's job
    queue: a job a browser test deferred stayed queued for every later test of the
    worker). Not the search entries: triggers write them with the rows they index.
    """
    unmanaged = [
        model._meta.db_table
        for model in apps.get_models()
        if not model._meta.managed and model is not SearchEntry
    ]
    managed = connection.introspection.django_table_names(
        only_existing=True, include_views=False
    )
    return [*managed, *unmanaged]


# Each sequence that has been used, and its position (the last id it gave).
_SEQUENCES = """
    SELECT format('%I.%I', schemaname, sequencename), last_value
    FROM pg_sequences WHERE last_value IS NOT NULL
"""
# Moves the sequences that are behind the snapshot's positions up to them.
_ADVANCE_SEQUENCES = """
    SELECT setval(wanted.name::regclass, wanted.position)
    FROM unnest(%s::text[], %s::bigint[]) AS wanted(name, position)
    JOIN pg_sequences
      ON format('%%I.%%I', schemaname, sequencename) = wanted.name
    WHERE last_value IS NULL OR last_value < wanted.position
"""


class Snapshot:
    def __init__(
        self, rows: dict[str, bytes], tables: list[str], sequences: dict[str, int]
    ):
        self.rows = rows  # table -> its rows in COPY's binary format, if any
        self.tables = tables
        self.sequences = sequences  # sequence -> its position when taken

    @classmethod
    def take(cls) -> "Snapshot":
        """The rows of every model table as this connection sees them now."""
        tables = _tables()
        rows = {}
        with connection.cursor() as cursor:
            for table in tables:
                name = connection.ops.quote_name(table)
                with cursor.copy(f"COPY {name} TO STDOUT (FORMAT BINARY)") as copy:
                    data = b"".join(bytes(chunk) for chunk in copy)
                if cursor.rowcount:
                    rows[table] = data
            cursor.execute(_SEQUENCES)
            sequences = dict(cursor.fetchall())
        return cls(rows, tables, sequences)

    def restore(self) -> None:
        """Empty every model table and fill it with the snapshot's rows.

        In one transaction, so the foreign keys (deferred by Django) are checked
        once all rows are in; inside a test's transaction it is undone with the
        test. Sequences never move back (rows made after the snapshot keep their
        ids unique); those behind the snapshot's positions (in a database that
        did not make the rows: another xdist worker's) are moved up to them.
        """
        quote = connection.ops.quote_name
        with transaction.atomic(), connection.cursor() as cursor:
            # DELETE, not TRUNCATE: the tables are small, and TRUNCATE rewrites the
            # files of every table and index (ten times slower here).
            cursor.execute("; ".join(f"DELETE FROM {quote(t)}" for t in self.tables))
            for table, data in self.rows.items():
                with cursor.copy(
                    f"COPY {quote(table)} FROM STDIN (FORMAT BINARY)"
                ) as copy:
                    copy.write(data)
            names = list(self.sequences)
            cursor.execute(
                _ADVANCE_SEQUENCES, [names, [self.sequences[n] for n in names]]
            )
        # Content types are cached per process; a flush may have renumbered them.
        # Filled again at once (one query), so a test counting its queries sees
        # a warm cache, as after a load of the demo data.
        ContentType.objects.clear_cache()
        ContentType.objects.get_for_models(*apps.get_models())

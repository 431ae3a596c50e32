from django.db import migrations

# The distinct words of every stored search text (pg_trgm's documentation: "a
# separate table of unique words"), trigram-indexed: a typed word with a typo
# is first resolved to the close known words of this small table, and the
# documents are then found by those words (`LIKE`, answered by their trigram
# index) instead of by the word similarity of every long document that the
# document's index cannot rule out (herentq.search `_WordsFound`). A trigger on
# each searched table adds the words of every inserted or updated text (each
# app's migration, herentq.search.search_words_sql); words
# are never removed (a word no text holds any more finds nothing), and the
# words are added in order, so that two writers never wait on each other in
# opposite orders.
WORDS = """
CREATE TABLE herentq_search_word (word text PRIMARY KEY);
CREATE INDEX herentq_search_word_trgm ON herentq_search_word
    USING gin (word gin_trgm_ops);
CREATE FUNCTION herentq_search_words_of(text) RETURNS SETOF text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT DISTINCT word FROM regexp_split_to_table($1, ' ') AS word
    WHERE word <> '' ORDER BY word
$$;
CREATE FUNCTION herentq_search_words_add() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO herentq_search_word (word)
    SELECT herentq_search_words_of(to_jsonb(NEW) ->> TG_ARGV[0])
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
"""

REVERSE = """
DROP FUNCTION herentq_search_words_add();
DROP FUNCTION herentq_search_words_of(text);
DROP TABLE herentq_search_word;
"""


class Migration(migrations.Migration):
    dependencies = [("herentq", "0012_word_similarity_cost")]

    operations = [migrations.RunSQL(WORDS, reverse_sql=REVERSE)]

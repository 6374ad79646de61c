"""engine: the one door to Whoosh. Every module that imports `whoosh` lives in this package;
the rest of searchapp calls the functions below with plain data and opaque handles (a
`Generation`, its searchers, built queries) and gets plain data back.

Writing (searchapp.index):
    write_generation(gen_dir, articles, *, new, delete, workers, say, memory_mb, collect, ready)
        -> [(Article, reason)]
    write_arrays(gen_dir, say, missing_only=True)   derived arrays a generation lacks, written
    workers_for(n_articles, requested) -> int
    with writers_ready(requested) as ready: ...  child writers forked before a build plans
    build_budget(memory_mb, workers) -> Budget      the build's memory budget and its parts
    schema_signature() -> str;  format_version() -> str      what the on-disk data is
Reading (searchapp.index):
    open_generation(gen_dir) -> Generation;  Generation.searcher(matcher) -> searcher
    read_articles(gen_dir, ids) -> [Article];  iter_articles(gen_dir, ids) -> iterator
What a searcher holds (searchapp.index, searchapp.search): documents.py
    stored_article, article_by_id, docnum_of, all_articles, doc_count, doc_count_all,
    live_docs, index_key, facet_docs, facet_arrays, date_docs, page_docs, day_counts, compounds,
    sort_ranks, sort_columns, column, similar, generation_folder
    kept_article(s, docnum) -> Article   stored_article, its record kept (records.py: a page's hits)
Queries (searchapp.search): build.py
    build(plan, level, topics, skip) -> query;  group_query(group, level, topics) -> query
    evidence(word, synonyms, expand, forms) -> {kind: query};  excluded_query(plan, topics) -> query|None
    unit_prefix(text, expand) -> query|None   an amount as the start of a longer one, either script
    is_required(group);  STRICT, LOOSE, DROP, ANY, LEVELS;  TITLE_BOOST, META_BOOST, LITERAL_BOOST
Vocabulary (searchapp.search, spelling suggestions): vocabulary.py
    term_counts(searcher, terms) -> {term: articles};  latin_terms(searcher, min_df) -> {term: articles}
    field_terms(searcher, field) -> {term: articles}   the words of a name field (author, speaker)
Matching (searchapp.search): match/
    scored(searcher, q) -> (docnums, scores);  matching_set(searcher, q) -> set[int]
    MATCHERS ("arrays" default, "whoosh" reference);  match_counts() -> dict

Inside: store/ (schema, the analyzer adapter, writers: what is written, so the index
fingerprint covers it), match/ (array matching, postings, term dictionary, BM25F, literal scan,
character index, caches, the reference matcher: query time only), build.py, reader.py,
documents.py, records.py and vocabulary.py (query time only). Whoosh's private internals
are read only in store/parallel.py, store/grouped.py, grouped_writer.py + blockwrite.py (the
writers' grouped postings) and match/ (pinned version: docs/ARCHITECTURE.md, "Upgrading
Whoosh").
"""
from searchapp.engine.build import (ANY, DROP, LEVELS, LITERAL_BOOST, LOOSE, META_BOOST,
                                    PIECE_BOOST, STRICT, TITLE_BOOST, build, evidence, unit_prefix,
                                    excluded_query, group_query, is_required)
from searchapp.engine.documents import (all_articles, article_by_id, column, compounds,
                                        date_docs, day_counts, doc_count, doc_count_all, docnum_of,
                                        facet_arrays, facet_docs, generation_folder, index_key,
                                        live_docs, page_docs, similar, sort_columns, sort_ranks,
                                        stored_article)
from searchapp.engine.match import (DEFAULT_MATCHER, MATCHERS, match_counts, matching_set,
                                    scored)
from searchapp.engine.reader import Generation, iter_articles, open_generation, read_articles
from searchapp.engine.records import kept_article
from searchapp.engine.store.budget import resolve as build_budget
from searchapp.engine.store.fileslices import FileChanged
from searchapp.engine.store.parallel import workers_for, writers_ready
from searchapp.engine.store.schema import format_version, schema_signature
from searchapp.engine.store.writer import write_arrays, write_generation
from searchapp.engine.vocabulary import field_terms, latin_terms, term_counts

__all__ = ["write_generation", "write_arrays", "workers_for", "writers_ready", "build_budget", "schema_signature", "format_version",
           "open_generation", "Generation", "read_articles", "iter_articles", "stored_article",
           "kept_article", "FileChanged",
           "article_by_id", "docnum_of", "all_articles", "doc_count", "doc_count_all", "live_docs",
           "index_key", "generation_folder", "facet_docs", "facet_arrays", "date_docs", "page_docs",
           "day_counts", "compounds", "sort_ranks", "sort_columns",
           "column", "similar", "build", "group_query", "evidence", "unit_prefix", "excluded_query",
           "PIECE_BOOST", "is_required", "STRICT", "LOOSE", "DROP", "ANY", "LEVELS", "TITLE_BOOST",
           "META_BOOST", "LITERAL_BOOST", "scored", "matching_set", "MATCHERS",
           "DEFAULT_MATCHER", "match_counts", "term_counts", "latin_terms", "field_terms"]

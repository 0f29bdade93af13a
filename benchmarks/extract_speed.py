"""Draft speed of `kb extract --engine parse`: articles a second, the pipeline loaded once (issue 18 asks >= 20).

    python benchmarks/extract_speed.py [--articles ../shared/articles]

The articles are the tuning split's (00-22), each read with its gold file's
publication day and publisher, as benchmarks/extract_eval.py reads them. Two
ways: one article at a time (`extract_parsed`, as `kb extract FILE` drafts),
and all in one stream (`extract_parsed_many`, as `kb extract FOLDER` drafts:
spaCy batches the sentences across articles, two processes past
`_TWO_PROCESSES_FROM` sentences).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extract_eval import ROOT, gold_files  # noqa: E402

from kb.extract.parse import extract_parsed, extract_parsed_many, load_pipeline  # noqa: E402
from kb.extract.reader import read_article  # noqa: E402
from kb.ingest import factfile  # noqa: E402
from kb.model.actors import Registry  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=Path, default=ROOT.parent / "shared" / "articles")
    args = ap.parse_args()
    registry = Registry.bundled()
    articles = []
    for gold in gold_files("tuning"):
        ff = factfile.load(gold)
        [text] = sorted(args.articles.glob(gold.name[:3] + "*.txt"))[:1]
        articles.append(read_article(text, published=ff.article.published, publisher=ff.article.publisher,
                                     title=ff.article.title))
    started = time.perf_counter()
    load_pipeline()
    loaded = time.perf_counter() - started
    passes = []
    for _ in range(3):  # the first pass also warms spaCy's caches (vocabulary, lexeme attributes)
        started = time.perf_counter()
        for article in articles:
            extract_parsed(article, registry)
        passes.append(time.perf_counter() - started)
    streams = []
    for _ in range(3):
        started = time.perf_counter()
        for _drafts in extract_parsed_many(articles, registry):
            pass
        streams.append(time.perf_counter() - started)
    first, steady, stream = passes[0], min(passes[1:]), statistics.median(streams)
    print(f"pipeline loaded in {loaded:.2f} s; {len(articles)} articles drafted one at a time in {first:.2f} s the "
          f"first time ({len(articles) / first:.1f} articles a second), {steady:.2f} s once warm "
          f"({len(articles) / steady:.1f} articles a second); in one stream (as a folder is drafted) "
          f"{stream:.2f} s, median of 3 ({len(articles) / stream:.1f} articles a second)")


if __name__ == "__main__":
    main()

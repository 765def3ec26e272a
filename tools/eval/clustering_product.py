#!/usr/bin/env python3
"""tools/eval/clustering_product.py -- B-cubed of the stories and threads the
product itself made (a store filled by `tidings ingest`, read back with
`tidings stories --json`), against a labelled set's gold.jsonl: stories
against events, threads against topics. tools/eval/clustering.c measures the
place stage through the library's in-memory backend; this measures what a
user gets from the SQLite store, so the two can be compared in one run.

usage: clustering_product.py ARTICLES.jsonl GOLD.jsonl STORIES.json

An article is matched to its gold label by the `#id` the reader appends to
the file's path when a record has no URL, else by its URL (the first record
with that URL). A record the store does not keep (rejected, or a second
record under one URL) is left out of the score: the ingest's summary line
and "articles scored" say how many."""
import json
import sys
from collections import defaultdict


def bcubed(pred, gold):
    """B-cubed precision, recall and F1 of two labellings of the same items."""
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for item in pred:
        by_pred[pred[item]].add(item)
        by_gold[gold[item]].add(item)
    p = r = 0.0
    for item in pred:
        common = len(by_pred[pred[item]] & by_gold[gold[item]])
        p += common / len(by_pred[pred[item]])
        r += common / len(by_gold[gold[item]])
    n = len(pred)
    p, r = p / n, r / n
    return p, r, 2 * p * r / (p + r), len(by_pred)


def main(argv):
    if len(argv) != 4:
        sys.stderr.write(__doc__)
        return 2
    articles, gold_path, stories_path = argv[1:]
    by_url = {}
    for line in open(articles, encoding="utf-8"):
        rec = json.loads(line)
        if rec.get("url"):
            by_url.setdefault(rec["url"], rec["id"])
    event, topic = {}, {}
    for line in open(gold_path, encoding="utf-8"):
        rec = json.loads(line)
        event[rec["id"]], topic[rec["id"]] = rec["event"], rec.get("topic", rec["event"])
    story, thread = {}, {}
    with open(stories_path, encoding="utf-8") as f:
        doc = json.load(f)
    for s in doc["stories"]:
        for a in s["articles"]:
            url = a.get("url") or ""
            ext = url.rsplit("#", 1)[1] if "#" in url and url.split("#")[0].endswith(".jsonl") \
                else by_url.get(url)
            if ext in event:
                story[ext], thread[ext] = s["id"], s["thread"]
    if not story:
        print("no labelled article in the stories")
        return 1
    print("articles scored: %d of %d labelled" % (len(story), len(event)))
    print("%-52s %6s %6s %6s %6s" % ("", "P", "R", "F1", "groups"))
    p, r, f1, k = bcubed(story, event)
    print("%-52s %6.4f %6.4f %6.4f %6d" % ("product stories vs gold events (file order)", p, r, f1, k))
    p, r, f1, k = bcubed(thread, topic)
    print("%-52s %6.4f %6.4f %6.4f %6d" % ("product threads vs gold topics (file order)", p, r, f1, k))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

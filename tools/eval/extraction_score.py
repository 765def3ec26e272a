#!/usr/bin/env python3
"""Score extracted main text against gold, as the article-extraction benchmarks do.

Usage: extraction_score.py GOLD.jsonl PRED.jsonl [--name NAME] [--meta] [--only-meta] [--per-page]
                           [--half 0|1]

Text: word 4-gram shingles (\\w+ tokens, lower-cased) of the prediction and the
gold, as multisets, per page: precision = shared/predicted, recall =
shared/gold; both averaged over the pages; F1 from the two averages. A page
with no prediction scores precision 0 and recall 0 (unless its gold is empty too).
With --meta: share of pages whose title / byline (whitespace-collapsed, case
kept) match the gold exactly, and date to the day, over pages whose gold has one;
also bylines compared as names only (a leading "By" and anything from the
first digit on dropped, case ignored), since Readability's gold keeps them.
"""
import hashlib
import json
import re
import sys
from collections import Counter

TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text, n=4):
    toks = TOKEN.findall((text or "").lower())
    if len(toks) < n:
        return Counter([" ".join(toks)]) if toks else Counter()
    return Counter(" ".join(toks[i:i + n]) for i in range(len(toks) - n + 1))


def names(s):
    s = norm(s).lower()
    s = re.sub(r"^(by|par|por|von|door|av)\s+", "", s)
    s = re.split(r"\d", s)[0]
    return s.strip(" ,-|")


def norm(s):
    return " ".join((s or "").split())


def main():
    args = sys.argv[1:]
    name = "tidings"
    if "--name" in args:
        i = args.index("--name")
        name = args[i + 1]
        del args[i:i + 2]
    meta = "--meta" in args
    per_page = "--per-page" in args
    only_meta = "--only-meta" in args
    meta = meta or only_meta
    half = None
    if "--half" in args:
        # The pages whose id's MD5 is even (0) or odd (1): thresholds are
        # tuned on half 0 of Dragnet, half 1 is held out.
        i = args.index("--half")
        half = int(args[i + 1])
        del args[i:i + 2]
    args = [a for a in args if a not in ("--meta", "--per-page", "--only-meta")]
    gold = {}
    with open(args[0], encoding="utf-8") as f:
        for line in f:
            g = json.loads(line)
            if half is not None and int(hashlib.md5(g["id"].encode()).hexdigest(), 16) % 2 != half:
                continue
            gold[g["id"]] = g
    pred = {}
    with open(args[1], encoding="utf-8") as f:
        for line in f:
            try:
                p = json.loads(line)
            except ValueError:
                continue
            pred[p["id"]] = p
    ps, rs = [], []
    for gid, g in ({} if only_meta else gold).items():
        gs = shingles(g.get("text"))
        p = pred.get(gid) or {}
        pss = shingles(p.get("text"))
        if not gs and not pss:
            ps.append(1.0)
            rs.append(1.0)
            continue
        tp = sum((pss & gs).values())
        ps.append(tp / sum(pss.values()) if pss else 0.0)
        rs.append(tp / sum(gs.values()) if gs else 0.0)
        if per_page:
            print(f"page {gid} P {ps[-1]:.3f} R {rs[-1]:.3f}")
    if not only_meta:
        P = sum(ps) / len(ps)
        R = sum(rs) / len(rs)
        F = 2 * P * R / (P + R) if P + R else 0.0
        print(f"{name:12s} pages {len(gold):4d}  precision {P:.3f}  recall {R:.3f}  F1 {F:.3f}")
    if meta:
        for field in ("title", "byline", "date"):
            tot = ok = 0
            for gid, g in gold.items():
                if not g.get(field):
                    continue
                tot += 1
                pv = (pred.get(gid) or {}).get(field)
                if field == "date":
                    ok += bool(pv) and pv[:10] == g[field][:10]
                else:
                    ok += norm(pv) == norm(g[field])
            if tot:
                print(f"{name:12s} {field:6s} {ok}/{tot} = {ok / tot:.3f}")
            if field == "byline" and tot:
                # Names only: Readability keeps "By" and the date in its
                # byline; tidings keeps the names. Same pages, looser match.
                ok2 = sum(names(g[field]) == names((pred.get(gid) or {}).get(field))
                          for gid, g in gold.items() if g.get(field))
                print(f"{name:12s} byline names (no By/date, any case) {ok2}/{tot} = {ok2 / tot:.3f}")


if __name__ == "__main__":
    main()

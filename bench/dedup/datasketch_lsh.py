"""datasketch's MinHashLSH on the bench corpus, with FineWeb's parameters (5-grams, 14 bands x 8 rows).

usage: datasketch_lsh.py <corpus.jsonl> <seed> <out.json>

Reads the same normalized text Sieve hashes (the `norm` field, written by make_corpus.ts) and
builds the same 5-gram shingles, so both sides see identical sets. Signatures use datasketch's
fastest documented CPU path: update_batch with the permutations built once and shared, in its
default scheme (affine32 since datasketch 2.0). The
timing covers shingling and hashing only (not normalization, which Sieve's figure includes) and
is CPU time of this single-threaded process: docs/s per core.

Writes {"clusters": [[ids...], ...], "docs": n, "sign_cpu_s": s}: the connected components of
the LSH's candidate pairs, as Sieve builds them.
"""

import json
import sys
import time

from datasketch import MinHash, MinHashLSH

NGRAM, BANDS, ROWS = 5, 14, 8


def shingles(norm):
    words = norm.split()
    return [" ".join(words[i : i + NGRAM]).encode("utf-8") for i in range(len(words) - NGRAM + 1)]


def main(corpus, seed, out):
    docs = [json.loads(line) for line in open(corpus, encoding="utf-8")]
    template = MinHash(num_perm=BANDS * ROWS, seed=seed)
    permutations, scheme = template.permutations, template.scheme

    start = time.process_time()
    signed = []
    for doc in docs:
        batch = shingles(doc["norm"])
        if not batch:
            continue
        m = MinHash(num_perm=BANDS * ROWS, seed=seed, permutations=permutations, scheme=scheme)
        m.update_batch(batch)
        signed.append((doc["id"], m))
    sign_cpu_s = time.process_time() - start

    lsh = MinHashLSH(num_perm=BANDS * ROWS, params=(BANDS, ROWS))
    for doc_id, m in signed:
        lsh.insert(doc_id, m)
    parent = {}

    def find(x):
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    for doc_id, m in signed:
        for other in lsh.query(m):
            a, b = find(doc_id), find(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    members = {}
    for x in parent:
        members.setdefault(find(x), {x}).add(x)
    clusters = [sorted(m | {root}) for root, m in members.items()]
    json.dump({"clusters": clusters, "docs": len(docs), "sign_cpu_s": sign_cpu_s}, open(out, "w"))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])

"""Loads a tokenizer Sieve trained into Python tiktoken, from its saved files alone, and checks that
tiktoken encodes every doc to the ids in Sieve's token shards.

    bench/.venv-tokenizer/bin/python bench/tokenizer/check_trained.py <tokenizer.json> <docs.json> <tokens.json>

docs.json from dump_docs.ts, tokens.json from dump_tokens.ts. Exits non-zero on any difference.
"""
import json
import sys
from pathlib import Path

import tiktoken
from tiktoken.load import load_tiktoken_bpe


def main() -> None:
    header_path, docs_path, tokens_path = map(Path, sys.argv[1:4])
    header = json.loads(header_path.read_text())
    enc = tiktoken.Encoding(
        header["name"],
        pat_str=header["pat_str"],
        mergeable_ranks=load_tiktoken_bpe(str(header_path.parent / header["ranks"])),
        special_tokens=header["special_tokens"],
    )
    docs = json.loads(docs_path.read_text())
    shards = json.loads(tokens_path.read_text())
    eot = enc.eot_token
    assert shards["metadata"]["sieve.tokenizer.end_of_text"] == str(eot), shards["metadata"]
    assert shards["metadata"]["sieve.tokenizer.ranks_sha256"] == header["ranks_sha256"], shards["metadata"]
    differ = [d["id"] for d in docs if enc.encode_ordinary(d["text"]) != shards["docs"][d["id"]]]
    roundtrip = [d["id"] for d in docs if enc.decode(shards["docs"][d["id"]]) != d["text"]]
    print(json.dumps({"docs": len(docs), "n_vocab": enc.n_vocab, "ids_differ": len(differ), "roundtrip_fail": len(roundtrip), "shard_type": shards["type"]}))
    sys.exit(1 if differ or roundtrip else 0)


if __name__ == "__main__":
    main()

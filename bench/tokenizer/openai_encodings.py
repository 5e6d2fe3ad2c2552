"""tiktoken's own encodings (its patterns, its special tokens) built from the rank data js-tiktoken
ships, so the Python side needs no download. The ranks are checked against the sha256 that
tiktoken_ext expects, which proves both packages carry the same vocabularies."""
import base64
import hashlib
import json
from pathlib import Path

import tiktoken
from tiktoken_ext import openai_public

RANKS = Path(__file__).resolve().parents[2] / "node_modules/js-tiktoken/dist/ranks"
# gpt2 is built from GPT-2's original files, whose ranks are r50k_base's.
RANK_HASH = {
    "gpt2": "306cd27f03c1a714eca7108e03d66b7dc042abe8c258b44c199a7ed9838dd930",
}


def shipped_ranks(name: str) -> dict[bytes, int]:
    text = (RANKS / f"{name}.js").read_text()
    data = json.loads(text[text.index("{"):].rstrip().rstrip(";"))
    ranks: dict[bytes, int] = {}
    for line in data["bpe_ranks"].split("\n"):
        fields = line.split(" ")
        if len(fields) < 3:
            continue
        first = int(fields[1])
        for i, token in enumerate(fields[2:]):
            ranks[base64.b64decode(token)] = first + i
    return ranks


def tiktoken_file(ranks: dict[bytes, int]) -> bytes:
    return b"".join(base64.b64encode(t) + b" " + str(r).encode() + b"\n" for t, r in sorted(ranks.items(), key=lambda x: x[1]))


def encoding(name: str) -> tiktoken.Encoding:
    def load(*_args, expected_hash=None, **_kwargs):
        ranks = shipped_ranks(name)
        want = expected_hash or RANK_HASH[name]
        got = hashlib.sha256(tiktoken_file(ranks)).hexdigest()
        assert got == want, f"{name}: js-tiktoken ranks hash {got}, tiktoken expects {want}"
        return ranks

    openai_public.load_tiktoken_bpe = load
    openai_public.data_gym_to_mergeable_bpe_ranks = load
    return tiktoken.Encoding(**getattr(openai_public, name)())

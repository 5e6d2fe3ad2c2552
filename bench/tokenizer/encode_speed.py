"""Single-thread encode speed of Python tiktoken (cl100k_base, ordinary text) on the bench docs.

    bench/.venv-tokenizer/bin/python bench/tokenizer/encode_speed.py <docs.json> [reps]
"""
import json
import sys
import time

from openai_encodings import encoding

docs = json.load(open(sys.argv[1]))
reps = int(sys.argv[2]) if len(sys.argv) > 2 else 3
enc = encoding("cl100k_base")
mb = sum(len(d.encode("utf-8", "surrogatepass")) for d in docs) / 1e6
speeds = []
for _ in range(reps):
    started = time.perf_counter()
    tokens = sum(len(enc.encode_ordinary(d)) for d in docs)
    speeds.append(mb / (time.perf_counter() - started))
print(json.dumps({"tool": "tiktoken-python", "mb": mb, "tokens": tokens, "mb_per_s": speeds}))

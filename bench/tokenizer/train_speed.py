"""Trains a byte-level BPE with HuggingFace tokenizers on the bench docs, with the same cl100k
pre-tokenizer pattern as Sieve, and prints {tool, vocab, seconds} as JSON. Thread count follows
RAYON_RS_NUM_CPUS (run.sh sets 1 for the single-thread row).

    bench/.venv-tokenizer/bin/python bench/tokenizer/train_speed.py <docs.json> [vocab size]
"""
import json
import os
import sys
import time

from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers, trainers

CL100K = r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s"""

docs = json.load(open(sys.argv[1]))
vocab_size = int(sys.argv[2]) if len(sys.argv) > 2 else 32768
tokenizer = Tokenizer(models.BPE())
tokenizer.pre_tokenizer = pre_tokenizers.Sequence(
    [pre_tokenizers.Split(Regex(CL100K), behavior="isolated"), pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)]
)
tokenizer.decoder = decoders.ByteLevel()
trainer = trainers.BpeTrainer(
    vocab_size=vocab_size, special_tokens=["<|endoftext|>"], initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False
)
started = time.perf_counter()
tokenizer.train_from_iterator(docs, trainer=trainer, length=len(docs))
seconds = time.perf_counter() - started
print(json.dumps({"tool": "hf-tokenizers", "threads": os.environ.get("RAYON_RS_NUM_CPUS", "all"), "vocab": tokenizer.get_vocab_size(), "seconds": seconds}))

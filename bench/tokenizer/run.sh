#!/usr/bin/env bash
# Tokenizer bench: cl100k_base encode speed of Sieve, Python tiktoken, js-tiktoken, gpt-tokenizer
# and the tiktoken npm (WASM) package, single thread, on the same text; then 32k-vocabulary
# training time of Sieve and HuggingFace tokenizers on that text.
#
#   bench/tokenizer/run.sh [out dir] [MB]        (defaults: bench/out/tokenizer, 5)
#
# The text is the docs of `sieve run configs/sample.yaml`, repeated up to MB megabytes. The machine
# is shared, so the tools take turns for ROUNDS rounds (default 3) and report.ts prints the median
# speed of each and its median ratio to Python tiktoken within a round.
# Python lives only in bench/.venv-tokenizer (tiktoken, tokenizers from PyPI).
set -euo pipefail
export PYTHONDONTWRITEBYTECODE=1
cd "$(dirname "$0")/../.."
OUT=${1:-bench/out/tokenizer}
MB=${2:-5}
ROUNDS=${ROUNDS:-3}
VENV=bench/.venv-tokenizer
PY=$PWD/$VENV/bin/python
mkdir -p "$OUT"

[ -x "$PY" ] || { python3 -m venv "$VENV" && "$VENV/bin/pip" install -q tiktoken tokenizers; }
[ -f bin/sieve.js ] && [ -d dist ] || npm run --silent build
[ -d "$OUT/sample/docs" ] || node bin/sieve.js run configs/sample.yaml --run-dir "$OUT/sample" >/dev/null
npx tsx bench/tokenizer/dump_docs.ts "$OUT/sample/docs" "$OUT/docs.json"
npx tsx bench/tokenizer/make_text.ts "$OUT/docs.json" "$OUT/text.json" "$MB"
TEXT=$PWD/$OUT/text.json

: >"$OUT/encode.jsonl"
for round in $(seq "$ROUNDS"); do
  for tool in sieve sieve-cold js-tiktoken gpt-tokenizer tiktoken-wasm; do
    npx tsx bench/tokenizer/encode_speed.ts "$tool" "$TEXT" 3 >>"$OUT/encode.jsonl"
  done
  (cd bench/tokenizer && "$PY" encode_speed.py "$TEXT" 3) >>"$OUT/encode.jsonl"
done

: >"$OUT/train.jsonl"
for round in $(seq "$ROUNDS"); do
  npx tsx bench/tokenizer/train_speed.ts "$TEXT" 32768 "$OUT/trained" >>"$OUT/train.jsonl"
  RAYON_RS_NUM_CPUS=1 "$PY" bench/tokenizer/train_speed.py "$TEXT" 32768 >>"$OUT/train.jsonl"
  "$PY" bench/tokenizer/train_speed.py "$TEXT" 32768 >>"$OUT/train.jsonl"
done

npx tsx bench/tokenizer/report.ts "$OUT"

#!/usr/bin/env bash
# MinHash dedup bench: Sieve's minhash_dedup next to datasketch's MinHashLSH, same corpus, same run.
#
#   bench/dedup/run.sh [out dir] [scale docs]      (defaults: bench/out/dedup, 10000)
#
# 1. Real extracted text: the docs of `sieve run configs/sample.yaml` (made once, kept in <out>/sample).
# 2. A quality corpus with near-duplicates planted at Jaccard 0.50..0.95; both tools dedup it with
#    FineWeb's parameters (5-grams, 14 bands × 8 rows) under SEEDS seeds, and report.ts scores
#    which planted pairs each one clustered against the S-curve.
# 3. Signature throughput on one core for both, on the quality corpus.
# 4. Corpora of <scale docs> and 10× as many docs; the reduce tasks are re-run in fresh processes
#    under /usr/bin/time to read their peak RSS.
# Python lives only in bench/.venv-dedup (datasketch, numpy from PyPI).
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:-bench/out/dedup}
SCALE=${2:-10000}
SEEDS=${SEEDS:-"1 2 3 4"}
VENV=bench/.venv-dedup
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
mkdir -p "$OUT"

[ -x "$VENV/bin/python" ] || { python3 -m venv "$VENV" && "$VENV/bin/pip" install -q datasketch numpy; }
[ -f bin/sieve.js ] && [ -d dist ] || npm run --silent build
[ -d "$OUT/sample/docs" ] || node bin/sieve.js run configs/sample.yaml --run-dir "$OUT/sample"

# A pipeline of just the dedup and a writer over the corpus in $1, into run dir $2.
sieve_dedup() {
  local corpus=$1 run=$2 options=$3
  cat >"$run.yaml" <<YAML
name: dedup-bench
run_dir: $run
input:
  arrow: { paths: ["$corpus/input/*.arrow"] }
stages:
  - minhash_dedup: { ngram: 5, bands: 14, rows: 8, $options }
  - write: { format: arrow, path: docs }
executor: { local: { tasks: 8, workers: 2 } }
YAML
  rm -rf "$run"
  node bin/sieve.js run "$run.yaml" >/dev/null
}

Q=$OUT/quality
rm -rf "$Q"
npx tsx bench/dedup/make_corpus.ts quality "$OUT/sample/docs" "$Q"
for seed in $SEEDS; do
  sieve_dedup "$Q" "$Q/sieve-seed$seed" "seed: $seed, clusters_file: true"
  "$VENV/bin/python" bench/dedup/datasketch_lsh.py "$Q/corpus.jsonl" "$seed" "$Q/datasketch-seed$seed.json"
done

SIEVE_SPEED=$(npx tsx bench/dedup/sieve_sign_speed.ts "$Q/corpus.jsonl")
DS_SPEED=$("$VENV/bin/python" -c "import json,sys; d=json.load(open(sys.argv[1])); print(json.dumps({'docs': d['docs'], 'sign_cpu_s': d['sign_cpu_s']}))" "$Q/datasketch-seed1.json")
echo "{\"sieve\": $SIEVE_SPEED, \"datasketch\": $DS_SPEED}" >"$OUT/speed.json"

peak_kib() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
BASELINE=$(peak_kib node bin/sieve.js --help)
for docs in "$SCALE" "$((SCALE * 10))"; do
  S=$OUT/scale-$docs
  rm -rf "$S"
  npx tsx bench/dedup/make_corpus.ts scale "$OUT/sample/docs" "$S" "$docs"
  sieve_dedup "$S" "$S/run" ""
  # p1 is find_pairs (one task per band), p2 build_clusters; re-running a task rewrites the same outputs.
  FIND=$(peak_kib node bin/sieve.js task "$S/run" p1 0)
  BUILD=$(peak_kib node bin/sieve.js task "$S/run" p2 0)
  echo "{\"find_pairs_kib\": $FIND, \"build_clusters_kib\": $BUILD, \"baseline_kib\": $BASELINE}" >"$S/rss.json"
done

npx tsx bench/dedup/report.ts "$OUT"

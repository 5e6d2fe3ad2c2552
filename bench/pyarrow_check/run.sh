#!/usr/bin/env bash
# Checks that pyarrow reads the sample run's doc shards, with the row count the ledger reports.
# Makes its own venv (pyarrow from PyPI) under bench/.venv; not run by CI.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=bench/.venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q pyarrow
run_dir=${1:-runs/sample}
[ -f "$run_dir/ledger.sqlite" ] || npx sieve run configs/sample.yaml --run-dir "$run_dir"
"$venv/bin/python" bench/pyarrow_check/count_rows.py "$run_dir"

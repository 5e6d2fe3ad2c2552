"""Reads every doc shard of a Sieve run with pyarrow and compares row counts with the ledger."""
import glob
import os
import sqlite3
import sys

import pyarrow.ipc as ipc

run_dir = sys.argv[1]
shards = sorted(glob.glob(os.path.join(run_dir, "docs", "*.arrow")))
total = 0
for path in shards:
    with ipc.open_file(path) as reader:
        table = reader.read_all()
    assert {"id", "text", "url"} <= set(table.column_names), table.column_names
    total += table.num_rows
    print(f"{path}: {table.num_rows} rows, {reader.num_record_batches} batches, columns {table.column_names}")
ledger = sqlite3.connect(os.path.join(run_dir, "ledger.sqlite"))
(ledger_rows,) = ledger.execute("SELECT COALESCE(SUM(rows), 0) FROM shards WHERE kind = 'docs'").fetchone()
print(f"pyarrow rows: {total}   ledger rows: {ledger_rows}   {'OK' if total == ledger_rows else 'MISMATCH'}")
sys.exit(0 if total == ledger_rows and total > 0 else 1)

#!/usr/bin/env python3
"""Independent answers to cricq DSL queries, computed from the raw Cricsheet zips.

  independent.py 'QUERY'                     print the independent answer
  independent.py compare FILE... [--cricq B] run each query through `B dsl --json` and compare

FILE is JSON Lines with a "dsl" key (corpus/*.jsonl) or text with one query a line (# comments).
Python 3 standard library only; see scripts/verify/README.md.
"""

import argparse
import json
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cricsheet  # noqa: E402
import dsl  # noqa: E402
from compare import differences  # noqa: E402
from engine import Engine  # noqa: E402
from tables import answer  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def queries(path):
  text = Path(path).read_text()
  if path.endswith(".jsonl"):
    for line in text.splitlines():
      if line.strip():
        pair = json.loads(line)
        if "dsl" in pair:
          yield pair.get("id", ""), pair["dsl"]
  else:
    for n, line in enumerate(text.splitlines(), 1):
      if line.strip() and not line.startswith("#"):
        yield f"{Path(path).name}:{n}", line.strip()


def run_cricq(binary, query):
  done = subprocess.run([binary, "dsl", "--json", query], capture_output=True, text=True)
  if done.returncode != 0:
    return None, done.stderr.strip()
  return json.loads(done.stdout), None


def compare(args, engine):
  """Compares every distinct query of the files; cricq runs in worker threads meanwhile."""
  todo, seen = [], set()
  for path in args.files:
    for ident, query in queries(path):
      if query not in seen:
        seen.add(query)
        todo.append((ident, query))
  agree, differ, skipped = 0, 0, 0

  def log(text):
    print(text, flush=True)

  with ThreadPoolExecutor(max_workers=args.jobs) as pool:
    answers = pool.map(lambda item: run_cricq(args.cricq, item[1]), todo)
    for (ident, query), (theirs, error) in zip(todo, answers):
      if theirs is None:
        skipped += 1
        log(f"SKIP {ident}: {query}\n  cricq: {error}")
        continue
      try:
        q = dsl.parse(query)
        ours = answer(engine, q)
      except Exception as e:  # a query this verifier does not cover
        skipped += 1
        log(f"SKIP {ident}: {query}\n  independent: {type(e).__name__}: {e}")
        continue
      problems = differences(q, ours, theirs)
      if problems:
        differ += 1
        log(f"DIFF {ident}: {query}\n  " + "\n  ".join(problems))
      else:
        agree += 1
        if args.verbose:
          log(f"OK   {ident}: {query}")
  print(f"\n{len(todo)} distinct queries: {agree} agree, {differ} differ, {skipped} skipped")
  return 1 if differ else 0


def main():
  parser = argparse.ArgumentParser(description=__doc__,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
  parser.add_argument("words", nargs="+", help="a query, or `compare` and files")
  parser.add_argument("--cricq", default=str(ROOT / ".build/release/cricq"))
  parser.add_argument("--verbose", action="store_true", help="also list agreeing queries")
  parser.add_argument("--jobs", type=int, default=2, help="cricq processes at a time")
  args = parser.parse_args()
  started = time.time()
  engine = Engine(cricsheet.load())
  print(f"[{len(engine.matches)} matches loaded in {time.time() - started:.1f} s]",
        file=sys.stderr)
  if args.words[0] == "compare":
    args.files = args.words[1:]
    sys.exit(compare(args, engine))
  table = answer(engine, dsl.parse(" ".join(args.words)))
  print(" | ".join(str(c) for c in table.columns))
  for row in table.rows:
    print(" | ".join(f"{v:.2f}" if isinstance(v, float) else str(v) for v in row))


if __name__ == "__main__":
  main()

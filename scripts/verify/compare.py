"""Compares cricq's answer (`cricq dsl --json`) with the independent table."""

RANKED_BY = {("spells", "wickets"): lambda r: int(r["figures"].split("/")[0]),
             ("spells", "runs conceded"): lambda r: int(r["figures"].split("/")[1]),
             ("spells", "economy"): lambda r: r["economy"],
             ("spells", "dots"): lambda r: r["dots"],
             ("match figures", "wickets"): lambda r: int(r["figures"].split("/")[0])}


def same(a, b):
  if isinstance(a, float) or isinstance(b, float):
    if a is None or b is None:
      return a is b
    # cricq shows reals rounded to 2 places (SQLite rounds halves away from zero).
    return abs(a - b) <= 0.005 + 1e-9
  return a == b


def primary(q, cols, row):
  r = dict(zip(cols, row))
  pick = RANKED_BY.get((q.context, q.measures[0]))
  return pick(r) if pick else row[1]


def differences(q, ours, theirs):
  """What differs between our Table and cricq's JSON answer ([] when they agree)."""
  cols = [c["name"] for c in theirs["columns"]]
  rows = theirs["rows"]
  common = [c for c in cols if c in ours.columns]
  problems = []

  def mine(row, col):
    return row[ours.columns.index(col)]

  def theirs_value(row, col):
    return row[cols.index(col)]

  def matches(o, t):
    return all(same(mine(o, c), theirs_value(t, c)) for c in common)

  if q.ranking is None:
    if len(rows) != len(ours.rows):
      problems.append(f"{len(rows)} rows, independent {len(ours.rows)}")
    for t in rows:
      if not any(matches(o, t) for o in ours.rows):
        key = t[0] if q.breakdown else None
        o = next((o for o in ours.rows if q.breakdown and o[0] == key), ours.rows[0] if
                 ours.rows and not q.breakdown else None)
        problems.append(f"cricq {t} vs independent {o}")
    return problems[:8]
  seq_theirs = [primary(q, cols, t) for t in rows]
  seq_ours = [primary(q, ours.columns, o) for o in ours.rows]
  if len(seq_theirs) != len(seq_ours) or not all(map(same, seq_ours, seq_theirs)):
    problems.append(f"ranked values: cricq {seq_theirs} vs independent {seq_ours}")
  for t in rows:
    if not any(matches(o, t) for o in ours.candidates):
      near = [o for o in ours.candidates if o[0] == t[0]]
      problems.append(f"cricq row {t} not found; independent {near[:1] or ours.rows[:1]}")
  return problems[:8]

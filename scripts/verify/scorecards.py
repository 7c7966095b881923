#!/usr/bin/env python3
"""Compares every scorecard row of cricq's database with the independent scorecards.

  scorecards.py [--db PATH]

Reads the database read-only; prints, per table, how many rows agree and examples of those
that do not (batting and bowling innings, fielding, partnerships, team innings, venues'
countries). Python 3 standard library only.
"""

import argparse
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cricsheet  # noqa: E402
from cards import InningsCard  # noqa: E402

QUERIES = {
  "batting": """SELECT b.match_id, b.innings_number, p.registry_id, b.position, b.runs, b.balls,
      b.fours, b.sixes, b.dots, b.is_out, b.how_out, b.balls_to_50, b.balls_to_100
      FROM batting_innings b JOIN players p ON p.id = b.player_id""",
  "bowling": """SELECT b.match_id, b.innings_number, p.registry_id, b.legal_balls, b.runs,
      b.wickets, b.maidens, b.dots FROM bowling_innings b JOIN players p ON p.id = b.player_id""",
  "fielding": """SELECT f.match_id, f.innings_number, p.registry_id, f.catches, f.stumpings,
      f.run_outs FROM fielding f JOIN players p ON p.id = f.player_id""",
  "partnerships": """SELECT x.match_id, x.innings_number, a.registry_id, b.registry_id,
      x.wicket, x.runs, x.balls, x.unbroken FROM partnerships x
      JOIN players a ON a.id = x.batter1_id JOIN players b ON b.id = x.batter2_id""",
  "team innings": """SELECT match_id, innings_number, runs, wickets, legal_balls, all_out
      FROM team_innings""",
  "matches": "SELECT id, country, year, season, competition FROM matches",
}


def ours(matches):
  """The same rows from the zips, keyed as the queries' leading columns."""
  rows = {name: {} for name in QUERIES}
  for m in matches:
    mid = int(m["id"])
    rows["matches"][(mid,)] = (m["country"], m["year"], m["season"], m["competition"])
    for n, inn in enumerate(m["innings"], 1):
      card = InningsCard(inn)
      for p, c in card.batting.items():
        rows["batting"][(mid, n, p)] = (c.position, c.runs, c.balls, c.fours, c.sixes, c.dots,
                                        int(c.out), c.how_out, c.to50, c.to100)
      for p, c in card.bowling.items():
        rows["bowling"][(mid, n, p)] = (c.legal, c.runs, c.wickets, c.maidens, c.dots)
      for p, c in card.fielding.items():
        rows["fielding"][(mid, n, p)] = (c.catches, c.stumpings, c.run_outs)
      for k, pt in enumerate(card.partnerships):
        rows["partnerships"][(mid, n, pt.first, pt.second, pt.wicket, k)] = (
          pt.runs, pt.balls, int(pt.unbroken))
      if inn["balls"] or inn["forfeited"]:
        rows["team innings"][(mid, n)] = (card.total, card.wickets, card.legal, int(card.all_out))
  return rows


def main():
  parser = argparse.ArgumentParser(description=__doc__,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
  parser.add_argument("--db", default=str(cricsheet.CACHE.parent / "cricket.sqlite"))
  args = parser.parse_args()
  mine = ours(cricsheet.load())
  db = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
  failed = False
  for name, sql in QUERIES.items():
    width = 1 if name == "matches" else 2 if name == "team innings" else 3
    theirs = {}
    if name == "partnerships":
      # Keyed by (match, innings, batters, wicket): a pair can stand twice for one wicket
      # (after a retirement), so each key holds a sorted list.
      for row in db.execute(sql):
        theirs.setdefault(tuple(row[:5]), []).append(tuple(row[5:]))
      grouped = {}
      for key, value in mine[name].items():
        grouped.setdefault(key[:5], []).append(value)
      mine_rows = {k: sorted(v) for k, v in grouped.items()}
      theirs_rows = {k: sorted(v) for k, v in theirs.items()}
    else:
      theirs_rows = {tuple(row[:width]): tuple(row[width:]) for row in db.execute(sql)}
      mine_rows = mine[name]
    keys = set(mine_rows) | set(theirs_rows)
    bad = [k for k in keys if mine_rows.get(k) != theirs_rows.get(k)]
    failed |= bool(bad)
    print(f"{name}: {len(keys) - len(bad)} of {len(keys)} rows agree")
    for k in sorted(bad, key=str)[:6]:
      print(f"  {k}: cricq {theirs_rows.get(k)} vs independent {mine_rows.get(k)}")
  sys.exit(1 if failed else 0)


if __name__ == "__main__":
  main()

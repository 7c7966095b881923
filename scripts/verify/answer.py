"""Turns rows into the answer table: groups, measures, rankings and records."""

from cards import BOWLER_KINDS, NOT_OUT_KINDS, bowler_runs, is_legal
from cricsheet import BATTER, BOWLER, NON_BOUNDARY, RUNS_BATTER, WICKETS, WIDES
from engine import BALL_FILTERS, SUPPORTING, ratio

MATCH_LEVEL = {"format", "team", "opposition", "venue", "country", "location", "year", "since",
               "before", "season", "date", "event", "stage", "result", "toss", "batting"}


class Tally(dict):
  def add(self, key, n=1):
    self[key] = self.get(key, 0) + n


def overs(balls):
  return f"{balls // 6}.{balls % 6}"


class Answerer:
  def __init__(self, engine):
    self.e = engine

  def key_of(self, q, m, player, team, opp):
    k = q.breakdown if q.ranking is None else ("player" if q.context != "team" else "team")
    if k is None:
      return None
    return {
      "player": lambda: player, "team": lambda: self.e.franchise(team),
      "opposition": lambda: self.e.franchise(opp), "year": lambda: m["year"],
      "season": lambda: m["season"], "format": lambda: m["format"],
      "venue": lambda: m["ground"], "country": lambda: m["country"],
    }[k]()

  def players(self, q):
    return self.e.ids(q.filters["player"]) if "player" in q.filters else None

  # Groups ------------------------------------------------------------------------------
  def batting(self, q):
    f, groups = q.filters, {}
    if BALL_FILTERS["batting"] & f.keys():
      for m, n, b, team, opp in self.e.balls(f, self.players(q), BATTER):
        g = groups.setdefault(self.key_of(q, m, b[BATTER], team, opp), Tally())
        g.setdefault("innings set", set()).add((m["id"], n, b[BATTER]))
        g.setdefault("match set", set()).add(m["id"])
        g.add("runs", b[RUNS_BATTER])
        g.add("balls", b[WIDES] == 0)
        g.add("dots", b[WIDES] == 0 and b[RUNS_BATTER] == 0)
        g.add("fours", b[RUNS_BATTER] == 4 and not b[NON_BOUNDARY])
        g.add("sixes", b[RUNS_BATTER] == 6 and not b[NON_BOUNDARY])
        for kind, out, _f, _s in b[WICKETS]:
          if out != b[BATTER] or kind in NOT_OUT_KINDS:
            continue
          if "dismissal" in f and kind != f["dismissal"]:
            continue
          if "bowler" in f and kind not in BOWLER_KINDS:
            continue
          g.add("outs")
      for g in groups.values():
        g["innings"] = len(g.pop("innings set"))
      return groups
    for m, n, p, team, opp, c in self.e.batting_rows(f, self.players(q)):
      g = groups.setdefault(self.key_of(q, m, p, team, opp), Tally())
      g.setdefault("match set", set()).add(m["id"])
      g.add("innings")
      g.add("not outs", not c.out)
      g.add("outs", c.out)
      for k in ("runs", "balls", "fours", "sixes", "dots"):
        g.add(k, getattr(c, k))
      g.add("hundreds", c.runs >= 100)
      g.add("fifties", 50 <= c.runs < 100)
      g.add("ducks", c.out and c.runs == 0)
      g["best"] = max(g.get("best", -1), c.runs * 2 + (not c.out))
    return groups

  def bowling(self, q):
    f, groups = q.filters, {}
    if BALL_FILTERS["bowling"] & f.keys():
      for m, n, b, team, opp in self.e.balls(f, self.players(q), BOWLER):
        g = groups.setdefault(self.key_of(q, m, b[BOWLER], team, opp), Tally())
        g.setdefault("innings set", set()).add((m["id"], n, b[BOWLER]))
        g.setdefault("match set", set()).add(m["id"])
        legal, charged = is_legal(b), bowler_runs(b)
        g.add("balls", legal)
        g.add("runs conceded", charged)
        g.add("dots", legal and charged == 0)
        for kind, _out, _f, _s in b[WICKETS]:
          if kind in BOWLER_KINDS and f.get("dismissal", kind) == kind:
            g.add("wickets")
      for g in groups.values():
        g["innings"] = len(g.pop("innings set"))
      return groups
    for m, n, p, team, opp, c in self.e.bowling_rows(f, self.players(q)):
      g = groups.setdefault(self.key_of(q, m, p, team, opp), Tally())
      g.setdefault("match set", set()).add(m["id"])
      g.add("innings")
      g.add("wickets", c.wickets)
      g.add("balls", c.legal)
      g.add("runs conceded", c.runs)
      g.add("maidens", c.maidens)
      g.add("dots", c.dots)
      g.add("four wicket hauls", c.wickets == 4)
      g.add("five wicket hauls", c.wickets >= 5)
      g["best"] = max(g.get("best", -1), c.wickets * 10000 + 9999 - c.runs)
    return groups

  def fielding(self, q):
    groups = {}
    for m, n, p, team, opp, c in self.e.fielding_rows(q.filters, self.players(q)):
      g = groups.setdefault(self.key_of(q, m, p, team, opp), Tally())
      g.setdefault("match set", set()).add(m["id"])
      g.add("catches", c.catches)
      g.add("stumpings", c.stumpings)
      g.add("run outs", c.run_outs)
    return groups

  def team(self, q):
    groups = {}
    for m in self.e.selected(q.filters):
      for team in m["teams"]:
        opp = [t for t in m["teams"] if t != team][0]
        if not self.e.side_ok(m, team, opp, q.filters):
          continue
        g = groups.setdefault(self.key_of(q, m, None, team, opp), Tally())
        g.add("matches")
        g.add("wins", m["winner"] == team)
        g.add("losses", m["loser"] == team)
        g.add("draws", m["result"] == "draw")
        g.add("ties", m["result"] == "tie")
        g.add("no results", m["result"] == "no result")
    return groups

  def matches(self, q, key, g):
    """`matches`: XI appearances under match-level filters, else matches with rows."""
    f = q.filters
    if not set(f) - {"player"} <= MATCH_LEVEL:
      return len(g.get("match set", ()))
    grouping = q.breakdown if q.ranking is None else "player"
    if grouping == "player":
      player = key
    elif "player" in f and len(f["player"]) == 1:
      player = next(iter(self.e.ids(f["player"])))
    else:  # several players in a group: the matches their rows come from
      return len(g.get("match set", ()))
    found = self.e.appearances(f, player)
    if grouping not in (None, "player"):
      found = [a for a in found if self.key_of(q, a[0], player, a[1], a[2]) == key]
    return len(found)

  def value(self, q, word, key, g):
    """One measure of one group, exact (sort key) and shown."""
    c = q.context
    if word == "matches" and c != "team":
      return self.matches(q, key, g)
    if c == "batting":
      if word == "average":
        return ratio(g.get("runs", 0), g.get("outs", 0))
      if word == "strike rate":
        return ratio(g.get("runs", 0), g.get("balls", 0), 100.0)
      if word == "dismissals":
        return g.get("outs", 0)
      if word == "highest score":
        best = g.get("best")
        return None if best is None or best < 0 else f"{best // 2}" + ("*" if best % 2 else "")
    if c == "bowling":
      if word == "average":
        return ratio(g.get("runs conceded", 0), g.get("wickets", 0))
      if word == "economy":
        return ratio(g.get("runs conceded", 0), g.get("balls", 0), 6.0)
      if word == "strike rate":
        return ratio(g.get("balls", 0), g.get("wickets", 0))
      if word == "overs":
        return overs(g.get("balls", 0))
      if word == "best figures":
        best = g.get("best")
        return None if best is None else f"{best // 10000}/{9999 - best % 10000}"
    if c == "fielding" and word == "dismissals":
      return g.get("catches", 0) + g.get("stumpings", 0)
    if c == "team" and word == "win %":
      return ratio(100.0 * g.get("wins", 0), g.get("matches", 0) - g.get("no results", 0))
    return g.get(word, 0)

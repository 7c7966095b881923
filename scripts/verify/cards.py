"""Scorecards computed from the balls of one innings, by cricket's scoring conventions.

Conventions (docs/schema.md "Who counts as what"): a ball faced is any delivery but a wide; a
four or six is runs.batter 4 or 6 without non_boundary; the bowler is charged the total less
byes, leg byes and penalties; a bowler's wicket is bowled, caught, caught and bowled, lbw,
stumped or hit wicket; a batter is out unless retired hurt or retired not out; batting
position is the order of arrival at the crease (striker before non-striker on the first ball).
"""

from cricsheet import (BATTER, BOWLER, BYES, LEGBYES, NOBALLS, NON_BOUNDARY, NON_STRIKER,
                       OVER, PENALTY, RUNS_BATTER, TOTAL, WICKETS, WIDES)

BOWLER_KINDS = {"bowled", "caught", "caught and bowled", "lbw", "stumped", "hit wicket"}
NOT_OUT_KINDS = {"retired hurt", "retired not out"}


def bowler_runs(b):
  return b[TOTAL] - b[BYES] - b[LEGBYES] - b[PENALTY]


def is_legal(b):
  return b[WIDES] == 0 and b[NOBALLS] == 0


def positions(balls):
  """Batting position by order of arrival; a batter out without a ball (timed out) arrives
  when his wicket is recorded."""
  order = {}
  for b in balls:
    for p in (b[BATTER], b[NON_STRIKER]):
      if p not in order:
        order[p] = len(order) + 1
    for w in b[WICKETS]:
      if w[1] not in order:
        order[w[1]] = len(order) + 1
  return order


class Batting:
  __slots__ = ("position", "runs", "balls", "fours", "sixes", "dots", "out", "how_out",
               "bowler", "to50", "to100")

  def __init__(self, position):
    self.position = position
    self.runs = self.balls = self.fours = self.sixes = self.dots = 0
    self.out = False
    self.how_out = "not out"
    self.bowler = None
    self.to50 = self.to100 = None


class Bowling:
  __slots__ = ("legal", "runs", "wickets", "maidens", "dots", "kinds")

  def __init__(self):
    self.legal = self.runs = self.wickets = self.maidens = self.dots = 0
    self.kinds = {}


class Fielding:
  __slots__ = ("catches", "stumpings", "run_outs")

  def __init__(self):
    self.catches = self.stumpings = self.run_outs = 0


class Partnership:
  __slots__ = ("first", "second", "runs", "balls", "wicket", "unbroken")

  def __init__(self, first, second, wicket):
    self.first, self.second, self.wicket = first, second, wicket
    self.runs = self.balls = 0
    self.unbroken = False


class InningsCard:
  """Everything one innings yields: batting, bowling and fielding cards, partnerships, total."""

  def __init__(self, inn, balls_per_over=6):
    balls = inn["balls"]
    self.order = positions(balls)
    self.batting = {p: Batting(n) for p, n in self.order.items()}
    self.bowling = {}
    self.fielding = {}
    self.partnerships = []
    self.total = inn["penalty"]
    self.wickets = 0
    self.legal = 0
    pair = None
    overs = {}
    for b in balls:
      striker = self.batting[b[BATTER]]
      bowler = self.bowling.setdefault(b[BOWLER], Bowling())
      legal = is_legal(b)
      charged = bowler_runs(b)
      self.total += b[TOTAL]
      bowler.runs += charged
      if legal:
        self.legal += 1
        bowler.legal += 1
        bowler.dots += charged == 0
      overs.setdefault(b[OVER], []).append((b[BOWLER], legal, charged))
      if b[WIDES] == 0:
        striker.balls += 1
        striker.dots += b[RUNS_BATTER] == 0
      striker.runs += b[RUNS_BATTER]
      if not b[NON_BOUNDARY]:
        striker.fours += b[RUNS_BATTER] == 4
        striker.sixes += b[RUNS_BATTER] == 6
      if striker.to50 is None and striker.runs >= 50:
        striker.to50 = striker.balls
      if striker.to100 is None and striker.runs >= 100:
        striker.to100 = striker.balls
      key = frozenset((b[BATTER], b[NON_STRIKER]))
      if pair is None or key != pair[0]:
        first, second = sorted(key, key=lambda p: self.order[p]) if len(key) == 2 else (
          b[BATTER], b[BATTER])
        pair = (key, Partnership(first, second, self.wickets + 1))
        self.partnerships.append(pair[1])
      pair[1].runs += b[TOTAL]
      pair[1].balls += b[WIDES] == 0
      for kind, out, fielders, _subs in b[WICKETS]:
        card = self.batting[out]
        card.how_out = kind
        card.out = kind not in NOT_OUT_KINDS
        card.bowler = b[BOWLER] if kind in BOWLER_KINDS else None
        if card.out:
          self.wickets += 1
        if kind in BOWLER_KINDS:
          bowler.wickets += 1
          bowler.kinds[kind] = bowler.kinds.get(kind, 0) + 1
        if kind == "caught" and fielders:
          self.fielding.setdefault(fielders[0], Fielding()).catches += 1
        elif kind == "caught and bowled":
          self.fielding.setdefault(b[BOWLER], Fielding()).catches += 1
        elif kind == "stumped" and fielders:
          self.fielding.setdefault(fielders[0], Fielding()).stumpings += 1
        elif kind == "run out":
          for f in set(fielders):
            self.fielding.setdefault(f, Fielding()).run_outs += 1
    if self.partnerships:
      last = self.partnerships[-1]
      last_ball = balls[-1]
      # Unbroken: nothing ended the stand on the last ball, neither a wicket nor a retirement.
      last.unbroken = not last_ball[WICKETS]
    for deliveries in overs.values():
      bowlers = {d[0] for d in deliveries}
      legal = sum(d[1] for d in deliveries)
      if len(bowlers) == 1 and legal >= balls_per_over and sum(d[2] for d in deliveries) == 0:
        self.bowling[deliveries[0][0]].maidens += 1
    # All out: ten wickets, or too few batters left because of absent or retired-hurt ones who
    # did not return (India 36 at Adelaide, 2020: nine out, Shami retired hurt); not when the
    # innings ended otherwise, by a declaration, its overs or reaching the target.
    retired = sum(c.how_out in NOT_OUT_KINDS for c in self.batting.values())
    ended_otherwise = inn["declared"] or (
      inn["overs"] and self.legal >= inn["overs"] * balls_per_over) or (
      inn["target"] and self.total >= inn["target"])
    self.all_out = self.wickets >= 10 or not ended_otherwise and (
      self.wickets + inn["absent_hurt"] + retired >= 10)

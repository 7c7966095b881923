"""Answers a parsed DSL query from the match records, by the definitions in docs/DSL.md."""

from cards import BOWLER_KINDS, NOT_OUT_KINDS, InningsCard, bowler_runs, is_legal
from cricsheet import BATTER, BOWLER, NON_BOUNDARY, OVER, RUNS_BATTER, WICKETS, WIDES, Names

BALL_FILTERS = {"batting": {"bowler", "phase", "over"},
                "bowling": {"batter", "phase", "over", "position", "dismissal"}}
PHASES = {"T20I": {"powerplay": (1, 6), "middle": (7, 15), "death": (16, 20)},
          "IPL": {"powerplay": (1, 6), "middle": (7, 15), "death": (16, 20)},
          "ODI": {"powerplay": (1, 10), "middle": (11, 40), "death": (41, 50)}}
SUPPORTING = {"batting": ["innings", "runs", "average", "strike rate"],
              "bowling": ["innings", "wickets", "average", "economy"],
              "fielding": ["catches", "stumpings", "run outs"],
              "allround": ["runs", "batting average", "wickets", "bowling average"],
              "team": ["matches", "wins", "losses"]}


def ratio(a, b, scale=1.0):
  return None if not b else scale * a / b


class Engine:
  def __init__(self, matches):
    self.matches = matches
    self.names = Names()
    self._cards = {}
    self.player_names()

  def cards(self, m):
    c = self._cards.get(m["id"])
    if c is None:
      c = [InningsCard(inn) for inn in m["innings"]]
      self._cards[m["id"]] = c
    return c

  # Names ---------------------------------------------------------------------------------
  def player_names(self):
    """A printable unique name per registry id, as docs/schema.md defines `unique_name`: the
    name of the player's latest match; a name shared by several ids keeps the bare name for the
    one with most matches, the others get ' (<id>)'."""
    latest, count = {}, {}
    for m in self.matches:
      seen = set()
      for team in m["players"].values():
        for p in team:
          count[p] = count.get(p, 0) + 1
          seen.add(p)
      for inn in m["innings"]:
        for b in inn["balls"]:
          seen.update((b[BATTER], b[BOWLER]))
          for w in b[WICKETS]:
            seen.update(w[2])
      for p in seen:
        latest[p] = m["names"].get(p, p[5:] if p.startswith("name:") else p)
    holders = {}
    for p, name in latest.items():
      holders.setdefault(name, []).append(p)
    self.display = {}
    for name, ids in holders.items():
      ids.sort(key=lambda p: -count.get(p, 0))
      for rank, p in enumerate(ids):
        self.display[p] = name if rank == 0 else f"{name} ({p})"
    self.by_display = {v: k for k, v in self.display.items()}

  def franchise(self, team):
    return self.names.franchise.get(team, team)

  def home(self, team, m):
    return "India" if m["format"] == "IPL" else self.franchise(team)

  # Filters -------------------------------------------------------------------------------
  def match_ok(self, m, f):
    if "format" in f and m["format"] != f["format"]:
      return False
    for key in ("year", "date"):
      if key in f:
        low, high = f[key]
        v = m["year"] if key == "year" else m["date"]
        if not low <= v <= high:
          return False
    if "since" in f and m["year"] < f["since"]:
      return False
    if "before" in f and m["year"] >= f["before"]:
      return False
    if "season" in f and m["season"] != f["season"]:
      return False
    if "event" in f and m["competition"] != f["event"]:
      return False
    if "stage" in f and m["stage"] != {"final": "Final", "semi final": "Semi Final"}[f["stage"]]:
      return False
    if "venue" in f and m["ground"] != f["venue"]:
      return False
    if "country" in f and m["country"] != f["country"]:
      return False
    return True

  def side_ok(self, m, team, opp, f):
    """Filters about the subject's side (team, opposition, location, result, toss, batting)."""
    if "team" in f and self.franchise(team) not in {self.franchise(t) for t in f["team"]}:
      return False
    if "opposition" in f and self.franchise(opp) not in {
        self.franchise(t) for t in f["opposition"]}:
      return False
    if "location" in f:
      home, away = self.home(team, m), self.home(opp, m)
      where = ("home" if m["country"] == home else "away" if m["country"] == away
               else "neutral")
      if where != f["location"]:
        return False
    if "result" in f:
      r = f["result"]
      if r == "won" and m["winner"] != team or r == "lost" and m["loser"] != team:
        return False
      if {"drawn": "draw", "tied": "tie", "no result": "no result"}.get(r, m["result"]) != (
          m["result"]):
        return False
    if "toss" in f:
      won = m["toss_winner"] == team
      if m["toss_winner"] is None or won != (f["toss"] == "won"):
        return False
    if "batting" in f:
      if not m["innings"]:
        return False
      if (m["innings"][0]["team"] == team) != (f["batting"] == "first"):
        return False
    return True

  def ids(self, names):
    return {self.by_display.get(n, "?" + n) for n in names}

  def ball_test(self, f):
    """A test of one ball (match, ball, batting order) for the ball filters, built once."""
    overs = f.get("over")
    phase = f.get("phase")
    bowlers = self.ids([f["bowler"]]) if "bowler" in f else None
    batters = self.ids([f["batter"]]) if "batter" in f else None
    position = f.get("position")

    def test(m, b, order):
      over = b[OVER] + 1
      if overs and not overs[0] <= over <= overs[1]:
        return False
      if phase:
        if m["format"] not in PHASES:
          return False
        low, high = PHASES[m["format"]][phase]
        if not low <= over <= high:
          return False
      if bowlers is not None and b[BOWLER] not in bowlers:
        return False
      if batters is not None and b[BATTER] not in batters:
        return False
      return not position or position[0] <= order[b[BATTER]] <= position[1]
    return test

  # Rows ----------------------------------------------------------------------------------
  def innings_ok(self, n, f):
    return "innings" not in f or f["innings"] == n

  def selected(self, f):
    for m in self.matches:
      if self.match_ok(m, f):
        yield m

  def batting_rows(self, f, players):
    """(match, innings number, player, team, opposition, card) per batter innings."""
    for m in self.selected(f):
      for n, (inn, card) in enumerate(zip(m["innings"], self.cards(m)), 1):
        if not self.innings_ok(n, f) or not self.side_ok(m, inn["team"], inn["opp"], f):
          continue
        for p, c in card.batting.items():
          if players and p not in players:
            continue
          if "position" in f and not f["position"][0] <= c.position <= f["position"][1]:
            continue
          if "dismissal" in f and c.how_out != f["dismissal"]:
            continue
          yield m, n, p, inn["team"], inn["opp"], c

  def bowling_rows(self, f, players):
    for m in self.selected(f):
      for n, (inn, card) in enumerate(zip(m["innings"], self.cards(m)), 1):
        if not self.innings_ok(n, f) or not self.side_ok(m, inn["opp"], inn["team"], f):
          continue
        for p, c in card.bowling.items():
          if not players or p in players:
            yield m, n, p, inn["opp"], inn["team"], c

  def fielding_rows(self, f, players):
    for m in self.selected(f):
      for n, (inn, card) in enumerate(zip(m["innings"], self.cards(m)), 1):
        if not self.innings_ok(n, f) or not self.side_ok(m, inn["opp"], inn["team"], f):
          continue
        played = set(m["players"].get(inn["opp"], ()))
        for p, c in card.fielding.items():
          # A substitute fielder's catches and run outs are not his (he did not play).
          if p in played and (not players or p in players):
            yield m, n, p, inn["opp"], inn["team"], c

  def balls(self, f, players, role):
    """(match, innings number, ball, striker's position, subject team, opposition) for balls
    passing the ball filters; role is the subject: BATTER or BOWLER."""
    test = self.ball_test(f)
    for m in self.selected(f):
      for n, (inn, card) in enumerate(zip(m["innings"], self.cards(m)), 1):
        team, opp = (inn["team"], inn["opp"]) if role == BATTER else (inn["opp"], inn["team"])
        if not self.innings_ok(n, f) or not self.side_ok(m, team, opp, f):
          continue
        for b in inn["balls"]:
          if players and b[role] not in players:
            continue
          if test(m, b, card.order):
            yield m, n, b, team, opp

  def appearances(self, f, player):
    """Matches in the XI under the match-level filters, for `matches`."""
    found = []
    for m in self.selected(f):
      for team, xi in m["players"].items():
        if player in xi:
          opp = [t for t in m["teams"] if t != team][0]
          if self.side_ok(m, team, opp, f):
            found.append((m, team, opp))
    return found

"""Reads the Cricsheet zips into compact match records, cached as a pickle.

Independent of cricq's importer: only the alias files in corpus/aliases/ (names of grounds,
cities, competitions and franchises, which are naming data, not statistics) are shared.
"""

import json
import os
import pickle
import zipfile
from pathlib import Path

DATA = Path(os.environ.get("CRICSHEET_DIR", "/work/shared/data/cricsheet"))
ZIPS = ["tests_json.zip", "odis_json.zip", "t20s_json.zip", "ipl_json.zip"]
CACHE = Path(os.environ.get("CRICQ_HOME", Path.home() / ".cache/cricq")) / "verify"
CACHE_VERSION = 5
ALIASES = Path(__file__).resolve().parents[2] / "corpus/aliases"

# One delivery: a tuple indexed by these positions.
OVER, BATTER, NON_STRIKER, BOWLER, RUNS_BATTER, WIDES, NOBALLS, BYES, LEGBYES, PENALTY = range(10)
NON_BOUNDARY, TOTAL, WICKETS = 10, 11, 12
# One wicket on a delivery: (kind, player_out, fielders, substitutes)


def tsv_rows(name):
  for line in (ALIASES / name).read_text().splitlines():
    if line.strip() and not line.startswith("#"):
      yield [cell.strip() for cell in line.split("\t")]


class Names:
  """Grounds, host countries, competitions and franchises from corpus/aliases."""

  def __init__(self):
    self.city_country = {r[0]: r[1] for r in tsv_rows("cities.tsv")}
    self.venue_alias = {}
    self.venue_country = {}
    for r in tsv_rows("venues.tsv"):
      name, country = r[0], r[2]
      self.venue_country[name] = country
      for alias in [name] + r[3:]:
        self.venue_alias[alias.lower()] = name
    self.competition = {}
    for r in tsv_rows("events.tsv"):
      for alias in r:
        self.competition[alias.lower()] = r[0]
    self.franchise = {}
    for r in tsv_rows("teams.tsv"):
      if len(r) > 1 and r[1] != "-":
        self.franchise[r[0]] = r[1]

  def ground(self, venue, city):
    """Canonical ground: trailing ', <known city>' parts cut, then the alias table."""
    base = venue.strip()
    while "," in base:
      head, tail = base.rsplit(",", 1)
      if tail.strip() not in self.city_country:
        break
      base = head.strip()
    for key in ([f"{base}@{city}"] if city else []) + [base, venue]:
      if key.lower() in self.venue_alias:
        return self.venue_alias[key.lower()]
    return base

  def host(self, ground, venue, city):
    """Host country: a listed ground's, else the match's own city's (per match, where the
    importer takes one city per ground). Listed first because city names repeat across
    countries: Hamilton is in New Zealand and in Bermuda."""
    if ground in self.venue_country:
      return self.venue_country[ground]
    if city and city in self.city_country:
      return self.city_country[city]
    for part in reversed(venue.split(",")):
      if part.strip() in self.city_country:
        return self.city_country[part.strip()]
    return None


def match_format(info):
  if info.get("gender") != "male":
    return None
  kind = info.get("match_type")
  if kind in ("Test", "ODI"):
    return kind
  if kind == "T20" and info.get("team_type") == "international":
    return "T20I"
  if kind == "T20" and info.get("event", {}).get("name") == "Indian Premier League":
    return "IPL"
  return None


def read_match(raw, names):
  info = raw["info"]
  fmt = match_format(info)
  if fmt is None:
    return None
  registry = info.get("registry", {}).get("people", {})

  def pid(name):
    return registry.get(name, "name:" + name)

  outcome = info.get("outcome", {})
  teams = info["teams"]
  winner = outcome.get("winner")
  result = "won" if winner else outcome.get("result")
  venue = info.get("venue", "")
  city = info.get("city")
  ground = names.ground(venue, city)
  event = info.get("event", {})
  event_name = event.get("name")
  innings = []
  for inn in raw.get("innings", []):
    if inn.get("super_over"):
      continue
    balls = []
    for over in inn.get("overs", []):
      for d in over["deliveries"]:
        runs, extras = d["runs"], d.get("extras", {})
        wickets = tuple(
          (
            w["kind"],
            pid(w["player_out"]),
            tuple(pid(f["name"]) for f in w.get("fielders", []) if "name" in f),
            tuple(bool(f.get("substitute")) for f in w.get("fielders", []) if "name" in f),
          )
          for w in d.get("wickets", [])
        )
        balls.append(
          (
            over["over"], pid(d["batter"]), pid(d["non_striker"]), pid(d["bowler"]),
            runs["batter"], extras.get("wides", 0), extras.get("noballs", 0),
            extras.get("byes", 0), extras.get("legbyes", 0), extras.get("penalty", 0),
            bool(runs.get("non_boundary")), runs["total"], wickets,
          )
        )
    batting = inn["team"]
    penalty = inn.get("penalty_runs", {})
    innings.append(
      {
        "team": batting,
        "opp": teams[1] if batting == teams[0] else teams[0],
        "declared": bool(inn.get("declared")),
        "forfeited": bool(inn.get("forfeited")),
        "penalty": penalty.get("pre", 0) + penalty.get("post", 0),
        "absent_hurt": len(inn.get("absent_hurt", [])),
        "target": inn.get("target", {}).get("runs"),
        "overs": inn.get("target", {}).get("overs", info.get("overs")),
        "balls": balls,
      }
    )
  toss = info.get("toss", {})
  return {
    "id": None,
    "format": fmt,
    "date": info["dates"][0],
    "year": int(info["dates"][0][:4]),
    "season": str(info.get("season")),
    "ground": ground,
    "country": names.host(ground, venue, city),
    "teams": teams,
    "toss_winner": toss.get("winner"),
    "winner": winner,
    "loser": (teams[1] if winner == teams[0] else teams[0]) if winner else None,
    "result": result,
    "competition": names.competition.get((event_name or "").lower(), event_name),
    "stage": event.get("stage"),
    "players": {t: [pid(p) for p in ps] for t, ps in info.get("players", {}).items()},
    "names": {v: k for k, v in registry.items()},
    "innings": innings,
  }


def load():
  """Every covered match, oldest first; parsed once, then read from the pickle."""
  CACHE.mkdir(parents=True, exist_ok=True)
  stamp = [CACHE_VERSION] + [(z, (DATA / z).stat().st_size) for z in ZIPS]
  stamp += [(p.name, p.stat().st_mtime_ns) for p in sorted(ALIASES.glob("*.tsv"))]
  path = CACHE / "matches.pickle"
  if path.exists():
    with path.open("rb") as f:
      cached_stamp, matches = pickle.load(f)
    if cached_stamp == stamp:
      return matches
  names = Names()
  matches = []
  for z in ZIPS:
    with zipfile.ZipFile(DATA / z) as archive:
      for entry in archive.namelist():
        if not entry.endswith(".json"):
          continue
        match = read_match(json.loads(archive.read(entry)), names)
        if match:
          match["id"] = entry[:-5]
          matches.append(match)
  matches.sort(key=lambda m: (m["date"], m["id"]))
  with path.open("wb") as f:
    pickle.dump((stamp, matches), f, protocol=pickle.HIGHEST_PROTOCOL)
  return matches

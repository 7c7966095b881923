"""The answer to a whole query as a table: {"columns": [...], "rows": [[...]]}, column names as
cricq prints them, plus every candidate row of a ranking (for comparing across ties)."""

from answer import Answerer
from engine import SUPPORTING

RECORD_MEASURES = {"runs": "runs", "balls": "balls", "fours": "fours", "sixes": "sixes",
                   "strike rate": "strike rate", "fastest fifty": "balls to 50",
                   "fastest hundred": "balls to 100"}


def nulls_last(descending):
  def key(v):
    return (v is None, -v if descending and v is not None else v)
  return key


class Table:
  def __init__(self, columns, rows, ranked=None, candidates=None):
    self.columns, self.rows = columns, rows
    self.ranked = ranked  # index of the ranked column, for rankings
    self.candidates = candidates if candidates is not None else rows


def answer(engine, q):
  a = Answerer(engine)
  if q.context in ("innings", "spells", "partnerships", "team innings", "matches",
                   "match figures"):
    return records(engine, q)
  if q.context == "allround":
    return allround(a, q)
  groups = getattr(a, q.context)(q)
  if q.ranking is None:
    label = q.breakdown
    if label is None and not groups:
      groups = {None: {}}
    rows = []
    for key in sorted(groups, key=lambda k: (k is None, k)):
      shown = [display(engine, q.breakdown, key)] if label else []
      rows.append(shown + [a.value(q, w, key, groups[key]) for w in q.measures])
    return Table(([label] if label else []) + q.measures, rows)
  word = q.measures[0]
  shown = [word] + [w for w in SUPPORTING[q.context] if w != word]
  label = "team" if q.context == "team" else "player"
  qualifier_measure = {("batting", "runs"): "runs", ("batting", "balls"): "balls",
                       ("batting", "innings"): "innings", ("bowling", "balls"): "balls",
                       ("bowling", "innings"): "innings", ("bowling", "wickets"): "wickets",
                       ("team", "matches"): "matches"}
  rows = []
  for key, g in groups.items():
    values = [a.value(q, w, key, g) for w in shown]
    if values[0] is None:
      continue
    if any((a.value(q, qualifier_measure.get((q.context, qm), "matches"), key, g) or 0) < n
           for qm, n in q.qualifiers.items()):
      continue
    rows.append([display(engine, label, key)] + values)
  order = nulls_last(q.descending)
  rows.sort(key=lambda r: (order(balls_of(r[1]) if word == "overs" else r[1]), r[0]))
  return ranked_table([label] + shown, rows, q.ranking[1], 1)


def balls_of(overs):
  whole, part = overs.split(".")
  return int(whole) * 6 + int(part)


def ranked_table(columns, rows, n, ranked):
  top = rows[:n]
  if top:
    last = top[-1][ranked]
    candidates = [r for r in rows if r in top or r[ranked] == last]
  else:
    candidates = []
  return Table(columns, top, ranked, candidates)


def display(engine, label, key):
  return engine.display.get(key, key) if label == "player" else key


def allround(a, q):
  bq = type(q)("batting", ["runs"], q.ranking, q.filters, {}, q.breakdown)
  wq = type(q)("bowling", ["wickets"], q.ranking, q.filters, {}, q.breakdown)
  bat, bowl = a.batting(bq), a.bowling(wq)
  keys = [k for k in bat if k in bowl]

  def values(k):
    b, w = bat[k], bowl[k]
    v = {"runs": b.get("runs", 0), "batting average": a.value(bq, "average", k, b),
         "hundreds": b.get("hundreds", 0), "fifties": b.get("fifties", 0),
         "wickets": w.get("wickets", 0),
         "bowling average": a.value(wq, "average", k, w),
         "five wicket hauls": w.get("five wicket hauls", 0)}
    one_player = "player" in q.filters and len(q.filters["player"]) == 1
    grouped_by_player = q.ranking is not None or q.breakdown == "player"
    v["matches"] = (a.matches(bq, k, b) if grouped_by_player or one_player
                    else len(b.get("match set", ())))
    return v

  if q.ranking is None:
    label = q.breakdown
    rows = []
    for k in sorted(keys, key=lambda k: (k is None, k)):
      v = values(k)
      rows.append(([display(a.e, label, k)] if label else []) + [v[w] for w in q.measures])
    return Table(([label] if label else []) + q.measures, rows)
  word = q.measures[0]
  shown = [word] + [w for w in SUPPORTING["allround"] if w != word]
  rows = []
  for k in keys:
    v = values(k)
    if v[word] is None:
      continue
    need = {"wickets": "wickets", "matches": "matches"}
    if any(v[need.get(qm, "runs")] < n for qm, n in q.qualifiers.items()):
      continue
    rows.append([display(a.e, "player", k)] + [v[w] for w in shown])
  order = nulls_last(q.descending)
  rows.sort(key=lambda r: (order(r[1]), r[0]))
  return ranked_table(["player"] + shown, rows, q.ranking[1], 1)


def records(engine, q):
  e, f = engine, q.filters
  players = e.ids(f["player"]) if "player" in f else None
  word = q.measures[0]
  desc = q.descending
  rows = []  # (sort key, row)
  context = ["team", "opposition", "venue", "date", "format"]

  def where(m, team, opp):
    return [team, opp, m["ground"], m["date"], m["format"]]

  if q.context == "innings":
    col = RECORD_MEASURES[word]
    columns = ["player", col] + [c for c in ["runs", "balls", "fours", "sixes", "how out"]
                                 if c != col] + context
    for m, n, p, team, opp, c in e.batting_rows(f, players):
      values = {"runs": c.runs, "balls": c.balls, "fours": c.fours, "sixes": c.sixes,
                "how out": c.how_out, "balls to 50": c.to50, "balls to 100": c.to100,
                "strike rate": 100.0 * c.runs / c.balls if c.balls else None}
      if values[col] is None:
        continue
      if c.runs < q.qualifiers.get("runs", 0) or c.balls < q.qualifiers.get("balls", 0):
        continue
      sign = -1 if desc else 1
      key = (sign * values[col],) + ((c.balls if desc else -c.balls,) if word == "runs" else ())
      rows.append((key + (m["date"],), [e.display[p]] + [values[x] for x in columns[1:-5]]
                   + where(m, team, opp)))
  elif q.context == "spells":
    columns = ["player", "figures", "overs", "economy", "dots"] + context
    for m, n, p, team, opp, c in e.bowling_rows(f, players):
      if c.legal == 0 or c.legal < q.qualifiers.get("balls", 0) or (
          c.wickets < q.qualifiers.get("wickets", 0)):
        continue
      econ = 6.0 * c.runs / c.legal
      s = -1 if desc else 1
      key = {"wickets": (s * c.wickets, -s * c.runs), "runs conceded": (s * c.runs, c.wickets),
             "economy": (s * econ, -c.wickets), "dots": (s * c.dots, c.runs)}[word]
      rows.append((key + (c.legal, m["date"]),
                   [e.display[p], f"{c.wickets}/{c.runs}", f"{c.legal // 6}.{c.legal % 6}",
                    econ, c.dots] + where(m, team, opp)))
  elif q.context == "partnerships":
    columns = ["batters", "runs", "balls", "wicket", "unbroken"] + context
    if word == "balls":
      columns[1], columns[2] = columns[2], columns[1]
    for m in e.selected(f):
      for n, (inn, card) in enumerate(zip(m["innings"], e.cards(m)), 1):
        if not e.innings_ok(n, f) or not e.side_ok(m, inn["team"], inn["opp"], f):
          continue
        for pt in card.partnerships:
          if players and not {pt.first, pt.second} & players:
            continue
          if "wicket" in f and pt.wicket != f["wicket"]:
            continue
          if pt.runs < q.qualifiers.get("runs", 0) or pt.balls < q.qualifiers.get("balls", 0):
            continue
          v = {"runs": pt.runs, "balls": pt.balls}
          s = -1 if desc else 1
          rows.append(((s * v[word], m["date"]),
                       [f"{e.display[pt.first]} & {e.display[pt.second]}", v[columns[1]],
                        v[columns[2]], pt.wicket, int(pt.unbroken)] + where(m, inn["team"],
                                                                            inn["opp"])))
  elif q.context == "matches":
    columns, rows = match_batting(e, q, players)
  elif q.context == "match figures":
    columns, rows = match_bowling(e, q, players)
  else:
    columns = ["team", "total", "score", "overs", "opposition", "venue", "date", "format"]
    for m in e.selected(f):
      for n, (inn, card) in enumerate(zip(m["innings"], e.cards(m)), 1):
        if not e.innings_ok(n, f) or not e.side_ok(m, inn["team"], inn["opp"], f):
          continue
        if inn["forfeited"] or (not desc and not card.all_out):
          continue
        if card.total < q.qualifiers.get("runs", 0) or card.legal < q.qualifiers.get("balls", 0):
          continue
        score = f"{card.total}" + ("" if card.all_out else f"/{card.wickets}") + (
          "d" if inn["declared"] else "")
        s = -1 if desc else 1
        rows.append(((s * card.total, card.legal, m["date"]),
                     [inn["team"], card.total, score, f"{card.legal // 6}.{card.legal % 6}",
                      inn["opp"], m["ground"], m["date"], m["format"]]))
  rows.sort(key=lambda r: r[0])
  n = q.ranking[1]
  top = rows[:n]
  if top:
    last = top[-1][0][0]  # the ranked measure (signed) of the last row shown
    candidates = [r[1] for r in rows[:n]] + [r[1] for r in rows[n:] if r[0][0] == last]
  else:
    candidates = []
  return Table(columns, [r[1] for r in top], 1, candidates)


def per_match(rows):
  """Innings rows grouped by (match, player), in playing order."""
  grouped = {}
  for m, n, p, team, opp, c in rows:
    grouped.setdefault((m["id"], p), []).append((m, n, team, opp, c))
  return grouped


def both_innings(parts):
  """`A & B`: the side's first innings (match innings 1-2), then its second (3-4)."""
  first = [t for n, t in parts if n <= 2]
  second = [t for n, t in parts if n > 2]
  return (first[0] if first else "-") + (f" & {second[0]}" if second else "")


def match_batting(e, q, players):
  word, desc = q.measures[0], q.descending
  columns = ["player", word] + [c for c in ["runs", "scores", "balls", "fours", "sixes"]
                                if c != word]
  columns += ["team", "opposition", "venue", "date", "format"]
  rows = []
  for (mid, p), innings in per_match(e.batting_rows(q.filters, players)).items():
    m, team, opp = innings[0][0], innings[0][2], innings[0][3]
    v = {k: sum(getattr(i[4], k) for i in innings) for k in ("runs", "balls", "fours", "sixes")}
    v["scores"] = both_innings([(i[1], f"{i[4].runs}" + ("" if i[4].out else "*"))
                                for i in innings])
    if v["runs"] < q.qualifiers.get("runs", 0) or v["balls"] < q.qualifiers.get("balls", 0):
      continue
    s = -1 if desc else 1
    key = (s * v[word],) + ((v["balls"] if desc else -v["balls"],) if word == "runs" else ())
    rows.append((key + (m["date"],), [e.display[p]] + [v[c] for c in columns[1:-5]]
                 + [team, opp, m["ground"], m["date"], m["format"]]))
  return columns, rows


def match_bowling(e, q, players):
  columns = ["player", "figures", "innings", "overs", "team", "opposition", "venue", "date",
             "format"]
  rows = []
  for (mid, p), innings in per_match(e.bowling_rows(q.filters, players)).items():
    m, team, opp = innings[0][0], innings[0][2], innings[0][3]
    wickets = sum(i[4].wickets for i in innings)
    runs = sum(i[4].runs for i in innings)
    balls = sum(i[4].legal for i in innings)
    if balls < q.qualifiers.get("balls", 0) or wickets < q.qualifiers.get("wickets", 0):
      continue
    s = -1 if q.descending else 1
    figures = both_innings([(i[1], f"{i[4].wickets}/{i[4].runs}") for i in innings])
    rows.append(((s * wickets, -s * runs, balls, m["date"]),
                 [e.display[p], f"{wickets}/{runs}", figures, f"{balls // 6}.{balls % 6}",
                  team, opp, m["ground"], m["date"], m["format"]]))
  return columns, rows

"""A small parser for the cricq DSL (docs/DSL.md), written apart from Sources/DSL."""

import re
from dataclasses import dataclass, field

SUBJECTS = {
  "batters": "batting", "bowlers": "bowling", "fielders": "fielding",
  "allrounders": "allround", "teams": "team", "innings": "innings", "spells": "spells",
  "partnerships": "partnerships", "team innings": "team innings", "matches": "matches",
  "match figures": "match figures",
}
DISCIPLINES = ["batting", "bowling", "fielding", "allround", "team"]
MEASURES = {
  "batting": ["matches", "innings", "not outs", "runs", "balls", "average", "strike rate",
              "highest score", "hundreds", "fifties", "ducks", "fours", "sixes", "dots",
              "dismissals"],
  "bowling": ["matches", "innings", "wickets", "balls", "overs", "maidens", "runs conceded",
              "average", "economy", "strike rate", "best figures", "four wicket hauls",
              "five wicket hauls", "dots"],
  "fielding": ["matches", "catches", "stumpings", "run outs", "dismissals"],
  "allround": ["matches", "runs", "batting average", "hundreds", "fifties", "wickets",
               "bowling average", "five wicket hauls"],
  "team": ["matches", "wins", "losses", "draws", "ties", "no results", "win %"],
  "innings": ["runs", "balls", "fours", "sixes", "strike rate", "fastest fifty",
              "fastest hundred"],
  "spells": ["wickets", "runs conceded", "economy", "dots"],
  "partnerships": ["runs", "balls"],
  "team innings": ["total"],
  "matches": ["runs", "balls", "fours", "sixes"],
  "match figures": ["wickets"],
}
LOWER_IS_BETTER = {("bowling", "average"), ("bowling", "economy"), ("bowling", "strike rate"),
                   ("allround", "bowling average"), ("innings", "fastest fifty"),
                   ("innings", "fastest hundred"), ("spells", "economy")}
WORD_VALUES = ["opener", "top order", "middle order", "tail", "home", "away", "neutral",
               "final", "semi final", "won", "lost", "drawn", "tied", "no result", "first",
               "second", "powerplay", "middle", "death", "caught and bowled", "bowled",
               "caught", "lbw", "stumped", "run out", "hit wicket", "Test", "ODI", "T20I", "IPL"]
FIELDS = ["format", "player", "team", "batter", "bowler", "opposition", "venue", "country",
          "event", "year", "since", "before", "season", "date", "over", "innings", "wicket",
          "position", "location", "stage", "result", "toss", "batting", "phase", "dismissal"]
BREAKDOWNS = ["year", "season", "format", "player", "team", "opposition", "venue", "country"]


@dataclass
class Query:
  context: str  # batting, bowling, ..., innings, spells, partnerships, team innings
  measures: list  # words; a ranking has one
  ranking: tuple = None  # (direction, count)
  filters: dict = field(default_factory=dict)  # field -> value (see Parser.value)
  qualifiers: dict = field(default_factory=dict)  # runs|balls|innings|matches|wickets -> N
  breakdown: str = None

  @property
  def descending(self):
    higher = (self.context, self.measures[0]) not in LOWER_IS_BETTER
    return higher == (self.ranking[0] == "top")


class ParseError(Exception):
  pass


class Parser:
  def __init__(self, text):
    self.text = " ".join(text.split())
    self.pos = 0

  def rest(self):
    return self.text[self.pos:]

  def skip(self):
    while self.pos < len(self.text) and self.text[self.pos] == " ":
      self.pos += 1

  def take(self, word):
    """Consumes `word` (whole word, any case) if it comes next."""
    self.skip()
    r = self.rest()
    if r.lower().startswith(word.lower()) and (
        len(r) == len(word) or not (r[len(word)].isalnum() and word[-1].isalnum())):
      self.pos += len(word)
      return True
    return False

  def one_of(self, words, what):
    for w in sorted(words, key=len, reverse=True):
      if self.take(w):
        return w
    raise ParseError(f"expected {what} at {self.rest()!r}")

  def regex(self, pattern, what):
    self.skip()
    m = re.compile(pattern).match(self.text, self.pos)
    if not m:
      raise ParseError(f"expected {what} at {self.rest()!r}")
    self.pos = m.end()
    return m.group(0)

  def number(self):
    return int(self.regex(r"\d+", "a number"))

  def name(self):
    return self.regex(r'"[^"]*"', "a quoted name")[1:-1]

  def value(self, fld):
    if fld in ("player", "team", "opposition"):
      if self.take("in"):
        self.regex(r"\(", "(")
        names = [self.name()]
        while self.take(","):
          names.append(self.name())
        self.regex(r"\)", ")")
        return names
      self.regex("=", "=")
      return [self.name()]
    if fld in ("since", "before"):
      return self.number()
    if fld in ("year", "over", "date"):
      if self.take("in"):
        if fld == "date":
          a = self.regex(r"\d{4}-\d\d-\d\d", "a date")
          self.regex(r"\.\.", "..")
          return (a, self.regex(r"\d{4}-\d\d-\d\d", "a date"))
        a = self.number()
        self.regex(r"\.\.", "..")
        return (a, self.number())
      self.regex("=", "=")
      return (self.number(),) * 2
    self.regex("=", "=")
    if fld == "season":
      return self.regex(r"\d{4}(/\d\d)?", "a season")
    if fld in ("batter", "bowler", "venue", "country", "event"):
      return self.name()
    if fld in ("innings", "wicket"):
      return self.number()
    if fld == "position" and re.match(r"\s*\d", self.rest()):
      return (self.number(),) * 2
    word = self.one_of(WORD_VALUES, f"a value for {fld}")
    if fld == "position":
      return {"opener": (1, 2), "top order": (1, 3), "middle order": (4, 7), "tail": (8, 11)}[word]
    return word

  def parse(self):
    if self.take("top") or self.take("bottom"):
      direction = self.text[:self.pos].strip().split()[0].lower()
      count = self.number()
      subject = self.one_of(SUBJECTS, "a subject")
      context = SUBJECTS[subject]
      if not self.take("by"):
        raise ParseError("expected by")
      q = Query(context, [self.one_of(MEASURES[context], "a measure")], (direction, count))
    else:
      context = self.one_of(DISCIPLINES, "a discipline")
      measures = [self.one_of(MEASURES[context], "a measure")]
      while self.take(","):
        measures.append(self.one_of(MEASURES[context], "a measure"))
      q = Query(context, measures)
    if self.take("where"):
      while True:
        fld = self.one_of(FIELDS, "a filter")
        q.filters[fld] = self.value(fld)  # a field appears at most once (docs/DSL.md)
        if not self.take("and"):
          break
    while self.take("min"):
      counted = self.one_of(["runs", "balls", "innings", "matches", "wickets"], "a count")
      q.qualifiers[counted] = self.number()
    if self.take("per"):
      q.breakdown = self.one_of(BREAKDOWNS, "a breakdown")
    self.skip()
    if self.rest():
      raise ParseError(f"unexpected {self.rest()!r}")
    return q


def parse(text):
  return Parser(text).parse()

/// The cricket database's schema: every table the importer fills and the query compiler reads.
///
/// `docs/schema.md` gives the cricket meaning of every column. Conventions used throughout:
/// - Ids of players, teams and venues are small integers assigned in import order (files are
///   imported in a fixed order, so a rebuild from the same source gives the same ids).
/// - `format` is one of `Test`, `ODI`, `T20I`, `IPL`.
/// - Dates are ISO text `YYYY-MM-DD`; `year` is the calendar year of the match's first day.
/// - Flags are INTEGER 0/1. Counts are INTEGER and never NULL; "not applicable" is NULL.
/// - Columns of `deliveries` that follow from others (over_number, phase, runs_extras,
///   bowler_runs, is_four, is_six, is_legal, is_dot) are VIRTUAL generated columns: same names
///   and values, no storage or insert cost.
/// - Super overs are not innings: they appear in no table except `matches.super_over_winner_id`.
/// - Tables from `batting_innings` down are derived from `deliveries` during import and carry
///   copies of match columns (format, dates, venue, country, event) so leaderboards need no joins.
public enum Schema {
  /// Stored in `PRAGMA user_version`; bump it whenever a table, column or meaning changes.
  public static let schemaVersion: Int32 = 6

  /// The closed list of formats, as stored in `format` columns.
  public static let formats = ["Test", "ODI", "T20I", "IPL"]

  /// Table creation, in dependency order.
  public static let tables: [String] = [
    """
    CREATE TABLE build_info (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE teams (
      id         INTEGER PRIMARY KEY,
      name       TEXT NOT NULL UNIQUE,
      franchise  TEXT NOT NULL,
      team_type  TEXT NOT NULL CHECK (team_type IN ('international', 'club'))
    )
    """,
    """
    CREATE TABLE team_aliases (
      alias    TEXT NOT NULL,
      team_id  INTEGER NOT NULL REFERENCES teams(id),
      source   TEXT NOT NULL CHECK (source IN ('cricsheet', 'corpus')),
      PRIMARY KEY (alias, team_id)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE venues (
      id       INTEGER PRIMARY KEY,
      name     TEXT NOT NULL UNIQUE,
      city     TEXT,
      country  TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE venue_aliases (
      alias     TEXT NOT NULL,
      venue_id  INTEGER NOT NULL REFERENCES venues(id),
      source    TEXT NOT NULL CHECK (source IN ('cricsheet', 'corpus')),
      PRIMARY KEY (alias, venue_id)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE event_aliases (
      alias        TEXT NOT NULL,
      competition  TEXT NOT NULL,
      source       TEXT NOT NULL CHECK (source IN ('cricsheet', 'corpus')),
      PRIMARY KEY (alias, competition)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE players (
      id           INTEGER PRIMARY KEY,
      registry_id  TEXT NOT NULL UNIQUE,
      name         TEXT NOT NULL,
      unique_name  TEXT NOT NULL UNIQUE,
      full_name    TEXT
    )
    """,
    """
    CREATE TABLE player_aliases (
      alias      TEXT NOT NULL,
      player_id  INTEGER NOT NULL REFERENCES players(id),
      source     TEXT NOT NULL CHECK (source IN ('cricsheet', 'corpus')),
      PRIMARY KEY (alias, player_id)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE matches (
      id                    INTEGER PRIMARY KEY,
      format                TEXT NOT NULL CHECK (format IN ('Test', 'ODI', 'T20I', 'IPL')),
      start_date            TEXT NOT NULL,
      end_date              TEXT NOT NULL,
      year                  INTEGER NOT NULL,
      season                TEXT NOT NULL,
      venue_id              INTEGER NOT NULL REFERENCES venues(id),
      venue_as_played       TEXT NOT NULL,
      city                  TEXT,
      country               TEXT NOT NULL,
      team1_id              INTEGER NOT NULL REFERENCES teams(id),
      team2_id              INTEGER NOT NULL REFERENCES teams(id),
      toss_winner_id        INTEGER REFERENCES teams(id),
      toss_decision         TEXT CHECK (toss_decision IN ('bat', 'field')),
      result                TEXT NOT NULL CHECK (result IN ('won', 'tie', 'draw', 'no result')),
      winner_id             INTEGER REFERENCES teams(id),
      loser_id              INTEGER REFERENCES teams(id),
      margin_runs           INTEGER,
      margin_wickets        INTEGER,
      margin_innings        INTEGER NOT NULL DEFAULT 0,
      method                TEXT,
      super_over_winner_id  INTEGER REFERENCES teams(id),
      event_name            TEXT,
      competition           TEXT,
      event_stage           TEXT,
      event_group           TEXT,
      event_match_number    INTEGER,
      player_of_match_id    INTEGER REFERENCES players(id),
      overs_scheduled       INTEGER,
      balls_per_over        INTEGER NOT NULL,
      data_version          TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE player_of_match (
      match_id   INTEGER NOT NULL REFERENCES matches(id),
      player_id  INTEGER NOT NULL REFERENCES players(id),
      PRIMARY KEY (match_id, player_id)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE match_players (
      match_id        INTEGER NOT NULL REFERENCES matches(id),
      player_id       INTEGER NOT NULL REFERENCES players(id),
      team_id         INTEGER NOT NULL REFERENCES teams(id),
      opposition_id   INTEGER NOT NULL REFERENCES teams(id),
      format          TEXT NOT NULL,
      start_date      TEXT NOT NULL,
      year            INTEGER NOT NULL,
      venue_id        INTEGER NOT NULL,
      country         TEXT NOT NULL,
      event_name      TEXT,
      competition     TEXT,
      team_result     TEXT NOT NULL,
      is_keeper       INTEGER NOT NULL,
      PRIMARY KEY (match_id, player_id)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE innings (
      id                 INTEGER PRIMARY KEY,
      match_id           INTEGER NOT NULL REFERENCES matches(id),
      number             INTEGER NOT NULL,
      batting_team_id    INTEGER NOT NULL REFERENCES teams(id),
      bowling_team_id    INTEGER NOT NULL REFERENCES teams(id),
      declared           INTEGER NOT NULL,
      forfeited          INTEGER NOT NULL,
      target_runs        INTEGER,
      target_overs       REAL,
      penalty_runs_pre   INTEGER NOT NULL,
      penalty_runs_post  INTEGER NOT NULL,
      UNIQUE (match_id, number)
    )
    """,
    """
    CREATE TABLE deliveries (
      id               INTEGER PRIMARY KEY,
      innings_id       INTEGER NOT NULL REFERENCES innings(id),
      match_id         INTEGER NOT NULL,
      innings_number   INTEGER NOT NULL,
      format           TEXT NOT NULL,
      year             INTEGER NOT NULL,
      batting_team_id  INTEGER NOT NULL,
      bowling_team_id  INTEGER NOT NULL,
      over             INTEGER NOT NULL,
      over_number      INTEGER GENERATED ALWAYS AS (over + 1) VIRTUAL,
      ball             INTEGER NOT NULL,
      legal_ball       INTEGER NOT NULL,
      phase            TEXT GENERATED ALWAYS AS (
        CASE
          WHEN format IN ('T20I', 'IPL') THEN
            CASE WHEN over < 6 THEN 'powerplay' WHEN over < 15 THEN 'middle' ELSE 'death' END
          WHEN format = 'ODI' THEN
            CASE WHEN over < 10 THEN 'powerplay' WHEN over < 40 THEN 'middle' ELSE 'death' END
        END) VIRTUAL,
      batter_id        INTEGER NOT NULL REFERENCES players(id),
      batter_position  INTEGER NOT NULL,
      non_striker_id   INTEGER NOT NULL REFERENCES players(id),
      bowler_id        INTEGER NOT NULL REFERENCES players(id),
      runs_batter      INTEGER NOT NULL,
      wides            INTEGER NOT NULL,
      noballs          INTEGER NOT NULL,
      byes             INTEGER NOT NULL,
      legbyes          INTEGER NOT NULL,
      penalty          INTEGER NOT NULL,
      runs_extras      INTEGER GENERATED ALWAYS AS (wides + noballs + byes + legbyes + penalty) VIRTUAL,
      runs_total       INTEGER NOT NULL,
      bowler_runs      INTEGER GENERATED ALWAYS AS (runs_total - byes - legbyes - penalty) VIRTUAL,
      non_boundary     INTEGER NOT NULL,
      is_four          INTEGER GENERATED ALWAYS AS (runs_batter = 4 AND non_boundary = 0) VIRTUAL,
      is_six           INTEGER GENERATED ALWAYS AS (runs_batter = 6 AND non_boundary = 0) VIRTUAL,
      is_legal         INTEGER GENERATED ALWAYS AS (wides = 0 AND noballs = 0) VIRTUAL,
      is_dot           INTEGER GENERATED ALWAYS AS (
        wides = 0 AND noballs = 0 AND runs_total - byes - legbyes - penalty = 0) VIRTUAL,
      wicket_kind      TEXT,
      player_out_id    INTEGER REFERENCES players(id),
      fielder_id       INTEGER REFERENCES players(id),
      bowler_wicket    INTEGER NOT NULL
    )
    """,
    """
    CREATE TABLE dismissals (
      id                  INTEGER PRIMARY KEY,
      delivery_id         INTEGER NOT NULL REFERENCES deliveries(id),
      innings_id          INTEGER NOT NULL REFERENCES innings(id),
      match_id            INTEGER NOT NULL,
      kind                TEXT NOT NULL,
      player_out_id       INTEGER NOT NULL REFERENCES players(id),
      bowler_id           INTEGER REFERENCES players(id),
      fielder_id          INTEGER REFERENCES players(id),
      fielder2_id         INTEGER REFERENCES players(id),
      fielder_substitute  INTEGER NOT NULL,
      wicket_number       INTEGER,
      team_score          INTEGER NOT NULL
    )
    """,
    """
    CREATE TABLE batting_innings (
      id              INTEGER PRIMARY KEY,
      match_id        INTEGER NOT NULL REFERENCES matches(id),
      innings_id      INTEGER NOT NULL REFERENCES innings(id),
      innings_number  INTEGER NOT NULL,
      player_id       INTEGER NOT NULL REFERENCES players(id),
      team_id         INTEGER NOT NULL REFERENCES teams(id),
      opposition_id   INTEGER NOT NULL REFERENCES teams(id),
      position        INTEGER NOT NULL,
      runs            INTEGER NOT NULL,
      balls           INTEGER NOT NULL,
      fours           INTEGER NOT NULL,
      sixes           INTEGER NOT NULL,
      dots            INTEGER NOT NULL,
      is_out          INTEGER NOT NULL,
      how_out         TEXT NOT NULL,
      bowler_id       INTEGER REFERENCES players(id),
      fielder_id      INTEGER REFERENCES players(id),
      balls_to_50     INTEGER,
      balls_to_100    INTEGER,
      format          TEXT NOT NULL,
      start_date      TEXT NOT NULL,
      year            INTEGER NOT NULL,
      season          TEXT NOT NULL,
      venue_id        INTEGER NOT NULL,
      country         TEXT NOT NULL,
      event_name      TEXT,
      competition     TEXT,
      team_result     TEXT NOT NULL,
      UNIQUE (innings_id, player_id)
    )
    """,
    """
    CREATE TABLE bowling_innings (
      id              INTEGER PRIMARY KEY,
      match_id        INTEGER NOT NULL REFERENCES matches(id),
      innings_id      INTEGER NOT NULL REFERENCES innings(id),
      innings_number  INTEGER NOT NULL,
      player_id       INTEGER NOT NULL REFERENCES players(id),
      team_id         INTEGER NOT NULL REFERENCES teams(id),
      opposition_id   INTEGER NOT NULL REFERENCES teams(id),
      bowling_order   INTEGER NOT NULL,
      legal_balls     INTEGER NOT NULL,
      maidens         INTEGER NOT NULL,
      runs            INTEGER NOT NULL,
      wickets         INTEGER NOT NULL,
      wides           INTEGER NOT NULL,
      noballs         INTEGER NOT NULL,
      dots            INTEGER NOT NULL,
      fours           INTEGER NOT NULL,
      sixes           INTEGER NOT NULL,
      format          TEXT NOT NULL,
      start_date      TEXT NOT NULL,
      year            INTEGER NOT NULL,
      season          TEXT NOT NULL,
      venue_id        INTEGER NOT NULL,
      country         TEXT NOT NULL,
      event_name      TEXT,
      competition     TEXT,
      team_result     TEXT NOT NULL,
      UNIQUE (innings_id, player_id)
    )
    """,
    """
    CREATE TABLE fielding (
      id              INTEGER PRIMARY KEY,
      match_id        INTEGER NOT NULL REFERENCES matches(id),
      innings_id      INTEGER NOT NULL REFERENCES innings(id),
      innings_number  INTEGER NOT NULL,
      player_id       INTEGER NOT NULL REFERENCES players(id),
      team_id         INTEGER NOT NULL REFERENCES teams(id),
      opposition_id   INTEGER NOT NULL REFERENCES teams(id),
      catches         INTEGER NOT NULL,
      keeper_catches  INTEGER NOT NULL,
      stumpings       INTEGER NOT NULL,
      run_outs        INTEGER NOT NULL,
      dismissals      INTEGER NOT NULL,
      as_keeper       INTEGER NOT NULL,
      as_substitute   INTEGER NOT NULL,
      format          TEXT NOT NULL,
      start_date      TEXT NOT NULL,
      year            INTEGER NOT NULL,
      season          TEXT NOT NULL,
      venue_id        INTEGER NOT NULL,
      country         TEXT NOT NULL,
      event_name      TEXT,
      competition     TEXT,
      team_result     TEXT NOT NULL,
      UNIQUE (innings_id, player_id)
    )
    """,
    """
    CREATE TABLE partnerships (
      id              INTEGER PRIMARY KEY,
      match_id        INTEGER NOT NULL REFERENCES matches(id),
      innings_id      INTEGER NOT NULL REFERENCES innings(id),
      innings_number  INTEGER NOT NULL,
      team_id         INTEGER NOT NULL REFERENCES teams(id),
      opposition_id   INTEGER NOT NULL REFERENCES teams(id),
      wicket          INTEGER NOT NULL,
      runs            INTEGER NOT NULL,
      balls           INTEGER NOT NULL,
      batter1_id      INTEGER NOT NULL REFERENCES players(id),
      batter2_id      INTEGER NOT NULL REFERENCES players(id),
      batter1_runs    INTEGER NOT NULL,
      batter2_runs    INTEGER NOT NULL,
      unbroken        INTEGER NOT NULL,
      format          TEXT NOT NULL,
      start_date      TEXT NOT NULL,
      year            INTEGER NOT NULL,
      season          TEXT NOT NULL,
      venue_id        INTEGER NOT NULL,
      country         TEXT NOT NULL,
      event_name      TEXT,
      competition     TEXT,
      team_result     TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE team_innings (
      innings_id      INTEGER PRIMARY KEY REFERENCES innings(id),
      match_id        INTEGER NOT NULL REFERENCES matches(id),
      innings_number  INTEGER NOT NULL,
      team_id         INTEGER NOT NULL REFERENCES teams(id),
      opposition_id   INTEGER NOT NULL REFERENCES teams(id),
      runs            INTEGER NOT NULL,
      wickets         INTEGER NOT NULL,
      legal_balls     INTEGER NOT NULL,
      extras          INTEGER NOT NULL,
      fours           INTEGER NOT NULL,
      sixes           INTEGER NOT NULL,
      declared        INTEGER NOT NULL,
      forfeited       INTEGER NOT NULL,
      all_out         INTEGER NOT NULL,
      target_runs     INTEGER,
      format          TEXT NOT NULL,
      start_date      TEXT NOT NULL,
      year            INTEGER NOT NULL,
      season          TEXT NOT NULL,
      venue_id        INTEGER NOT NULL,
      country         TEXT NOT NULL,
      event_name      TEXT,
      competition     TEXT,
      team_result     TEXT NOT NULL
    )
    """,
  ]

  /// Indexes, created after the bulk insert (building them once is faster than maintaining them).
  public static let indexes: [String] = [
    "CREATE INDEX matches_format_year ON matches(format, year)",
    "CREATE INDEX matches_venue ON matches(venue_id)",
    "CREATE INDEX matches_teams ON matches(team1_id, team2_id)",
    "CREATE INDEX matches_event ON matches(event_name)",
    "CREATE INDEX matches_competition ON matches(competition)",
    "CREATE INDEX batting_innings_competition ON batting_innings(competition)",
    "CREATE INDEX bowling_innings_competition ON bowling_innings(competition)",
    "CREATE INDEX match_players_player ON match_players(player_id, format, year)",
    "CREATE INDEX match_players_format_year ON match_players(format, year)",
    "CREATE INDEX players_name ON players(name)",
    "CREATE INDEX player_aliases_player ON player_aliases(player_id)",
    "CREATE INDEX team_aliases_team ON team_aliases(team_id)",
    "CREATE INDEX venue_aliases_venue ON venue_aliases(venue_id)",
    "CREATE INDEX innings_match ON innings(match_id)",
    "CREATE INDEX deliveries_match ON deliveries(match_id)",
    "CREATE INDEX deliveries_batter ON deliveries(batter_id)",
    "CREATE INDEX deliveries_bowler ON deliveries(bowler_id)",
    "CREATE INDEX deliveries_format_year ON deliveries(format, year)",
    "CREATE INDEX dismissals_player_out ON dismissals(player_out_id)",
    "CREATE INDEX dismissals_bowler ON dismissals(bowler_id)",
    "CREATE INDEX dismissals_fielder ON dismissals(fielder_id)",
    "CREATE INDEX batting_innings_player ON batting_innings(player_id, format, year)",
    "CREATE INDEX batting_innings_format_year ON batting_innings(format, year)",
    "CREATE INDEX batting_innings_match ON batting_innings(match_id)",
    "CREATE INDEX batting_innings_team ON batting_innings(team_id)",
    "CREATE INDEX batting_innings_opposition ON batting_innings(opposition_id)",
    "CREATE INDEX batting_innings_venue ON batting_innings(venue_id)",
    "CREATE INDEX bowling_innings_player ON bowling_innings(player_id, format, year)",
    "CREATE INDEX bowling_innings_format_year ON bowling_innings(format, year)",
    "CREATE INDEX bowling_innings_match ON bowling_innings(match_id)",
    "CREATE INDEX bowling_innings_team ON bowling_innings(team_id)",
    "CREATE INDEX bowling_innings_opposition ON bowling_innings(opposition_id)",
    "CREATE INDEX bowling_innings_venue ON bowling_innings(venue_id)",
    "CREATE INDEX fielding_player ON fielding(player_id, format, year)",
    "CREATE INDEX fielding_format_year ON fielding(format, year)",
    "CREATE INDEX partnerships_batter1 ON partnerships(batter1_id)",
    "CREATE INDEX partnerships_batter2 ON partnerships(batter2_id)",
    "CREATE INDEX partnerships_format_year ON partnerships(format, year)",
    "CREATE INDEX team_innings_team ON team_innings(team_id, format, year)",
    "CREATE INDEX team_innings_format_year ON team_innings(format, year)",
    "CREATE INDEX team_innings_match ON team_innings(match_id)",
  ]

  /// Every table name, in creation order.
  public static let tableNames: [String] = [
    "build_info", "teams", "team_aliases", "venues", "venue_aliases", "event_aliases", "players",
    "player_aliases", "matches", "player_of_match", "match_players", "innings", "deliveries",
    "dismissals", "batting_innings", "bowling_innings", "fielding", "partnerships",
    "team_innings",
  ]
}

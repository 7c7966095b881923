/// Ordinary words of cricket questions. A name form that is one of these words ("Head", "Short",
/// "Best", "Hope", "Chase", "King", "Ball") links to a player only when typed capitalised and not
/// as the question's first word; these words are never fuzzy-matched to names.
enum Vocabulary {
  static func contains(_ folded: String) -> Bool { words.contains(folded) }

  /// Surnames that are ordinary words but seldom open a question, so "Hope ODI runs" links.
  static let surnamesThatMayOpen: Set<String> = ["hope", "chase", "holder", "king", "green", "young", "little"]

  static let words: Set<String> = Set(
    """
    a an the of in on at by for to from with and or nor but vs v versus against since before after
    between during until till who whom whose what which how many much most more less least best top
    worst highest lowest fastest slowest quickest biggest largest smallest longest shortest
    runs run wickets wicket wkts wkt average avg ave averages strike rate rates sr economy econ eco
    sixes six fours four boundaries boundary balls ball dots dot maidens maiden overs over innings
    inning inns matches match games game series test tests odi odis t20 t20s t20i t20is ipl career
    record records score scores scored scoring hit hits hitting took taken take takes bowled bowling
    bowl bowls bowler bowlers batting bat bats batter batters batsman batsmen fielder fielders
    fielding field catches catch caught stumpings stumping stumped keeper keepers wicketkeeper
    captain captains captained opener openers opening open top order middle lower upper tail
    tailender tailenders death powerplay powerplays phase centuries century hundreds hundred ton tons
    fifties fifty half ducks duck fifer fifers haul hauls five ten three two one nine eight seven
    first second third fourth fifth last this that these those next year years season seasons
    month months day days week home away neutral abroad overseas won win wins winning lost lose loss
    losses losing draw draws drawn tie ties tied toss chase chasing chases chased defending defend
    successful target total totals partnership partnerships stand stands final finals semi
    semifinal semifinals knockout knockouts world cup cups trophy tour tours touring league player
    players team teams country countries venue venues ground grounds stadium stadiums show list
    give tell me my i is are was were be been has have had do does did ever all time alltime
    per each every only min minimum max maximum maximums least than not out notout no yes head
    heads h2h short long leg spin spinner spinners pace pacer pacers fast seam seamer seamers swing
    off left right arm handed new old hope king young little green holder wide wides bye byes
    extras single singles double triple dismissal dismissals dismissed lbw bowled runout
    stumped retired hurt margin innings declared follow on result results come came against
    compare compared comparison versus which among amongst any some other others than then
    when where why it its he his him they their them she her we our us you your can could
    should would will shall may might must get got gets make makes made number numbers count
    times position positions no. batting-position home-ground did has have rank ranked ranking
    list table stats statistics stat figure figures innings-wise wise yearly annual overall
    total career-best personal personal-best highest-score high low great greatest good better
    well played play plays playing debut debuts since-debut era decade decades ago recent recently
    current currently still also just like as so too very about around across within without
    into onto upon under above below through per-match per-innings mens men women womens
    international internationals domestic cricket cricketer cricketers format formats
    day-night night pink white red ball-by-ball bilateral tri triangular quadrangular
    scorecard scorecards chart charts average-wise strikerate strike-rate
    fastest-fifty fastest-hundred double-century double-hundred triple-century
    mom motm pom man award awards born age aged oldest youngest
    what's whats who's whos how's hows there their
    knock knocks side sides cause causes clean cleaned lead leads led feat feats lot lots
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
}

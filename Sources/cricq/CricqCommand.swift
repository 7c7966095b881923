import ArgumentParser

@main
struct Cricq: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cricq",
    abstract: "Answers cricket statistics questions asked in plain English, offline.",
    discussion: "Data: Cricsheet (https://cricsheet.org), ODC-BY 1.0.",
    subcommands: [
      AskCommand.self, EvalCommand.self, DBCommand.self, DSLCommand.self, LinkCommand.self,
      ReplCommand.self, StudyCommand.self, Bench.self,
    ],
    defaultSubcommand: AskCommand.self
  )

  /// `cricq` with no arguments starts the REPL; anything else is parsed as usual.
  static func main() async {
    if CommandLine.arguments.count == 1 {
      ReplCommand.main([])
    } else {
      await main(nil)
    }
  }
}

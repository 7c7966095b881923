import ArgumentParser

@main
struct Cricq: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cricq",
    abstract: "Answers cricket statistics questions asked in plain English, offline.",
    discussion: "Data: Cricsheet (https://cricsheet.org), ODC-BY 1.0.",
    subcommands: [DBCommand.self, DSLCommand.self, LinkCommand.self, StudyCommand.self, Bench.self]
  )
}

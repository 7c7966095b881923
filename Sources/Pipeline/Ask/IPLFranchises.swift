import DSL

/// The IPL franchises' team names in the database: naming one means the IPL.
enum IPLFranchises {
  static func names(_ executor: DSLExecutor) -> Set<String> {
    let franchises = try? executor.answer("top 100 teams by matches where format = IPL")
    return Set(
      franchises?.result.rows.compactMap { row in
        if case .text(let name) = row.first { name } else { nil }
      } ?? [])
  }
}

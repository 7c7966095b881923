import Testing

@testable import DSL

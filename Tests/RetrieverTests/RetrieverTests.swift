import Testing

@testable import Retriever

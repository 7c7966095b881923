import Foundation
import Synchronization

/// Ctrl-C in the REPL. SIGINT only sets a flag: the running question polls it (the generator's
/// `shouldStop`, checked before every token) and the line editor reads it when `readline` is cut
/// short. The handler is installed without `SA_RESTART`, so a blocked `read` returns at once.
enum ReplInterrupt {
  private static let flag = Atomic<Bool>(false)

  static func install() {
    // Touch the flag first: a static's lazy initialisation is not safe inside a signal handler.
    flag.store(false, ordering: .sequentiallyConsistent)
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { _ in
      ReplInterrupt.flag.store(true, ordering: .sequentiallyConsistent)
    }
    action.sa_flags = 0
    sigemptyset(&action.sa_mask)
    sigaction(SIGINT, &action, nil)
  }

  /// Whether Ctrl-C was pressed since the last `take()`; leaves the flag set.
  static var isSet: Bool { flag.load(ordering: .sequentiallyConsistent) }

  /// Whether Ctrl-C was pressed since the last call; clears the flag.
  static func take() -> Bool { flag.exchange(false, ordering: .sequentiallyConsistent) }
}

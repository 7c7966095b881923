import Foundation
import Synchronization

/// Ctrl-C in the REPL. SIGINT only sets a flag: the running question polls it (the generator's
/// `shouldStop`, checked before every token) and the line editor reads it when `readline` is cut
/// short. The handler is installed without `SA_RESTART`, so a blocked `read` returns at once.
///
/// The kernel may deliver SIGINT to any thread that does not block it (BLAS and Dispatch
/// workers, once the models are loaded). Only the main thread's `read` must be interrupted, so
/// a handler running elsewhere passes the signal on to the main thread.
enum ReplInterrupt {
  private static let flag = Atomic<Bool>(false)
  private static let mainThread = Atomic<UInt>(0)

  /// Call from the main thread.
  static func install() {
    // Touch the statics first: lazy initialisation is not safe inside a signal handler.
    flag.store(false, ordering: .sequentiallyConsistent)
    mainThread.store(UInt(pthread_self()), ordering: .sequentiallyConsistent)
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { _ in
      ReplInterrupt.flag.store(true, ordering: .sequentiallyConsistent)
      let main = ReplInterrupt.mainThread.load(ordering: .sequentiallyConsistent)
      if UInt(pthread_self()) != main { pthread_kill(pthread_t(main), SIGINT) }
    }
    action.sa_flags = 0
    sigemptyset(&action.sa_mask)
    sigaction(SIGINT, &action, nil)
    // A parent may have started us with SIGINT blocked (a Dispatch worker's mask is inherited
    // through posix_spawn); Ctrl-C must still reach the main thread.
    var interrupt = sigset_t()
    sigemptyset(&interrupt)
    sigaddset(&interrupt, SIGINT)
    pthread_sigmask(SIG_UNBLOCK, &interrupt, nil)
  }

  /// Whether Ctrl-C was pressed since the last `take()`; leaves the flag set.
  static var isSet: Bool { flag.load(ordering: .sequentiallyConsistent) }

  /// Whether Ctrl-C was pressed since the last call; clears the flag.
  static func take() -> Bool { flag.exchange(false, ordering: .sequentiallyConsistent) }
}

/// The ChatML conversation format both Qwen2.5 and SmolLM2 were tuned on:
///
///     <|im_start|>system\n{instructions}<|im_end|>\n
///     <|im_start|>user\n{question}<|im_end|>\n
///     <|im_start|>assistant\n{answer}<|im_end|>\n
///     ...
///     <|im_start|>assistant\n            ← the model writes from here, and ends with <|im_end|>
public enum ChatTemplate {
  public enum Role: String, Sendable {
    case system, user, assistant
  }

  public static let start = "<|im_start|>"
  public static let end = "<|im_end|>"

  /// One complete turn, with the newline that separates turns.
  public static func turn(_ role: Role, _ content: String) -> String {
    "\(start)\(role.rawValue)\n\(content)\(end)\n"
  }

  /// The opening of the assistant turn the model is to write.
  public static let assistantOpening = "\(start)\(Role.assistant.rawValue)\n"
}

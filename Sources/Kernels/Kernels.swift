/// Numerical kernels shared by the embedder and the decoder: matrix products, norms, softmax.
/// Both models import this target; neither imports the other.
public enum Kernels {}

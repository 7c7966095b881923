/// The peer for `cricq bench embed`: sentence-transformers on torch CPU, run as a subprocess.
/// Reads a JSON job on stdin, prints one JSON line of timings. Kept here so the binary needs
/// no script on disk; `python3 -c` runs it.
enum BenchEmbedPeer {
  static let script = #"""
    import json, statistics, sys, time
    job = json.load(sys.stdin)
    import torch
    torch.set_num_threads(job["threads"])
    from sentence_transformers import SentenceTransformer, models
    transformer = models.Transformer(job["model"], max_seq_length=256)
    pooling = models.Pooling(transformer.get_word_embedding_dimension(), pooling_mode="mean")
    model = SentenceTransformer(modules=[transformer, pooling, models.Normalize()], device="cpu")
    query, batch = job["query"], job["batch"]
    with torch.inference_mode():
        for _ in range(10):
            model.encode(query)
        single = []
        for _ in range(job["runs"]):
            start = time.perf_counter()
            model.encode(query)
            single.append(time.perf_counter() - start)
        model.encode(batch, batch_size=len(batch))
        batches = []
        for _ in range(job["batch_runs"]):
            start = time.perf_counter()
            model.encode(batch, batch_size=len(batch))
            batches.append(time.perf_counter() - start)
        start = time.perf_counter()
        model.encode(job["index"], batch_size=64)
        index = time.perf_counter() - start
    print(json.dumps({
        "single_ms": statistics.median(single) * 1000,
        "batch_sentences_per_s": len(batch) / statistics.median(batches),
        "index_s": index,
        "torch": torch.__version__,
    }))
    """#
}

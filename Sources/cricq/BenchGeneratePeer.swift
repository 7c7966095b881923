/// The peer for `cricq bench generate`: llama.cpp through llama-cpp-python, run as a subprocess
/// on the same GGUF with the same threads and token ids. Reads a JSON job on stdin, prints one
/// JSON line of medians. Kept here so the binary needs no script on disk; `python3 -c` runs it.
enum BenchGeneratePeer {
  static let script = #"""
    import json, os, resource, statistics, sys, time
    job = json.load(sys.stdin)
    from llama_cpp import Llama, __version__
    loads, prompts, gens = [], [], []
    llm = None
    for run in range(job["runs"]):
        del llm
        start = time.perf_counter()
        llm = Llama(model_path=job["model"], n_ctx=job["context"], n_threads=job["threads"],
                    n_threads_batch=job["threads"], n_batch=512, verbose=False)
        loads.append(time.perf_counter() - start)
    for run in range(job["runs"] + 1):
        llm.reset()
        start = time.perf_counter()
        llm.eval(job["prompt"])
        elapsed = time.perf_counter() - start
        if run > 0: prompts.append(elapsed)
    for run in range(job["runs"] + 1):
        llm.reset()
        token = job["prompt"][0]  # fed back each step, as on the Swift side
        start = time.perf_counter()
        for _ in range(job["generate"]):
            llm.eval([token])
        elapsed = time.perf_counter() - start
        if run > 0: gens.append(elapsed)
    print(json.dumps({
        "load_s": statistics.median(loads),
        "prompt_tokens_per_s": len(job["prompt"]) / statistics.median(prompts),
        "generate_tokens_per_s": job["generate"] / statistics.median(gens),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "version": __version__,
    }))
    """#
}

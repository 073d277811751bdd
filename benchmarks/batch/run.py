"""Crawl dedup throughput and peak memory: the local engine, the Spark engine (local mode) and the peer
(datasketch MinHashLSH + union-find, one process) on the same generated crawl, in one run.

    python benchmarks/batch/run.py --articles 100000 --copies 0.1 --engines local,spark,baseline

Each engine runs as its own process tree (the CLI for ours); peak RSS is the largest sum of resident
memory over that tree (workers and the Spark JVM included), sampled every 0.1 s. Articles/s counts the
whole command, start-up included. Figures go to docs/performance.md, section "Batch dedup".
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import psutil
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from benchmarks.batch.crawl import generate_crawl, pairwise_scores, write_crawl  # noqa: E402

SECTION = "## Batch dedup"


@dataclass
class Result:
    """One engine's runs."""

    engine: str
    seconds: list[float]
    peak_rss: list[int]
    scores: tuple[float, float, float]
    phases: dict[str, float]
    candidate_pairs: int | None = None

    @property
    def rate(self) -> float:
        return ARTICLES / statistics.median(self.seconds)


ARTICLES = 0


def machine() -> str:
    """CPU model, cores, memory, load and versions."""
    model = platform.processor() or "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    memory = psutil.virtual_memory().total / 2**30
    return (
        f"{model}, {os.cpu_count()} cores, {memory:.0f} GiB RAM, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def load() -> str:
    """The 1-minute load average."""
    return f"{os.getloadavg()[0]:.1f}"


def crawl_file(workdir: Path, articles: int, copies: float, seed: int) -> tuple[Path, dict[str, str]]:
    """The generated crawl (cached in ``workdir``) and its truth."""
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / f"crawl-{articles}-{copies}-{seed}.jsonl"
    truth_path = path.with_suffix(".truth.json")
    if not truth_path.exists():
        print(f"generating {articles:,} articles ...", flush=True)
        truth = write_crawl(path, generate_crawl(articles, copies, seed))
        truth_path.write_text(json.dumps(truth))
    return path, json.loads(truth_path.read_text())


def measure(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes) of ``command``'s whole process tree."""
    start = time.perf_counter()
    process = psutil.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while process.poll() is None:
        total = 0
        try:
            for member in [process, *process.children(recursive=True)]:
                try:
                    total += member.memory_info().rss
                except psutil.Error:
                    continue
        except psutil.Error:
            pass
        peak = max(peak, total)
        time.sleep(0.1)
    seconds = time.perf_counter() - start
    errors = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.returncode != 0:
        raise RuntimeError(f"{command[:6]} failed ({process.returncode}):\n{errors[-3000:]}")
    return seconds, peak


def command_for(
    engine: str, crawl: Path, workdir: Path, args: argparse.Namespace
) -> tuple[list[str], dict[str, str]]:
    """The command that runs ``engine`` on ``crawl``, and its environment."""
    env = dict(os.environ)
    if engine == "baseline":
        output = workdir / "baseline.jsonl"
        return [sys.executable, str(ROOT / "benchmarks/batch/baseline.py"), str(crawl), str(output)], env
    output = workdir / f"{engine}.parquet"
    cli = "from newsdedup.cli import app; app()"
    if engine == "spark":
        env["PYSPARK_SUBMIT_ARGS"] = f"--driver-memory {args.spark_memory} pyspark-shell"
    return [sys.executable, "-c", cli, "dedup", str(crawl), "--output", str(output), "--engine", engine], env


def collect(
    engine: str, truth: dict[str, str], workdir: Path, seconds: list[float], peaks: list[int]
) -> Result:
    """An engine's result from its last output and the measured runs."""
    if engine == "baseline":
        rows = [json.loads(line) for line in (workdir / "baseline.jsonl").open()]
        phases: dict[str, float] = {}
        candidates = None
    else:
        output = workdir / f"{engine}.parquet"
        rows = pq.read_table(output, columns=["url", "cluster_id"]).to_pylist()
        summary = json.loads(output.with_name(f"{engine}.summary.json").read_text())
        phases = summary["phases"]
        candidates = summary["candidate_pairs"]
    scores = pairwise_scores(truth, {row["url"]: row["cluster_id"] for row in rows})
    return Result(engine, seconds, peaks, scores, phases, candidates)


def run_all(engines: list[str], crawl: Path, truth: dict[str, str], args: argparse.Namespace) -> list[Result]:
    """Every engine ``repeats`` times, interleaved so that contention falls on all of them alike."""
    seconds: dict[str, list[float]] = {engine: [] for engine in engines}
    peaks: dict[str, list[int]] = {engine: [] for engine in engines}
    for repeat in range(args.repeats):
        for engine in engines:
            print(f"{engine}: run {repeat + 1}/{args.repeats} (load {load()})", flush=True)
            elapsed, peak = measure(*command_for(engine, crawl, args.workdir, args))
            seconds[engine].append(elapsed)
            peaks[engine].append(peak)
            rate = ARTICLES / elapsed
            print(f"  {elapsed:.1f} s, {rate:,.0f} articles/s, peak RSS {peak / 2**20:,.0f} MiB", flush=True)
    return [collect(engine, truth, args.workdir, seconds[engine], peaks[engine]) for engine in engines]


INTRO = """Generated crawls (`benchmarks/batch/crawl.py`: `newsdedup.synth` articles, median ~400 words) with
copies of every kind (verbatim, near-verbatim, excerpt in site furniture, truncated, spun, round-trip,
rewrite), a fifth of them copies of copies. Each engine runs as its own process tree, the runs of the
engines interleaved; articles/s is over the whole command, start-up included; peak RSS is over the
process tree (workers and the Spark JVM included); quality is pairwise precision / recall / F1 of the
clusters against the generator's truth. The peer is datasketch `MinHashLSH` (threshold 0.5, word
5-grams, 128 permutations) + a union-find in one process, without verification.

Where the local engine's time goes: "reading" is parsing and fingerprinting in the worker processes;
"verifying" is the shared pair decision (`newsdedup.core.pairs.verify_pair`, exact overlap then passage
alignment), which is most of the cost beyond fingerprinting. Memory is bounded by the number of
articles, not by text size: 64 band keys and a few hashes (about 0.6 KB an article) stay in memory;
each worker spills the texts and shingles it prepares to a temporary file of its own, and candidate
pairs are spooled to a scratch file band by band, then counted with one sort. Clusters are connected
components of verified pairs, so one false pair merges two clusters: site furniture (menus, cookie
banners, lists of headlines) has no weight in the pair decision, so that excerpt pages of different
stories on one copier site do not chain clusters together (precision was 0.80 at 1M before; see
`core.furniture`). Both engines agree on every row, as `tests/batch` asserts.
"""


def render(results: list[Result], args: argparse.Namespace, crawl: Path, before: str, after: str) -> str:
    """The subsection of the "Batch dedup" section for this crawl size."""
    command = (
        f"python benchmarks/batch/run.py --articles {args.articles} --copies {args.copies} "
        f"--engines {args.engines}" + (f" --repeats {args.repeats}" if args.repeats != 1 else "")
    )
    size = crawl.stat().st_size / 2**20
    lines = [
        f"### {args.articles:,} articles",
        "",
        f"`{command}` ({time.strftime('%Y-%m-%d')}); {size:,.0f} MiB of JSONL, {args.copies:.0%} copies;",
        f"medians of {args.repeats} run(s).",
        "",
        f"Machine: {machine()}. 1-minute load average before / after: {before} / {after} (the cores are",
        "shared with other work during the runs: figures are lower bounds).",
        "",
        "| engine | articles/s | seconds | peak RSS | precision / recall / F1 |",
        "|---|---:|---:|---:|---|",
    ]
    for result in results:
        precision, recall, f1 = result.scores
        spread = (
            f" ({min(result.seconds):,.0f}-{max(result.seconds):,.0f})" if len(result.seconds) > 1 else ""
        )
        lines.append(
            f"| {result.engine} | {result.rate:,.0f} | {statistics.median(result.seconds):,.1f}{spread} | "
            f"{max(result.peak_rss) / 2**20:,.0f} MiB | {precision:.3f} / {recall:.3f} / {f1:.3f} |"
        )
    by_name = {result.engine: result for result in results}
    lines.append("")
    if "local" in by_name and "baseline" in by_name:
        ratio = by_name["local"].rate / by_name["baseline"].rate
        lines.append(f"Local engine / baseline: {ratio:.1f}x the articles/s.")
    for result in results:
        if result.phases:
            shown = ", ".join(f"{name} {seconds:,.1f} s" for name, seconds in result.phases.items())
            lines.append(
                f"{result.engine} phases (last run): {shown}; {result.candidate_pairs:,} candidate pairs."
            )
    lines.append("")
    return "\n".join(lines)


def _size(subsection: str) -> int:
    digits = "".join(char for char in subsection.split("\n", 1)[0] if char.isdigit())
    return int(digits or 0)


def write_docs(subsection: str, path: Path) -> None:
    """Put ``subsection`` in the "Batch dedup" section of ``path`` (replacing the one of the same size);
    the section's other subsections and the file's other sections are left as they are."""
    text = path.read_text() if path.exists() else "# Performance\n"
    start = text.find(SECTION + "\n")
    if start < 0:
        before, after, kept = text.rstrip("\n") + "\n\n", "", []
    else:
        end = text.find("\n## ", start + len(SECTION))
        body = text[start : len(text) if end < 0 else end + 1]
        before, after = text[:start], "" if end < 0 else text[end + 1 :]
        kept = ["### " + part for part in body.split("\n### ")[1:]]
    sections = {_size(part): part.rstrip("\n") + "\n" for part in kept}
    sections[_size(subsection)] = subsection.rstrip("\n") + "\n"
    ordered = "\n".join(sections[size] for size in sorted(sections))
    text = before + SECTION + "\n\n" + INTRO + "\n" + ordered + ("\n" + after if after else "")
    path.write_text(text.rstrip("\n") + "\n")


def main() -> None:
    global ARTICLES
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--copies", type=float, default=0.1)
    parser.add_argument("--engines", default="local,spark,baseline")
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--spark-memory", default="4g", help="Spark driver memory (local mode).")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/newsdedup-bench/batch"))
    parser.add_argument("--docs", type=Path, default=ROOT / "docs" / "performance.md")
    parser.add_argument("--no-docs", action="store_true", help="Print the figures only.")
    args = parser.parse_args()
    ARTICLES = args.articles
    print(machine(), flush=True)
    crawl, truth = crawl_file(args.workdir, args.articles, args.copies, args.seed)
    before = load()
    results = run_all(args.engines.split(","), crawl, truth, args)
    section = render(results, args, crawl, before, load())
    print(section)
    if not args.no_docs:
        write_docs(section, args.docs)


if __name__ == "__main__":
    main()

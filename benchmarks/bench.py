"""Reader and start-up benchmark (run by hand; figures go into closing notes, not tests).

Reports, for the generated ~5.6 MB Corefile of 20,000 server blocks: parse time (best of
three), throughput, peak memory of a process that parses it, how the time grows when the input
doubles, and the CLI's cold start on the bundled example against ``python -c pass``; and, with the
``lsp`` extra, how fast ``corefile lsp`` answers a change to a 200-line Corefile once started.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import corefile as generate  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def parse_seconds(text: str, repeat: int = 3) -> float:
    import corefile

    corefile.parse(". {\n}\n")  # build the parser once, outside the timing
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        corefile.parse(text)
        best = min(best, time.perf_counter() - start)
    return best


def peak_memory_mb(path: str) -> float:
    """Growth of the peak resident size of a fresh process while it parses the file.

    Read from /proc (VmHWM), not getrusage: Linux carries ru_maxrss over from the parent that
    spawned the process, which hides the child's own peak.
    """
    code = (
        "import corefile\n"
        "def peak():\n"
        "    for line in open('/proc/self/status'):\n"
        "        if line.startswith('VmHWM:'):\n"
        "            return int(line.split()[1])\n"
        f"text = open({path!r}, encoding='utf-8').read()\n"
        "before = peak()\n"
        "tree = corefile.parse(text)\n"
        "print(peak() - before)\n"
    )
    return int(subprocess.check_output([sys.executable, "-c", code])) / 1024


def median_run(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


LSP_LINES = 200


def lsp_corefile() -> str:
    """A 200-line Corefile: 15 generated blocks and a Kubernetes block."""
    text = generate(15) + ".:53 {\n    kubernetes cluster.local in-addr.arpa ip6.arpa\n    forward . /etc/resolv.conf\n}\n\n"
    assert text.count("\n") == LSP_LINES
    return text


async def _lsp_latencies(changes: int) -> tuple[float, list[float], list[float]]:
    """Start-up time, then per change the time from didChange to its diagnostics, and per
    completion request its answer time; each after a pause longer than the debounce window."""
    import asyncio

    from lsprotocol import types
    from pygls.lsp.client import LanguageClient

    client = LanguageClient("bench", "1")
    published: dict[int, float] = {}
    arrived = asyncio.Event()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def _diagnostics(params):
        published[params.version] = time.perf_counter()
        arrived.set()

    async def wait_for(version: int) -> float:
        while version not in published:
            arrived.clear()
            await asyncio.wait_for(arrived.wait(), 30)
        return published[version]

    started = time.perf_counter()
    await client.start_io(sys.executable, "-m", "corefile", "lsp")
    folder = tempfile.mkdtemp()
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=Path(folder).as_uri()))
    client.initialized(types.InitializedParams())
    uri = (Path(folder) / "Corefile").as_uri()
    text = lsp_corefile()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="corefile", version=1, text=text)))
    await wait_for(1)
    startup = time.perf_counter() - started
    change_times, completion_times = [], []
    for version in range(2, changes + 2):
        await asyncio.sleep(0.15)  # a pause in typing, longer than the 100 ms debounce window
        text = re.sub(r"cache \d+", f"cache {version}", text, count=1)  # one keystroke's worth of change
        sent = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
        change_times.append(await wait_for(version) - sent)
        line = text[: text.index("    cache")].count("\n")
        sent = time.perf_counter()
        await client.text_document_completion_async(types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=line, character=4)))
        completion_times.append(time.perf_counter() - sent)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return startup, change_times, completion_times


def lsp_report(changes: int) -> None:
    import asyncio

    try:
        import pygls  # noqa: F401
    except ImportError:
        print("lsp: skipped (needs the lsp extra: pip install 'corefile[lsp]')")
        return
    startup, change_times, completion_times = asyncio.run(_lsp_latencies(changes))
    ms = sorted(t * 1000 for t in change_times)
    completion_ms = sorted(t * 1000 for t in completion_times)
    print(f"lsp: start-up to first diagnostics {startup * 1000:.0f} ms; {LSP_LINES}-line Corefile, {changes} changes:")
    print(f"  change -> diagnostics: median {statistics.median(ms):.1f} ms, worst {ms[-1]:.1f} ms  target < 50 ms")
    print(f"  completion answer:     median {statistics.median(completion_ms):.1f} ms, worst {completion_ms[-1]:.1f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--blocks", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=20, help="runs for the start-up medians")
    parser.add_argument("--lsp-changes", type=int, default=30, help="changes sent to the language server")
    parser.add_argument("--only-lsp", action="store_true", help="measure only the language server")
    args = parser.parse_args(argv)
    if args.only_lsp:
        lsp_report(args.lsp_changes)
        return 0

    text = generate(args.blocks)
    size_mb = len(text.encode()) / 1e6
    seconds = parse_seconds(text)
    print(f"input: {args.blocks} server blocks, {size_mb:.2f} MB")
    print(f"parse: {seconds:.2f} s ({size_mb / seconds:.2f} MB/s)  target < 3 s")

    with tempfile.NamedTemporaryFile("w", suffix=".Corefile", delete=False, encoding="utf-8") as handle:
        handle.write(text)
    try:
        print(f"peak memory of a parsing process: +{peak_memory_mb(handle.name):.0f} MB over an idle one")
    finally:
        os.unlink(handle.name)

    half = parse_seconds(generate(args.blocks // 2))
    double = parse_seconds(generate(args.blocks * 2))
    print(
        f"scaling: {args.blocks // 2} blocks {half:.2f} s, {args.blocks} {seconds:.2f} s, {args.blocks * 2} {double:.2f} s"
        f"  (ratio per doubling {seconds / half:.2f}, {double / seconds:.2f}; target <= 2.10)"
    )

    script = Path(sys.executable).with_name("corefile-lint")
    lint = [str(script)] if script.exists() else [sys.executable, "-m", "corefile", "lint"]
    example = str(REPO / "examples" / "Corefile")
    python_pass = median_run([sys.executable, "-c", "pass"], args.runs)
    version = median_run([*lint, "--version"], args.runs)
    subprocess.run([*lint, example], stdout=subprocess.DEVNULL)  # fill the report cache
    cached = median_run([*lint, example], args.runs)
    os.environ["COREFILE_NO_CACHE"] = "1"
    try:
        cold = median_run([*lint, example], args.runs)
    finally:
        del os.environ["COREFILE_NO_CACHE"]
    print(f"start-up: python -c pass {python_pass * 1000:.0f} ms; corefile-lint --version {version * 1000:.0f} ms")
    print(f"  corefile-lint examples/Corefile, report cached: {cached * 1000:.0f} ms ({cached / python_pass:.1f}x; target <= 2.5x)")
    print(f"  corefile-lint examples/Corefile, no caches:     {cold * 1000:.0f} ms ({cold / python_pass:.1f}x)")
    lsp_report(args.lsp_changes)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

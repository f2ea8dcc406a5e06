"""Reader and start-up benchmark (run by hand; figures go into closing notes, not tests).

Reports, for the generated ~5.6 MB Corefile of 20,000 server blocks: parse time (best of
three), throughput, peak memory of a process that parses it, how the time grows when the input
doubles, and the CLI's cold start on the bundled example against ``python -c pass``.
"""

from __future__ import annotations

import argparse
import os
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--blocks", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=20, help="runs for the start-up medians")
    args = parser.parse_args(argv)

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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Write a large, realistic Corefile for the reader benchmark.

Each server block has a zone:port key and a reverse CIDR key, errors, log with a quoted format,
a file block with reload, a forward block with options and a trailing comment, and cache:
20,000 blocks come to about 5.6 MB.
"""

from __future__ import annotations

import argparse
import sys

BLOCK = """\
zone{n}.example.org:53 10.{a}.{b}.0/24 {{
    errors
    log . "{{remote}} {{type}} {{name}} {{rcode}}"
    file /etc/coredns/db.zone{n} {{
        reload 30s
    }}
    forward . 10.{a}.{b}.10 10.{a}.{b}.11 {{ # upstreams
        max_concurrent 1000
        policy sequential
    }}
    cache 30
}}

"""


def corefile(blocks: int) -> str:
    parts = []
    for n in range(blocks):
        parts.append(BLOCK.format(n=n, a=(n // 256) % 256, b=n % 256))
    return "".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--blocks", type=int, default=20_000)
    parser.add_argument("output", nargs="?", default="-")
    args = parser.parse_args(argv)
    text = corefile(args.blocks)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The catalogue against CoreDNS 1.14.7's verdict on the corpus (MANIFEST.tsv column ``coredns_1_14_7``)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from corefile.catalogue import check_directive
from corefile.core.versions import LATEST

from .corpus_reader import load_blocks
from .fake_reader import group_by_name, parse_directives

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
pytestmark = pytest.mark.skipif(not (CORPUS / "MANIFEST.tsv").exists(), reason=f"corpus not found at {CORPUS}")


def _rows() -> list[dict[str, str]]:
    if not (CORPUS / "MANIFEST.tsv").exists():
        return []
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8", newline="") as manifest:
        return list(csv.DictReader(manifest, delimiter="\t"))


#: CoreDNS's own verdict (MANIFEST.tsv column ``coredns_1_14_7``) on files read with no placeholders.
ACCEPTED = [row["file"] for row in _rows() if row["coredns_1_14_7"] == "accepted"]
#: Files one plugin's setup refused: ``refused: plugin/NAME: ...`` (not the once-per-block check,
#: which is the duplicate-plugin rule's, nor a placeholder read as empty).
_SETUP_REFUSAL = re.compile(r"refused: plugin/([a-z0-9_]+): (?!.*this plugin can only be used once)(?!.*placeholders empty)")
REFUSED_BY_SETUP = [
    (row["file"], match.group(1))
    for row in _rows()
    if (match := _SETUP_REFUSAL.match(row["coredns_1_14_7"]))
]


def _setup_problems(name: str, plugin: str | None = None) -> list[str] | None:
    blocks = load_blocks(CORPUS / "expected" / f"{name}.json", CORPUS / "files" / name)
    if blocks is None:
        return None
    return [
        f"{problem.rule}: {problem.message}"
        for block in blocks
        for directive, occurrences in block.items()
        if plugin is None or directive == plugin
        for problem in check_directive(occurrences, LATEST)
        # Warnings (deprecated options, words CoreDNS reads differently) are not refusals.
        if problem.refuses
    ]


@pytest.mark.parametrize("name", ACCEPTED)
def test_accepted_corpus_file_has_no_setup_problems(name: str) -> None:
    found = _setup_problems(name)
    if found is None:
        pytest.skip("the reader needs files this corpus entry imports")
    assert found == []


@pytest.mark.parametrize(("name", "plugin"), REFUSED_BY_SETUP)
def test_setup_refusal_is_found_in_that_plugin(name: str, plugin: str) -> None:
    found = _setup_problems(name, plugin)
    if found is None:
        pytest.skip("the reader needs files this corpus entry imports")
    assert found, f"CoreDNS: {dict((row['file'], row['coredns_1_14_7']) for row in _rows())[name]}"


#: Simple single-block corpus files, read with the line-based fake reader (body lines only).
SIMPLE_FILES = [
    "001__coredns_coredns__coredns-builtin-default.Corefile",
    "002__coredns_deployment__deployment-sed-2022-11-01.Corefile",
]


@pytest.mark.parametrize("name", SIMPLE_FILES)
def test_simple_corpus_files_through_the_fake_reader(name: str) -> None:
    text = (CORPUS / "files" / name).read_text(encoding="utf-8")
    # Drop the server block's own key line and closing brace; keep its body.
    lines = text.strip().splitlines()
    assert lines[0].rstrip().endswith("{") and lines[-1].strip() == "}"
    body = "\n".join(lines[1:-1])
    grouped = group_by_name(parse_directives(body))
    assert grouped, "the fake reader found no directives"
    problems = [problem for occurrences in grouped.values() for problem in check_directive(occurrences, LATEST)]
    assert problems == []

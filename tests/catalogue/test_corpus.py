"""Real Corefiles that CoreDNS 1.14.7 accepts must produce no setup problems."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from corefile.catalogue import check_directive
from corefile.core.versions import LATEST

from .corpus_reader import load_blocks
from .fake_reader import group_by_name, parse_directives

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
pytestmark = pytest.mark.skipif(not (CORPUS / "MANIFEST.tsv").exists(), reason=f"corpus not found at {CORPUS}")


def _valid_files() -> list[str]:
    if not (CORPUS / "MANIFEST.tsv").exists():
        return []
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8", newline="") as manifest:
        return [row["file"] for row in csv.DictReader(manifest, delimiter="\t") if row["expected"] == "valid"]


#: Files the corpus labels valid (its static check does not run every plugin's setup) that
#: plugins.md says CoreDNS 1.14.7's setup refuses.  Each is an expected failure with the reason.
KNOWN_DISAGREEMENTS = {
    "052__kubernetes-sigs_kubespray__kubespray-coredns-rich-render.Corefile": "cache 0: 'cache TTL can not be zero or negative'",
    "053__kubernetes-sigs_kubespray__kubespray-nodelocaldns-rich-render.Corefile": "cache 0 (as above)",
    "054__kubernetes-sigs_kubespray__kubespray-nodelocaldns-second-rich-render.Corefile": "cache 0 (as above)",
    "207__coredns_coredns__readme-template-6.Corefile": "template var/expr exist only after 1.14.7 (HEAD README)",
    "266__coredns_coredns__readme-sign-txt2.Corefile": "sign 'key directory': 'directory: not implemented'",
    "267__coredns_coredns__readme-sign-txt3.Corefile": "sign 'key directory' (as above)",
    "329__coredns_coredns__hist-v0.9.9-auto.Corefile": "auto directory TIMEOUT (4th word) removed in 1.5.0",
    "463__coredns_coredns__test-multisocket-5.Corefile": "multisocket 50053 > 1024 (a port substituted into a test template)",
    "530__coredns_corefile-migration__mig-migrate-handle-supported-non-default-plugins-hos-start.Corefile": "autopath with only a block: 'no resolv-conf specified'",
    "531__coredns_corefile-migration__mig-migrate-handle-supported-non-default-plugins-hos-expec.Corefile": "autopath with only a block (as above)",
    "587__siderolabs_talos__talos-coredns-no-cluster-domain.Corefile": "kubernetes with reverse zones only: 'non-reverse zone name must be used'",
}


def _setup_problems(name: str) -> list[str] | None:
    blocks = load_blocks(CORPUS / "expected" / f"{name}.json", CORPUS / "files" / name)
    if blocks is None:
        return None
    return [
        f"{problem.rule}: {problem.message}"
        for block in blocks
        for occurrences in block.values()
        for problem in check_directive(occurrences, LATEST)
        # Deprecated options are accepted by CoreDNS: they are warnings, not refusals.
        if problem.rule != "deprecated-option"
    ]


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=pytest.mark.xfail(reason=KNOWN_DISAGREEMENTS[name], strict=True))
        if name in KNOWN_DISAGREEMENTS
        else name
        for name in _valid_files()
    ],
)
def test_valid_corpus_file_has_no_setup_problems(name: str) -> None:
    found = _setup_problems(name)
    if found is None:
        pytest.skip("the reader needs files this corpus entry imports")
    assert found == []


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

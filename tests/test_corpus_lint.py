"""The linter on the real-world corpus: no false errors, and every deprecated file is caught.

Labels come from MANIFEST.tsv (judged by the corpus authors against CoreDNS 1.14.7). Where our
reference notes (plugins.md, from CoreDNS's setup code) say CoreDNS refuses a file labelled
`valid`, we follow the notes; each such file is listed here with the reason.
"""

from __future__ import annotations

import pytest

from corefile.lint.config import Config
from corefile.lint.findings import Severity
from corefile.lint.linter import lint_path
from tests.conftest import CORPUS, manifest, needs_corpus

pytestmark = needs_corpus

#: Files labelled valid on which CoreDNS 1.14.7's setup (per plugins.md) does fail.
VALID_BUT_REFUSED = {
    "052__kubernetes-sigs_kubespray__kubespray-coredns-rich-render.Corefile": "cache 0: 'cache TTL can not be zero or negative'",
    "053__kubernetes-sigs_kubespray__kubespray-nodelocaldns-rich-render.Corefile": "cache 0 (as above)",
    "054__kubernetes-sigs_kubespray__kubespray-nodelocaldns-second-rich-render.Corefile": "cache 0 (as above)",
    "207__coredns_coredns__readme-template-6.Corefile": "template var/expr exist only after 1.14.7 (HEAD README)",
    "215__coredns_coredns__readme-txt1.Corefile": "imports example1.txt, which is not in the corpus: 'File to import not found'",
    "242__coredns_coredns__readme-import-txt1.Corefile": "imports config/common.conf, not in the corpus (as above)",
    "266__coredns_coredns__readme-sign-txt2.Corefile": "sign 'key directory': 'directory: not implemented'",
    "267__coredns_coredns__readme-sign-txt3.Corefile": "sign 'key directory' (as above)",
    "329__coredns_coredns__hist-v0.9.9-auto.Corefile": "auto directory TIMEOUT (4th word) removed in 1.5.0",
    "463__coredns_coredns__test-multisocket-5.Corefile": "multisocket 50053 > 1024 (a port substituted into a test template)",
    "530__coredns_corefile-migration__mig-migrate-handle-supported-non-default-plugins-hos-start.Corefile": "autopath with only a block: 'no resolv-conf specified'",
    "531__coredns_corefile-migration__mig-migrate-handle-supported-non-default-plugins-hos-expec.Corefile": "autopath with only a block (as above)",
    "587__siderolabs_talos__talos-coredns-no-cluster-domain.Corefile": "kubernetes with reverse zones only: 'non-reverse zone name must be used'",
}

#: Files labelled deprecated where nothing in the file itself is removed or deprecated per the notes.
DEPRECATED_WITHOUT_DEPRECATION = {
    "317__coredns_coredns__hist-v011-dnssec.Corefile": "the README section had two dnssec lines; this file has one, nothing deprecated",
    "318__coredns_coredns__hist-v011-dnssec.Corefile": "as above",
    "319__coredns_coredns__hist-v011-dnssec.Corefile": "two dnssec lines: reported as duplicate-plugin (an error), not a deprecation",
    "350__coredns_coredns__hist-v0.9.10-dnssec.Corefile": "as above",
    "336__coredns_coredns__hist-v0.9.9-log.Corefile": "log . stdout FORMAT: 1.14.7 reads `stdout` as a zone name; harmless next to `.`",
    "337__coredns_coredns__hist-v0.9.9-log.Corefile": "as above",
    "376__coredns_coredns__hist-v1.2.6-route53.Corefile": "route53 credentials_file: not in the notes; reported as unknown-option",
}

DEPRECATION_RULES = {"removed-plugin", "deprecated-plugin", "removed-option", "deprecated-option"}
ROWS = manifest()


def _lint(name: str):
    return lint_path(str(CORPUS / "files" / name), Config(select=("ALL",)))


@pytest.mark.parametrize("name", [r["file"] for r in ROWS if r["expected"] == "valid"])
def test_valid_files_get_no_error(name):
    errors = [(f.rule, f.span.start.line, f.message) for f in _lint(name) if f.severity is Severity.ERROR]
    if name in VALID_BUT_REFUSED:
        assert errors, f"listed as refused ({VALID_BUT_REFUSED[name]}) but nothing was found"
        return
    assert errors == []


@pytest.mark.parametrize("name", [r["file"] for r in ROWS if r["expected"] == "deprecated"])
def test_deprecated_files_get_a_deprecation_finding(name):
    rules = {f.rule for f in _lint(name)}
    if name in DEPRECATED_WITHOUT_DEPRECATION:
        assert not rules & DEPRECATION_RULES
        return
    assert rules & DEPRECATION_RULES

"""is_default_corefile(): corefile-migration's Default(), per version."""

from __future__ import annotations

import pytest

from corefile.core.versions import Version
from corefile.migrate import (
    default_corefile_template,
    is_default_corefile,
    parse_corefile,
)
from corefile.migrate.releases import RELEASES

from .conftest import build

DEFAULT_RELEASES = [rel for rel in RELEASES if rel.default_conf]


def instantiate(template_text: str, domain: str = "cluster.local", upstream: str = "/etc/resolv.conf") -> str:
    return template_text.replace("* ***", f"{domain} in-addr.arpa ip6.arpa").replace(". *", f". {upstream}")


def test_the_recorded_defaults():
    assert [str(rel.version) for rel in DEFAULT_RELEASES] == [
        "1.1.3", "1.2.2", "1.2.6", "1.3.1", "1.6.2", "1.6.5", "1.6.7", "1.7.0",
    ]
    assert next(r for r in RELEASES if r.version == Version(1, 8, 0)).k8s_releases == ("1.21",)


@pytest.mark.parametrize("release", DEFAULT_RELEASES, ids=lambda r: str(r.version))
def test_each_default_is_recognised_at_its_version(release):
    text = instantiate(release.default_conf)
    assert is_default_corefile(text, release.version)
    assert is_default_corefile(text)  # any release
    assert is_default_corefile(build(text), str(release.version))


@pytest.mark.parametrize("domain", ["cluster.local", "k8s.example.com"])
def test_any_cluster_domain_and_upstream(domain):
    d3 = next(r for r in RELEASES if r.version == Version(1, 3, 1)).default_conf
    assert is_default_corefile(instantiate(d3, domain, "10.0.0.10"), "1.3.1")


def test_order_does_not_matter_but_arguments_do():
    d6 = instantiate(next(r for r in RELEASES if r.version == Version(1, 7, 0)).default_conf)
    reordered = d6.replace("    cache 30\n", "").replace("    errors\n", "    errors\n    cache 30\n")
    assert is_default_corefile(reordered, "1.7.0")
    assert not is_default_corefile(d6.replace("pods insecure", "insecure pods"), "1.7.0")


@pytest.mark.parametrize("change", [
    lambda t: t.replace("    loop\n", "    loop\n    rewrite name foo.example bar.example\n"),
    lambda t: t + "stub.example:53 {\n    forward . 10.0.0.1\n}\n",
    lambda t: t.replace("forward . /etc/resolv.conf", "forward . 8.8.8.8 8.8.4.4"),
    lambda t: t.replace(".:53 {", ". {"),
    lambda t: t.replace("    cache 30\n", "    errors\n"),  # duplicate errors in place of cache
])
def test_non_defaults(change):
    d6 = instantiate(next(r for r in RELEASES if r.version == Version(1, 7, 0)).default_conf)
    assert is_default_corefile(d6, "1.7.0")
    assert not is_default_corefile(change(d6), "1.7.0")
    assert not is_default_corefile(change(d6))


def test_defaults_of_other_versions_do_not_match():
    d4 = instantiate(next(r for r in RELEASES if r.version == Version(1, 6, 2)).default_conf)
    assert is_default_corefile(d4, "1.6.2")
    assert not is_default_corefile(d4, "1.7.0")  # lacks lameduck and max_concurrent


def test_versions_between_recorded_defaults():
    # 1.3.1's default carried to 1.5.0 is 1.6.2's default (as a set), and so on.
    d4 = instantiate(next(r for r in RELEASES if r.version == Version(1, 6, 2)).default_conf)
    d6 = instantiate(next(r for r in RELEASES if r.version == Version(1, 7, 0)).default_conf)
    assert is_default_corefile(d4, "1.5.0")
    assert is_default_corefile(d6, "1.9.4")
    assert is_default_corefile(d6, "1.14.7")  # newer than the tables: nearest known release


def test_template_for_versions():
    assert default_corefile_template("1.14.7") == parse_corefile(DEFAULT_RELEASES[-1].default_conf)
    with pytest.raises(Exception, match="1.0.6"):
        default_corefile_template("1.0.6")


@pytest.mark.parametrize("text", ["", "# only a comment\n", ".:53 {\n    errors\n", "a { b { c { d } } }"])
def test_empty_or_unreadable_is_not_default(text):
    # corefile-migration counts an empty Corefile as default; we do not.
    assert not is_default_corefile(text)

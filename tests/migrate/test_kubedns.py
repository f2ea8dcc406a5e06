"""kube_dns_to_corefile(): the kube-dns ConfigMap translation kubeadm did."""

from __future__ import annotations

import pytest

from corefile.migrate import (
    MigrationError,
    is_default_corefile,
    kube_dns_to_corefile,
    parse_corefile,
)
from corefile.migrate.model import Option, Plugin

SEED = {
    "federations": '{"foo" : "foo.feddomain.com"}',
    "stubDomains": '{"abc.com" : ["1.2.3.4"], "my.cluster.local" : ["2.3.4.5"]}',
    "upstreamNameservers": '["8.8.8.8", "8.8.4.4"]',
}


def names(server) -> list[str]:
    return [p.name for p in server.plugins]


def check_stub_blocks(corefile) -> None:
    stubs = {s.keys: s for s in corefile.servers[1:]}
    assert set(stubs) == {("abc.com:53",), ("my.cluster.local:53",)}
    for keys, upstream in ((("abc.com:53",), "1.2.3.4"), (("my.cluster.local:53",), "2.3.4.5")):
        assert stubs[keys].plugins == (
            Plugin("errors"), Plugin("cache", ("30",)), Plugin("loop"), Plugin("forward", (".", upstream)),
        )


@pytest.mark.parametrize("version", ["1.6.2", "1.6.7"])
def test_seed_for_1_6(version):
    result = kube_dns_to_corefile(SEED, coredns_version=version)
    assert parse_corefile(result.corefile_text) == result.corefile
    main = result.corefile.servers[0]
    assert main.keys == (".:53",)
    assert names(main).index("federation") == names(main).index("kubernetes") + 1
    assert main.plugin("federation") == Plugin("federation", ("cluster.local",), (Option("foo", ("foo.feddomain.com",)),))
    assert main.plugin("forward").args == (".", "8.8.8.8", "8.8.4.4")
    assert main.plugin("proxy") is None
    assert main.plugin("kubernetes").args == ("cluster.local", "in-addr.arpa", "ip6.arpa")
    check_stub_blocks(result.corefile)
    assert result.notices == ()


def test_seed_for_1_14_7():
    result = kube_dns_to_corefile(SEED, coredns_version="1.14.7")
    main = result.corefile.servers[0]
    assert main.plugin("federation") is None
    assert main.plugin("forward") == Plugin("forward", (".", "8.8.8.8", "8.8.4.4"), (Option("max_concurrent", ("1000",)),))
    assert main.plugin("health").option("lameduck").args == ("5s",)
    assert main.plugin("ready") is not None
    check_stub_blocks(result.corefile)
    (notice,) = result.notices
    assert notice.key == "federations"
    assert "1.7.0" in notice.message and "foo (foo.feddomain.com)" in notice.message
    # With the upstreams put back to the default, the main block is the default Corefile.
    text = result.corefile_text.split("\n\n")[0].replace("8.8.8.8 8.8.4.4", "/etc/resolv.conf")
    assert is_default_corefile(text, "1.14.7")


def test_no_configmap_data_gives_the_default():
    for version in ("1.3.1", "1.6.2", "1.6.7", "1.7.0", "1.14.7"):
        result = kube_dns_to_corefile({}, coredns_version=version)
        assert is_default_corefile(result.corefile_text, version)
        assert result.corefile.servers[0].plugin("forward").args == (".", "/etc/resolv.conf")


def test_forward_even_where_the_default_used_proxy():
    result = kube_dns_to_corefile({}, coredns_version="1.2.6")
    main = result.corefile.servers[0]
    assert main.plugin("proxy") is None and main.plugin("forward") is not None
    assert main.plugin("kubernetes").option("upstream") is not None  # as that default had


def test_cluster_domain():
    result = kube_dns_to_corefile(SEED, coredns_version="1.6.7", cluster_domain="k8s.example")
    main = result.corefile.servers[0]
    assert main.plugin("kubernetes").args[0] == "k8s.example"
    assert main.plugin("federation").args == ("k8s.example",)


@pytest.mark.parametrize(("key", "value", "line", "column"), [
    ("stubDomains", '{"abc.com" : ["1.2.3.4"],\n "x": [}', 2, 8),
    ("upstreamNameservers", '["8.8.8.8" "8.8.4.4"]', 1, 12),
    ("federations", "{foo: 1}", 1, 2),
])
def test_bad_json(key, value, line, column):
    with pytest.raises(MigrationError) as info:
        kube_dns_to_corefile({**SEED, key: value}, coredns_version="1.6.7")
    assert (info.value.key, info.value.line, info.value.column) == (key, line, column)
    assert key in str(info.value)


@pytest.mark.parametrize(("key", "value"), [
    ("stubDomains", '["1.2.3.4"]'),
    ("stubDomains", '{"a.org": "1.2.3.4"}'),
    ("upstreamNameservers", '"8.8.8.8"'),
    ("federations", '{"foo": ["x"]}'),
    ("upstreamNameservers", '["8.8.8.8:99999"]'),
    ("upstreamNameservers", '["not a host"]'),
])
def test_wrong_shapes(key, value):
    with pytest.raises(MigrationError) as info:
        kube_dns_to_corefile({key: value}, coredns_version="1.6.7")
    assert info.value.key == key


def test_bad_entry_is_located():
    with pytest.raises(MigrationError) as info:
        kube_dns_to_corefile({"stubDomains": '{\n  "a.org": ["1.2.3.4", "bad host!"]\n}'}, coredns_version="1.6.7")
    assert (info.value.line, info.value.column) == (2, 24)


def test_ports_and_ipv6_are_kept_as_written():
    data = {"stubDomains": '{"a.org": ["10.0.0.1:5353", "[2001:db8::1]:53", "2001:db8::2"]}'}
    result = kube_dns_to_corefile(data, coredns_version="1.7.0")
    assert result.corefile.servers[1].plugin("forward").args == (
        ".", "10.0.0.1:5353", "[2001:db8::1]:53", "2001:db8::2",
    )


def test_hostnames_are_left_out_before_forward_accepts_them():
    data = {
        "stubDomains": '{"a.org": ["ns.a.org", "10.0.0.1"], "b.org": ["ns.b.org"]}',
        "upstreamNameservers": '["dns.example.com"]',
    }
    result = kube_dns_to_corefile(data, coredns_version="1.7.0")
    assert [s.keys for s in result.corefile.servers] == [(".:53",), ("a.org:53",)]
    assert result.corefile.servers[1].plugin("forward").args == (".", "10.0.0.1")
    # kubeadm rendered an empty `forward .` here; we fall back to resolv.conf.
    assert result.corefile.servers[0].plugin("forward").args == (".", "/etc/resolv.conf")
    messages = [str(n) for n in result.notices]
    assert sum("dns.example.com" in m for m in messages) == 1
    assert any("resolv.conf" in m for m in messages)
    assert any("'b.org' has no usable nameserver" in m for m in messages)


def test_hostnames_are_kept_once_forward_resolves_them():
    data = {"upstreamNameservers": '["dns.example.com", "1.1.1.1"]'}
    result = kube_dns_to_corefile(data, coredns_version="1.14.7")
    assert result.corefile.servers[0].plugin("forward").args == (".", "dns.example.com", "1.1.1.1")
    assert len(result.notices) == 1


def test_empty_values_count_as_absent():
    result = kube_dns_to_corefile(
        {"stubDomains": "", "upstreamNameservers": "[]", "federations": "{}"}, coredns_version="1.6.7")
    assert len(result.corefile.servers) == 1
    assert result.corefile.servers[0].plugin("forward").args == (".", "/etc/resolv.conf")
    assert result.notices == ()


def test_unknown_versions():
    with pytest.raises(MigrationError):
        kube_dns_to_corefile(SEED, coredns_version="1.0.6")
    with pytest.raises(MigrationError):
        kube_dns_to_corefile(SEED, coredns_version="banana")

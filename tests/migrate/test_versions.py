"""The version chain, its validation, and the image digests."""

from __future__ import annotations

import pytest

from corefile.core.versions import Version
from corefile.migrate import (
    SUPPORTED_VERSIONS,
    MigrationError,
    plan_migration,
    released,
    valid_up_migration,
    valid_versions,
    version_from_sha,
)
from corefile.migrate.model import Corefile
from corefile.migrate.releases import RELEASES

CHAIN = (
    "1.1.3 1.1.4 1.2.0 1.2.1 1.2.2 1.2.3 1.2.4 1.2.5 1.2.6 1.3.0 1.3.1 1.4.0 1.5.0 1.5.1 1.5.2 "
    "1.6.0 1.6.1 1.6.2 1.6.3 1.6.4 1.6.5 1.6.6 1.6.7 1.6.9 1.7.0 1.7.1 1.8.0 1.8.3 1.8.4 1.8.5 "
    "1.8.6 1.8.7 1.9.0 1.9.1 1.9.2 1.9.3 1.9.4 1.10.0 1.10.1 1.11.0 1.11.1 1.11.3 1.11.4 1.12.0 "
    "1.12.1 1.12.2 1.12.3 1.12.4 1.13.0 1.13.1 1.13.2 1.14.0 1.14.1 1.14.2"
).split()


def test_supported_versions_chain():
    assert [str(v) for v in SUPPORTED_VERSIONS] == CHAIN
    assert len(SUPPORTED_VERSIONS) == 54
    assert valid_versions() == SUPPORTED_VERSIONS
    assert list(SUPPORTED_VERSIONS) == sorted(SUPPORTED_VERSIONS)


def test_only_1_1_3_lacks_a_plugin_table():
    assert [str(r.version) for r in RELEASES if r.plugins is None] == ["1.1.3"]


def test_proxy_is_known_from_1_1_4_to_1_5_0():
    known = [str(r.version) for r in RELEASES if r.plugins and "proxy" in r.plugins]
    assert known[0] == "1.1.4" and known[-1] == "1.5.0"


@pytest.mark.parametrize(("start", "end", "message"), [
    ("banana", "1.5.0", "start version 'banana' not supported"),
    ("1.6.2-100", "1.7.0", "start version '1.6.2-100' not supported"),
    ("1.6.8", "1.7.0", "start version '1.6.8' not supported"),
    ("1.5.0", "apple", "cannot migrate up to 'apple' from '1.5.0'"),
    ("1.5.0", "1.4.0", "cannot migrate up to '1.4.0' from '1.5.0'"),
    ("1.5.0", "1.14.7", "cannot migrate up to '1.14.7' from '1.5.0'"),
    ("1.14.2", "1.1.3", "cannot migrate up to '1.1.3' from '1.14.2'"),
])
def test_unsupported_migrations(start, end, message):
    with pytest.raises(MigrationError) as info:
        plan_migration(Corefile(), start, end)
    assert str(info.value) == message


def test_valid_up_migration_accepts_versions_and_equal():
    assert valid_up_migration(Version(1, 6, 2), "1.7.0") == (Version(1, 6, 2), Version(1, 7, 0))
    assert valid_up_migration("1.6.2", "1.6.2") == (Version(1, 6, 2), Version(1, 6, 2))


def test_migrating_up_to_1_1_3_is_impossible():
    with pytest.raises(MigrationError, match="cannot migrate up to '1.1.3' from '1.1.4'"):
        valid_up_migration("1.1.4", "1.1.3")


def test_digests():
    sha_167 = "2c8d61c46f484d881db43b34d13ca47a269336e576c81cf007ca740fa9ec0800"
    assert released(sha_167)
    assert version_from_sha(sha_167) == Version(1, 6, 7)
    assert not released("sha256:" + sha_167)
    with pytest.raises(MigrationError, match="sha unsupported"):
        version_from_sha("garbage")
    assert len({r.docker_sha for r in RELEASES}) == len(RELEASES)
    assert all(len(r.docker_sha) == 64 and int(r.docker_sha, 16) >= 0 for r in RELEASES)

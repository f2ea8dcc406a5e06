"""What a rule sees: the loaded file, the target version and settings, and derived views."""

from __future__ import annotations

import functools
from collections.abc import Iterator

import attrs

from corefile.analysis.addresses import AddressError, ServerAddress, normalize_key
from corefile.catalogue import PLUGINS, is_known
from corefile.core.versions import LATEST, Version
from corefile.expansion.expand import EffectiveBlock, Line, Token
from corefile.expansion.loader import Loaded


@attrs.frozen
class Settings:
    """Facts about the deployment that the file alone does not tell."""

    coredns_version: Version = LATEST
    #: External plugins compiled into a custom build (not reported as unknown).
    extra_plugins: frozenset[str] = frozenset()
    cluster_domain: str = "cluster.local"
    #: "kubernetes" turns the Kubernetes rules on for every block; "auto" when a block uses kubernetes.
    profile: str = "auto"


@attrs.frozen
class KeyAddress:
    """One server-block key and what CoreDNS makes of it (or why it refuses it)."""

    token: Token
    text: str
    address: ServerAddress | None
    error: AddressError | None


@attrs.frozen
class BlockView:
    """An effective server block with its keys normalised and its directives by name."""

    index: int
    block: EffectiveBlock
    keys: tuple[KeyAddress, ...]

    @property
    def directives(self) -> tuple[Line, ...]:
        return self.block.directives

    def named(self, name: str) -> list[Line]:
        return [line for line in self.block.directives if line.name.text == name]

    def has(self, name: str) -> bool:
        return any(line.name.text == name for line in self.block.directives)

    @property
    def zones(self) -> tuple[str, ...]:
        zones: list[str] = []
        for key in self.keys:
            if key.address is not None:
                zones.extend(key.address.zones)
        return tuple(zones)

    @property
    def first_token(self) -> Token:
        return self.block.keys[0]


class Context:
    """Shared, lazily computed views of one loaded file for all rules."""

    def __init__(self, loaded: Loaded, settings: Settings) -> None:
        self.loaded = loaded
        self.settings = settings

    @property
    def version(self) -> Version:
        return self.settings.coredns_version

    @functools.cached_property
    def blocks(self) -> tuple[BlockView, ...]:
        views = []
        for index, block in enumerate(self.loaded.expansion.blocks):
            keys = []
            for token, text in zip(block.keys, block.key_texts):
                try:
                    address = normalize_key(text, version=self.version)
                    keys.append(KeyAddress(token, text, address, None))
                except AddressError as error:
                    keys.append(KeyAddress(token, text, None, error))
            views.append(BlockView(index, block, tuple(keys)))
        return tuple(views)

    def is_available(self, name: str) -> bool:
        """The directive is compiled into the target build (default build or declared extras)."""
        return name in self.settings.extra_plugins or is_known(name, self.version)

    def plugin(self, name: str):
        return PLUGINS.get(name)

    def all_lines(self) -> Iterator[tuple[BlockView, Line]]:
        for view in self.blocks:
            for line in view.directives:
                yield view, line

    @functools.cached_property
    def cache(self) -> dict:
        """Per-run memo for rules that share an expensive computation (keyed by the rule module)."""
        return {}

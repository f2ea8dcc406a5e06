"""The ConfigMaps of a manifest and the Corefiles CoreDNS would read from them.

A manifest (one YAML document or several, a ``kind: List``, or ``kubectl ... -o json``) may hold
ConfigMaps with a ``Corefile`` key. CoreDNS reads each such Corefile in its pod, where the keys
of its own ConfigMap are files under ``/etc/coredns`` (so ``import /etc/coredns/extra.conf``
reads the ``extra.conf`` key), and the keys of a ``coredns-custom`` ConfigMap in the same input
are files under ``/etc/coredns/custom`` (k3s and AKS import ``/etc/coredns/custom/*.server`` and
``*.override``). Both folders and the custom ConfigMap's name are configurable (:class:`Mounts`).

When the input holds only a ``coredns-custom`` ConfigMap (AKS users edit only that one), its
keys are read under a stand-in Corefile that imports them the way those distributions do.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from corefile.sources.manifests import Node, Scalar, text_of

COREFILE_KEY = "Corefile"
DEFAULT_MOUNT = "/etc/coredns"
DEFAULT_CUSTOM_MOUNT = "/etc/coredns/custom"
DEFAULT_CUSTOM_NAME = "coredns-custom"

#: Stand-in for the Corefile when only the custom ConfigMap is given (k3s and AKS layout).
STAND_IN = ".:53 {{\n    import {custom}/*.override\n}}\nimport {custom}/*.server\n"

#: Keys of the custom ConfigMap that hold whole server blocks (imported at the top level).
SERVER_SUFFIX = ".server"


@attrs.frozen
class Mounts:
    """Where the ConfigMaps are mounted in the CoreDNS pod, and the custom ConfigMap's name."""

    configmap: str = DEFAULT_MOUNT
    custom: str = DEFAULT_CUSTOM_MOUNT
    custom_name: str = DEFAULT_CUSTOM_NAME


@attrs.frozen
class ConfigMap:
    """One ConfigMap of the input: its name and its string data keys."""

    name: str | None
    namespace: str | None
    data: dict[str, Scalar]

    @property
    def label(self) -> str:
        name = self.name or "(unnamed)"
        return f"{self.namespace}/{name}" if self.namespace else name


def configmaps(documents: Iterable[Node]) -> list[ConfigMap]:
    """Every ConfigMap in the documents, looking inside ``kind: List`` items."""
    found: list[ConfigMap] = []
    for document in documents:
        if not isinstance(document, dict):
            continue
        kind = text_of(document.get("kind"))
        if kind is not None and kind.endswith("List") and isinstance(document.get("items"), list):
            found.extend(configmaps(document["items"]))
            continue
        if kind not in (None, "ConfigMap") or not isinstance(document.get("data"), dict):
            continue
        metadata = document.get("metadata")
        metadata = metadata if isinstance(metadata, dict) else {}
        data = {key: value for key, value in document["data"].items() if isinstance(value, Scalar)}
        found.append(ConfigMap(text_of(metadata.get("name")), text_of(metadata.get("namespace")), data))
    return found


@attrs.frozen
class Pairing:
    """One Corefile CoreDNS would run: its ConfigMap (None: the stand-in) and the custom one it imports."""

    main: ConfigMap | None
    custom: ConfigMap | None


def pairings(maps: list[ConfigMap], mounts: Mounts = Mounts()) -> list[Pairing]:
    """The Corefiles of the manifest, each with the custom ConfigMap of its namespace."""
    customs = [cm for cm in maps if cm.name == mounts.custom_name]
    mains = [cm for cm in maps if COREFILE_KEY in cm.data and cm.name != mounts.custom_name]
    found = [Pairing(main, _custom_for(main, customs)) for main in mains]
    if not mains and customs:
        found.append(Pairing(None, customs[0]))
    return found


def _custom_for(main: ConfigMap, customs: list[ConfigMap]) -> ConfigMap | None:
    for custom in customs:
        if custom.namespace == main.namespace or custom.namespace is None or main.namespace is None:
            return custom
    return None

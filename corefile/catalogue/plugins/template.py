"""Catalogue entry for ``template`` (plugins.md §3)."""

from __future__ import annotations

from collections.abc import Iterator

from corefile.catalogue._protocol import DirectiveLike
from corefile.catalogue.check import known, problem
from corefile.catalogue.model import Option, Plugin, SetupProblem
from corefile.catalogue.gotemplate import template_error
from corefile.catalogue.plugins._common import ZONES, exactly, fallthrough, legacy_upstream, many, opt, req, v
from corefile.catalogue.types import CLASSES, QTYPES, RCODE, REGEXP, integer
from corefile.core.versions import LATEST, Version


def _check_template(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    words = occurrence.arguments
    if len(words) < 2:
        missing = "CLASS and TYPE" if not words else "TYPE"
        yield problem("missing-argument", words[-1] if words else occurrence.name, f"template needs {missing}, e.g. template IN A example.org")
    # CLASS and TYPE are looked up as written (miekg/dns maps hold upper-case names): `in a` is refused.
    if words and known(words[0]) and words[0].value not in CLASSES:
        yield problem("invalid-arguments", words[0], f"invalid query class '{words[0].value}'; expected IN, CH, HS, NONE or ANY (upper case)")
    if len(words) > 1 and known(words[1]) and words[1].value not in QTYPES:
        yield problem("invalid-arguments", words[1], f"invalid query type '{words[1].value}'; expected a record type such as A, AAAA, TXT or ANY (upper case)")


def _check_rr_templates(line: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    """``answer``/``additional``/``authority``: each word is compiled as a Go template at setup."""
    yield from exactly(line, (many("RR"),), f"template option '{line.name.value}'")
    for word in line.arguments:
        if not known(word):
            continue
        error = template_error(word.value)
        if error is not None:
            yield problem("invalid-option-value", word, f"template option '{line.name.value}': could not compile template: {error}")


#: Options only present on CoreDNS's development branch after 1.14.7.
_UNRELEASED = Version(LATEST.major, LATEST.minor, LATEST.patch + 1)

TEMPLATE = Plugin(
    "template",
    summary="Synthesise answers from Go templates for matching queries.",
    syntax="template CLASS TYPE [ZONES...] [{ match REGEX...; answer RR; additional RR; authority RR; rcode CODE; ederror CODE [REASON]; fallthrough [ZONES...] }]",
    since=v("1.0.3"),
    repeat="multi",
    arguments=None,
    block="options",
    options=[
        Option("match", (many("REGEX", REGEXP),)),
        Option("answer", None, check=_check_rr_templates, shape="RR..."),
        Option("additional", None, check=_check_rr_templates, shape="RR..."),
        Option("authority", None, check=_check_rr_templates, shape="RR..."),
        Option("rcode", (req("CODE", RCODE),)),
        Option("ederror", (req("CODE", integer(0, 65535)), opt("REASON")), since=v("1.10.1")),
        fallthrough(),
        legacy_upstream(),
        Option("var", (req("NAME"), many("EXPRESSION")), since=_UNRELEASED, notes="development branch only"),
        Option("expr", (many("EXPRESSION"),), since=_UNRELEASED, notes="development branch only"),
    ],
    check=_check_template,
)

PLUGINS: tuple[Plugin, ...] = (TEMPLATE,)

__all__ = ["PLUGINS"]

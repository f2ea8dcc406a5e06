"""Rule documentation, generated from the rules themselves (docstring, metadata, examples)."""

from __future__ import annotations

from corefile.lint.rule_docs import BANNER, rule_page
from corefile.lint.rules import all_rules


def index_page() -> str:
    rows = [
        BANNER,
        "# Rules\n",
        "Every rule has a code and a name; both work in `--select`, `--ignore`, the configuration and",
        "suppression comments, as do family prefixes (`ZN`) and `ALL`.\n",
        "| Code | Name | Severity | Fix | Default | Summary |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for rule in all_rules():
        default = "yes" if rule.default_enabled else "no"
        rows.append(
            f"| {rule.code} | [{rule.name}]({rule.name}.md) | {rule.severity} | {rule.fix or '-'} | {default} | {rule.summary} |"
        )
    return "\n".join(rows) + "\n"


def generated_files() -> dict[str, str]:
    """Relative path under docs/ -> content, for every generated page."""
    files = {"rules/index.md": index_page()}
    for rule in all_rules():
        files[f"rules/{rule.name}.md"] = rule_page(rule)
    try:
        from corefile.catalogue.reference import render_plugin_reference
    except ImportError:  # pragma: no cover - the catalogue ships with the package
        pass
    else:
        files["plugins.md"] = render_plugin_reference()
    return files


def main() -> int:
    import argparse
    from pathlib import Path

    parser = argparse.ArgumentParser(description="Regenerate (or --check) the generated docs pages.")
    parser.add_argument("--docs", default="docs")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    stale = []
    for relative, content in generated_files().items():
        path = Path(args.docs) / relative
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != content:
            stale.append(relative)
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(content, encoding="utf-8")
    if args.check and stale:
        print("stale generated docs: " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

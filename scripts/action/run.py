"""The steps of this repository's GitHub Action (action.yml), one sub-command each.

    python3 run.py install   # a virtual environment with this checkout installed; exports COREFILE_PYTHON
    $COREFILE_PYTHON run.py lint     # corefile-lint with GitHub annotations (and SARIF); never fails the step
    $COREFILE_PYTHON run.py diff     # pull requests: `corefile diff` of each changed file, as markdown
    python3 run.py conclude  # fails the job when the lint step found something at the fail level

The steps talk to each other, and to the workflow, through the files GitHub gives every step
(GITHUB_ENV, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY); inputs arrive as INPUT_* variables set by
action.yml. Everything here is the standard library, so that a test can run each step locally
against a sample repository (and a stand-in for GitHub's API).
"""

from __future__ import annotations

import fnmatch
import json
import os
import shlex
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

ACTION_PATH = Path(os.environ.get("GITHUB_ACTION_PATH") or Path(__file__).resolve().parents[2])
MARKER = "<!-- corefile-diff -->"
COREFILE_PATTERNS = ("Corefile", "Corefile.*", "Corefile-*", "*.corefile")
MANIFEST_PATTERNS = ("*.yaml", "*.yml", "*.json")


def _input(name: str, default: str = "") -> str:
    return os.environ.get("INPUT_" + name.upper().replace("-", "_"), default).strip()


def _flag(name: str) -> bool:
    return _input(name, "false").lower() in ("true", "yes", "1", "on")


def _append(variable: str, text: str) -> None:
    """Append to one of the files GitHub reads after the step (outputs, env, summary)."""
    target = os.environ.get(variable)
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(text)


def _output(name: str, value: str) -> None:
    _append("GITHUB_OUTPUT", f"{name}={value}\n")


def _paths() -> list[str]:
    return shlex.split(_input("paths", ".").replace("\n", " ")) or ["."]


def _corefile(command: str) -> list[str]:
    """``corefile COMMAND`` with the interpreter that has the package (this one, after install)."""
    return [sys.executable, "-m", "corefile", command]


def _common_arguments() -> list[str]:
    arguments = []
    for name in ("coredns-version", "config", "input-format"):
        value = _input(name)
        if value:
            arguments += [f"--{name}", value]
    return arguments


# --- install ------------------------------------------------------------------------------------


def install() -> int:
    """A virtual environment under RUNNER_TEMP with the action's own checkout (and YAML support)."""
    home = Path(os.environ.get("RUNNER_TEMP") or tempfile.gettempdir()) / "corefile-action"
    subprocess.run([sys.executable, "-m", "venv", str(home)], check=True)
    python = home / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", f"{ACTION_PATH}[configmap]"], check=True)
    _append("GITHUB_ENV", f"COREFILE_PYTHON={python}\n")
    print(f"corefile installed from {ACTION_PATH} into {home}")
    return 0


# --- lint ---------------------------------------------------------------------------------------


def lint() -> int:
    """Annotations for every finding; SARIF too when asked. The status goes to the `status` output."""
    paths = _paths()
    arguments = [*_common_arguments(), "--fail-level", _input("fail-level", "warning") or "warning"]
    result = subprocess.run([*_corefile("lint"), "--output-format", "github", *arguments, *paths])
    status = result.returncode
    if _flag("sarif"):
        sarif_file = _input("sarif-file", "corefile-lint.sarif") or "corefile-lint.sarif"
        subprocess.run([*_corefile("lint"), "--output-format", "sarif", "--output-file", sarif_file,
                        "--exit-zero", *arguments, *paths])
        _output("sarif-file", sarif_file)
    _output("status", str(status))
    messages = {0: "no findings at or above the fail level", 1: "findings at or above the fail level",
                2: "an input or the configuration could not be read"}
    print(f"corefile-lint: {messages.get(status, f'exit status {status}')}")
    return 0


def conclude() -> int:
    """Fail the job with the lint step's status (after SARIF upload and the diff comment ran)."""
    status = int(_input("status", "0") or 0)
    return status


# --- diff ---------------------------------------------------------------------------------------


def _event() -> dict:
    path = os.environ.get("GITHUB_EVENT_PATH")
    if not path or not os.path.isfile(path):
        return {}
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def _git(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], capture_output=True, text=True, check=check)


def _ensure_commit(sha: str) -> bool:
    """Make the base commit available (actions/checkout fetches only the head by default)."""
    if _git("cat-file", "-e", f"{sha}^{{commit}}", check=False).returncode == 0:
        return True
    _git("fetch", "--no-tags", "--depth=1", "origin", sha, check=False)
    return _git("cat-file", "-e", f"{sha}^{{commit}}", check=False).returncode == 0


def _is_configuration(path: str, text: str) -> bool:
    """A file the diff should compare: a Corefile by name, a ConfigMap manifest or Helm values by content."""
    from corefile.sources.helm import looks_like_values
    from corefile.sources.manifests import looks_like_manifest

    name = os.path.basename(path)
    if any(fnmatch.fnmatchcase(name, pattern) for pattern in COREFILE_PATTERNS):
        return True
    if any(fnmatch.fnmatchcase(name, pattern) for pattern in MANIFEST_PATTERNS):
        return (looks_like_manifest(text) and "Corefile" in text) or looks_like_values(text)
    return False


def _under(path: str, roots: list[str]) -> bool:
    path = os.path.normpath(path)
    for root in roots:
        root = os.path.normpath(root)
        if root == "." or path == root or path.startswith(root.rstrip(os.sep) + os.sep):
            return True
    return False


def changed_files(base: str, head: str, roots: list[str]) -> list[tuple[str, str]]:
    """(status letter, path) of the configuration files the pull request changes under ``roots``."""
    listed = _git("diff", "--name-status", "--no-renames", base, head).stdout.splitlines()
    found = []
    for line in listed:
        status, _, path = line.partition("\t")
        if not path or not _under(path, roots):
            continue
        revision = base if status == "D" else head
        shown = _git("show", f"{revision}:{path}", check=False)
        if shown.returncode == 0 and _is_configuration(path, shown.stdout):
            found.append((status[:1], path))
    return found


def _diff_one(status: str, path: str, base: str, head: str, empty: str) -> tuple[int, str]:
    old = empty if status == "A" else f"{base}:{path}"
    new = empty if status == "D" else (path if head == "HEAD" else f"{head}:{path}")
    command = [*_corefile("diff"), "--output-format", "markdown", *_common_arguments(), old, new]
    result = subprocess.run(command, capture_output=True, text=True)
    return result.returncode, result.stdout if result.returncode in (0, 1) else f"`corefile diff` could not compare it:\n\n```\n{result.stderr.strip()}\n```\n"


def diff() -> int:
    """The markdown report of every changed configuration file: to the job summary, and as a
    pull-request comment when asked (updated in place on later pushes)."""
    event = _event()
    pull = event.get("pull_request") or {}
    base = _input("base") or (pull.get("base") or {}).get("sha", "")
    # What is checked out: for a pull request, actions/checkout gives the merge of the pull
    # request into its base, which is what the cluster gets once it is merged.
    head = _input("head") or "HEAD"
    if not base:
        print("corefile diff: not a pull request and no `base` given; nothing to compare")
        _output("changed", "false")
        return 0
    if not _ensure_commit(base):
        print(f"::warning::corefile diff: the base commit {base} is not in the checkout (use fetch-depth: 0)")
        _output("changed", "false")
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        empty = os.path.join(scratch, "empty")
        Path(empty).write_text("")
        files = changed_files(base, head, _paths())
        sections = []
        changed = False
        for status, path in files:
            code, report = _diff_one(status, path, base, head, empty)
            changed = changed or code != 0
            body = report.replace(MARKER + "\n", "")
            what = {"A": "added", "D": "deleted"}.get(status, "changed")
            sections.append(f"<details{' open' if code != 0 else ''}><summary><code>{path}</code> ({what})</summary>\n\n{body}\n</details>\n")
    if not files:
        text = f"{MARKER}\n### CoreDNS: what this change does\n\nNo Corefile, CoreDNS ConfigMap or Helm values file changed.\n"
    else:
        text = MARKER + "\n" + "\n".join(sections)
    _append("GITHUB_STEP_SUMMARY", text)
    _output("changed", "true" if changed else "false")
    print(text)
    if _flag("diff-comment") and pull.get("number") and files:
        _comment(int(pull["number"]), text)
    return 0


def _api(method: str, url: str, token: str, body: dict | None = None):
    request = urllib.request.Request(url, method=method, data=json.dumps(body).encode() if body is not None else None)
    request.add_header("Accept", "application/vnd.github+json")
    request.add_header("Authorization", f"Bearer {token}")
    request.add_header("X-GitHub-Api-Version", "2022-11-28")
    if body is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"null")


def _comment(number: int, text: str) -> None:
    """Create the pull request's diff comment, or update the one an earlier run made."""
    token = _input("github-token") or os.environ.get("GITHUB_TOKEN", "")
    repository = os.environ.get("GITHUB_REPOSITORY", "")
    api = os.environ.get("GITHUB_API_URL", "https://api.github.com").rstrip("/")
    if not token or not repository:
        print("::warning::corefile diff: no token or repository to comment with")
        return
    comments = f"{api}/repos/{repository}/issues/{number}/comments"
    try:
        existing = None
        page = 1
        while existing is None:
            batch = _api("GET", f"{comments}?per_page=100&page={page}", token) or []
            existing = next((c for c in batch if MARKER in (c.get("body") or "")), None)
            if len(batch) < 100:
                break
            page += 1
        if existing is not None:
            _api("PATCH", f"{api}/repos/{repository}/issues/comments/{existing['id']}", token, {"body": text})
        else:
            _api("POST", comments, token, {"body": text})
    except (urllib.error.URLError, OSError, ValueError) as error:
        # A pull request from a fork gets a read-only token: the summary still has the report.
        print(f"::warning::corefile diff: could not comment on the pull request ({error})")


STEPS = {"install": install, "lint": lint, "diff": diff, "conclude": conclude}


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0] not in STEPS:
        print(f"usage: run.py {'|'.join(STEPS)}", file=sys.stderr)
        return 2
    return STEPS[argv[0]]()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The pre-commit hooks really run: pre-commit installs this repository into its own virtual
environment (from a snapshot of the working tree, committed to a temporary git repository) and
runs the hooks in a temporary project, failing on a bad Corefile and passing on a good one.

Skipped when pre-commit is not installed, or when it cannot build the hook's environment (no
package index reachable).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURES, RULES

REPO = Path(__file__).resolve().parents[2]
BAD = ". {\n    proxy . 1.1.1.1\n}\n"
GOOD = ". {\n    forward . 1.1.1.1\n}\n"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "corefile tests", "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "corefile tests", "GIT_COMMITTER_EMAIL": "tests@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def pre_commit_command() -> list[str] | None:
    if importlib.util.find_spec("pre_commit") is not None:
        return [sys.executable, "-m", "pre_commit"]
    found = shutil.which("pre-commit")
    return [found] if found else None


PRE_COMMIT = pre_commit_command()
pytestmark = [
    pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed (pip install pre-commit)"),
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]


def run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def git(*args: str, cwd: Path, env: dict[str, str]) -> str:
    completed = run(["git", *args], cwd, env)
    assert completed.returncode == 0, completed.stderr
    return completed.stdout.strip()


def snapshot(target: Path, env: dict[str, str]) -> str:
    """Copy the working tree (tracked and new, non-ignored files) into a fresh repository; its commit."""
    if (REPO / ".git").exists():
        listed = git("ls-files", "--cached", "--others", "--exclude-standard", "-z", cwd=REPO, env=env)
        names = [name for name in listed.split("\0") if name]
    else:
        names = [str(p.relative_to(REPO)) for p in REPO.rglob("*") if p.is_file() and ".venv" not in p.parts]
    for name in names:
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    git("init", "-q", cwd=target, env=env)
    git("add", "-A", cwd=target, env=env)
    git("commit", "-q", "-m", "snapshot", cwd=target, env=env)
    return git("rev-parse", "HEAD", cwd=target, env=env)


def skip_if_environment_failed(completed: subprocess.CompletedProcess) -> None:
    output = completed.stdout + completed.stderr
    if "An unexpected error has occurred" in output or "An error has occurred" in output:
        if "Installing environment" in output or "pip" in output:
            pytest.skip("pre-commit could not build the hook environment (no package index?):\n" + output[-2000:])


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    base = tmp_path_factory.mktemp("pre-commit")
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(base / "cache"), "PRE_COMMIT_COLOR": "never"}
    env.pop("PRE_COMMIT", None)
    hook_repo = base / "hook-repo"
    hook_repo.mkdir()
    rev = snapshot(hook_repo, env)
    return base, hook_repo, rev, env


def new_project(base: Path, name: str, env: dict[str, str]) -> Path:
    project = base / name
    project.mkdir()
    git("init", "-q", cwd=project, env=env)
    return project


def test_try_repo_fails_then_passes(workspace):
    base, hook_repo, rev, env = workspace
    project = new_project(base, "try-repo", env)
    selected = ", ".join(f'"{rule}"' for rule in RULES.split(","))
    (project / ".corefile-lint.toml").write_text(f"select = [{selected}]\n")  # rules added later change nothing
    (project / "Corefile").write_text(BAD)
    (project / "home.Corefile").write_text(BAD)  # any letter case
    (project / "Corefile.bak").write_text(BAD)  # an editor backup: never linted
    (project / "notes.txt").write_text("proxy . 1.1.1.1\n")  # not a Corefile name: never linted
    git("add", "-A", cwd=project, env=env)
    command = [*PRE_COMMIT, "try-repo", str(hook_repo), "corefile-lint", "--ref", rev, "--all-files", "--verbose"]
    failing = run(command, project, env)
    skip_if_environment_failed(failing)
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "Corefile:2:5: PL010" in failing.stdout
    assert "home.Corefile:2:5: PL010" in failing.stdout
    assert "notes.txt" not in failing.stdout and "Corefile.bak" not in failing.stdout
    (project / "Corefile").write_text(GOOD)
    (project / "home.Corefile").write_text(GOOD)
    git("add", "-A", cwd=project, env=env)
    passing = run(command, project, env)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "Passed" in passing.stdout


def test_commits_fail_then_pass_with_both_hooks(workspace):
    base, hook_repo, rev, env = workspace
    project = new_project(base, "commits", env)
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {hook_repo}\n  rev: {rev}\n  hooks:\n"
        f"  - id: corefile-lint\n    args: [--select, '{RULES}']\n"
        f"  - id: corefile-lint-configmap\n    args: [--select, '{RULES}']\n"
    )
    installed = run([*PRE_COMMIT, "install"], project, env)
    assert installed.returncode == 0, installed.stdout + installed.stderr

    (project / "Corefile").write_text(GOOD)
    (project / "deployment.yaml").write_text("kind: Deployment\n{{ not yaml }}\n")  # not matched by the hook
    manifests = project / "k8s"
    manifests.mkdir()
    (manifests / "coredns.yaml").write_text((FIXTURES / "coredns.yaml").read_text())
    git("add", "-A", cwd=project, env=env)
    failing = run(["git", "commit", "-m", "bad ConfigMap"], project, env)
    skip_if_environment_failed(failing)
    assert failing.returncode != 0, failing.stdout + failing.stderr
    output = failing.stdout + failing.stderr  # git shows the hook's report on standard error
    assert "k8s/coredns.yaml:52:11: PL010" in output
    assert "deployment.yaml" not in output

    fixed = (FIXTURES / "coredns.yaml").read_text().replace("proxy . 10.0.0.10", "forward . 10.0.0.10")
    fixed = fixed.replace("      loadbalance round_robin\n", "")
    (manifests / "coredns.yaml").write_text(fixed)
    git("add", "-A", cwd=project, env=env)
    passing = run(["git", "commit", "-m", "good ConfigMap"], project, env)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert git("log", "--oneline", cwd=project, env=env).count("\n") == 0  # exactly one commit landed

"""The GitHub Action (action.yml): its steps run locally, as the runner would run them, against a
sample repository with a pull request, and a stand-in for GitHub's API that takes the comment."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from tests.conftest import REPO

yaml = pytest.importorskip("yaml")

ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
RUN_PY = REPO / "scripts" / "action" / "run.py"

BASE_COREFILE = ".:53 {\n    errors\n    forward . 8.8.8.8\n    cache 30\n}\n"
HEAD_COREFILE = (".:53 {\n    errors\n    proxy . 8.8.8.8\n    cache 30\n}\n"
                 "acme.local:53 {\n    forward . 10.0.0.53\n}\n")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def pull_request(tmp_path):
    """A repository whose pull request edits deploy/Corefile and adds a README (checked out at its head)."""
    repo = tmp_path / "repo"
    (repo / "deploy").mkdir(parents=True)
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "ci@example.org")
    git(repo, "config", "user.name", "ci")
    (repo / "deploy" / "Corefile").write_text(BASE_COREFILE)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    base = git(repo, "rev-parse", "HEAD")
    (repo / "deploy" / "Corefile").write_text(HEAD_COREFILE)
    (repo / "README.md").write_text("not a Corefile\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "head")
    head = git(repo, "rev-parse", "HEAD")
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 7, "base": {"sha": base}, "head": {"sha": head}}}))
    return repo, event


class FakeGitHub:
    """Answers the issue-comment endpoints the diff step uses, and records every request."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str, dict | None]] = []
        self.comments: list[dict] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep the test output clean
                pass

            def _answer(self, body) -> None:
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _body(self):
                length = int(self.headers.get("Content-Length") or 0)
                return json.loads(self.rfile.read(length)) if length else None

            def do_GET(self):
                fake.requests.append(("GET", self.path, None))
                self._answer(fake.comments)

            def do_POST(self):
                body = self._body()
                fake.requests.append(("POST", self.path, body))
                fake.comments.append({"id": len(fake.comments) + 1, "body": body["body"]})
                self._answer(fake.comments[-1])

            def do_PATCH(self):
                body = self._body()
                fake.requests.append(("PATCH", self.path, body))
                number = int(self.path.rsplit("/", 1)[1])
                fake.comments[number - 1]["body"] = body["body"]
                self._answer(fake.comments[number - 1])

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def github():
    fake = FakeGitHub()
    yield fake
    fake.close()


class Runner:
    """Runs action.yml's steps the way GitHub's runner does: `${{ }}` expressions filled in,
    `if:` evaluated, each `run:` in bash with the step's env, GITHUB_OUTPUT/ENV/STEP_SUMMARY files."""

    def __init__(self, workspace: Path, event: Path, scratch: Path, inputs: dict[str, str], api: str) -> None:
        self.workspace = workspace
        self.scratch = scratch
        self.inputs = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
        self.inputs["github-token"] = "test-token"
        self.inputs.update(inputs)
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("INPUT_", "GITHUB_"))},
            "GITHUB_ACTION_PATH": str(REPO),
            "GITHUB_WORKSPACE": str(workspace),
            "GITHUB_EVENT_NAME": "pull_request",
            "GITHUB_EVENT_PATH": str(event),
            "GITHUB_REPOSITORY": "owner/repo",
            "GITHUB_API_URL": api,
            "RUNNER_TEMP": str(scratch),
            "GITHUB_ENV": str(scratch / "env"),
            "GITHUB_STEP_SUMMARY": str(scratch / "summary.md"),
        }
        self.outputs: dict[str, dict[str, str]] = {}
        self.used: list[str] = []  # actions the steps would call (`uses:`)
        self.log: list[tuple[str, int, str]] = []

    def expression(self, text: str) -> str:
        def value(match: re.Match) -> str:
            name = match.group(1).strip()
            if name.startswith("inputs."):
                return self.inputs[name[len("inputs."):]]
            if name == "github.token":
                return "test-token"
            if name == "github.event_name":
                return self.env["GITHUB_EVENT_NAME"]
            step, _, output = name[len("steps."):].partition(".outputs.")
            return self.outputs.get(step, {}).get(output, "")

        return re.sub(r"\$\{\{(.*?)\}\}", value, text)

    def condition(self, text: str) -> bool:
        """The few expression forms action.yml uses: comparisons of contexts with strings, && and ||."""
        python = re.sub(r"\b(inputs|steps|github)\.[\w.-]+", lambda m: repr(self.expression("${{ " + m.group(0) + " }}")), text)
        python = python.replace("&&", " and ").replace("||", " or ")
        return bool(eval(python, {"__builtins__": {}}))  # noqa: S307 - our own action.yml

    def run(self, install, skip: tuple[str, ...] = ()) -> None:
        for step in ACTION["runs"]["steps"]:
            if "if" in step and not self.condition(step["if"]):
                continue
            if step.get("name") in skip:
                continue
            if "uses" in step:
                self.used.append(step["uses"].split("@")[0])
                continue
            env = dict(self.env)
            for line in (self.scratch / "env").read_text().splitlines() if (self.scratch / "env").exists() else ():
                key, _, value = line.partition("=")
                env[key] = value
            env.update({key: self.expression(str(value)) for key, value in (step.get("env") or {}).items()})
            output_file = self.scratch / f"output-{len(self.log)}"
            output_file.write_text("")
            env["GITHUB_OUTPUT"] = str(output_file)
            command = step["run"]
            if command.endswith("run.py\" install"):
                install(env)  # the real install is a pip install of this checkout (.ci/run runs it)
                status, out = 0, ""
            else:
                result = subprocess.run(["bash", "-e", "-c", command], cwd=self.workspace, env=env,
                                        capture_output=True, text=True)
                status, out = result.returncode, result.stdout + result.stderr
            self.log.append((step.get("name", ""), status, out))
            if "id" in step:
                self.outputs[step["id"]] = dict(line.split("=", 1) for line in output_file.read_text().splitlines() if "=" in line)


def stand_in_install(env: dict) -> None:
    """What `run.py install` leaves behind, pointing at the interpreter running the tests."""
    with open(env["GITHUB_ENV"], "a") as handle:
        handle.write(f"COREFILE_PYTHON={sys.executable}\n")


def run_action(pull_request, tmp_path, github, skip: tuple[str, ...] = (), **inputs) -> Runner:
    repo, event = pull_request
    scratch = tmp_path / "runner"
    scratch.mkdir(exist_ok=True)
    runner = Runner(repo, event, scratch, inputs, github.url)
    runner.run(stand_in_install, skip)
    return runner


def test_the_action_declares_its_inputs_and_runs_the_script():
    assert ACTION["runs"]["using"] == "composite"
    assert {"paths", "coredns-version", "fail-level", "config"} <= set(ACTION["inputs"])
    commands = [step["run"] for step in ACTION["runs"]["steps"] if "run" in step]
    steps = [re.search(r"run\.py\"? (\w+)", command).group(1) for command in commands]
    assert steps == ["install", "lint", "diff", "conclude"]
    assert '"$GITHUB_ACTION_PATH"' in RUN_PY.read_text() or "ACTION_PATH" in RUN_PY.read_text()
    assert any(step.get("uses", "").startswith("github/codeql-action/upload-sarif@") for step in ACTION["runs"]["steps"])


def test_lint_annotates_uploads_sarif_comments_the_diff_and_fails(pull_request, tmp_path, github):
    runner = run_action(pull_request, tmp_path, github, paths="deploy", sarif="true", **{"diff-comment": "true"})
    by_name = {name: (status, out) for name, status, out in runner.log}

    status, out = by_name["corefile-lint"]
    assert status == 0  # the lint step never fails: SARIF upload and the comment still run
    annotations = [line for line in out.splitlines() if line.startswith("::")]
    assert any(line.startswith("::error file=deploy/Corefile,line=3,col=5,") and "removed-plugin" in line for line in annotations)
    assert runner.outputs["lint"]["status"] == "1"
    sarif = json.loads((pull_request[0] / "corefile-lint.sarif").read_text())
    assert any(result["ruleId"] == "PL010" for result in sarif["runs"][0]["results"])
    assert runner.used == ["github/codeql-action/upload-sarif"]

    assert runner.outputs["diff"]["changed"] == "true"
    summary = (runner.scratch / "summary.md").read_text()
    assert summary.startswith("<!-- corefile-diff -->") and summary.count("<!-- corefile-diff -->") == 1
    assert "deploy/Corefile" in summary and "acme.local:53" in summary and "README" not in summary
    [post] = [request for request in github.requests if request[0] == "POST"]
    assert post[1] == "/repos/owner/repo/issues/7/comments" and post[2]["body"] == summary

    assert by_name["Fail on findings"][0] == 1  # the job fails at the end, with lint's status


def test_a_second_push_updates_the_comment_instead_of_adding_one(pull_request, tmp_path, github):
    for _push in range(2):
        run_action(pull_request, tmp_path, github, skip=("corefile-lint",), paths="deploy", **{"diff-comment": "true"})
    methods = [method for method, _path, _body in github.requests]
    assert methods.count("POST") == 1 and methods.count("PATCH") == 1
    assert len(github.comments) == 1


def test_clean_files_pass_and_no_comment_unless_asked(pull_request, tmp_path, github):
    repo, _event = pull_request
    runner = run_action(pull_request, tmp_path, github, paths="deploy", **{"fail-level": "error", "coredns-version": "1.4.0"})
    by_name = {name: status for name, status, _out in runner.log}
    assert runner.outputs["lint"]["status"] == "0"  # `proxy` is still there in 1.4.0
    assert by_name["Fail on findings"] == 0
    assert "Upload SARIF" not in by_name and runner.used == []
    assert github.requests == []  # the summary has the report; nothing was posted
    assert "acme.local" in (runner.scratch / "summary.md").read_text()

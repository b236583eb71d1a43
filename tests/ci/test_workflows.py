"""Outside pull requests cannot touch the published site or secrets; actions are pinned."""

from __future__ import annotations

import re
import tomllib

import pytest
import yaml

from study_wiki.cli.doctor import NEWEST_TESTED
from tests.support.project import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def load(name: str) -> dict:
    workflow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as the boolean True.
    workflow["on"] = workflow.pop(True, workflow.get("on"))
    return workflow


def all_workflows() -> list[str]:
    return sorted(p.name for p in WORKFLOWS.glob("*.y*ml"))


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.parametrize("name", all_workflows())
def test_no_workflow_runs_pull_request_target(name: str) -> None:
    assert "pull_request_target" not in load(name)["on"]


@pytest.mark.parametrize("name", all_workflows())
def test_every_action_is_pinned_to_a_full_commit_hash(name: str) -> None:
    for step in steps(load(name)):
        if "uses" in step:
            assert PINNED.match(step["uses"]), f"{name}: {step['uses']} is not pinned"


@pytest.mark.parametrize("name", all_workflows())
def test_workflows_default_to_read_only_contents(name: str) -> None:
    assert load(name)["permissions"] == {"contents": "read"}


def test_pull_requests_run_read_only_without_secrets() -> None:
    workflow = load("pull-request.yml")
    assert set(workflow["on"]) == {"pull_request"}
    for job in workflow["jobs"].values():
        assert job.get("permissions", {"contents": "read"}) == {"contents": "read"}
    assert "secrets." not in (WORKFLOWS / "pull-request.yml").read_text()
    runs = " ".join(step.get("run", "") for step in steps(workflow))
    assert "python -m study_wiki build" in runs and "make test" in runs


def test_pull_requests_build_on_every_laptop_system_and_test_oldest_and_newest_python() -> None:
    jobs = load("pull-request.yml")["jobs"]
    systems = {os.split("-")[0] for os in jobs["build"]["strategy"]["matrix"]["os"]}
    assert systems == {"ubuntu", "macos", "windows"}
    assert jobs["build"]["runs-on"] == "${{ matrix.os }}"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    oldest = project["requires-python"].removeprefix(">=")
    assert jobs["test"]["strategy"]["matrix"]["python"] == [oldest, NEWEST_TESTED]


def test_deploy_runs_only_on_push_to_main_and_only_it_may_write_pages() -> None:
    workflow = load("deploy.yml")
    assert workflow["on"] == {"push": {"branches": ["main"]}}
    writers = {
        name: job["permissions"] for name, job in workflow["jobs"].items() if "permissions" in job
    }
    assert writers == {"deploy": {"pages": "write", "id-token": "write"}}
    deploy_steps = workflow["jobs"]["deploy"]["steps"]
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in deploy_steps)
    for name in all_workflows():
        if name != "deploy.yml":
            assert "deploy-pages" not in (WORKFLOWS / name).read_text()

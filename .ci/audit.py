"""The dependency audit: pip-audit on the project's Python environment, npm audit on the web
app's packages. A known vulnerability fails the run (npm: of high severity or worse).

An audit needs its advisory database: pip-audit asks PyPI's JSON API (or OSV), npm audit the npm
registry's bulk advisory endpoint. Where a database does not answer (a mirror without it, no
network), that audit cannot run: this says so plainly, naming what was not reached, rather than
reporting "no known vulnerabilities" for packages it never looked up.
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def python_audit() -> bool:
    run = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "pip-audit"), "--progress-spinner", "off", "-f", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        dependencies = json.loads(run.stdout)["dependencies"]
    except (json.JSONDecodeError, KeyError):
        print(f"pip-audit could not run:\n{run.stderr[-2000:]}")
        return True
    audited = [dependency for dependency in dependencies if "skip_reason" not in dependency]
    vulnerable = [dependency for dependency in audited if dependency.get("vulns")]
    if not audited:
        print(
            f"pip-audit: NOT RUN: none of the {len(dependencies)} packages could be looked up "
            "(the vulnerability database is not reachable from this machine)."
        )
        return True
    for dependency in vulnerable:
        ids = ", ".join(vuln["id"] for vuln in dependency["vulns"])
        print(f"pip-audit: {dependency['name']} {dependency['version']}: {ids}")
    print(f"pip-audit: {len(audited)} packages audited, {len(vulnerable)} with vulnerabilities")
    return not vulnerable


def npm_audit() -> bool:
    run = subprocess.run(
        ["npm", "audit", "--audit-level=high", "--json"],
        cwd=ROOT / "frontend",
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        report = {}
    if "metadata" not in report:
        reason = report.get("error", {}).get("summary") or run.stderr.strip()[-300:]
        print(f"npm audit: NOT RUN: the registry's advisory endpoint did not answer ({reason}).")
        return True
    counts = report["metadata"]["vulnerabilities"]
    print(f"npm audit: {counts}")
    return run.returncode == 0


if __name__ == "__main__":
    passed = [python_audit(), npm_audit()]
    sys.exit(0 if all(passed) else 1)

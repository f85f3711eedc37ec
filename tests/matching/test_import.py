"""The library stands alone: importing it loads nothing from Django or the backend."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import matching

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, sys
import matching
loaded_on_import = sorted(sys.modules)
from matching import random_instance, propose
instance = random_instance(60, 20, seed=1)
propose(instance.people, instance.needs, instance.departments, solver="networkx")
propose(instance.people, instance.needs, instance.departments, solver="ortools")
print(json.dumps({"import": loaded_on_import, "run": sorted(sys.modules)}))
"""


def test_import_matching_loads_no_django_module():
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
    )
    modules = json.loads(result.stdout)
    for phase in ("import", "run"):
        assert [m for m in modules[phase] if m.split(".")[0] == "django"] == []
        assert [m for m in modules[phase] if m.split(".")[0] in {"config", "apps"}] == []
    # The heavy solvers are imported only when a proposal needs them.
    heavy = {"ortools", "networkx", "scipy"}
    assert [m for m in modules["import"] if m.split(".")[0] in heavy] == []
    assert result.stderr == ""


def test_public_api_names_exist():
    for name in (
        "Person",
        "Evidence",
        "Need",
        "Requirement",
        "Department",
        "Floor",
        "Policy",
        "score",
        "propose",
    ):
        assert name in matching.__all__
    assert all(hasattr(matching, name) for name in matching.__all__)


def test_the_matcher_is_a_distribution_of_its_own_that_needs_no_django():
    """``pip install ./matching`` gives the library with numpy, networkx and SciPy only
    (OR-Tools is an extra); the project depends on it, with its fast solver."""
    from importlib.metadata import requires

    assert sorted(requires("talentbridge-matching") or []) == [
        "networkx>=3.4",
        "numpy>=1.26",
        'ortools>=9.11; extra == "ortools"',
        "scipy>=1.13",
    ]
    assert "talentbridge-matching[ortools]==0.1.0" in (requires("talentbridge") or [])

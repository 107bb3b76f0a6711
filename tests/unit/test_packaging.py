"""Packaging: compatible ranges in pyproject.toml, exact pins in requirements.lock (which make and
CI install with), no runtime dependency kg never imports, IPython only for notebooks, a licence."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from kg import fingerprint

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
RUNTIME = [Requirement(line) for line in PROJECT["dependencies"]]
OPTIONAL = {
    extra: [Requirement(line) for line in lines]
    for extra, lines in PROJECT["optional-dependencies"].items()
}
LOCKED_EXTRAS = ("dev", "dask", "notebook")  # bench's underthesea is not installed by make test
# Needed at run time though never imported by this name.
NOT_IMPORTED = {
    "oxigraph": "the oxigraph server binary, started by kg/oxigraph_server.py",
    "scipy": "networkx's pagerank (kg/analyze.py)",
}


def _lock() -> dict[str, str]:
    lines = (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
    pins = [line.split("==") for line in lines if line.strip() and not line.startswith("#")]
    assert all(len(pin) == 2 for pin in pins), "every line of the lock is name==version"
    return {canonicalize_name(name): version for name, version in pins}


def _imported_by_kg() -> set[str]:
    paths = (ROOT / "kg").rglob("*.py")
    return {name.split(".")[0] for path in paths for name in fingerprint.imported_modules(path)}


def test_runtime_dependencies_are_ranges_with_a_floor_not_pins() -> None:
    for requirement in RUNTIME:
        operators = {spec.operator for spec in requirement.specifier}
        assert ">=" in operators and not operators & {"==", "==="}, requirement


def test_the_lock_pins_every_dependency_within_its_range() -> None:
    lock = _lock()
    wanted = RUNTIME + [r for extra in LOCKED_EXTRAS for r in OPTIONAL[extra]]
    for requirement in wanted:
        name = canonicalize_name(requirement.name)
        if name == "kg":
            continue
        assert name in lock, f"{name} is not in requirements.lock (make lock)"
        assert requirement.specifier.contains(lock[name], prereleases=True), (
            requirement,
            lock[name],
        )


def test_every_runtime_dependency_is_imported_by_kg() -> None:
    imported = {canonicalize_name(name) for name in _imported_by_kg()}
    unused = {canonicalize_name(r.name) for r in RUNTIME} - imported - set(NOT_IMPORTED)
    assert unused == set()


def test_every_library_kg_imports_is_declared() -> None:
    standard = set(sys.stdlib_module_names) | {"kg", "__future__"}
    declared = {
        canonicalize_name(r.name) for r in RUNTIME + OPTIONAL["notebook"] + OPTIONAL["dask"]
    }
    undeclared = {canonicalize_name(n) for n in _imported_by_kg() - standard} - declared
    assert undeclared == set()


def test_ipython_is_only_for_notebooks() -> None:
    assert "ipython" not in {canonicalize_name(r.name) for r in RUNTIME}
    assert "ipython" in {canonicalize_name(r.name) for r in OPTIONAL["notebook"]}


def test_the_licence_file_is_the_one_pyproject_names() -> None:
    assert PROJECT["license"] == "MIT" and PROJECT["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")

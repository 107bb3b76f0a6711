"""Write requirements.lock: the exact version of every package that kg and its extras need, read
from the environment the tests ran in (`make lock`). `make` installs with it as constraints, so CI
and every developer get the versions that were tested; pyproject.toml states compatible ranges."""

from __future__ import annotations

import sys
from importlib.metadata import PackageNotFoundError, distribution

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = "kg"
EXTRAS = ("dev", "dask", "notebook")  # bench (underthesea) is not installed by make test
HEADER = (
    "# Exact versions of kg's dependencies and its dev, dask and notebook extras, as tested;\n"
    "# the ranges are in pyproject.toml.\n"
    "# make installs with this file as constraints; make lock rewrites it from .venv.\n"
)


def _wanted(requirement: Requirement, extras: set[str]) -> bool:
    if requirement.marker is None:
        return True
    return any(requirement.marker.evaluate({"extra": extra}) for extra in extras or {""})


def pinned(root: str = ROOT, extras: tuple[str, ...] = EXTRAS) -> dict[str, str]:
    """Name → installed version of every distribution `root[extras]` needs, transitively."""
    found: dict[str, str] = {}
    seen: set[tuple[str, frozenset[str]]] = set()
    todo = [(root, frozenset(extras))]
    while todo:
        name, wanted_extras = todo.pop()
        key = canonicalize_name(name)
        if (key, wanted_extras) in seen:
            continue
        seen.add((key, wanted_extras))
        try:
            dist = distribution(name)
        except PackageNotFoundError:
            sys.exit(f"error: {name} is needed but not installed; install it, then run make lock")
        if key != canonicalize_name(root):
            found[key] = dist.version
        for line in dist.requires or []:
            requirement = Requirement(line)
            if _wanted(requirement, set(wanted_extras)):
                todo.append((requirement.name, frozenset(requirement.extras)))
    return found


def main() -> None:
    lines = [f"{name}=={version}\n" for name, version in sorted(pinned().items())]
    sys.stdout.write(HEADER + "".join(lines))


if __name__ == "__main__":
    main()

"""Installable: a wheel built from the repository, installed into a fresh virtual environment
(packages from the registry or pip's cache), builds and queries the sample articles outside the
repository. The ontology, its shapes, lexicons and named queries travel inside the package."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(command: list[str | Path], cwd: Path, env: dict[str, str]) -> str:
    run = subprocess.run(
        [str(c) for c in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=1500,
        check=False,
    )
    assert run.returncode == 0, f"{command}: {run.stdout[-2000:]}\n{run.stderr[-4000:]}"
    return run.stdout + run.stderr


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], str]:
    """The `kg` command of a fresh virtual environment holding only the wheel and its deps (at
    the versions of requirements.lock), and what building the wheel printed."""
    root = tmp_path_factory.mktemp("wheel")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KG_", "VIRTUAL_ENV"))}
    env["PYTHONNOUSERSITE"] = "1"
    source = root / "source"  # the tracked files only, as a clean clone has them
    tracked = _run(["git", "ls-files", "-z"], ROOT, env).split("\0")
    for name in filter(None, tracked):
        target = source / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if (ROOT / name).is_symlink():
            target.symlink_to(os.readlink(ROOT / name))
        elif (ROOT / name).is_file():
            shutil.copy2(ROOT / name, target)
    python = root / "venv" / "bin" / "python"
    venv.create(root / "venv", with_pip=True)
    pip = [python, "-m", "pip", "--disable-pip-version-check"]
    built = _run([*pip, "wheel", "-v", "--no-deps", "-w", root / "dist", source], root, env)
    (wheel,) = (root / "dist").glob("kg-*.whl")
    _run([*pip, "install", "-c", source / "requirements.lock", wheel], root, env)
    return root / "venv" / "bin" / "kg", env, built


def test_the_wheel_builds_without_setuptools_warnings(
    installed: tuple[Path, dict[str, str], str],
) -> None:
    *_, built = installed
    assert "Successfully built kg" in built or "Created wheel for kg" in built, built[-2000:]
    warned = [
        line
        for line in built.splitlines()
        if re.search(r"Setuptools\w*Warning|deprecat", line, re.I)
    ]
    assert warned == []


def test_the_wheel_carries_the_licence(installed: tuple[Path, dict[str, str], str]) -> None:
    kg, env, _ = installed
    python = kg.parent / "python"
    code = "from importlib.metadata import metadata; m = metadata('kg'); print(m['License-Expression'])"
    assert _run([python, "-c", code], kg.parent, env).strip() == "MIT"


def test_the_wheel_holds_the_ontology_and_builds_outside_the_repository(
    installed: tuple[Path, dict[str, str], str], tmp_path: Path
) -> None:
    kg, env, _ = installed
    shutil.copytree(ROOT / "data" / "raw", tmp_path / "raw")
    built = _run([kg, "build", "raw", "--out", "out"], tmp_path, env)
    assert "documents: 2 built" in built
    people = _run([kg, "query", "--graph", "out", "people", "--format", "csv"], tmp_path, env)
    assert "Phùng Sĩ Tấn" in people
    assert "ontology folder not found" not in people
    assert not list(tmp_path.glob("**/ontology"))


def test_the_installed_package_carries_shapes_lexicons_and_queries(
    installed: tuple[Path, dict[str, str], str], tmp_path: Path
) -> None:
    kg, env, _ = installed
    python = kg.parent / "python"
    code = (
        "from kg.lexicon import ontology_dir; d = ontology_dir(); "
        "print(d.parent.name, sorted(p.name for p in d.iterdir()), "
        "len(list((d / 'lexicon').glob('*.tsv'))), len(list((d / 'queries').glob('*.rq'))))"
    )
    out = _run([python, "-c", code], tmp_path, env).split()
    assert out[0] == "kg", out  # the copy inside the package, not a folder beside it
    assert "['kg.ttl'," in out and "'shapes.ttl']" in out
    assert int(out[-2]) == len(list((ROOT / "ontology" / "lexicon").glob("*.tsv")))
    assert int(out[-1]) == len(list((ROOT / "ontology" / "queries").glob("*.rq")))


def test_the_wheel_requires_ipython_only_for_notebooks(
    installed: tuple[Path, dict[str, str], str], tmp_path: Path
) -> None:
    kg, env, _ = installed
    python = kg.parent / "python"
    code = "from importlib.metadata import requires; print(*requires('kg'), sep='\\n')"
    required = _run([python, "-c", code], tmp_path, env).splitlines()
    ipython = [r for r in required if r.lower().startswith("ipython")]
    assert 'ipython<10,>=9.18; extra == "notebook"' in ipython
    assert all("; extra ==" in r for r in ipython), ipython  # never without an extra

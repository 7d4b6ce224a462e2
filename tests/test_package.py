"""The package tells the truth: what sitegen imports is declared, and its wheel works on its own.

The wheel test builds sitegen as a user's pip would, installs it into a fresh virtual
environment and builds the sample practice there, away from this checkout. The fresh
environment sees this one's installed libraries (never sitegen itself), so pip must find
every declared dependency already present: nothing is downloaded, and a dependency the
wheel fails to declare is not there to be found.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import venv
from importlib.metadata import packages_distributions
from pathlib import Path

from conftest import REPO, SAMPLE_EPOCH, copy_sample

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared(requirements: list[str]) -> set[str]:
    return {normalised(re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0]) for requirement in requirements}


def imported_top_level_names(folder: Path) -> dict[str, str]:
    """Every top-level module imported in `folder` (absolute imports), with one file that imports it."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], str(path.relative_to(REPO)))
    return found


def test_every_package_sitegen_imports_is_a_declared_dependency() -> None:
    dependencies = declared(PYPROJECT["project"]["dependencies"])
    distributions = packages_distributions()
    missing = []
    for module, where in imported_top_level_names(REPO / "sitegen").items():
        if module in sys.stdlib_module_names or module == "sitegen":
            continue
        owners = {normalised(name) for name in distributions.get(module, [])}
        assert owners, f"{where} imports {module}, which no installed distribution provides"
        if not owners & dependencies:
            missing.append(f"{module} (from {where}; installed by {', '.join(sorted(owners))})")
    assert not missing, "imported but not declared in pyproject.toml: " + "; ".join(missing)


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, f"{' '.join(command)}\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


def build_wheel(tmp_path: Path) -> Path:
    """sitegen's wheel, built from a copy of this checkout whose theme has a static sub-folder."""
    source = tmp_path / "source"
    skip = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for folder in ("sitegen", "themes"):
        shutil.copytree(REPO / folder, source / folder, ignore=skip)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    notes = source / "themes/default/static/notes"
    notes.mkdir()
    (notes / "about.txt").write_text("A file in a sub-folder of the theme's static files.\n")
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "--no-build-isolation", "--no-index"]
    log = run([*pip_wheel, "-w", str(tmp_path / "dist"), str(source)], cwd=tmp_path)
    warnings = [line.strip() for line in log.splitlines() if "Warning:" in line]  # setuptools' warning classes
    assert not warnings, "building the wheel warns:\n" + "\n".join(warnings)
    (wheel,) = (tmp_path / "dist").glob("sitegen-*.whl")
    return wheel


def fresh_environment(folder: Path) -> Path:
    """A new virtual environment that also sees this one's libraries, except sitegen. Its python."""
    venv.EnvBuilder(with_pip=False).create(folder)
    python = folder / "bin" / "python"
    libraries = folder.parent / "libraries"
    libraries.mkdir()
    for location in {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}:
        for entry in Path(location).iterdir():
            if entry.name.startswith(("sitegen", "__editable__")) or entry.suffix == ".pth":
                continue
            if not (libraries / entry.name).exists():
                (libraries / entry.name).symlink_to(entry)
    site_packages = run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], folder)
    (Path(site_packages.strip()) / "libraries.pth").write_text(f"{libraries}\n")
    return python


def test_every_package_of_sitegen_is_listed_for_the_wheel() -> None:
    """setuptools ships only the packages pyproject.toml names; a new one left out imports here but not
    once installed."""
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    found = {".".join(init.parent.relative_to(REPO).parts) for init in (REPO / "sitegen").rglob("__init__.py")}
    assert found - listed == set()


def test_a_wheel_installed_in_a_fresh_environment_builds_the_sample(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path)
    python = fresh_environment(tmp_path / "env")
    run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-index", str(wheel)], cwd=tmp_path)
    project = copy_sample(tmp_path / "practice")
    shutil.rmtree(project / "themes")  # the sample's copy of the default theme: use the wheel's own
    env = {**os.environ, "SOURCE_DATE_EPOCH": SAMPLE_EPOCH}
    env.pop("PYTHONPATH", None)
    where = run([str(python), "-c", "import sitegen; print(sitegen.__file__)"], cwd=project, env=env)
    assert Path(where.strip()).is_relative_to(tmp_path / "env"), f"sitegen was imported from {where}"
    printed = run([str(tmp_path / "env/bin/sitegen"), "build"], cwd=project, env=env)
    assert "built" in printed
    output = project / "output"
    assert "crisis" in (output / "index.html").read_text(encoding="utf-8")
    assert (output / "journeys/steadier-days/day-1/index.html").is_file()
    assert (output / "static/notes/about.txt").is_file(), "the theme's static sub-folder is in the wheel"
    answers = ["--non-interactive", "--name", "Harbor Light", "--country", "US", "--booking-url", "/contact/"]
    run([str(tmp_path / "env/bin/sitegen"), "init", "new-practice", *answers], cwd=tmp_path, env=env)
    assert (tmp_path / "new-practice/.github/workflows/publish.yml").is_file(), "init and its workflow are in the wheel"
    known = "from sitegen.config.crisis_services import known_countries as k; print(sorted(k()))"
    countries = run([str(python), "-c", known], cwd=project, env=env)
    assert "'GB'" in countries and "'NZ'" in countries, "each country's crisis services are in the wheel"

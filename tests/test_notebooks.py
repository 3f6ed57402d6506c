"""The notebooks run headless, offline, and reproduce the committed results/ and figures/ byte for byte."""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_cli
from lib.core import paths
from lib.delivery import runner


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def fresh_run(tmp_path_factory):
    """Run every notebook and every solution, offline-guarded, into a temporary output folder."""
    out = tmp_path_factory.mktemp("out")
    corpus_before = tree_digest(paths.ROOT / "corpus")
    env = dict(os.environ, GENEVA_OFFLINE_GUARD="1")
    env.pop("GENEVA_CORPUS", None)
    result = run_cli("run", "--solutions", "--out", str(out), env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert tree_digest(paths.ROOT / "corpus") == corpus_before, "a notebook wrote into corpus/"
    return out


@pytest.mark.parametrize("folder", ["results", "figures"])
def test_committed_outputs_are_reproduced_byte_for_byte(fresh_run, folder):
    committed = tree_digest(paths.ROOT / folder)
    fresh = tree_digest(fresh_run / folder)
    assert sorted(fresh) == sorted(committed), "files written and files committed differ"
    changed = [name for name in committed if committed[name] != fresh[name]]
    assert changed == [], f"rerun changed: {changed}"


def test_the_write_up_page_for_code_hosts_is_reproduced_byte_for_byte(fresh_run):
    """docs/write-up.md (the findings as a code host shows them) is rewritten by every run, identically."""
    committed = (paths.ROOT / "docs" / "write-up.md").read_bytes()
    assert (fresh_run / "docs" / "write-up.md").read_bytes() == committed


def test_notebooks_are_committed_without_outputs():
    for path in runner.notebooks(solutions=True):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        dirty = [i for i, c in enumerate(cells, 1) if c["cell_type"] == "code" and (c["outputs"] or c["execution_count"])]
        assert dirty == [], f"{path.name}: cells {dirty} hold outputs"


def test_the_series_is_numbered_in_order():
    names = [p.name for p in runner.notebooks()]
    assert names[0].startswith("01-") and names == sorted(names)


def test_results_meet_the_shared_contract():
    checker = paths.ROOT.parent / "shared" / "tools" / "check_contract.py"
    if not checker.exists():
        pytest.skip("../shared/tools/check_contract.py is not beside this clone")
    result = subprocess.run([sys.executable, str(checker)], cwd=paths.ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_a_failing_cell_names_the_notebook_and_cell(tmp_path):
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    nb = new_notebook(cells=[new_code_cell("x = 1"), new_code_cell("1 / 0")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "99-broken.ipynb"
    nbformat.write(nb, path)
    from lib.core.errors import InputError
    with pytest.raises(InputError, match=r"99-broken.ipynb: cell 2 failed: ZeroDivisionError"):
        runner.execute(path, tmp_path / "build")


def test_another_corpus_needs_its_own_output_folder(corpus_copy):
    result = run_cli("run", "--corpus", str(corpus_copy))
    assert result.returncode == 2 and "--out" in result.stderr

"""Shared fixtures. Every test runs with the offline guard: no connection leaves this machine and no
NLTK data may be fetched (see lib/delivery/offline.py); pytest-socket enforces the same for the test process."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lib.core import paths
from lib.corpus import load, segment
from lib.delivery import offline

offline.install()


@pytest.fixture(scope="session")
def articles():
    """The project's five articles, loaded and verified once for the whole test run."""
    return load.load(paths.ROOT / "corpus")


@pytest.fixture(scope="session")
def sentences(articles):
    """Their body sentences (``lib.corpus.segment.sentences``)."""
    return segment.sentences(articles)


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the project's corpus folder, for tests that break it on purpose."""
    target = tmp_path / "corpus"
    shutil.copytree(paths.ROOT / "corpus", target)
    return target


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m lib ARGS`` the way a user does, capturing output."""
    return subprocess.run([sys.executable, "-m", "lib", *args], cwd=cwd or paths.ROOT, env=env,
                          capture_output=True, text=True, timeout=600)

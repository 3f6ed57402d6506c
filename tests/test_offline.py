"""Nothing touches the network and nothing asks NLTK for downloadable data."""

import socket
import subprocess

import nltk
import pytest

from lib.core import paths
from lib.delivery import offline


def test_connections_leaving_the_machine_are_refused():
    with pytest.raises((offline.NetworkBlocked, Exception)) as info:
        socket.create_connection(("pypi.org", 443), timeout=2)
    assert "offline" in str(info.value) or "Socket" in type(info.value).__name__


def test_nltk_download_is_refused():
    with pytest.raises(offline.NetworkBlocked):
        nltk.download("punkt")


def test_downloadable_nltk_data_is_refused():
    with pytest.raises((offline.NetworkBlocked, LookupError)):
        nltk.data.find("tokenizers/punkt_tab/english/")


def test_no_code_calls_nltk_download():
    found = subprocess.run(["grep", "-rn", "--include=*.py", "--include=*.ipynb", "nltk.download(",
                            "lib", "notebooks"], cwd=paths.ROOT, capture_output=True, text=True)
    hits = [line for line in found.stdout.splitlines() if not line.startswith("lib/delivery/offline.py")]
    assert hits == []

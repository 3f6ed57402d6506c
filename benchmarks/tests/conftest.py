"""The benchmark's tests run under the same offline guard as ``tests/`` (see lib/delivery/offline.py)."""

from lib.delivery import offline

offline.install()

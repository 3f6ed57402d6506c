"""A guard that makes any network access, or any request for downloadable NLTK data, fail loudly.

The project must run with the network cut and must never fetch NLTK data (punkt, vader_lexicon, …)
at run time. Tests install this guard in the test process and, through ``GENEVA_OFFLINE_GUARD=1``,
in every notebook kernel (``lib/__init__.py`` installs it on import), so a notebook that reaches
for the network or for ``nltk.download`` fails its test instead of passing on a connected machine.
Loopback stays allowed: Jupyter kernels talk to their client over 127.0.0.1.
"""

import ipaddress
import socket

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


class NetworkBlocked(RuntimeError):
    """Raised when code tries to reach a host other than this machine."""


def _is_loopback(host) -> bool:
    if host is None:
        return True
    host = host.decode() if isinstance(host, bytes) else str(host)
    if host in LOOPBACK_NAMES or host == "":
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _address_host(address):
    if isinstance(address, tuple) and address:
        return address[0]
    return None  # AF_UNIX paths and the like stay on this machine


def install() -> None:
    """Block non-loopback connections and NLTK data requests outside the project's allowed folders."""
    if getattr(socket.socket.connect, "_geneva_guard", False):
        return
    real_connect, real_connect_ex, real_getaddrinfo = socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo

    def connect(self, address):
        if not _is_loopback(_address_host(address)):
            raise NetworkBlocked(f"network access attempted: {address!r} (this project runs offline)")
        return real_connect(self, address)

    def connect_ex(self, address):
        if not _is_loopback(_address_host(address)):
            raise NetworkBlocked(f"network access attempted: {address!r} (this project runs offline)")
        return real_connect_ex(self, address)

    def getaddrinfo(host, *args, **kwargs):
        if not _is_loopback(host):
            raise NetworkBlocked(f"name lookup attempted: {host!r} (this project runs offline)")
        return real_getaddrinfo(host, *args, **kwargs)

    connect._geneva_guard = True
    socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo = connect, connect_ex, getaddrinfo
    _guard_nltk()


def _guard_nltk() -> None:
    """Make ``nltk.download`` fail, and any NLTK resource lookup fail unless the project provides it."""
    import nltk
    import nltk.data

    def download(*args, **kwargs):
        raise NetworkBlocked(f"nltk.download{args!r} called: this project ships or writes every resource it uses")

    real_find = nltk.data.find

    def find(resource_name, paths=None):
        allowed = allowed_nltk_folders()
        found = real_find(resource_name, paths)
        where = str(getattr(found, "path", found))
        if not any(where.startswith(folder) for folder in allowed):
            raise NetworkBlocked(f"NLTK data {resource_name!r} requested from {where}: only data shipped "
                                 "inside pip packages may be used")
        return found

    nltk.download = download
    nltk.downloader.download = download
    nltk.data.find = find


def allowed_nltk_folders() -> list[str]:
    """Folders NLTK may read data from: those of pip packages that ship it (vaderSentiment)."""
    import importlib.util

    spec = importlib.util.find_spec("vaderSentiment")
    return [str(p) for p in (spec.submodule_search_locations or [])] if spec else []

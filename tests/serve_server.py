"""A real `kb serve` process on 127.0.0.1, for the tests of its endpoint and pages (and the docs' screenshots)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

KB = str(Path(sys.executable).with_name("kb"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    """``kb --store STORE serve`` on a free loopback port, until :meth:`stop`."""

    def __init__(self, store: Path, *extra: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [KB, "--store", str(store), "serve", "--port", str(self.port), *extra],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(self.url + "/static/style.css", timeout=1).close()
                break
            except (urllib.error.URLError, OSError):
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.proc.kill()
                    raise RuntimeError(f"kb serve did not start: {self.proc.stderr.read().decode()}") from None
                time.sleep(0.1)

    def stop(self) -> str:
        """Stop the server; what it wrote on standard error (tracebacks would be there)."""
        self.proc.terminate()
        try:
            _, err = self.proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _, err = self.proc.communicate()
        return err.decode("utf-8", "replace")

"""Sync over the network: ``git daemon`` and smart HTTP with a password, started by the tests."""

from __future__ import annotations

import base64
import subprocess
import threading
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import cli, git
from synchelp import (
    PEOPLE,
    QUAI_CANG,
    QUAI_CANG_FILE,
    free_port,
    make_remote,
    snapshot,
    wait_for_port,
)

from dvtui.services.sync import Progress, clone, sync
from dvtui.storage import Store

USER, PASSWORD = "lan", "mat-khau-bi-mat-42"


def value(repo: Path, field: str) -> object:
    return tomllib.loads((repo / QUAI_CANG_FILE).read_text(encoding="utf-8")).get(field)


def identity(repo: Path, who: str) -> None:
    name, email = PEOPLE[who]
    git(repo, "config", "user.name", name)
    git(repo, "config", "user.email", email)


# --- git daemon ----------------------------------------------------------------------------


@contextmanager
def git_daemon(base: Path) -> Iterator[str]:
    """``git daemon`` on 127.0.0.1 serving the bare repositories in ``base``; its URL prefix."""
    port = free_port()
    proc = subprocess.Popen(
        [
            "git",
            "daemon",
            "--export-all",
            "--enable=receive-pack",
            f"--base-path={base}",
            "--reuseaddr",
            "--listen=127.0.0.1",
            f"--port={port}",
            "--informative-errors",
            str(base),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port)
        yield f"git://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def daemon(tmp_path: Path) -> Iterator[str]:
    """``git daemon`` on 127.0.0.1 serving a bare data repo; yields its URL."""
    base = tmp_path / "srv"
    base.mkdir()
    make_remote(base)
    with git_daemon(base) as prefix:
        yield f"{prefix}/remote.git"


def test_two_clones_sync_through_git_daemon(daemon: str, tmp_path: Path) -> None:
    lan, minh = tmp_path / "lan", tmp_path / "minh"
    for path, who in ((lan, "lan"), (minh, "minh")):
        r = cli("clone", daemon, str(path))
        assert r.returncode == 0, r.stderr
        identity(path, who)
    rid = str(QUAI_CANG)
    assert cli("--repo", str(lan), "set", rid, "document_number=7/BC").returncode == 0
    assert cli("--repo", str(minh), "set", rid, "review_note=đã xem").returncode == 0
    for repo in (lan, minh, lan):
        r = cli("--repo", str(repo), "sync")
        assert r.returncode == 0, r.stderr
    for repo in (lan, minh):
        assert value(repo, "document_number") == "7/BC"
        assert value(repo, "review_note") == "đã xem"
    assert git(lan, "rev-parse", "HEAD") == git(minh, "rev-parse", "HEAD")

    # A conflict over the network leaves the clone as it was, then resolves and pushes.
    assert cli("--repo", str(lan), "set", rid, "document_number=8/BC").returncode == 0
    assert cli("--repo", str(lan), "sync").returncode == 0
    assert cli("--repo", str(minh), "set", rid, "document_number=9/BC").returncode == 0
    before = snapshot(minh)
    assert cli("--repo", str(minh), "sync").returncode == 3
    assert snapshot(minh) == before
    r = cli("--repo", str(minh), "resolve", rid, "--theirs")
    assert r.returncode == 0, r.stderr
    assert cli("--repo", str(lan), "sync").returncode == 0
    assert value(lan, "document_number") == value(minh, "document_number") == "8/BC"


def test_gits_meter_reaches_the_progress_callback(daemon: str, tmp_path: Path) -> None:
    steps: list[Progress] = []
    lan = clone(daemon, tmp_path / "lan", steps.append)
    fractions = [s.fraction for s in steps if s.stage == "clone" and s.fraction is not None]
    assert fractions and max(fractions) == 1.0  # "Receiving objects: 100% (…)"
    assert all(0.0 <= f <= 1.0 for f in fractions)
    identity(lan, "lan")
    Store(lan).set_fields(QUAI_CANG, {"document_number": "12/BC"})
    steps.clear()
    sync(Store(lan), steps.append)
    assert [s.stage for s in steps if s.fraction is None][:2] == ["fetch", "push"]
    assert any(s.stage == "push" and s.fraction is not None for s in steps)  # Writing objects


def test_daemon_without_the_repository_says_so(daemon: str, tmp_path: Path) -> None:
    r = cli("clone", daemon.replace("remote.git", "khong-co.git"), str(tmp_path / "x"))
    assert r.returncode == 1
    assert "không có kho" in r.stderr
    assert not (tmp_path / "x").exists()


# --- smart HTTP with a password -----------------------------------------------------------------


class GitHttp(BaseHTTPRequestHandler):
    """``git http-backend`` behind Basic auth, as an office's web server would run it."""

    root: Path
    requests: list[str]

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def log_message(self, format: str, *args: object) -> None:
        self.requests.append(self.headers.get("Authorization", ""))

    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().strip(), 16)
                if size == 0:
                    self.rfile.readline()
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _serve(self) -> None:
        expected = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        body = self._body()
        if self.headers.get("Authorization") != f"Basic {expected}":
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="dvtui"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        path, _, query = self.path.partition("?")
        env = {
            "GIT_PROJECT_ROOT": str(self.root),
            "GIT_HTTP_EXPORT_ALL": "1",
            "REQUEST_METHOD": self.command,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "CONTENT_TYPE": self.headers.get("Content-Type", ""),
            "CONTENT_LENGTH": str(len(body)),
            "REMOTE_USER": USER,
            "REMOTE_ADDR": "127.0.0.1",
            "GIT_PROTOCOL": self.headers.get("Git-Protocol", ""),
            "HTTP_CONTENT_ENCODING": self.headers.get("Content-Encoding", ""),
            "PATH": "/usr/bin:/bin:/usr/local/bin",
        }
        proc = subprocess.run(["git", "http-backend"], input=body, capture_output=True, env=env)
        head, _, payload = proc.stdout.partition(b"\r\n\r\n")
        status = 200
        headers = []
        for line in head.decode("latin-1").split("\r\n"):
            name, _, val = line.partition(": ")
            if name.lower() == "status":
                status = int(val.split()[0])
            elif name:
                headers.append((name, val))
        self.send_response(status)
        for name, val in headers:
            self.send_header(name, val)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


@pytest.fixture
def http_server(tmp_path: Path) -> Iterator[tuple[str, list[str]]]:
    """A smart-HTTP git server on 127.0.0.1 that wants user ``lan`` and her password."""
    base = tmp_path / "www"
    base.mkdir()
    make_remote(base)
    seen: list[str] = []
    with http_backend(base, seen) as prefix:
        yield f"{prefix}/remote.git", seen


@contextmanager
def http_backend(base: Path, seen: list[str]) -> Iterator[str]:
    """Smart HTTP on 127.0.0.1 for the bare repositories in ``base``, behind Basic auth;
    its URL prefix. ``seen`` collects the Authorization headers of the requests."""
    handler = type("Handler", (GitHttp,), {"root": base, "requests": seen})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def credential_helper(repo: Path, password: str) -> None:
    """Git's own way to supply a password: a credential helper (here, a shell function)."""
    helper = f"!f() {{ echo username={USER}; echo password={password}; }}; f"
    git(repo, "config", "credential.helper", helper)


def test_sync_over_http_with_a_password(http_server: tuple[str, list[str]], tmp_path: Path) -> None:
    url, seen = http_server
    host = url.removeprefix("http://")
    lan, minh = tmp_path / "lan", tmp_path / "minh"
    # The password may come in the URL for the clone; it is never kept in the config.
    r = cli("clone", f"http://{USER}:{PASSWORD}@{host}", str(lan))
    assert r.returncode == 0, r.stderr
    assert PASSWORD not in r.stdout + r.stderr
    assert PASSWORD not in (lan / ".git" / "config").read_text()
    assert git(lan, "remote", "get-url", "origin").strip() == f"http://{USER}@{host}"
    credential_helper(lan, PASSWORD)
    identity(lan, "lan")
    r = cli("clone", f"http://{USER}:{PASSWORD}@{host}", str(minh))
    assert r.returncode == 0, r.stderr
    credential_helper(minh, PASSWORD)
    identity(minh, "minh")

    Store(lan).set_fields(QUAI_CANG, {"document_number": "12/BC"})
    Store(minh).set_fields(QUAI_CANG, {"reviewer": "Trần Văn Minh"})
    for repo in (lan, minh, lan):
        r = cli("--repo", str(repo), "sync")
        assert r.returncode == 0, r.stderr
        assert PASSWORD not in r.stdout + r.stderr
    for repo in (lan, minh):
        assert value(repo, "document_number") == "12/BC"
        assert value(repo, "reviewer") == "Trần Văn Minh"
    assert any(a.startswith("Basic ") for a in seen)  # the server really checked


def test_a_wrong_password_is_the_rejected_login_and_changes_nothing(
    http_server: tuple[str, list[str]], tmp_path: Path
) -> None:
    url, _seen = http_server
    host = url.removeprefix("http://")
    wrong = "sai-mat-khau"
    r = cli("clone", f"http://{USER}:{wrong}@{host}", str(tmp_path / "x"))
    assert r.returncode == 1
    assert "từ chối đăng nhập" in r.stderr
    assert wrong not in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x").exists()

    # No credentials at all: git must not ask on the terminal, and says why in one line.
    lan = tmp_path / "lan"
    assert cli("clone", f"http://{USER}:{PASSWORD}@{host}", str(lan)).returncode == 0
    identity(lan, "lan")
    Store(lan).set_fields(QUAI_CANG, {"document_number": "12/BC"})
    before = snapshot(lan)
    r = subprocess.run(
        [*dvtui_cmd(), "--repo", str(lan), "sync"],
        capture_output=True,
        text=True,
        stdin=subprocess.PIPE,
        timeout=60,
    )
    assert r.returncode == 1 and "từ chối đăng nhập" in r.stderr
    assert snapshot(lan) == before

    credential_helper(lan, wrong)
    r = cli("--repo", str(lan), "sync")
    assert r.returncode == 1 and "từ chối đăng nhập" in r.stderr
    assert wrong not in r.stderr
    assert snapshot(lan) == before
    assert git(lan, "rev-list", "--count", "origin/main..HEAD").strip() == "1"


def dvtui_cmd() -> list[str]:
    import sys

    return [sys.executable, "-m", "dvtui"]

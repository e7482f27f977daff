"""A server whose HEAD names a branch nobody pushed (issue 12, item 10).

``git init --bare`` on Debian's git 2.39 makes HEAD name ``master``; the first staff member's
``dvtui init`` + ``git remote add`` + ``dvtui sync`` pushes ``main``. Clones and syncs must
work with whatever branch the server holds: one branch is used, several are named.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import cli, git
from synchelp import PEOPLE, QUAI_CANG, QUAI_CANG_FILE
from test_sync_servers import PASSWORD, USER, credential_helper, git_daemon, http_backend

RID = str(QUAI_CANG)


def run(*args: str, code: int = 0) -> str:
    r = cli(*args)
    assert r.returncode == code, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr
    return r.stdout + r.stderr


def identity(repo: Path, who: str) -> None:
    name, email = PEOPLE[who]
    git(repo, "config", "user.name", name)
    git(repo, "config", "user.email", email)


def bare_server(base: Path) -> Path:
    """``git init --bare`` as a Debian server makes it: HEAD names ``master``."""
    base.mkdir(parents=True, exist_ok=True)
    server = base / "dan-van.git"
    git(base, "init", "-q", "--bare", "--initial-branch=master", str(server))
    return server


def heads(server: Path) -> list[str]:
    return git(server, "for-each-ref", "--format=%(refname:short)", "refs/heads").split()


def publish(url: str, first: Path, *, password: str | None = None) -> None:
    """The first staff member: dvtui init, git remote add origin, dvtui sync."""
    run("init", str(first))
    git(first, "remote", "add", "origin", url)
    if password is not None:
        credential_helper(first, password)
    run("--repo", str(first), "sync")


@pytest.fixture
def daemon_url(tmp_path: Path) -> Iterator[str]:
    bare_server(tmp_path / "srv")
    with git_daemon(tmp_path / "srv") as prefix:
        yield f"{prefix}/dan-van.git"


@pytest.fixture
def http_url(tmp_path: Path) -> Iterator[str]:
    bare_server(tmp_path / "www")
    with http_backend(tmp_path / "www", []) as prefix:
        yield prefix.replace("http://", f"http://{USER}@") + "/dan-van.git"


def _clone_and_sync(url: str, tmp_path: Path, password: str | None) -> None:
    lan, minh = tmp_path / "lan", tmp_path / "minh"
    publish(url, lan, password=password)
    clone_url = url.replace(f"{USER}@", f"{USER}:{password}@") if password else url
    out = run("clone", clone_url, str(minh))
    assert (minh / QUAI_CANG_FILE).is_file(), out
    assert git(minh, "symbolic-ref", "HEAD").strip() == "refs/heads/main"
    assert git(minh, "config", "branch.main.merge").strip() == "refs/heads/main"
    assert "branch.master" not in git(minh, "config", "--list")
    if password is not None:
        credential_helper(minh, password)
    identity(minh, "minh")
    run("--repo", str(minh), "set", RID, "document_number=7/BC")
    run("--repo", str(minh), "sync")
    run("--repo", str(lan), "sync")
    assert 'document_number = "7/BC"' in (lan / QUAI_CANG_FILE).read_text("utf-8")


def test_clone_and_sync_with_a_bare_server_whose_head_names_no_branch(tmp_path: Path) -> None:
    server = bare_server(tmp_path / "srv")
    _clone_and_sync(str(server), tmp_path, None)
    assert heads(server) == ["main"]  # nobody made a second branch


def test_the_same_through_git_daemon(daemon_url: str, tmp_path: Path) -> None:
    _clone_and_sync(daemon_url, tmp_path, None)
    assert heads(tmp_path / "srv" / "dan-van.git") == ["main"]


def test_the_same_through_http_with_a_password(http_url: str, tmp_path: Path) -> None:
    _clone_and_sync(http_url, tmp_path, PASSWORD)
    assert heads(tmp_path / "www" / "dan-van.git") == ["main"]


def test_several_branches_are_named_and_one_is_chosen_with_branch(tmp_path: Path) -> None:
    server = bare_server(tmp_path / "srv")
    lan = tmp_path / "lan"
    publish(str(server), lan)
    git(lan, "push", "-q", "origin", "main:thu-nghiem")
    target = tmp_path / "minh"
    out = run("clone", str(server), str(target), code=1)
    assert "main, thu-nghiem" in out and "--branch main" in out
    assert len(out.strip().splitlines()) == 1
    assert not target.exists()  # nothing left behind
    out = run("clone", str(server), str(target), "--branch", "khong-co", code=1)
    assert "khong-co" in out and not target.exists()
    run("clone", str(server), str(target), "--branch", "main")
    assert (target / QUAI_CANG_FILE).is_file()
    assert git(target, "symbolic-ref", "HEAD").strip() == "refs/heads/main"


def _clone_without_upstream(server: Path, target: Path) -> None:
    """A clone made another way: on a local ``master`` that follows nothing."""
    git(server.parent, "clone", "-q", "--branch", "main", str(server), str(target))
    git(target, "branch", "-q", "-m", "main", "master")
    git(target, "branch", "-q", "--unset-upstream")
    identity(target, "minh")


def test_sync_of_a_clone_that_follows_nothing_takes_the_servers_only_branch(
    tmp_path: Path,
) -> None:
    server = bare_server(tmp_path / "srv")
    publish(str(server), tmp_path / "lan")
    minh = tmp_path / "minh"
    _clone_without_upstream(server, minh)
    run("--repo", str(minh), "set", RID, "document_number=9/BC")
    run("--repo", str(minh), "sync")
    assert heads(server) == ["main"]  # not a second, "master", branch
    assert 'document_number = "9/BC"' in git(server, "show", f"main:{QUAI_CANG_FILE}")
    assert git(minh, "config", "branch.master.merge").strip() == "refs/heads/main"
    run("--repo", str(minh), "sync")  # and from now on it follows main


def test_sync_with_several_branches_names_them_until_one_is_chosen(tmp_path: Path) -> None:
    server = bare_server(tmp_path / "srv")
    lan = tmp_path / "lan"
    publish(str(server), lan)
    git(lan, "push", "-q", "origin", "main:thu-nghiem")
    minh = tmp_path / "minh"
    _clone_without_upstream(server, minh)
    run("--repo", str(minh), "set", RID, "document_number=9/BC")
    head = git(minh, "rev-parse", "HEAD")
    out = run("--repo", str(minh), "sync", code=1)
    assert "main, thu-nghiem" in out and "dvtui sync --branch main" in out
    assert heads(server) == ["main", "thu-nghiem"] and git(minh, "rev-parse", "HEAD") == head
    run("--repo", str(minh), "sync", "--branch", "main")
    assert 'document_number = "9/BC"' in git(server, "show", f"main:{QUAI_CANG_FILE}")
    assert heads(server) == ["main", "thu-nghiem"]

"""Real disk faults, not simulated ones: a full disk and a read-only file system.

The command runs in a child process inside its own user and mount namespace (``unshare -rm``)
with a tiny tmpfs mounted where it writes: 64 kB for "no space left on device", read-only for
"read-only file system". Where namespaces are not available, the full disk is made with
RLIMIT_FSIZE instead (writes past the limit fail with EFBIG), and the read-only cases skip.
"""

from __future__ import annotations

import os
import resource
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bad_input import AUTHOR

UNSHARE = shutil.which("unshare")


def namespaces_work() -> bool:
    if UNSHARE is None:
        return False
    probe = subprocess.run([UNSHARE, "-rm", "true"], capture_output=True, check=False)
    return probe.returncode == 0


NAMESPACES = namespaces_work()


def run_on_small_disk(mount: Path, args: list[str], *, options: str) -> subprocess.CompletedProcess[str]:
    """``python -m generator *args`` with a tmpfs (``options``) mounted on ``mount``, in a namespace.

    Afterwards the tmpfs's content is listed on stdout as ``LEFT: names`` (it vanishes with the namespace).
    """
    mount.mkdir(parents=True, exist_ok=True)
    command = " ".join(shlex.quote(part) for part in [sys.executable, "-m", "generator", *args])
    where = shlex.quote(str(mount))
    script = (
        f"mount -t tmpfs -o {options} tmpfs {where} || exit 99; {command}; code=$?; "
        f"echo LEFT: $(ls -A {where}); exit $code"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)}
    return subprocess.run(
        [UNSHARE, "-rm", "sh", "-c", script], capture_output=True, text=True, env=env, timeout=120, check=False
    )


def run_with_file_size_limit(args: list[str], limit: int) -> subprocess.CompletedProcess[str]:
    def limit_writes() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        preexec_fn=limit_writes,
        check=False,
    )


def assert_one_line(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0], lines[0]


def test_catalog_init_on_a_full_disk_leaves_nothing_behind(tmp_path: Path) -> None:
    target = tmp_path / "disk" / "catalog"
    if NAMESPACES:
        result = run_on_small_disk(tmp_path / "disk", ["catalog", "init", str(target)], options="size=64k")
        assert_one_line(result, "No space left on device", "nothing was left behind")
        assert result.stdout.strip().endswith("LEFT:"), result.stdout
        return
    result = run_with_file_size_limit(["catalog", "init", str(target)], limit=4096)
    assert_one_line(result, "nothing was left behind")
    assert not target.exists()


def test_catalog_init_into_an_existing_empty_folder_on_a_full_disk_leaves_it_empty(tmp_path: Path) -> None:
    target = tmp_path / "catalog"
    target.mkdir()
    result = run_with_file_size_limit(["catalog", "init", str(target)], limit=4096)
    assert_one_line(result, "nothing was left behind")
    assert target.is_dir() and list(target.iterdir()) == []


@pytest.mark.skipif(not NAMESPACES, reason="needs user and mount namespaces (unshare -rm)")
@pytest.mark.parametrize("command", ["new", "index", "catalog"])
def test_a_read_only_file_system_is_one_line(tmp_path: Path, command: str) -> None:
    mount = tmp_path / "ro"
    project = tmp_path / "p"
    project.mkdir()
    (project / "README.md").write_text("# P\n")
    args = {
        "new": ["new", "classification", str(mount / "proj"), "--defaults", "--author", AUTHOR],
        "index": ["index", str(project), "--out", str(mount / "site")],
        "catalog": ["catalog", "init", str(mount / "cat")],
    }[command]
    result = run_on_small_disk(mount, args, options="size=64k,ro")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "Read-only file system" in errors[0], result.stderr


@pytest.mark.slow
def test_new_on_a_full_disk_leaves_no_staging_folder(tmp_path: Path) -> None:
    if not NAMESPACES:
        pytest.skip("needs user and mount namespaces (unshare -rm)")
    mount = tmp_path / "disk"
    script_check = mount / "proj"
    result = run_on_small_disk(
        mount, ["new", "classification", str(script_check), "--defaults", "--author", AUTHOR], options="size=64k"
    )
    assert_one_line(result, "No space left on device")
    assert result.stdout.strip().endswith("LEFT:"), result.stdout  # no project, no .proj.portfolio-XXXX

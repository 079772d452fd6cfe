"""All or nothing on disk: staging folders, signals, and what an interrupted run left behind.

``new`` and ``cohort new`` build each project in a staging folder ``.NAME.portfolio-XXXX`` beside
its destination and move it into place with one rename; ``update`` changes a project in place and
puts it back as it was on any failure. Ctrl-C (SIGINT) unwinds through ``finally`` blocks; a
polite kill (SIGTERM, what ``timeout``, CI cancellation and ``kill`` send) is made to do the same.
Only SIGKILL cannot be caught: the next run recognises and removes what it left.
"""

from __future__ import annotations

import shutil
import signal
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.errors import DestinationError

STAGING_MARK = ".portfolio-"
STALE_AFTER = 60.0  # seconds: a staging folder older than this belongs to no running command


@contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM raises KeyboardInterrupt, so clean-up code runs as for Ctrl-C."""
    try:
        previous = signal.signal(signal.SIGTERM, _interrupt)
    except ValueError:  # not the main thread (a test runner's worker): leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


@contextmanager
def staging_folder(destination: Path, notify: Callable[[str], None] | None = None) -> Iterator[Path]:
    """A temporary folder next to ``destination`` (same filesystem, so the final move is a rename).

    Stale staging folders of earlier killed runs for the same name are removed first (``notify``
    is told, once per folder).
    """
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        for stale in remove_stale_staging(destination):
            if notify is not None:
                notify(f"removed {stale.name}, left by an earlier interrupted run")
        staging = Path(tempfile.mkdtemp(prefix=f".{destination.name}{STAGING_MARK}", dir=destination.parent))
    except OSError as error:  # read-only file system, no permission, a file in the way
        raise DestinationError(f"cannot create {destination}: {error.strerror or error}") from None
    try:
        with terminate_as_interrupt():
            yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def remove_stale_staging(destination: Path, *, older_than: float = STALE_AFTER) -> list[Path]:
    """Remove ``.NAME.portfolio-XXXX`` folders of ours beside ``destination`` older than ``older_than`` s.

    Ours: the exact prefix, a folder (not a link), and holding nothing but what a render makes
    (a ``project`` folder or cookiecutter's temporary folder), so a user's look-alike is never touched.
    """
    prefix = f".{destination.name}{STAGING_MARK}"
    removed = []
    try:
        candidates = [path for path in destination.parent.iterdir() if path.name.startswith(prefix)]
    except OSError:
        return []
    now = time.time()
    for path in candidates:
        try:
            if path.is_symlink() or not path.is_dir() or now - path.stat().st_mtime < older_than:
                continue
            if all(child.name == "project" or child.name.startswith("portfolio-") for child in path.iterdir()):
                shutil.rmtree(path)
                removed.append(path)
        except OSError:
            continue
    return removed

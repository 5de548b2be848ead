"""Test-only write wrapper for the fault suite: a full disk where a tmpfs cannot be mounted.

Loaded (via PYTHONPATH) only by the kernels of the fault suite's own Voilà server. While a folder holds
a file named `.disk-full`, every fsync of a file in that folder fails as a full disk does (ENOSPC). The
answers store fsyncs each write before it replaces the file, so a save fails there and nothing is
replaced: what a real full disk does to it.
"""

import errno
import os

_fsync = os.fsync


def _full_disk_fsync(fd):
    try:
        path = os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        path = ""
    if path and os.path.exists(os.path.join(os.path.dirname(path), ".disk-full")):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)
    return _fsync(fd)


os.fsync = _full_disk_fsync

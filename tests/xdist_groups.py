"""`pytest.mark.xdist_group("name")` under pytest 9: the tests of a group on one worker.

pytest-xdist's `--dist loadgroup` (3.8) finds a test's group in a suffix it adds to
the test's node id (`test_x@name`); pytest 9 no longer lets a plugin change a node
id that way, so every group was silently split over both workers and a group's
module-scoped setup (the bench data, the worker processes' cluster) ran twice.

This plugin (registered by tests/conftest.py) keeps the same marker and option:

- each worker writes the groups of its collected tests to the run's directory
  (tests/database.py made it) as it finishes collecting, before xdist's
  controller hears of the collection;
- the controller schedules as `loadgroup` does (xdist's LoadScopeScheduling: a
  group is one unit of work, every other test a unit of its own; the biggest units
  first), reading a test's group from that file instead of from its node id;
- the grouped tests come first in the collection, so a group of one test (the
  worker processes, 20 s) is offered before the single tests, not last.
"""

import json
import os
from functools import cached_property
from pathlib import Path

import pytest

from tests.database import RUN_DIRECTORY_VARIABLE

GROUPS_FILE = "xdist-groups.json"


def _groups_file() -> Path | None:
    directory = os.environ.get(RUN_DIRECTORY_VARIABLE)
    return Path(directory) / GROUPS_FILE if directory else None


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """A worker: the group of every test that has one, by node id."""
    if not hasattr(config, "workerinput") or not config.getvalue("loadgroup"):
        return  # not an xdist worker of a `--dist loadgroup` run
    path = _groups_file()
    if path is None:
        return
    groups = {}
    for item in items:
        names = sorted(
            {
                str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
                for mark in item.iter_markers("xdist_group")
            }
        )
        if names:
            groups[item.nodeid] = "_".join(names)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_text(json.dumps(groups))
    os.replace(temporary, path)  # both workers write the same: the last one stays
    # A group exists because its setup is slow (the bench data, a cluster of
    # worker processes): offered first, so no worker starts one at the end of
    # the run while the other has nothing left (pytest-django puts tests
    # without the database, such as the worker processes', last).
    items.sort(key=lambda item: item.nodeid not in groups)


@pytest.hookimpl(optionalhook=True)  # a hook of xdist's: without xdist, unused
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class GroupScheduling(LoadScopeScheduling):
        @cached_property
        def groups(self) -> dict[str, str]:
            path = _groups_file()
            if path is None or not path.exists():
                return {}
            return json.loads(path.read_text())

        def _split_scope(self, nodeid: str) -> str:
            group = self.groups.get(nodeid)
            return f"group {group}" if group else nodeid

    return GroupScheduling(config, log)

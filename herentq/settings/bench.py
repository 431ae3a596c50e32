"""`make bench`: production settings plus the development-only benchmark data.

scripts/bench.sh loads the volume (`load_bench_data`) and runs `run_bench`, both
commands of `devdata`, which production itself never installs.
"""

from .production import *  # noqa: F403
from .production import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "devdata"]

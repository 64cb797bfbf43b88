"""Settings for benchmark runs only: the real settings plus a URLconf with a floor.

Never used by the portal itself; benchmarks/run.py points gunicorn at it.
"""

from samspill.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"

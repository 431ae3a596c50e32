"""CPU per request of the bench's pages, in this process (no server, no wrk).

On a machine shared with other work, wall-clock latency says little; the CPU
time this process spends per request does not depend much on the load. Run it
against the bench database (scripts/bench.sh's environment), with the page
cache off as in the uncached run:

    manage.py measure_pages --requests 30 --only partnerschappen,aanvrager

It prints, per target: CPU ms per request (the median of `--rounds` rounds of
`--requests` requests, after a warm-up), SQL queries of one request, the status
and the size of the answer.
"""

import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from devdata.bench import bench_modules
from devdata.management.commands.run_bench import (
    CSRF_SECRET,
    select_targets,
    targets_of_mode,
)
from devdata.management.commands.run_bench import (
    Command as RunBench,
)

# The words scripts/bench.lua cycles through for a varying search.
WORDS = [
    "onderwijs",
    "water",
    "drinkwater",
    "gezondheidszorg",
    "afval",
    "landbouw",
    "gender",
    "klimaat",
    "energie",
    "cultuur",
    "kinshasa",
    "bukavu",
    "kigali",
    "dakar",
    "brugge",
    "gent",
]


class Command(BaseCommand):
    help = "CPU time per request of the bench targets, measured in-process."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=20)
        parser.add_argument("--rounds", type=int, default=3)
        parser.add_argument("--warmup", type=int, default=5)
        parser.add_argument("--only", default="")
        parser.add_argument(
            "--cached",
            action="store_true",
            help="keep the page cache on (default: off, as the uncached run)",
        )

    def handle(self, *args, **options):
        modules = [module for _, module in bench_modules()]
        every = [target for module in modules for target in module.targets()]
        mode = "cached" if options["cached"] else "uncached"
        targets = select_targets(targets_of_mode(every, mode), options["only"])
        seconds = {} if options["cached"] else {"CACHE_MIDDLEWARE_SECONDS": 0}
        bench = RunBench()
        self.stdout.write("| target | path | CPU ms | SQL | status | kB |")
        self.stdout.write("|---|---|---|---|---|---|")
        with override_settings(**seconds):
            for target in targets:
                cookie = bench._cookie(target)
                client = Client(HTTP_X_FORWARDED_PROTO="https")
                for part in filter(None, cookie.split("; ")):
                    name, value = part.split("=", 1)
                    client.cookies[name] = value
                counter = iter(range(10**9))

                def request(target=target, client=client, counter=counter):
                    path = target.path
                    if target.vary:
                        n = next(counter)
                        term = WORDS[n % len(WORDS)]
                        if n // len(WORDS):
                            term += "+or+" + WORDS[(n // len(WORDS)) % len(WORDS)]
                        path += ("&" if "?" in path else "?") + f"{target.vary}={term}"
                    if target.post:
                        return client.post(
                            path,
                            f"csrfmiddlewaretoken={CSRF_SECRET}&{target.post}",
                            content_type="application/x-www-form-urlencoded",
                            secure=True,
                            HTTP_REFERER=f"https://testserver{target.path}",
                        )
                    return client.get(path, secure=True)

                for _ in range(options["warmup"]):
                    response = request()
                    _consume(response)
                rounds = []
                for _ in range(options["rounds"]):
                    start = time.process_time()
                    for _ in range(options["requests"]):
                        _consume(request())
                    rounds.append(
                        1000 * (time.process_time() - start) / options["requests"]
                    )
                with CaptureQueriesContext(connection) as queries:
                    response = request()
                    size = len(_consume(response))
                self.stdout.write(
                    f"| {target.name} | `{target.path}` | "
                    f"{statistics.median(rounds):.1f} | {len(queries)} | "
                    f"{response.status_code} | {size / 1024:.0f} |"
                )


def _consume(response) -> bytes:
    if response.streaming:
        content = b"".join(response.streaming_content)
        response.close()
        return content
    return response.content

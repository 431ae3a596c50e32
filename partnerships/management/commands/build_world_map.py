"""Draw the static world map from Natural Earth data of a registry package.

    manage.py build_world_map                       # npm pack world-atlas, then draw
    manage.py build_world_map --topojson FILE.json  # draw from a file at hand

The result, static/partnerships/world-110m.svg, is committed: pages never fetch
anything. Run this again only to change the drawing.
"""

import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from partnerships import worldmap

PACKAGE = "world-atlas@2.0.2"
MEMBER = "package/countries-110m.json"


class Command(BaseCommand):
    help = "Draw static/partnerships/world-110m.svg from Natural Earth (world-atlas)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--topojson",
            type=Path,
            help="a world-atlas TopoJSON file; without it `npm pack` fetches "
            f"{PACKAGE} from the npm registry",
        )
        parser.add_argument(
            "--output",
            type=Path,
            default=Path(settings.BASE_DIR) / "static" / worldmap.STATIC_PATH,
        )

    def handle(self, *args, topojson=None, output, **options):
        text = topojson.read_text() if topojson else self._from_npm()
        svg = worldmap.topojson_to_svg(text)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(svg)
        self.stdout.write(f"{output} ({len(svg) // 1024} KB)")

    def _from_npm(self) -> str:
        with tempfile.TemporaryDirectory() as directory:
            try:
                result = subprocess.run(
                    [
                        "npm",
                        "pack",
                        PACKAGE,
                        "--silent",
                        "--pack-destination",
                        directory,
                    ],
                    check=True,
                    capture_output=True,
                    text=True,
                )
            except (OSError, subprocess.CalledProcessError) as error:
                raise CommandError(
                    f"npm pack {PACKAGE} failed ({error}); pass --topojson instead."
                ) from error
            archive = Path(directory) / result.stdout.strip().splitlines()[-1]
            with tarfile.open(archive) as tar:
                return tar.extractfile(MEMBER).read().decode()

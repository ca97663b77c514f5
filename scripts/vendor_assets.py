"""Copy the dashboard's npm libraries into the package so it runs with no network.

Run after ``npm ci`` (the Makefile's ``assets`` target does both). The result,
src/sitroom/web/static/vendor/, is git-ignored and shipped as package data.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NODE_MODULES = ROOT / "node_modules"
VENDOR = ROOT / "src" / "sitroom" / "web" / "static" / "vendor"

# (npm package, files or folders inside it, destination folder under vendor/)
ASSETS: list[tuple[str, list[str], str]] = [
    ("leaflet", ["dist/leaflet.js", "dist/leaflet.css", "dist/images", "LICENSE"], "leaflet"),
    (
        "leaflet.markercluster",
        [
            "dist/leaflet.markercluster.js",
            "dist/MarkerCluster.css",
            "dist/MarkerCluster.Default.css",
            "MIT-LICENCE.txt",
        ],
        "leaflet.markercluster",
    ),
    ("topojson-client", ["dist/topojson-client.min.js", "LICENSE"], "topojson-client"),
    ("world-atlas", ["countries-50m.json", "LICENSE"], "world-atlas"),
]


def vendor(node_modules: Path = NODE_MODULES, dest: Path = VENDOR) -> list[Path]:
    """Copy every listed asset from node_modules into dest; return the paths written."""
    written: list[Path] = []
    for package, items, folder in ASSETS:
        for item in items:
            src = node_modules / package / item
            if not src.exists():
                raise FileNotFoundError(f"{src} is missing: run `npm ci` first")
            target = dest / folder / Path(item).name
            target.parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, target, dirs_exist_ok=True)
            else:
                shutil.copy2(src, target)
            written.append(target)
    return written


if __name__ == "__main__":
    paths = vendor()
    print(f"vendored {len(paths)} assets into {VENDOR.relative_to(ROOT)}", file=sys.stderr)

"""Measure how often a published county would narrow an `area` shelter's cell.

    .venv/bin/python -m bench.county_cells [CELL_KM ...]

For every grid cell holding at least one ZIP centroid (a populated cell), count
the counties those centroids name. Where there are two or more, publishing the
shelter's county would say which part of the cell it is in; shelters.privacy now
names no county for such cells (nor for cells with no ZIP centroid).
"""

from __future__ import annotations

import sys
from collections import defaultdict

from shelters import gazetteer
from shelters.coverage import fold_county
from shelters.privacy import grid_cell


def measure(cell_km: float) -> tuple[int, int, int]:
    """(populated cells, of which span more than one county, ZIPs in those)."""
    counties: dict[tuple[float, float], set] = defaultdict(set)
    zips: dict[tuple[float, float], int] = defaultdict(int)
    for place in gazetteer._index().by_zip.values():
        cell = grid_cell(place.point, cell_km)
        key = (round(cell.south, 6), round(cell.west, 6))
        counties[key].add((place.state, fold_county(place.county)))
        zips[key] += 1
    # The state is public at every level: a county narrows the cell when the cell
    # holds two counties of one state.
    split = [
        key
        for key, found in counties.items()
        if any(sum(1 for s, _ in found if s == state) > 1 for state, _ in found)
    ]
    return len(counties), len(split), sum(zips[key] for key in split)


def main(argv: list[str]) -> None:
    for cell_km in [float(a) for a in argv] or [10.0]:
        cells, split, zip_count = measure(cell_km)
        print(
            f"{cell_km:g} km cells: {cells} populated, {split} span more than one county "
            f"({100 * split / cells:.1f} %), holding {zip_count} ZIPs"
        )


if __name__ == "__main__":
    main(sys.argv[1:])

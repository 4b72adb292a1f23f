"""Search the shelter directory on the device: the searcher's location never leaves it.

A reference for app developers, in plain Python with no dependencies:

1. download a region's snapshot once (GET /api/v1/snapshots/{region}/, gzip);
2. keep it fresh cheaply: send its ETag back as If-None-Match, and a 304 means
   the copy you hold is current;
3. fetch the small bed-availability feed (GET /api/v1/availability/?region=...)
   more often, since bed counts change by the hour;
4. rank by great-circle distance on the device, exactly as the server does.

    python examples/offline_search.py --server https://directory.example.org \\
        --region TX --lat 30.27 --lon -97.74 --accepts-pets

The ranking matches GET /api/v1/shelters/?lat=...&lon=...&state=TX: distances on
the mean Earth radius, origin taken to seven decimals, ties broken by id. Listings
without a public point (hidden shelters) are not ranked; show them by phone.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from pathlib import Path

EARTH_RADIUS_KM = 6371.0088  # as the server (and geopy's great_circle)
KM_PER_MILE = 1.609344


def normalized(lat: float, lon: float) -> tuple[float, float]:
    """The server takes coordinates to seven decimals (about a centimetre)."""
    lat, lon = round(lat, 7) + 0.0, round(lon, 7) + 0.0
    return lat, -180.0 if lon == 180.0 else lon


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, l1, p2, l2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin((l2 - l1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, max(0.0, h))))


def rank(
    listings: Iterable[dict],
    lat: float,
    lon: float,
    limit: int = 10,
    radius_km: float | None = None,
    where: Callable[[dict], bool] | None = None,
) -> list[dict]:
    """The `limit` listings nearest (lat, lon), each a copy with distance_km and
    distance_mi added (rounded as the API rounds them)."""
    lat, lon = normalized(lat, lon)
    ranked = []
    for listing in listings:
        location = listing.get("location")
        if location is None or (where is not None and not where(listing)):
            continue
        distance = great_circle_km(lat, lon, location["lat"], location["lon"])
        if radius_km is None or distance <= radius_km:
            ranked.append((distance, listing["id"], listing))
    ranked.sort(key=lambda item: (item[0], item[1]))
    return [
        {
            **listing,
            "distance_km": round(distance, 3),
            "distance_mi": round(distance / KM_PER_MILE, 3),
        }
        for distance, _id, listing in ranked[:limit]
    ]


class SnapshotStore:
    """Keeps one region's snapshot and its ETag in a folder, refreshing conditionally."""

    def __init__(self, server: str, folder: Path, opener=urllib.request.urlopen):
        self.server = server.rstrip("/")
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.opener = opener

    def snapshot(self, region: str) -> dict:
        body_file = self.folder / f"{region}.json"
        etag_file = self.folder / f"{region}.etag"
        headers = {"Accept-Encoding": "gzip"}
        if body_file.exists() and etag_file.exists():
            headers["If-None-Match"] = etag_file.read_text()
        request = urllib.request.Request(
            f"{self.server}/api/v1/snapshots/{region}/", headers=headers
        )
        try:
            with self.opener(request) as response:
                body = response.read()
                if response.headers.get("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
                body_file.write_bytes(body)
                etag_file.write_text(response.headers["ETag"])
        except urllib.error.HTTPError as error:
            if error.code != 304:
                raise
        return json.loads(body_file.read_bytes())

    def availability(self, region: str) -> dict[int, dict]:
        url = f"{self.server}/api/v1/availability/?region={region}"
        with self.opener(urllib.request.Request(url)) as response:
            feed = json.loads(response.read())
        return {row["id"]: row for row in feed["shelters"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server", required=True)
    parser.add_argument("--region", required=True, help="USPS state code, or US")
    parser.add_argument("--lat", type=float, required=True)
    parser.add_argument("--lon", type=float, required=True)
    parser.add_argument("--limit", type=int, default=5)
    parser.add_argument("--accepts-pets", action="store_true")
    parser.add_argument("--cache", default=str(Path.home() / ".cache" / "shelter-snapshots"))
    args = parser.parse_args()

    store = SnapshotStore(args.server, Path(args.cache))
    snapshot = store.snapshot(args.region)
    beds = store.availability(args.region)
    where = (lambda s: s["accepts_pets"]) if args.accepts_pets else None
    for shelter in rank(snapshot["shelters"], args.lat, args.lon, args.limit, where=where):
        available = beds.get(shelter["id"], {}).get("beds_available")
        phone = shelter["phones"][0]["number"] if shelter["phones"] else "no phone listed"
        print(f"{shelter['distance_km']:8.2f} km  {shelter['name']}  {phone}  beds: {available}")


if __name__ == "__main__":
    main()

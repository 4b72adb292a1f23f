"""Snapshots and the availability feed: downloads that hold nothing about who asked,
so they are cacheable by anyone, and cheap to keep fresh with conditional requests."""

from __future__ import annotations

from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_etags
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from shelters import feeds, public, snapshots
from shelters.api import filters, serializers
from shelters.models import Snapshot

# A snapshot is revalidated on every use (its ETag makes that a 304): a listing that
# becomes area-only or hidden must leave every cache with the next snapshot, not
# minutes later. A feed's bed counts may be a minute old.
SNAPSHOT_CACHING = {"no_cache": True}
AVAILABILITY_CACHING = {"max_age": 60}
REGION_DESCRIPTION = "USPS state code, or US for the whole country."


NOT_MODIFIED = OpenApiResponse(description="Not modified since the ETag you sent.")


def region_parameter(location: str) -> OpenApiParameter:
    return OpenApiParameter(
        "region",
        str,
        location,
        required=True,
        description=REGION_DESCRIPTION,
        enum=sorted(snapshots.REGIONS),
    )


def _not_modified(request, etag: str) -> bool:
    wanted = request.headers.get("If-None-Match")
    return bool(wanted) and (wanted.strip() == "*" or etag in parse_etags(wanted))


def _cacheable(response: HttpResponse, etag: str, caching: dict, modified=None) -> HttpResponse:
    response["ETag"] = etag
    if modified is not None:
        response["Last-Modified"] = http_date(modified.timestamp())
    patch_cache_control(response, public=True, **caching)
    patch_vary_headers(response, ["Accept-Encoding"])
    return response


# How long a client should wait for a snapshot or feed being generated for the
# first time (the refresher looks every SNAPSHOT_REFRESH_SECONDS).
RETRY_AFTER_SECONDS = 30


def _not_generated_yet(what: str = "snapshot") -> Response:
    detail = f"This {what} is being generated; try again shortly."
    response = Response({"detail": detail}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    patch_cache_control(response, no_store=True)
    return response


class SnapshotListView(APIView):
    @extend_schema(
        operation_id="snapshots_list",
        summary="List directory snapshots",
        description="One snapshot per state that has listings, plus US for everything. "
        "Snapshots are regenerated shortly after a listing changes, never during a request.",
        responses={
            200: serializers.SnapshotListSerializer,
            400: OpenApiResponse(serializers.ErrorSerializer, "An unknown parameter."),
            429: serializers.THROTTLED,
        },
    )
    def get(self, request):
        filters.refuse_bad_parameters(request.query_params)
        # Only stored rows: no work that grows with the directory.
        items = [
            {
                "region": snapshot.region,
                "url": reverse("snapshot-detail", args=[snapshot.region], request=request),
                "listing_count": snapshot.listing_count,
                "size_bytes": snapshot.size_bytes,
                "gzip_bytes": snapshot.gzip_bytes,
                "version": snapshot.version,
                "generated_at": public.iso_datetime(snapshot.generated_at),
            }
            for snapshot in snapshots.served()
        ]
        items.sort(key=lambda item: (item["region"] != snapshots.NATIONAL, item["region"]))
        return Response({"snapshots": items})


class SnapshotDetailView(APIView):
    @extend_schema(
        operation_id="snapshots_retrieve",
        summary="Download a region's snapshot",
        description="Every published shelter, medical service and hotline of the region, "
        "with the public fields and points of the search API (bed counts are in the "
        "availability feed). Send If-None-Match with the ETag to get 304 when it has not "
        "changed; ask with Accept-Encoding: gzip for the compressed form. A snapshot "
        "not generated yet answers 503 with Retry-After.",
        parameters=[region_parameter(OpenApiParameter.PATH)],
        responses={
            200: serializers.SnapshotDocumentSerializer,
            304: NOT_MODIFIED,
            400: OpenApiResponse(serializers.ErrorSerializer, "An unknown parameter."),
            404: OpenApiResponse(
                serializers.DetailSerializer, "No such region, or no listings in it."
            ),
            429: serializers.THROTTLED,
            503: OpenApiResponse(
                serializers.DetailSerializer, "Not generated yet; see Retry-After."
            ),
        },
    )
    def get(self, request, region: str):
        filters.refuse_bad_parameters(request.query_params)
        if region not in snapshots.REGIONS:
            raise Http404
        gzipped = "gzip" in request.headers.get("Accept-Encoding", "")
        # Only the representation asked for: the national one is megabytes.
        snapshot = (
            Snapshot.objects.filter(region=region).defer("body" if gzipped else "gzipped").first()
        )
        if snapshot is None and snapshots.current(snapshots.NATIONAL) is not None:
            raise Http404  # the refresher has been through: no listings in this region
        if snapshot is None or snapshot.version == snapshots.PENDING:
            return _not_generated_yet()
        # Served as stored, even if a change has marked it stale since: the
        # refresher replaces it within moments.
        # A strong ETag names one representation: the compressed one has its own.
        etag = f'"{snapshot.version}{"-gzip" if gzipped else ""}"'
        if _not_modified(request, etag):
            return _cacheable(HttpResponseNotModified(), etag, SNAPSHOT_CACHING)
        response = HttpResponse(
            bytes(snapshot.gzipped if gzipped else snapshot.body),
            content_type="application/json",
        )
        if gzipped:
            response["Content-Encoding"] = "gzip"
        return _cacheable(response, etag, SNAPSHOT_CACHING, snapshot.generated_at)


class AvailabilityView(APIView):
    @extend_schema(
        operation_id="availability_list",
        summary="Bed availability feed",
        description="Beds available per shelter of a region; `beds_available` is null when "
        "unknown or older than the availability window. Small, and cacheable briefly. "
        "Regenerated a few seconds after a bed report or a listing change, never during "
        "a request; a feed not generated yet answers 503 with Retry-After.",
        parameters=[region_parameter(OpenApiParameter.QUERY)],
        responses={
            200: serializers.AvailabilitySerializer,
            304: NOT_MODIFIED,
            400: OpenApiResponse(serializers.ErrorSerializer, "Missing or unknown region."),
            429: serializers.THROTTLED,
            503: OpenApiResponse(
                serializers.DetailSerializer, "Not generated yet; see Retry-After."
            ),
        },
    )
    def get(self, request):
        errors = filters.parameter_errors(request.query_params, {"region"})
        region = request.query_params.get("region", "")
        if region not in snapshots.REGIONS and "region" not in errors:
            errors["region"] = [f"Give a region: {REGION_DESCRIPTION}"]
        if errors:
            raise exceptions.ValidationError(errors)
        # Only the stored row: no work that grows with the directory.
        feed = feeds.stored(region)
        if feed is None:
            return _not_generated_yet("feed")
        etag = f'"{feed.version}"'
        if _not_modified(request, etag):
            return _cacheable(HttpResponseNotModified(), etag, AVAILABILITY_CACHING)
        response = HttpResponse(bytes(feed.body), content_type="application/json")
        return _cacheable(response, etag, AVAILABILITY_CACHING)

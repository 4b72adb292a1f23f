"""The one write endpoint: shelter staff report beds from a phone, with a token."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.http import parse_etags
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.parsers import JSONParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from shelters import availability, public
from shelters.api.authentication import BedTokenAuthentication
from shelters.api.serializers import (
    THROTTLED,
    AvailabilityRowSerializer,
    DetailSerializer,
    ErrorSerializer,
)
from shelters.models import Shelter


class AvailabilityReportSerializer(serializers.Serializer):
    beds_available = serializers.IntegerField(
        required=False, min_value=0, max_value=100_000, help_text="The count now."
    )
    change = serializers.IntegerField(
        required=False,
        min_value=-1000,
        max_value=1000,
        help_text="Or the change: -1 when a bed is taken, +1 when one frees up.",
    )

    def validate(self, attrs):
        if ("beds_available" in attrs) == ("change" in attrs):
            raise serializers.ValidationError("Send either beds_available or change.")
        if attrs.get("change") == 0:
            raise serializers.ValidationError({"change": ["A change of 0 changes nothing."]})
        return attrs


class ShelterAvailabilityView(APIView):
    authentication_classes = [BedTokenAuthentication]
    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser]  # the public API parses no bodies at all

    def shelter(self, request, pk: int) -> Shelter:
        # Another organisation's shelter is "no such shelter", like a missing one,
        # so a token cannot map which ids exist. A token reports for the one
        # organisation it was issued for (shelters.bed_tokens), whatever else its
        # holder may keep in the admin.
        token = request.auth
        return get_object_or_404(
            Shelter.objects.filter(organization_id=token.organization_id), pk=pk
        )

    @extend_schema(
        operation_id="shelters_availability_read",
        summary="Read the bed count (shelter staff)",
        description="The count as stored, however old, with an ETag to send back as "
        "`If-Match` when setting `beds_available` outright.",
        responses={
            200: AvailabilityRowSerializer,
            401: OpenApiResponse(DetailSerializer, "No or wrong token."),
            404: OpenApiResponse(DetailSerializer, "No such shelter of your organisation."),
            429: THROTTLED,
        },
    )
    def get(self, request, pk: int):
        return availability_response(self.shelter(request, pk))

    @extend_schema(
        operation_id="shelters_availability_update",
        summary="Report beds available (shelter staff)",
        description="Authenticated with the staff member's API token "
        '(`Authorization: Token …`, see README "Bed-report tokens"); allowed only for '
        "the organisation the token was issued for. "
        "A `change` is applied atomically, so simultaneous reports all count. A count "
        "set outright replaces the stored one; send the ETag you last read as "
        "`If-Match` and a report made in between answers 412 instead of being lost.",
        request=AvailabilityReportSerializer,
        responses={
            200: AvailabilityRowSerializer,
            400: OpenApiResponse(ErrorSerializer, "The count would leave 0..total."),
            401: OpenApiResponse(DetailSerializer, "No or wrong token."),
            404: OpenApiResponse(DetailSerializer, "No such shelter of your organisation."),
            412: OpenApiResponse(DetailSerializer, "Someone reported beds since If-Match."),
            429: THROTTLED,
        },
    )
    def patch(self, request, pk: int):
        shelter = self.shelter(request, pk)
        report = AvailabilityReportSerializer(data=request.data)
        report.is_valid(raise_exception=True)
        try:
            updated = availability.report_beds(
                shelter.pk,
                request.user,
                available=report.validated_data.get("beds_available"),
                change=report.validated_data.get("change"),
                expected_version=_if_match(request),
            )
        except availability.AvailabilityConflict as conflict:
            return Response({"detail": str(conflict)}, status=status.HTTP_412_PRECONDITION_FAILED)
        except availability.AvailabilityError as error:
            field = "change" if "change" in report.validated_data else "beds_available"
            raise exceptions.ValidationError({field: [str(error)]}) from None
        return availability_response(updated)


def _if_match(request) -> tuple[str, ...] | None:
    """The entity tags If-Match accepts, or None for none sent or `*` (RFC 9110:
    any current count, and the shelter was found). Tags are compared strongly: a
    weak one (W/"...") never matches, as the RFC requires for If-Match."""
    header = request.headers.get("If-Match")
    if header is None:
        return None
    tags = tuple(parse_etags(header))
    return None if tags == ("*",) else tags


def availability_response(shelter: Shelter) -> Response:
    response = Response(
        {
            "id": shelter.pk,
            "beds_available": shelter.beds_available,
            "beds_total": shelter.beds_total,
            "updated_at": public.iso_datetime(shelter.beds_updated_at),
        }
    )
    response["ETag"] = availability.version(shelter)
    response["Cache-Control"] = "no-store, private"
    return response

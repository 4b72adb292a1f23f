"""The one write endpoint: shelter staff report beds from a phone, with a token."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.authentication import TokenAuthentication
from rest_framework.parsers import JSONParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from shelters import access, availability, public
from shelters.api.serializers import AvailabilityRowSerializer, DetailSerializer, ErrorSerializer
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
    authentication_classes = [TokenAuthentication]
    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser]  # the public API parses no bodies at all

    @extend_schema(
        operation_id="shelters_availability_update",
        summary="Report beds available (shelter staff)",
        description="Authenticated with the staff member's API token "
        "(`Authorization: Token …`); allowed only for the shelter's own organisation.",
        request=AvailabilityReportSerializer,
        responses={
            200: AvailabilityRowSerializer,
            400: OpenApiResponse(ErrorSerializer, "The count would leave 0..total."),
            401: OpenApiResponse(DetailSerializer, "No or wrong token."),
            403: OpenApiResponse(DetailSerializer, "Not this organisation's shelter."),
            404: OpenApiResponse(DetailSerializer, "No such shelter."),
        },
    )
    def patch(self, request, pk: int):
        shelter = get_object_or_404(Shelter.objects.only("id", "organization_id"), pk=pk)
        if not access.may_keep(request.user, shelter.organization_id):
            raise exceptions.PermissionDenied("You may report beds only for your organisation.")
        report = AvailabilityReportSerializer(data=request.data)
        report.is_valid(raise_exception=True)
        try:
            updated = availability.report_beds(
                shelter.pk,
                request.user,
                available=report.validated_data.get("beds_available"),
                change=report.validated_data.get("change"),
            )
        except availability.AvailabilityError as error:
            raise exceptions.ValidationError({"beds_available": [str(error)]}) from None
        return Response(
            {
                "id": updated.pk,
                "beds_available": updated.beds_available,
                "beds_total": updated.beds_total,
                "updated_at": public.iso_datetime(updated.beds_updated_at),
            }
        )

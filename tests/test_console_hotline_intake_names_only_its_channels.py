"""A hotline card's intake says how the line is reached by the channels it lists:
a staffer reading "call or text" to a caller who can only text must be right."""

import pytest
from django.utils import timezone

from shelters.console import cards

from .conftest import make_hotline

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("channels", "intake"),
    [
        ((("voice", "1-800-555-0100"),), "Call"),
        ((("voice", "1-800-555-0100"), ("text", "88788")), "Call or text"),
        (
            (("voice", "1-800-555-0100"), ("chat", ""), ("text", "88788")),
            "Call, text or chat online",
        ),
        ((("chat", ""),), "Chat online"),
    ],
)
def test_the_intake_names_the_channels_the_line_has(channels, intake):
    card = cards.hotline(make_hotline(channels=channels), timezone.now())
    assert card.intake == intake
    assert card.detail["Fees"] == "Not listed"

"""A shelter card's intake sentence agrees with its bed count: with a current count
of none free, it must not tell a hotline staffer that a bed may be free now."""

from datetime import timedelta

import pytest
from django.utils import timezone

from shelters.console import cards

from .conftest import make_shelter

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("free", "counted_days_ago", "ending"),
    [
        (0, 0, "; the last count showed no bed free."),
        (3, 0, "; the last count showed a bed free."),
        (3, 30, "."),
    ],
)
def test_the_intake_sentence_says_what_the_count_says(free, counted_days_ago, ending):
    now = timezone.now()
    shelter = make_shelter(
        beds_available=free, beds_total=26, beds_updated_at=now - timedelta(days=counted_days_ago)
    )
    card = cards.shelter(shelter, now)
    assert card.intake == "Call intake at 512-555-0100 first" + ending
    assert ("0 of 26 beds free" in card.beds) == (free == 0 and counted_days_ago == 0)

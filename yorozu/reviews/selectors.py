"""Reads for reviews."""

from __future__ import annotations

from yorozu.reviews.models import Review


def has_reviewed(contract, user) -> bool:
    return Review.objects.filter(contract=contract, reviewer_id=user.pk).exists()

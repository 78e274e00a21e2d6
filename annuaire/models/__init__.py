"""The directory's models: organisations, people and positions; the support log."""

from annuaire.models.directory import (
    Organisation,
    OrganisationQuerySet,
    Person,
    PersonQuerySet,
    Position,
    PositionQuerySet,
    phone_validator,
)
from annuaire.models.support import SupportEntry, SupportEntryQuerySet

__all__ = [
    "Organisation",
    "OrganisationQuerySet",
    "Person",
    "PersonQuerySet",
    "Position",
    "PositionQuerySet",
    "SupportEntry",
    "SupportEntryQuerySet",
    "phone_validator",
]

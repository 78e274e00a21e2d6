"""Admin of the actions app, one module per part."""

from actions.admin import (
    agenda,  # noqa: F401
    programme,  # noqa: F401
)

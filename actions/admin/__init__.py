"""Admin of the actions app, one module per part."""

from actions.admin import programme  # noqa: F401

from actions.admin import agenda  # noqa: F401

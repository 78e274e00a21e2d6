"""Views of the actions app, one module per part: programme.py (the agenda adds its own)."""

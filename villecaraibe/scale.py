"""Scale dataset, base layer: the shared vocabulary, and helpers for the apps' scale modules.

``seed_scale`` runs each project app's ``scale.seed(factor, stdout)`` in
dependency order; this one makes sure the themes and the territorial tree exist
(idempotent, as in the demo) so the other apps can point to them.
"""

import math
import random
import secrets

BATCH_SIZE = 2000


def scaled(count, factor):
    """``count`` rows at factor 1, proportionally fewer (at least one) otherwise."""
    return max(1, math.ceil(count * factor))


def rng(app_label):
    """A random generator of its own for each app: the same factor gives the same data."""
    return random.Random(f"ville-caraibe-scale-{app_label}")  # noqa: S311 - not for security


def run_token():
    """A short token that keeps slugs and addresses unique when --force adds a second run."""
    return secrets.token_hex(3)


def seed(factor, stdout):
    from villecaraibe.demo import load_vocabulary

    load_vocabulary()
    stdout.write("  villecaraibe: themes and territories ready")

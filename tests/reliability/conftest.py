import os

from hypothesis import HealthCheck, settings

# CI runs a few hundred examples per fuzz test; `make fuzz` runs 10,000
# (HYPOTHESIS_PROFILE=thorough). Examples share one database transaction.
_common = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    "print_blob": True,
}
settings.register_profile("ci", max_examples=300, **_common)
settings.register_profile("thorough", max_examples=10_000, **_common)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

"""Development-only data: demo data, benchmark volume and their commands.

Installed by the dev, test and bench settings, never by production: the product
apps do not import it (tests/core/test_devdata.py). See docs/architecture.md.
"""

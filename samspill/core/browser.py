"""Helpers for browser tests: accessibility checks and a real two-factor login."""

from typing import Any

from axe_playwright_python.sync_playwright import Axe

# WCAG 2.1 A and AA, the level the portal promises.
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
}


def assert_accessible(page: Any) -> None:
    """Fail with axe's own report when the current page has any violation."""
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()

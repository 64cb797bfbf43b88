"""A short, readable description of the browser behind a session."""

# Checked in order: several browsers name others in their user-agent string
# (Edge says "Chrome" and "Safari"; Chrome says "Safari").
_BROWSERS = (
    ("Edg", "Edge"),
    ("OPR/", "Opera"),
    ("SamsungBrowser", "Samsung Internet"),
    ("Firefox/", "Firefox"),
    ("FxiOS", "Firefox"),
    ("CriOS", "Chrome"),
    ("Chrome/", "Chrome"),
    ("Chromium/", "Chromium"),
    ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("CrOS", "ChromeOS"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("Macintosh", "macOS"),
    ("Linux", "Linux"),
)


def describe_user_agent(user_agent: str) -> str:
    """Return "Browser, system", one of them, or "" when neither is recognised.

    Only these coarse names are stored: the full string identifies a browser far
    more precisely than a person needs to recognise their own session.
    """
    browser = _first_match(user_agent, _BROWSERS)
    system = _first_match(user_agent, _SYSTEMS)
    return ", ".join(name for name in (browser, system) if name)


def _first_match(user_agent: str, table: tuple[tuple[str, str], ...]) -> str:
    for marker, name in table:
        if marker in user_agent:
            return name
    return ""

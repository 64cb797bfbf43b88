import pytest

from samspill.accounts.devices import describe_user_agent

FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
EDGE_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
    "Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0"
)
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
)
CHROME_ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like "
    "Gecko) Chrome/120.0.0.0 Mobile Safari/537.36"
)


@pytest.mark.parametrize(
    ("user_agent", "expected"),
    [
        (FIREFOX_LINUX, "Firefox, Linux"),
        (EDGE_WINDOWS, "Edge, Windows"),
        (SAFARI_IPHONE, "Safari, iPhone"),
        (CHROME_ANDROID, "Chrome, Android"),
        ("curl/8.5.0", ""),
        ("", ""),
    ],
)
def test_a_user_agent_is_described_by_browser_and_system(user_agent, expected):
    assert describe_user_agent(user_agent) == expected

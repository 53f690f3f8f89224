"""The launcher's settings: what the environment can and cannot open up."""

from __future__ import annotations

import pytest

from adapters.server import UnsafeSettings, serve_options
from bot.settings import settings

TOKEN = "t" * 32


def test_without_a_token_or_secret_the_api_is_off_and_the_channels_face_the_network():
    options = serve_options(settings({}))
    assert options["enable_api"] is False and options["auth_token"] is None and options["jwt_secret"] is None
    assert options["interface"] == "0.0.0.0" and options["cors"] is None


@pytest.mark.parametrize("name", ["RASA_API_TOKEN", "RASA_JWT_SECRET"])
def test_with_a_token_or_secret_the_api_is_on_and_bound_to_loopback(name):
    options = serve_options(settings({name: TOKEN, "RASA_INTERFACE": "0.0.0.0"}))
    assert options["enable_api"] is True and options["interface"] == "127.0.0.1"


@pytest.mark.parametrize("name", ["RASA_API_TOKEN", "RASA_JWT_SECRET"])
def test_a_short_token_or_secret_is_refused(name):
    with pytest.raises(UnsafeSettings):
        serve_options(settings({name: "secret"}))


def test_cors_allows_only_the_listed_origins():
    assert serve_options(settings({"CHAT_ALLOWED_ORIGINS": "https://a.example, https://b.example"}))["cors"] == [
        "https://a.example",
        "https://b.example",
    ]

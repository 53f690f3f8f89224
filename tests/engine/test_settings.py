"""One settings module: defaults for a plain checkout, values from the environment."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from bot.database import database_url
from bot.settings import Settings, read_env_file, settings

ROOT = Path(__file__).resolve().parents[2]


def test_a_plain_checkout_gets_sqlite_and_loopback_actions():
    config = settings({})
    assert config.tracker_dialect == "sqlite" and config.tracker_db == "var/conversations.db"
    assert config.action_endpoint == "http://127.0.0.1:5055/webhook"
    assert config.rasa_api_token == "" and config.slack_bot_token == ""


def test_values_come_typed_from_the_environment_and_blanks_keep_the_default():
    config = settings(
        {"ACTION_PORT": "6000", "CHAT_SENDER_WINDOW": "2.5", "REVIEW_TRUST_PROXY": "1", "TRACKER_PORT": " "}
    )
    assert config.action_endpoint == "http://127.0.0.1:6000/webhook"
    assert config.chat_sender_window == 2.5 and config.review_trust_proxy is True and config.tracker_port == 0
    assert settings({"ACTION_URL": "http://actions:5055/webhook"}).action_endpoint == "http://actions:5055/webhook"


@pytest.mark.parametrize("env", [{"RASA_PORT": "fifty"}, {"CHAT_TRUST_PROXY": "maybe"}])
def test_a_malformed_value_is_refused_with_its_name(env):
    [name] = env
    with pytest.raises(ValueError, match=name):
        settings(env)


def test_origins_are_a_comma_separated_list():
    config = settings({"CHAT_ALLOWED_ORIGINS": " https://a.example ,,https://b.example"})
    assert config.allowed_origins == ["https://a.example", "https://b.example"]
    assert settings({}).allowed_origins == []


def test_the_database_url_follows_the_tracker_settings(monkeypatch):
    monkeypatch.setenv("TRACKER_DIALECT", "postgresql")
    monkeypatch.setenv("TRACKER_HOST", "db.internal")
    monkeypatch.setenv("TRACKER_PORT", "5433")
    monkeypatch.setenv("TRACKER_DB", "careers")
    monkeypatch.setenv("TRACKER_USER", "bot")
    monkeypatch.setenv("TRACKER_PASSWORD", "s3cret")
    assert database_url() == "postgresql://bot:s3cret@db.internal:5433/careers"
    monkeypatch.setenv("TRACKER_DIALECT", "sqlite")
    assert database_url() == "sqlite:///careers"


def test_env_example_lists_every_setting_with_its_default(tmp_path):
    example = read_env_file(ROOT / ".env.example")
    assert set(example) == {field.name.upper() for field in fields(Settings)}
    assert settings(example) == Settings()


def test_a_env_file_is_read_and_the_environment_wins(tmp_path, monkeypatch):
    env_file = tmp_path / ".env"
    env_file.write_text('# local\nexport ACTION_PORT=6001\nRASA_PORT="7000"\n\nREVIEW_PORT=7100\n')
    monkeypatch.setattr("bot.settings.ENV_FILE", env_file)
    monkeypatch.setenv("REVIEW_PORT", "7200")
    config = settings()
    assert (config.action_port, config.rasa_port, config.review_port) == (6001, 7000, 7200)

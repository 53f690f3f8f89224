"""Rasa input channels (configured by module path in credentials.yml)."""

"""Counselor review app tests that need no Rasa server."""

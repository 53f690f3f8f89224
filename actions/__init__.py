"""Rasa SDK custom actions. Each one reads the tracker, calls bot.replies and sends the result."""

"""Custom Rasa NLU components (named by module path in config.yml)."""

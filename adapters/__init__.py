"""The Rasa adapters: the only code, with actions/, that imports Rasa.

components/ (NLU components named in config.yml), channels/ (REST, the web widget, Slack;
credentials.yml), tracker_store.py (endpoints.yml) and server.py (the launcher
`python -m adapters.server`). They turn what Rasa hands them into plain data for the
engine (bot/) and its answers back into what Rasa expects; the engine never imports them
(tests/engine/test_architecture.py checks it).
"""

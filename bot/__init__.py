"""Career guidance engine: catalogue, matching, related roles and transition advice."""

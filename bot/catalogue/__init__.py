"""The career cluster catalogue: built from public data, loaded and validated here."""

from bot.catalogue.loader import (
    AlternateTitle,
    Catalogue,
    CatalogueError,
    Cluster,
    Occupation,
    SubCluster,
    Vocabulary,
    load_catalogue,
    load_tasks,
    load_technology,
    shared_catalogue,
)

__all__ = [
    "AlternateTitle",
    "Catalogue",
    "CatalogueError",
    "Cluster",
    "Occupation",
    "SubCluster",
    "Vocabulary",
    "load_catalogue",
    "load_tasks",
    "load_technology",
    "shared_catalogue",
]

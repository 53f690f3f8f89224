"""Entities whose values cannot be what their type says are dropped before slots are set.

DIET learns to tag `occupation_code`, `target_code` and `cluster` from examples, and on
text unlike them it tags whatever sits in the same place: a person's name as a cluster,
a date of birth as an occupation code. Slots filled from those entities would carry
personal data into the tracker store and wrong values into the replies. A code must be
an occupation in the catalogue, a cluster must name one of its clusters.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES
from rasa.shared.nlu.training_data.message import Message

from bot.catalogue import Catalogue, shared_catalogue
from bot.components.catalogue_entities import CatalogueComponent
from bot.matching import matcher_for
from bot.replies import find_cluster

CODE_ENTITIES = ("occupation_code", "target_code")


def plausible(catalogue: Catalogue, entity: dict[str, Any]) -> bool:
    value = entity.get("value")
    kind = entity.get("entity")
    if kind in CODE_ENTITIES:
        return isinstance(value, str) and value in catalogue.occupations
    if kind == "cluster":
        return isinstance(value, str) and find_cluster(catalogue, value) is not None
    return True


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class EntityValueGuard(CatalogueComponent):
    def __init__(self, config: dict[str, Any], catalogue: Catalogue) -> None:
        super().__init__(config, matcher_for(catalogue))
        self.catalogue = catalogue

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "EntityValueGuard":
        return cls(config, shared_catalogue(config.get("catalogue")))

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            entities = message.get(ENTITIES) or []
            kept = [e for e in entities if plausible(self.catalogue, e)]
            if len(kept) != len(entities):
                message.set(ENTITIES, kept, add_to_output=True)
        return messages

"""Entities whose values cannot be what their type says are dropped before slots are set.

DIET learns to tag `occupation_code`, `target_code` and `cluster` from examples, and on
text unlike them it tags whatever sits in the same place: a person's name as a cluster,
a date of birth as an occupation code. Slots filled from those entities would carry
personal data into the tracker store and wrong values into the replies. A code must be
an occupation in the catalogue, a cluster must name one of its clusters.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES
from rasa.shared.nlu.training_data.message import Message

from adapters.components.catalogue_entities import CatalogueComponent
from bot.catalogue import Catalogue
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
    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            entities = message.get(ENTITIES) or []
            kept = [e for e in entities if plausible(self.matcher.catalogue, e)]
            if len(kept) != len(entities):
                message.set(ENTITIES, kept, add_to_output=True)
        return messages

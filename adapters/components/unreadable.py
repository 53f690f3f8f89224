"""Messages the assistant cannot read go to the fallback, whatever DIET made of them.

DIET gives every message one of the intents it was trained on, and its confidence says
how close the message is to the examples, not whether any of it was understood: a
keyboard mash ("qwerty uiop") can come out as `thank`, a French sentence as `greet`.
This component, right after the FallbackClassifier, routes two kinds of message to the
fallback, whose reply says what went wrong and counts the miss:
- none of its words is English, a catalogue word or a word of the training examples
  (the training words are why "thx", "cya" and "nah" keep their intents);
- it is not in English (bot/language.py).
"""

from __future__ import annotations

import json
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.catalogue import shared_catalogue
from bot.language import WORD, knows_no_word, looks_english
from bot.matching import matcher_for

WORDS_FILE = "words.json"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class UnreadableMessageGuard(GraphComponent):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # catalogue: folder of the catalogue YAML files (None: data/catalogue)
        return {"catalogue": None}

    def __init__(
        self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource, trained: frozenset[str]
    ) -> None:
        self.config = config
        self.model_storage = model_storage
        self.resource = resource
        self.trained = trained
        self.vocabulary = frozenset(matcher_for(shared_catalogue(config.get("catalogue"))).vocab) | trained

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> UnreadableMessageGuard:
        return cls(config, model_storage, resource, frozenset())

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> UnreadableMessageGuard:
        with model_storage.read_from(resource) as directory:
            trained = frozenset(json.loads((directory / WORDS_FILE).read_text()))
        return cls(config, model_storage, resource, trained)

    def train(self, training_data: TrainingData) -> Resource:
        words = {
            word.lower() for example in training_data.intent_examples for word in WORD.findall(example.get(TEXT) or "")
        }
        with self.model_storage.write_to(self.resource) as directory:
            (directory / WORDS_FILE).write_text(json.dumps(sorted(words)))
        return self.resource

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not text or text.startswith("/"):
                continue  # button payloads name their intent
            if knows_no_word(text, self.vocabulary):
                reason = "no known word"
            elif not looks_english(text, self.vocabulary):
                reason = "not English"
            else:
                continue
            fallback = {"name": DEFAULT_NLU_FALLBACK_INTENT_NAME, "confidence": 1.0, "reason": reason}
            message.set(INTENT, fallback, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [fallback], add_to_output=True)
        return messages

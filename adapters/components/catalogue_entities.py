"""Tag job titles and interest phrases using the career catalogue, inside Rasa's NLU.

DIET learns from the examples in data/nlu; it cannot know 56,000 O*NET job titles. This
component marks every title or alternate title in a message as a `role` entity (with
the candidate occupation codes) and every interest phrase as an `interest` entity (with
its clusters), whether or not the wording was ever in the training data. The actions
then resolve the tagged text through the engine.
"""

from __future__ import annotations

import re
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.catalogue import shared_catalogue
from bot.matching import Matcher, matcher_for


class CatalogueComponent(GraphComponent):
    """A component that needs nothing trained, only the catalogue's matcher."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # catalogue: folder of the catalogue YAML files (None: data/catalogue)
        return {"catalogue": None}

    def __init__(self, config: dict[str, Any], matcher: Matcher) -> None:
        self.component_config = config
        self.matcher = matcher

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> CatalogueComponent:
        return cls(config, matcher_for(shared_catalogue(config.get("catalogue"))))

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class CatalogueEntityExtractor(CatalogueComponent, EntityExtractorMixin):
    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not text or text.startswith("/"):
                continue  # button payloads carry their own entities
            entities = []
            for tag in self.matcher.tag(text):
                entity: dict[str, Any] = {
                    "entity": tag.kind,
                    "start": tag.start,
                    "end": tag.end,
                    "value": tag.text,
                    "confidence_entity": round(tag.confidence, 3),
                }
                if tag.kind == "role":
                    entity["occupation_codes"] = list(tag.codes)
                    entity["ambiguous"] = tag.ambiguous
                else:
                    entity["clusters"] = list(tag.clusters)
                entities.append(entity)
            if entities:
                message.set(ENTITIES, message.get(ENTITIES, []) + self.add_extractor_name(entities), add_to_output=True)
        return messages


# "I'm a", "I was an", "I work as a", "I work on the": the words before a title when
# someone says what their job is.
SELF_DESCRIPTION = re.compile(
    r"\b(i'?m|i am|i was|i've been|i have been|i work(?:ed)? (?:as|on|in)|my job is)\s+"
    # "I'm a child protection social worker": an article may carry two modifiers along.
    r"(?:(?:an?|the)\s+(?:[\w-]+\s+){0,2})?$",
    re.I,
)
# "roofer, shingle and flat roofs", "night shift security guard at a warehouse": a message
# that opens with a job title, after at most a few modifiers, is about that job. Questions
# and requests that mention a title ("tell me a joke about lawyers") don't open with one.
LEAD_WORDS = 3
NOT_A_LEAD = {
    "what",
    "what's",
    "how",
    "why",
    "where",
    "when",
    "who",
    "which",
    "can",
    "could",
    "would",
    "should",
    "will",
    "tell",
    "talk",
    "speak",
    "joke",
    "jokes",
    "is",
    "are",
    "do",
    "does",
    "did",
    "want",
    "wanna",
    "become",
    "from",
    "hate",
    "hated",
    "like",
    "love",
    "about",
    "to",
    "please",
    "hi",
    "hello",
    "hey",
    "thanks",
    "thank",
}

# Intents DIET may wrongly give a bare job title ("attorney" -> greet, "realtor" -> thank).
SMALL_TALK = {
    "greet",
    "goodbye",
    "thank",
    "bot_challenge",
    "help",
    "out_of_scope",
    "affirm",
    "deny",
    "nlu_fallback",
    "more_options",
    "less_schooling",
    "higher_pay",
    "same_cluster",
    "data_sources",
    "request_counselor",
    "explain_clusters",
    "none_of_these",
}
# ...and intents it gives sentences about one's job that don't look like its examples
# ("physio in Sydney, mostly sports injuries" -> interest).
TITLE_LED = SMALL_TALK | {"describe_cluster", "interest", "pick_role"}


def leads_with(text: str, entity: dict[str, Any]) -> bool:
    """Whether the message opens with this entity, after at most a few modifiers."""
    words = re.findall(r"[\w'-]+", text[: entity["start"]].lower())
    return len(words) <= LEAD_WORDS and not NOT_A_LEAD.intersection(words)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class TitleIntentGuard(CatalogueComponent):
    """A message that is about the person's own job is about a role.

    When the classifier chose a small-talk intent but the message is essentially one clear
    job title ("drywall installer"), says what the person is or does ("I'm a counselor",
    "I work on the help desk"), opens with a job title ("solicitor in England, mostly
    conveyancing"), or describes their own work ("I write code all day"), the intent
    becomes `liked_role`. The last two override a cluster, interest or pick intent too,
    which DIET gives long sentences about a job. Requests that merely mention a title
    ("can I talk to a career counselor") keep their intent."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**CatalogueComponent.get_default_config(), "coverage": 0.6, "intent": "liked_role"}

    def describes_work(self, text: str) -> bool:
        return self.matcher.by_words(text).source == "activity"

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = (message.get(TEXT) or "").strip()
            intent = message.get(INTENT) or {}
            if not text or text.startswith("/") or intent.get("name") not in TITLE_LED:
                continue
            roles = [
                e
                for e in message.get(ENTITIES, [])
                if e.get("entity") == "role"
                and e.get("extractor") == "CatalogueEntityExtractor"
                and not e.get("ambiguous")
            ]
            covered = sum(e["end"] - e["start"] for e in roles)
            any_role = [e for e in message.get(ENTITIES, []) if e.get("entity") == "role"]
            mostly_title = roles and covered >= self.component_config["coverage"] * len(text.rstrip("?!. "))
            about_self = any_role and SELF_DESCRIPTION.search(text[: any_role[0]["start"]])
            # A sentence led by a title; a bare ambiguous title ("doctor") keeps its usual flow.
            title_led = any_role and leads_with(text, any_role[0]) and any_role[0]["end"] < len(text.rstrip("?!. "))
            if intent.get("name") not in SMALL_TALK and not (title_led or about_self):
                continue
            if mostly_title or about_self or title_led or self.describes_work(text):
                message.set(
                    INTENT,
                    {"name": self.component_config["intent"], "confidence": 1.0, "overridden": intent.get("name")},
                    add_to_output=True,
                )
        return messages

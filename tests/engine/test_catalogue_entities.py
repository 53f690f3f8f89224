"""The NLU component, built and run the way Rasa builds and runs it."""

from __future__ import annotations

import subprocess
import sys

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message

from adapters.components.catalogue_entities import CatalogueEntityExtractor


@pytest.fixture(scope="module")
def component(tmp_path_factory):
    storage = LocalModelStorage(tmp_path_factory.mktemp("model"))
    resource = Resource("catalogue_entities")
    context = ExecutionContext(GraphSchema({}), "test-model")
    return CatalogueEntityExtractor.create(CatalogueEntityExtractor.get_default_config(), storage, resource, context)


def entities_of(component, text: str) -> list[dict]:
    [message] = component.process([Message(data={"text": text})])
    return message.get("entities", [])


def test_tags_a_title_never_seen_in_training(component):
    [entity] = entities_of(component, "For years I worked as a phlebotomist at the clinic")
    assert entity["entity"] == "role" and entity["value"] == "phlebotomist"
    assert entity["start"] == 24 and entity["end"] == 36
    assert entity["occupation_codes"][0] == "31-9097.00"
    assert entity["extractor"] == "CatalogueEntityExtractor"


def test_tags_several_roles_and_an_interest(component):
    entities = entities_of(component, "I was a waiter and then a bartender, and I love working with numbers")
    assert [(e["entity"], e["value"]) for e in entities] == [
        ("role", "waiter"),
        ("role", "bartender"),
        ("interest", "numbers"),
    ]
    assert "Financial Services" in entities[2]["clusters"]


def test_typos_and_abbreviations(component):
    [entity] = entities_of(component, "im an acountant")
    assert entity["value"] == "acountant" and entity["occupation_codes"][0] == "13-2011.00"
    [entity] = entities_of(component, "I worked in HR")
    assert entity["value"] == "HR" and entity["occupation_codes"][0] == "13-1071.00"


def test_ambiguous_titles_are_marked(component):
    [entity] = entities_of(component, "I was a doctor")
    assert entity["ambiguous"] is True and len(entity["occupation_codes"]) >= 2


def test_keeps_other_extractors_entities_and_skips_payloads(component):
    message = Message(
        data={"text": "tell me about nurses", "entities": [{"entity": "cluster", "value": "x", "start": 0, "end": 1}]}
    )
    [message] = component.process([message])
    assert [e["entity"] for e in message.get("entities")] == ["cluster", "role"]
    assert entities_of(component, '/choose_occupation{"occupation_code":"29-1141.00"}') == []
    assert entities_of(component, "hello there") == []


@pytest.fixture(scope="module")
def guard(tmp_path_factory):
    from adapters.components.catalogue_entities import TitleIntentGuard

    storage = LocalModelStorage(tmp_path_factory.mktemp("guard"))
    context = ExecutionContext(GraphSchema({}), "test-model")
    return TitleIntentGuard.create(TitleIntentGuard.get_default_config(), storage, Resource("guard"), context)


def classify(component, guard, text: str, intent: str) -> dict:
    [message] = component.process([Message(data={"text": text, "intent": {"name": intent, "confidence": 0.6}})])
    [message] = guard.process([message])
    return message.get("intent")


@pytest.mark.parametrize(
    "text",
    [
        "attorney",
        "drywall installer",
        "I'm a tour guide",
        "realtor",
        "I'm a counselor",
        "I work on the help desk",
        "I write code all day",
    ],
)
def test_a_bare_title_is_a_role_whatever_small_talk_intent_was_guessed(component, guard, text):
    intent = classify(component, guard, text, "greet")
    assert intent["name"] == "liked_role" and intent["overridden"] == "greet"


@pytest.mark.parametrize(
    "text, intent",
    [
        ("can I talk to a career counselor please", "request_counselor"),
        ("I want to speak to a counselor", "request_counselor"),
        ("thanks, that helps", "thank"),
        ("doctor", "greet"),  # ambiguous titles are left to the usual flow
        ("I was a cashier and hated it", "disliked_role"),
    ],
)
def test_requests_and_other_intents_are_kept(component, guard, text, intent):
    assert classify(component, guard, text, intent)["name"] == intent


def test_entities_that_cannot_be_their_type_are_dropped(tmp_path_factory):
    from adapters.components.entity_values import EntityValueGuard

    storage = LocalModelStorage(tmp_path_factory.mktemp("model-values"))
    context = ExecutionContext(GraphSchema({}), "test-model")
    values = EntityValueGuard.create(EntityValueGuard.get_default_config(), storage, Resource("values"), context)
    found = [
        {"entity": "cluster", "value": "Maria Gonzalez"},
        {"entity": "target_code", "value": "04/12/1990"},
        {"entity": "occupation_code", "value": "29-1141.00"},
        {"entity": "cluster", "value": "Health Science"},
        {"entity": "role", "value": "nurse"},
    ]
    [message] = values.process(
        [Message(data={"text": "my name is Maria Gonzalez, born 04/12/1990", "entities": found})]
    )
    assert [e["value"] for e in message.get("entities")] == ["29-1141.00", "Health Science", "nurse"]


@pytest.mark.parametrize(
    "text, guessed",
    [
        ("tax accountant in Leeds, mostly small businesses", "out_of_scope"),
        ("bus driver for the city, 12 years, my knees are done", "out_of_scope"),
        ("former paramedic, back injury ended it", "nlu_fallback"),
        ("night shift security guard at a warehouse", "out_of_scope"),
        ("I'm a child protection social worker and the caseload is brutal", "out_of_scope"),
        ("veterinary nurse at a small animal clinic, six years", "interest"),
        ("warehouse supervisor for a grocery chain", "describe_cluster"),
    ],
)
def test_a_message_that_opens_with_a_job_title_is_about_that_job(component, guard, text, guessed):
    assert classify(component, guard, text, guessed)["name"] == "liked_role"


@pytest.mark.parametrize(
    "text, intent",
    [
        ("tell me a joke about lawyers", "out_of_scope"),
        ("what's the weather like for a farmer today", "out_of_scope"),
        ("how do I go from nurse to midwife", "how_to_move"),
        ("tell me about the health science cluster", "describe_cluster"),
        ("I love working with numbers", "interest"),
    ],
)
def test_questions_that_mention_a_title_keep_their_intent(component, guard, text, intent):
    assert classify(component, guard, text, intent)["name"] == intent


def test_the_rasa_side_reads_work_descriptions_without_the_meaning_index(tmp_path):
    """The guard runs in the Rasa server: deciding that "I write code all day" describes
    work must not load the sentence model and the embedded catalogue there (hundreds of
    MB per replica, docs/benchmarks.md), only the action server holds them. A fresh
    process, because other tests build the shared matcher's meaning index in this one."""
    script = """
import sys
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from adapters.components.catalogue_entities import CatalogueEntityExtractor, TitleIntentGuard
from bot.catalogue import shared_catalogue
from bot.matching import matcher_for

storage = LocalModelStorage(sys.argv[1])
context = ExecutionContext(GraphSchema({}), "test-model")
made = [c.create(c.get_default_config(), storage, Resource(c.__name__), context)
        for c in (CatalogueEntityExtractor, TitleIntentGuard)]
for text in ["I write code all day", "I prune trees and mow lawns", "hello there"]:
    messages = [Message(data={"text": text, "intent": {"name": "greet", "confidence": 0.6}})]
    for component in made:
        messages = component.process(messages)
    print(messages[0].get("intent")["name"])
matcher = matcher_for(shared_catalogue())
import gc
vectors = getattr(matcher, "_vectors", None)
encoders = [o for o in gc.get_objects() if type(o).__name__ == "SentenceEncoder"]
print(matcher._semantic is None, vectors is None or "table" not in vars(vectors), len(encoders))
"""
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.split()
    assert lines[:2] == ["liked_role", "liked_role"] and lines[2] == "greet"
    assert lines[3:] == ["True", "True", "0"], "the Rasa side built the meaning index"

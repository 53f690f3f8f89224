"""The unreadable-message guard, trained, persisted and loaded the way Rasa does it."""

from __future__ import annotations

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from adapters.components.unreadable import UnreadableMessageGuard


@pytest.fixture(scope="module")
def guard(tmp_path_factory):
    storage = LocalModelStorage(tmp_path_factory.mktemp("model"))
    resource = Resource("unreadable")
    context = ExecutionContext(GraphSchema({}), "test-model")
    config = UnreadableMessageGuard.get_default_config()
    examples = [Message(data={"text": text, "intent": "thank"}) for text in ("thx", "ty", "thank you")]
    UnreadableMessageGuard.create(config, storage, resource, context).train(TrainingData(examples))
    return UnreadableMessageGuard.load(config, storage, resource, context)


def intent_after(guard, text: str, intent: str = "thank") -> str:
    message = Message(data={"text": text, "intent": {"name": intent, "confidence": 0.97}})
    [message] = guard.process([message])
    return message.get("intent")["name"]


@pytest.mark.parametrize(
    "text", ["qwerty uiop", "blorp zzzt", "Je suis infirmière et j'adore mon travail", "我是一名护士"]
)
def test_unreadable_messages_go_to_the_fallback(guard, text):
    assert intent_after(guard, text) == "nlu_fallback"


@pytest.mark.parametrize(
    "text",
    [
        "thx",  # only known from the training examples
        "phlebotomist",  # only known from the catalogue
        "I was a nurse",
        "🙂",
        "/thank",
    ],
)
def test_readable_messages_keep_their_intent(guard, text):
    assert intent_after(guard, text) == "thank"

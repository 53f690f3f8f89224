"""adapters/components/diet.py: the Rasa server loads DIET without Rasa's training step,
and predicts exactly what Rasa's own loader would."""

from __future__ import annotations

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.nlu.classifiers.diet_classifier import DIET
from rasa.utils.tensorflow.models import RasaModel

from adapters.components.diet import PredictionDIET, QuickLoadDIETClassifier


def assert_same(quick, reference, where="output") -> None:
    if isinstance(reference, dict):
        assert quick.keys() == reference.keys(), where
        for key in reference:
            assert_same(quick[key], reference[key], f"{where}[{key}]")
    else:
        np.testing.assert_array_equal(np.asarray(quick), np.asarray(reference), err_msg=where)


def test_the_quick_loader_predicts_exactly_what_rasas_loader_does(model, tmp_path, monkeypatch):
    storage, metadata = LocalModelStorage.from_model_archive(tmp_path / "storage", model)
    nodes = [node for node in metadata.predict_schema.nodes.values() if node.uses is QuickLoadDIETClassifier]
    assert len(nodes) == 1, "config.yml's pipeline should use the quick-loading DIET"
    [node] = nodes
    context = ExecutionContext(metadata.predict_schema, metadata.model_id)
    config = {**QuickLoadDIETClassifier.get_default_config(), **node.config}  # as Rasa's graph merges them

    # Both loaders end with a prediction on the example the model was saved with.
    predictions = []
    predict = RasaModel.run_inference

    def recorded(self, *args, **kwargs):
        predictions.append(predict(self, *args, **kwargs))
        return predictions[-1]

    monkeypatch.setattr(RasaModel, "run_inference", recorded)
    monkeypatch.setattr(PredictionDIET, "fit", lambda *_, **__: pytest.fail("the quick loader ran a training step"))
    quick = QuickLoadDIETClassifier.load(config, storage, node.resource, context)
    assert type(quick.model) is PredictionDIET

    monkeypatch.setattr(QuickLoadDIETClassifier, "model_class", staticmethod(lambda: DIET))
    reference = QuickLoadDIETClassifier.load(config, storage, node.resource, context)
    assert type(reference.model) is DIET

    assert len(predictions) == 2
    assert_same(*predictions)

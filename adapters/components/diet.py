"""Rasa's DIETClassifier, loaded for prediction without a training step.

To load a trained DIET, Rasa 3.6 compiles the model with an optimizer and fits it on one
example, only so that every weight exists before it reads the saved ones
(`RasaModel.load`). Tracing that training step (the intent and entity losses, the
gradients, the optimizer's slots) is most of the Rasa server's start-up, about 20 of its
35 seconds here, and the traced graphs and slots stay in memory, about 450 MB of the
server's 1.7 GB (docs/benchmarks.md). A server only predicts: here the saved weights are
read first and restored as the prediction pass creates its variables, and the optimizer's
slots are left in the file. Training, and fine-tuning (which needs those slots), are
Rasa's own. tests/nlu/test_diet_loading.py checks that both loaders give the same parse.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.diet_classifier import DIET, DIETClassifier
from rasa.utils.tensorflow.model_data import RasaModelData
from rasa.utils.tensorflow.models import RasaModel


class PredictionDIET(DIET):
    """DIET whose `load` builds only what prediction uses."""

    @classmethod
    def load(
        cls,
        model_file_name: str,
        model_data_example: RasaModelData,
        predict_data_example: RasaModelData | None = None,
        finetune_mode: bool = False,
        *args: Any,
        **kwargs: Any,
    ) -> RasaModel:
        if finetune_mode or predict_data_example is None:
            return super().load(
                model_file_name, model_data_example, predict_data_example, finetune_mode, *args, **kwargs
            )
        model = cls(*args, **kwargs)
        # Restored as they are created (TensorFlow's deferred restoration): the prediction
        # pass below creates every variable prediction needs.
        restoring = model.load_weights(model_file_name)
        model.run_inference(predict_data_example)
        # Every variable the model made must have come from the file: a weight left at its
        # random start would fail here rather than answer wrongly.
        restoring.assert_existing_objects_matched()
        restoring.expect_partial()  # the optimizer's slots, unused
        return model


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR],
    is_trainable=True,
)
class QuickLoadDIETClassifier(DIETClassifier):
    """DIETClassifier, trained the same way, loaded without a training step."""

    @staticmethod
    def model_class() -> type[RasaModel]:
        return PredictionDIET

#!/usr/bin/env bash
# Speed and accuracy figures: the engine, NLU intent/entity F1 on the held-out set, the
# message and conversation sets through the live assistant, speed against Rasa's floor
# and of the cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var/results

echo "== engine"
.venv/bin/python scripts/bench_engine.py | tee var/results/engine.txt

echo "== NLU on the held-out set (tests/nlu/holdout.yml, never used for training)"
model=$(bash scripts/model.sh)
rm -rf var/results/nlu
.venv/bin/rasa test nlu --model "$model" --nlu tests/nlu/holdout.yml --out var/results/nlu >var/results/nlu.log 2>&1
.venv/bin/python - <<'PY'
import json
from pathlib import Path

results = Path("var/results/nlu")
intents = json.loads((results / "intent_report.json").read_text())
print(f"  intent F1 (weighted): {intents['weighted avg']['f1-score']:.3f}   accuracy: {intents['accuracy']:.3f}   examples: {intents['weighted avg']['support']}")
worst = sorted((v["f1-score"], k) for k, v in intents.items() if isinstance(v, dict) and "f1-score" in v and k not in ("weighted avg", "macro avg", "micro avg"))[:3]
print("  lowest intents: " + ", ".join(f"{k} {f:.2f}" for f, k in worst))
entity_report = results / "QuickLoadDIETClassifier_report.json"
if entity_report.exists():
    entities = json.loads(entity_report.read_text())
    avg = entities.get("weighted avg") or entities.get("micro avg") or {}
    print(f"  entity F1 (weighted, DIET): {avg.get('f1-score', float('nan')):.3f}   examples: {avg.get('support', 0)}")
PY

echo "== message sets through the live assistant"
if [[ -n ${CASES:-} ]]; then
  # CASES=path/to/set.yaml make bench: any file in the format of ../shared/eval (or a TSV).
  read -r -a sets <<<"$CASES"
else
  echo "   bench/devset.tsv, bench/fresh.yaml, bench/fresh2.yaml and bench/fresh4.yaml are development sets"
  echo "   (tuned on: not test figures);"
  echo "   bench/heldout.yaml was written by an independent helper and only checked against;"
  echo "   ../shared/eval/chat_public.yaml is a test set written by others (when present)."
  sets=(bench/devset.tsv bench/fresh.yaml bench/fresh2.yaml bench/fresh4.yaml bench/heldout.yaml)
  [[ -f ../shared/eval/chat_public.yaml ]] && sets+=(../shared/eval/chat_public.yaml)
fi
.venv/bin/python scripts/bench_devset.py "$model" "${sets[@]}" | tee var/results/messages.txt

echo "== conversations through the live assistant (REST, action server)"
if [[ -n ${CONVERSATIONS:-} ]]; then
  # CONVERSATIONS=path/to/set.yaml make bench: any file of the bench/conversations.yaml format.
  read -r -a conversation_sets <<<"$CONVERSATIONS"
else
  echo "   bench/conversations.yaml and bench/conversations_fresh4.yaml are development sets (their"
  echo "   failures were read and fixed);"
  echo "   bench/conversations_heldout.yaml and bench/conversations_fresh3.yaml were written by other"
  echo "   independent helpers and are only scored."
  conversation_sets=(bench/conversations.yaml bench/conversations_fresh4.yaml bench/conversations_heldout.yaml
    bench/conversations_fresh3.yaml)
fi
.venv/bin/python scripts/bench_conversations.py "$model" "${conversation_sets[@]}" | tee var/results/conversations.txt

echo "== against Rasa's floor: moodbot (rasa init, this venv) and the assistant, one process each, SQLite"
.venv/bin/python scripts/bench_floor.py "$model" --write-docs | tee var/results/floor.txt

echo "== make cluster: 1 and 2 replicas behind nginx (PostgreSQL, Redis, RabbitMQ)"
if (exec 3<>/dev/tcp/127.0.0.1/5432 && exec 4<>/dev/tcp/127.0.0.1/6379 && exec 5<>/dev/tcp/127.0.0.1/5672) 2>/dev/null; then
  .venv/bin/python scripts/bench_cluster.py "$model" | tee var/results/cluster.txt
else
  echo "   skipped: PostgreSQL, Redis or RabbitMQ is not running on 127.0.0.1"
fi

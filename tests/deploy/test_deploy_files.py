"""The deployment files, checked offline (no image can be built on these machines): the
Dockerfile linted, the Kubernetes manifests validated against the API's schemas, and the
compose file, the manifests and `make cluster` kept in agreement."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
from dataclasses import fields
from pathlib import Path

import pytest
import yaml

from bot.settings import SECRETS, Settings
from tests.conftest import ROOT
from tests.engine.test_architecture import PACKAGES

DEPLOY = ROOT / "deploy"
TOOLS = ROOT / ".venv-deploy" / "bin"
SETTINGS = {field.name.upper() for field in fields(Settings)}
# Read by Rasa, Python or the images themselves rather than by bot/settings.py.
OTHERS = {"POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD", "RABBITMQ_DEFAULT_USER", "RABBITMQ_DEFAULT_PASS"}
KUBERNETES = "1.30.0"


def tool(name: str) -> str:
    path = TOOLS / name
    if not path.exists():
        pytest.skip(f"{path} is missing: `make setup-dev` installs requirements-deploy.lock there")
    return str(path)


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=ROOT, input=stdin, capture_output=True, text=True, timeout=120)


def manifests() -> list[dict]:
    return [doc for path in sorted((DEPLOY / "k8s").glob("*.yaml")) for doc in yaml.safe_load_all(path.read_text())]


def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yml").read_text())


def render_nginx():
    """deploy/render_nginx.py, a script rather than a module of a package."""
    spec = importlib.util.spec_from_file_location("render_nginx", DEPLOY / "render_nginx.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_dockerfile_lints_clean_and_the_linter_can_fail():
    hadolint = tool("hadolint")
    result = run(hadolint, str(DEPLOY / "Dockerfile"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert run(hadolint, "-", stdin="FROM python:latest\nRUN apt-get install gcc\n").returncode != 0


def test_the_image_holds_every_package_and_runs_as_a_non_root_user():
    text = (DEPLOY / "Dockerfile").read_text()
    for package in PACKAGES:
        assert f"COPY {package}/ {package}/" in text
    assert re.search(r"^USER 10001:10001$", text, re.M) and "requirements-dev.lock" not in text
    assert re.search(r"^FROM python:3\.10\.\d+-slim-\w+$", text, re.M), "a pinned base image"


def test_the_manifests_validate_against_kubernetes_and_the_validator_can_fail():
    validate = tool("kubernetes-validate")
    files = [str(p) for p in sorted((DEPLOY / "k8s").glob("*.yaml"))]
    result = run(validate, "--strict", "-k", KUBERNETES, *files)
    assert result.returncode == 0, result.stdout + result.stderr
    broken = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {replicas: two}\n"
    assert run(validate, "--strict", "-k", KUBERNETES, "/dev/stdin", stdin=broken).returncode != 0


def test_the_manifests_set_only_known_settings_and_take_secrets_from_a_secret():
    kinds = {doc["kind"] for doc in manifests()}
    assert {"Deployment", "Service", "Ingress", "HorizontalPodAutoscaler", "ConfigMap"} <= kinds
    assert "Secret" not in kinds, "secrets are referenced, never committed"
    [config] = [doc for doc in manifests() if doc["kind"] == "ConfigMap"]
    assert set(config["data"]) <= SETTINGS and not set(config["data"]) & {s.upper() for s in SECRETS}
    for doc in manifests():
        if doc["kind"] != "Deployment":
            continue
        for container in doc["spec"]["template"]["spec"]["containers"]:
            for variable in container.get("env", []):
                assert variable["name"] in SETTINGS, variable["name"]
                if variable["name"].lower() in SECRETS:
                    assert "secretKeyRef" in variable.get("valueFrom", {}), variable["name"]


def test_socketio_is_sticky_and_only_the_chat_faces_the_internet():
    ingresses = {doc["metadata"]["name"]: doc for doc in manifests() if doc["kind"] == "Ingress"}
    paths = {
        path["path"]: ingress["metadata"].get("annotations", {})
        for ingress in ingresses.values()
        for rule in ingress["spec"]["rules"]
        for path in rule["http"]["paths"]
    }
    assert set(paths) == {"/webhooks", "/socket.io"}
    assert paths["/socket.io"]["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert "nginx.ingress.kubernetes.io/affinity" not in paths["/webhooks"]
    services = [doc for doc in manifests() if doc["kind"] == "Service"]
    assert all(doc["spec"].get("type", "ClusterIP") == "ClusterIP" for doc in services)


def test_compose_runs_what_make_cluster_runs():
    services = compose()["services"]
    assert set(services) == {
        "nginx", "rasa-1", "rasa-2", "actions-1", "actions-2", "review", "consumer", "postgres", "redis", "rabbitmq"
    }  # fmt: skip
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"nginx", "review"} and services["review"]["ports"][0].startswith("127.0.0.1:")
    cluster = (ROOT / "scripts" / "cluster.sh").read_text()
    for name in ("rasa-1", "rasa-2"):
        service = services[name]
        assert service["command"][:3] == ["python", "-m", "adapters.server"]
        assert "deploy/endpoints.cluster.yml" in service["command"] and "deploy/endpoints.cluster.yml" in cluster
        env = service["environment"]
        assert env["TRACKER_DIALECT"] == "postgresql" and env["CHAT_TRUST_PROXY"] == "1"
        assert env["ACTION_URL"] == f"http://actions-{name[-1]}:5055/webhook"
    assert "review consume" in cluster and services["consumer"]["command"] == ["python", "-m", "review", "consume"]
    assert "REVIEW_SUMMARIES=1" in cluster and services["review"]["environment"]["REVIEW_SUMMARIES"] == "1"
    for name, service in services.items():
        for variable, value in (service.get("environment") or {}).items():
            assert variable in SETTINGS | OTHERS, (name, variable)
            if variable.lower() in SECRETS | {"postgres_password", "rabbitmq_default_pass"}:
                assert str(value).startswith("${"), f"{name}: {variable} must come from the environment"


def test_compose_nginx_is_the_template_rendered_for_its_services():
    expected = render_nginx().render("8080", "/tmp", ["rasa-1:5005", "rasa-2:5005"], Settings().chat_max_body_bytes)
    assert (DEPLOY / "compose" / "nginx.conf").read_text() == expected


def test_nginx_accepts_the_rendered_configuration(tmp_path):
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if nginx is None:
        pytest.skip("nginx is not installed (make cluster installs Debian's package)")
    conf = render_nginx().render("8080", str(tmp_path), ["127.0.0.1:1", "127.0.0.1:2"], 1024)
    (tmp_path / "nginx.conf").write_text(conf)
    result = run(nginx, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"))
    assert result.returncode == 0, result.stderr

"""The committed catalogue: complete, valid, rebuilt byte for byte from the sources."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.catalogue import CatalogueError, load_catalogue
from bot.catalogue.loader import DEFAULT_DIR
from tests.conftest import ROOT, SHARED_DATA


def test_has_every_onet_occupation(catalogue):
    assert len(catalogue.occupations) == 1016
    assert catalogue.occupations["29-1141.00"].title == "Registered Nurses"


def test_every_occupation_has_a_cluster(catalogue):
    missing = [o.code for o in catalogue.occupations.values() if not o.clusters]
    assert missing == []
    assert all(name in catalogue.clusters for o in catalogue.occupations.values() for name in o.clusters)


def test_fourteen_clusters_with_sub_clusters_and_descriptions(catalogue):
    assert len(catalogue.clusters) == 14
    subs = {(c.name, s.name) for c in catalogue.clusters.values() for s in c.sub_clusters}
    # The 2024 crosswalk lists 71 distinct sub-clusters (one is spelt twice, in two cases).
    assert len(subs) == 71
    assert all(len(c.description) > 40 for c in catalogue.clusters.values())
    assert all(len(s.description) > 20 for c in catalogue.clusters.values() for s in c.sub_clusters)


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Health Science", "Healthcare & Human Services"),
        ("the Health Science cluster", "Healthcare & Human Services"),
        ("IT cluster", "Digital Technology"),
        ("Information Technology", "Digital Technology"),
        ("Finance", "Financial Services"),
        ("Digital Technology", "Digital Technology"),
        ("Law, Public Safety, Corrections & Security", "Public Service & Safety"),
        ("Therapeutic Services", "Healthcare & Human Services"),
    ],
)
def test_classic_names_and_pathways_resolve(catalogue, name, expected):
    assert catalogue.cluster(name).name == expected


def test_no_programme_of_study_is_the_crosswalks_no_match_placeholder(catalogue):
    # The crosswalk writes "99.9999 NO MATCH" where no programme leads to a job; shown to a
    # person it read as "Programmes of study: NO MATCH (CIP 99.9999)".
    listed = {cip for occupation in catalogue.occupations.values() for cip, _ in occupation.programs}
    assert "99.9999" not in listed and len(listed) > 1000


def test_occupation_fields_come_from_the_sources(catalogue):
    nurse = catalogue.occupations["29-1141.00"]
    assert nurse.job_zone == 4
    assert nurse.education == "Bachelor's degree"
    assert nurse.median_wage == 93600
    assert nurse.bright_outlook
    assert nurse.riasec["Social"] > nurse.riasec["Artistic"]
    assert ("51.3801", "Registered Nursing/Registered Nurse") in nurse.programs
    assert nurse.skills["Active Listening"][0] >= 3
    assert "29-1171.00" in {c for c, _ in nurse.related}, "Nurse Practitioners are a related occupation"
    titles = [t.title for t in nurse.alternate_titles]
    assert len(titles) == len({t.lower() for t in titles}), "alternate titles are deduplicated"


def test_bls_aggregate_codes_are_expanded(catalogue):
    # 29-2012 sits under the BLS aggregate 29-2010 in the crosswalk and projections.
    tech = catalogue.occupations["29-2012.00"]
    assert tech.clusters and tech.median_wage


def test_attribution_file_carries_the_licence_wording():
    text = (DEFAULT_DIR / "SOURCES.md").read_text()
    assert "CC BY 4.0" in text and "USDOL/ETA" in text
    assert "has modified all or some of this information" in text
    assert "Advance CTE" in text and "Bureau of Labor Statistics" in text


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "catalogue"
    shutil.copytree(DEFAULT_DIR, target)
    return target


def test_loader_names_file_entry_and_problem(tmp_path):
    folder = _copy(tmp_path)
    path = folder / "occupations.yml"
    text = path.read_text()
    path.write_text(text.replace("  job_zone: 3\n", "  job_zone: 9\n", 1))
    with pytest.raises(CatalogueError) as error:
        load_catalogue(folder)
    message = str(error.value)
    assert "occupations.yml" in message and "job_zone" in message and "occupation #" in message


def test_loader_rejects_unknown_cluster(tmp_path):
    folder = _copy(tmp_path)
    path = folder / "occupations.yml"
    path.write_text(
        path.read_text().replace("Healthcare & Human Services / Physical Health", "Nowhere / Physical Health", 1)
    )
    with pytest.raises(CatalogueError, match="Nowhere"):
        load_catalogue(folder)


def test_loader_reports_broken_yaml(tmp_path):
    folder = _copy(tmp_path)
    (folder / "clusters.yml").write_text("clusters: [unclosed\n")
    with pytest.raises(CatalogueError, match="clusters.yml: not valid YAML"):
        load_catalogue(folder)


def test_loader_reports_missing_file(tmp_path):
    with pytest.raises(CatalogueError, match="file not found"):
        load_catalogue(tmp_path)


@pytest.mark.slow  # reads every Excel and text source: `make test` runs it
@pytest.mark.skipif(not (SHARED_DATA / "onet").is_dir(), reason=f"no source data at {SHARED_DATA}")
def test_rebuild_from_sources_is_byte_identical(tmp_path):
    from bot.catalogue.build import build, write

    written = write(build(SHARED_DATA), tmp_path)
    assert written
    for path in written:
        committed = ROOT / "data" / "catalogue" / path.name
        assert path.read_bytes() == committed.read_bytes(), f"{path.name} differs: run `make catalogue`"


def test_every_regional_title_has_a_source_and_a_real_occupation(tmp_path):
    raw = yaml.safe_load((DEFAULT_DIR / "regional_titles.yml").read_text())["regional_titles"]
    assert raw and all(entry["source"].strip() and "http" in entry["source"] for entry in raw)
    folder = _copy(tmp_path)
    path = folder / "regional_titles.yml"
    path.write_text(path.read_text().replace("code: 47-2031.00", "code: 99-9999.00", 1))
    with pytest.raises(CatalogueError, match="regional_titles.yml: entry #1: unknown occupation code"):
        load_catalogue(folder)
    path.write_text("regional_titles:\n  - {title: chippy, code: 47-2031.00}\n")
    with pytest.raises(CatalogueError, match="needs a title, a code and a source"):
        load_catalogue(folder)

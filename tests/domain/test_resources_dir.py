"""Shipped data files are found from a checkout or an install, and a missing folder is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from ptlog.domain import resources


def test_resources_found_and_parsed() -> None:
    folder = resources.resources_dir()
    assert (folder / "catalog.json").is_file()
    assert resources.resource_path("norms.json") == folder / "norms.json"
    data = resources.load_json("targets.json")
    assert data is resources.load_json("targets.json")  # parsed once per process
    assert {t["key"] for t in data["targets"]} >= {"walking", "pitching"}


def test_missing_resources_folder_says_where_it_looked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(resources, "_PACKAGE_DIR", tmp_path / "pkg")
    resources.resources_dir.cache_clear()
    try:
        with pytest.raises(FileNotFoundError, match="reinstall ptlog") as info:
            resources.resources_dir()
        assert str(tmp_path / "pkg" / "resources") in str(info.value)
    finally:
        resources.resources_dir.cache_clear()

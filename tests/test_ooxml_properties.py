"""The language a workbook records in its core properties, read through the OOXML layer."""

from __future__ import annotations

import zipfile

import pytest

from sbt_xl.cli.common import recorded_language as cli_language
from sbt_xl.report.page import workbook_language
from sbt_xl.workbook.ooxml.properties import recorded_language

CORE = ('<?xml version="1.0" encoding="UTF-8"?>'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:{p}="http://purl.org/dc/elements/1.1/">'
        '<{p}:title>t</{p}:title><{p}:language>{lang}</{p}:language></cp:coreProperties>')


def _zip(path, members):
    with zipfile.ZipFile(path, "w") as z:
        for name, text in members.items():
            z.writestr(name, text)
    return path


@pytest.mark.parametrize(("prefix", "lang", "recorded", "cli", "report"), [
    ("dc", "ja-JP", "ja-JP", "ja", "ja"),
    ("dc", " en-US\n", "en-US", "en", "en"),
    ("d", "JA", "JA", "ja", "ja"),  # any prefix bound to Dublin Core, any case
    ("dc", "fr-FR", "fr-FR", None, "en"),  # a language sbt-xl has no messages in
    ("dc", "", None, None, "en"),
])
def test_the_recorded_language(tmp_path, prefix, lang, recorded, cli, report):
    path = _zip(tmp_path / "b.xlsx", {"docProps/core.xml": CORE.format(p=prefix, lang=lang)})
    assert recorded_language(path) == recorded
    assert cli_language(path) == cli
    assert workbook_language(path) == report


def test_a_language_in_another_namespace_is_not_the_documents(tmp_path):
    core = CORE.format(p="dc", lang="ja").replace("purl.org/dc/elements/1.1/", "example.com/x")
    assert recorded_language(_zip(tmp_path / "b.xlsx", {"docProps/core.xml": core})) is None


@pytest.mark.parametrize("members", [
    {},  # no core properties
    {"docProps/core.xml": "<cp:coreProperties"},  # malformed
    {"docProps/core.xml": '<!DOCTYPE x [<!ENTITY e "ja">]>' + CORE.format(p="dc", lang="&e;")},
])
def test_unreadable_properties_record_no_language(tmp_path, members):
    path = _zip(tmp_path / "b.xlsx", members)
    assert recorded_language(path) is None
    assert workbook_language(path) == "en"


def test_a_file_that_is_not_a_zip_records_no_language(tmp_path):
    (tmp_path / "b.xlsx").write_bytes(b"not a zip")
    assert recorded_language(tmp_path / "b.xlsx") is None
    assert recorded_language(tmp_path / "missing.xlsx") is None

"""No report of the app is, or becomes, a prepared report that waits for a background worker."""

import ast
import json
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "qh_legal_service"
REPORT_FILES = sorted(path for path in APP.glob("*/report/*/*.json") if path.stem == path.parent.name)


def test_the_app_has_its_reports():
	assert len(REPORT_FILES) >= 12


@pytest.mark.parametrize("path", REPORT_FILES, ids=lambda p: p.stem)
def test_report_answers_directly(path):
	report = json.loads(path.read_text(encoding="utf-8"))
	assert report["doctype"] == "Report"
	assert report["prepared_report"] == 0
	assert report["disable_prepared_report"] == 1


def test_frappe_report_class_is_the_one_without_the_prepared_report_timer():
	hooks = {}
	exec(compile(APP.joinpath("hooks.py").read_text(encoding="utf-8"), "hooks.py", "exec"), hooks)
	assert hooks["override_doctype_class"]["Report"] == "qh_legal_service.direct_reports.DirectReport"
	module = ast.parse(APP.joinpath("direct_reports.py").read_text(encoding="utf-8"))
	classes = {node.name: node for node in module.body if isinstance(node, ast.ClassDef)}
	methods = {node.name for node in classes["DirectReport"].body if isinstance(node, ast.FunctionDef)}
	assert methods == {"execute_script_report"}


def test_existing_sites_unmark_the_reports_frappe_marked():
	patches = APP.joinpath("patches.txt").read_text(encoding="utf-8").split()
	assert "qh_legal_service.patches.reports_answer_directly" in patches

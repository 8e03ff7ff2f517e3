"""The desk's declared composite indexes name real fields of each doctype, in the order the paths need."""

import json
from pathlib import Path

import pytest

from qh_legal_service.rules.desk_indexes import (
	DESK_COLUMNS,
	DESK_INDEXES,
	DESKS,
	DUE_COLUMNS,
	desk_index_name,
)
from qh_legal_service.rules.services import SERVICES

APP = Path(__file__).resolve().parent.parent / "qh_legal_service"
DOCTYPES = {
	meta["name"]: meta
	for meta in (json.loads(p.read_text(encoding="utf-8")) for p in APP.glob("*/doctype/*/*.json"))
	if meta.get("doctype") == "DocType"
}
# Columns every Frappe table has without a field in the JSON.
STANDARD_COLUMNS = {"name", "creation", "modified", "owner", "modified_by", "docstatus", "idx"}


def fieldnames(doctype: str) -> set[str]:
	return {field["fieldname"] for field in DOCTYPES[doctype]["fields"]}


@pytest.mark.parametrize("doctype", sorted(DESK_INDEXES))
def test_every_indexed_column_is_a_field_of_the_doctype(doctype):
	assert doctype in DOCTYPES
	known = fieldnames(doctype) | STANDARD_COLUMNS
	for name, columns in DESK_INDEXES[doctype].items():
		assert set(columns) <= known, (name, set(columns) - known)
		assert len(set(columns)) == len(columns), name
		# MariaDB index names are at most 64 characters.
		assert len(name) <= 64


@pytest.mark.parametrize("doctype", sorted(DESK_INDEXES))
def test_scoped_indexes_start_with_the_scope_column_then_the_state(doctype):
	desk = DESKS[doctype]
	indexes = DESK_INDEXES[doctype]
	for column in DESK_COLUMNS:
		assert indexes[desk_index_name(column, desk)][:2] == (column, desk.state_field)
	for column in DUE_COLUMNS:
		if desk.due_field:
			assert indexes[f"{column}_due_index"] == (column, "current_due")
	assert indexes["state_desk_index"][0] == desk.state_field


def test_a_status_desk_index_takes_the_name_of_the_area_status_index():
	"""scoping.add_area_indexes names (column, status) so; the desk index widens that one index."""
	assert DESK_INDEXES["Legal Consultation"]["county_status_index"] == (
		"county",
		"status",
		"worker",
		"language",
	)
	assert DESK_INDEXES["Satisfaction Evaluation"]["county_status_index"] == ("county", "status")
	assert "county_desk_index" not in DESK_INDEXES["Legal Consultation"]


def test_the_state_field_is_the_services_own():
	for doctype, desk in DESKS.items():
		if doctype in SERVICES:
			assert desk.state_field == SERVICES[doctype].state_field, doctype
		assert desk.state_field in fieldnames(doctype)


def test_every_declared_service_with_a_desk_has_its_indexes():
	"""Every service the case mechanism runs is listed, except Service Order, indexed by its own module."""
	assert set(SERVICES) - set(DESKS) == {"Service Order"}
	assert set(DESK_INDEXES) == set(DESKS)


def test_the_legal_aid_desk_indexes_exactly():
	assert DESK_INDEXES["Legal Aid Application"] == {
		"prefecture_desk_index": (
			"prefecture",
			"workflow_state",
			"assigned_worker",
			"preferred_language",
			"entitled_group",
		),
		"prefecture_due_index": ("prefecture", "current_due"),
		"county_desk_index": (
			"county",
			"workflow_state",
			"assigned_worker",
			"preferred_language",
			"entitled_group",
		),
		"county_due_index": ("county", "current_due"),
		"township_due_index": ("township", "current_due"),
		"township_desk_index": (
			"township",
			"workflow_state",
			"assigned_worker",
			"preferred_language",
			"entitled_group",
		),
		"state_desk_index": ("workflow_state", "assigned_worker", "preferred_language", "entitled_group"),
		"due_index": ("current_due",),
	}


@pytest.mark.parametrize("doctype", sorted(DESKS))
def test_the_list_order_is_the_doctypes_sort_field(doctype):
	assert DESKS[doctype].sort_field == DOCTYPES[doctype].get("sort_field", "modified")


def test_a_list_in_creation_order_is_indexed_at_every_tier():
	indexes = DESK_INDEXES["Hotline Work Order"]
	for column in ("division", "township", "county", "prefecture"):
		assert indexes[f"{column}_creation_index"] == (column, "creation")
	assert indexes["creation_index"] == ("creation",)
	assert "county_creation_index" not in DESK_INDEXES["Legal Aid Application"]

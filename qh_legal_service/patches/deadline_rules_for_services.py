"""The time limits shipped for the services built on the case mechanism (notarization's acceptance,
the order flow's) reach sites installed before them."""

from qh_legal_service.install import load_deadline_rules


def execute():
	"""Add every shipped Deadline Rule the site lacks; rules edited on the site are kept."""
	load_deadline_rules()

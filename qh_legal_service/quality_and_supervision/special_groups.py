"""Special groups across services on the site (§(四) of the seed): records received and step timeliness per group.

Reads only the supervision figures GROUP (a record in the month it was received, once per group it
belongs to, or under "none") and GROUP_STEP (every step it ended, with its deadline and days), one grouped
read per counted service, so the cost grows with groups, not records.
"""

from frappe import _
from frappe.utils import getdate

from qh_legal_service.figures import figure_sums
from qh_legal_service.quality_and_supervision.equalisation import counted_services
from qh_legal_service.rules import special_groups as sg
from qh_legal_service.rules.figures import GROUP, GROUP_STEP, NO_GROUP, average, share
from qh_legal_service.rules.scope import AREA_COLUMN_BY_TIER

# The groups in the order the rows show them: the seed's, then records of none of them.
GROUPS = (*sg.SPECIAL_GROUPS, NO_GROUP)
# The service of a row summing every service.
ALL_SERVICES = ""


def group_services() -> list[str]:
	"""The services whose records carry special groups: the services residents receive."""
	return counted_services()


def special_group_rows(
	division: str | None, from_month, to_month, service: str | None = None, tier: str | None = None
) -> list[dict]:
	"""Per special group (and "none"), per service and for all services: what the reader's area did.

	Rows: group, service ("" for all services), area (the division at `tier`, when given, else None),
	received, steps, timed, in_time, in_time_rate (%), average_days; ordered by area, group, service.
	Whole months from `from_month`'s to `to_month`'s; `division` narrows to one subtree; `service`
	to one service (then there is no all-services row). Without a tier every group has its all-services
	(or its one service's) row, with zeros when nobody of it was served. For the reports and the bulletin.
	"""
	start = getdate(from_month).replace(day=1)
	end = getdate(to_month).replace(day=1)
	area_column = AREA_COLUMN_BY_TIER.get(tier) if tier else None
	services = [service] if service else group_services()
	sums: dict[tuple, dict[str, float]] = {}
	for name in services:
		group_by = [*([area_column] if area_column else []), "figure", "category"]
		for row in figure_sums(name, [GROUP, GROUP_STEP], start, end, group_by, division):
			area = row.get(area_column) if area_column else None
			keys = [(area, row.category, name)]
			if not service:
				keys.append((area, row.category, ALL_SERVICES))
			for key in keys:
				values = sums.setdefault(
					key, {"received": 0, "steps": 0, "timed": 0, "in_time": 0, "days": 0.0}
				)
				if row.figure == GROUP:
					values["received"] += int(row.records or 0)
				else:
					values["steps"] += int(row.records or 0)
					values["timed"] += int(row.timed or 0)
					values["in_time"] += int(row.in_time or 0)
					values["days"] += float(row.days or 0)
	if not area_column:
		# Every group has its line, a group nobody of it was served being a finding too.
		for group in GROUPS:
			sums.setdefault(
				(None, group, service or ALL_SERVICES),
				{"received": 0, "steps": 0, "timed": 0, "in_time": 0, "days": 0.0},
			)
	order = {group: position for position, group in enumerate(GROUPS)}
	service_order = {name: position for position, name in enumerate([*services, ALL_SERVICES])}
	rows = []
	for (area, group, name), values in sorted(
		sums.items(),
		key=lambda item: (
			item[0][0] or "",
			order.get(item[0][1], len(order)),
			item[0][1],
			service_order.get(item[0][2], 0),
		),
	):
		rows.append(
			{
				"area": area,
				"group": group,
				"service": name,
				"received": values["received"],
				"steps": values["steps"],
				"timed": values["timed"],
				"in_time": values["in_time"],
				"in_time_rate": share(values["in_time"], values["timed"]),
				"average_days": average(values["days"], values["steps"]),
			}
		)
	return rows


def service_label(service: str) -> str:
	"""A service's name for a row, translated ("All Services" for the sum of them)."""
	labels = {
		ALL_SERVICES: _("All Services"),
		"Legal Aid Application": _("Legal Aid Application"),
		"Mediation Case": _("Mediation Case"),
		"Notarization Referral": _("Notarization Referral"),
		"Hotline Work Order": _("Hotline Work Order"),
		"Legal Consultation": _("Legal Consultation"),
	}
	return labels.get(service, service)


def group_label(group: str) -> str:
	"""A special group's name, translated ("None of These Groups" for records of none)."""
	labels = {
		sg.ELDERLY: _("Elderly People"),
		sg.MINORS: _("Minors"),
		sg.WOMEN: _("Women"),
		sg.DISABLED: _("People with Disabilities"),
		sg.MIGRANT_WORKERS: _("Migrant Workers"),
		sg.VETERANS: _("Soldiers, Veterans and Entitled Groups"),
		sg.LOW_INCOME: _("People in Economic Hardship"),
		NO_GROUP: _("None of These Groups"),
	}
	return labels.get(group, group)


def tier_label(tier: str | None) -> str:
	"""A tier's name, translated."""
	labels = {
		"Province": _("Province"),
		"Prefecture": _("Prefecture"),
		"County": _("County"),
		"Township": _("Township"),
		"Village": _("Village"),
	}
	return labels.get(tier or "", tier or "")

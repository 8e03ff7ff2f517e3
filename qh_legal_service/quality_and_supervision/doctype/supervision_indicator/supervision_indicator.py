# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

"""One indicator of the list (data/supervision_indicators.json) with the target the province keeps."""

from frappe.model.document import Document


class SupervisionIndicator(Document):
	def validate(self):
		self.mark_target_changed()

	def mark_target_changed(self):
		"""A target that differs from the source's is the province's: a later sync of the list keeps it."""
		self.target_changed = int(
			target_key(self.target, self.target_direction)
			!= target_key(self.source_target, self.source_target_direction)
		)


def target_key(value, direction) -> tuple:
	"""A target as (direction, value); no direction means no target (a Float column cannot be empty)."""
	return (direction, float(value or 0)) if direction else (None, None)

"""Walk the services end to end with the demo's users, over HTTP against the site `scripts/dev-up` serves
(or QHLS_URL): a mediation request and a notarization request from the portal to their end (the citizen
asks, the demo mediator and notary take every step, the citizen downloads the agreement, the certificate
number comes back through the service order), and a 12348 call from intake through transfer to the
township office, completion there, the callback and the caller's survey answered once through its link.
Each record it makes stays on the demo site, as a user's would.

	python3 scripts/demo_walk.py            # http://localhost:8000
	QHLS_URL=http://qhls.localhost:8000 python3 scripts/demo_walk.py
"""

import json
import os
import sys

import requests

BASE = os.environ.get("QHLS_URL", "http://localhost:8000")
PASSWORD = "Qinghai#2026"  # qh_legal_service.demo.DEMO_PASSWORD


def session(user):
	s = requests.Session()
	r = s.post(f"{BASE}/api/method/login", data={"usr": user, "pwd": PASSWORD})
	assert r.ok, (user, r.status_code, r.text[:200])
	return s


def call(s, method, **data):
	r = s.post(
		f"{BASE}/api/method/{method}",
		data={k: (json.dumps(v) if isinstance(v, (dict, list)) else v) for k, v in data.items()},
	)
	if not r.ok:
		print("FAILED", method, r.status_code, r.text[:600])
		sys.exit(1)
	return r.json().get("message")


def get(s, doctype, name):
	return s.get(f"{BASE}/api/resource/{doctype}/{name}").json()["data"]


def act(s, doctype, name, action, **values):
	if values:
		doc = get(s, doctype, name)
		call(s, "frappe.client.set_value", doctype=doctype, name=name, fieldname=values)
	doc = get(s, doctype, name)
	out = call(s, "frappe.model.workflow.apply_workflow", doc=doc, action=action)
	print(
		f"  {action:20} -> {out['workflow_state']:20} step={out.get('current_step')} due={out.get('current_due')}"
	)
	return out


citizen = session("citizen@demo.qh.gov.cn")
mediator = session("mediator@demo.qh.gov.cn")
notary = session("notary@demo.qh.gov.cn")

# Mediation
data = {
	"applicant_name": "卓玛",
	"applicant_phone": "13900000002",
	"preferred_language": "bo",
	"division": "630102001001",
	"other_party_name": "扎西",
	"dispute_type": "Grassland and Pasture Boundaries",
	"dispute_summary": "两家冬季草场的边界有争议。",
	"doctype": "Mediation Case",
	"workflow_state": "Closed",
}
made = call(
	citizen, "frappe.website.doctype.web_form.web_form.accept", web_form="mediation-request", data=data
)
name = made["name"]
print("Mediation requested on the portal by citizen@demo:", name, made.get("workflow_state"))
committee = mediator.get(
	f"{BASE}/api/resource/Legal Service Institution",
	params={
		"filters": json.dumps(
			[["institution_type", "=", "People's Mediation Committee"], ["division", "like", "630102001%"]]
		),
		"limit_page_length": 1,
	},
).json()["data"][0]["name"]
worker = mediator.get(
	f"{BASE}/api/resource/Legal Service Worker",
	params={"filters": json.dumps([["user", "=", "mediator@demo.qh.gov.cn"]])},
).json()["data"][0]["name"]
act(mediator, "Mediation Case", name, "Accept Mediation", committee=committee)
r = mediator.put(f"{BASE}/api/resource/Mediation Case/{name}", json={"mediators": [{"mediator": worker}]})
assert r.ok, r.text[:400]
act(mediator, "Mediation Case", name, "Start Mediation")
act(
	mediator,
	"Mediation Case",
	name,
	"Record Agreement",
	agreement_form="Written",
	facts_and_dispute="冬季草场边界争议。",
	responsibility="双方各半。",
	agreement_terms="以河沟为界。",
	performance_method="双方共同立界桩。",
	performance_deadline="2026-12-20",
	agreement_effective_on="2026-11-26",
	signed_by_parties=1,
	signed_by_mediator=1,
	committee_seal=1,
)
pdf = citizen.get(
	f"{BASE}/api/method/qh_legal_service.service_documents.download_pdf",
	params={"doctype": "Mediation Case", "name": name, "document": "agreement"},
)
word = citizen.get(
	f"{BASE}/api/method/qh_legal_service.service_documents.download_word",
	params={"doctype": "Mediation Case", "name": name, "document": "agreement"},
)
print(
	"  citizen downloads the agreement: PDF",
	pdf.status_code,
	pdf.headers.get("Content-Type"),
	len(pdf.content),
	"bytes; Word",
	word.status_code,
	len(word.content),
	"bytes",
)
act(
	mediator,
	"Mediation Case",
	name,
	"Close Case",
	followed_up_on="2026-12-21",
	performance="Carried Out Fully",
)
page = citizen.get(f"{BASE}/mediation-request/{name}?_lang=bo")
print(
	"  citizen's portal page:",
	page.status_code,
	"in Tibetan:",
	any("\u0f00" <= c <= "\u0fff" for c in page.text),
)

# Notarization
data = {
	"applicant_name": "卓玛",
	"id_number": "11010519491231002X",
	"phone": "13900000002",
	"preferred_language": "bo",
	"division": "630102001001",
	"matter_type": "Inheritance",
	"certificate_language": "Chinese and Tibetan",
	"matter_description": "继承父亲的房屋。",
	"doctype": "Notarization Referral",
	"fee_relief": 1,
}
made = call(
	citizen, "frappe.website.doctype.web_form.web_form.accept", web_form="notarization-request", data=data
)
name = made["name"]
print(
	"Notarization requested on the portal by citizen@demo:",
	name,
	made.get("workflow_state"),
	"fee_relief kept from citizen:",
	made.get("fee_relief"),
)
office = notary.get(
	f"{BASE}/api/resource/Legal Service Institution",
	params={
		"filters": json.dumps([["institution_type", "=", "Notary Office"], ["division", "like", "6301%"]]),
		"limit_page_length": 1,
	},
).json()["data"][0]["name"]
act(notary, "Notarization Referral", name, "Accept Referral", notary_office=office)
act(notary, "Notarization Referral", name, "Issue Certificate", certificate_number="(2026)青西证字第0001号")
act(notary, "Notarization Referral", name, "Return Result")
doc = get(notary, "Notarization Referral", name)
print(
	"  order:",
	doc.get("service_order"),
	"step log:",
	[(r["step"], r["late"]) for r in doc.get("step_log", [])],
)
if doc.get("service_order"):
	order = get(notary, "Service Order", doc["service_order"])
	print(
		"  order status:",
		order["status"],
		"result reference:",
		order.get("result_reference"),
		"trail:",
		[(t.get("outcome")) for t in order.get("hand_overs", order.get("trail", []))],
	)

# 12348 hotline: a call taken, transferred to the township office, completed there, called back, surveyed.
hotline = session("hotline@demo.qh.gov.cn")
township = session("township@demo.qh.gov.cn")
r = hotline.post(
	f"{BASE}/api/resource/Hotline Work Order",
	json={
		"caller_name": "才让",
		"phone": "13900000004",
		"language": "Tibetan",
		"division": "630102001001",
		"matter_type": "Labour and Pay",
		"urgency": "Normal",
		"summary": "工地拖欠工资两个月。",
	},
)
assert r.ok, r.text[:400]
name = r.json()["data"]["name"]
print("Hotline call taken by hotline@demo:", name, r.json()["data"]["workflow_state"])
office = township.get(
	f"{BASE}/api/resource/Legal Service Institution",
	params={
		"filters": json.dumps([["institution_type", "=", "Judicial Office"], ["division", "=", "630102001"]]),
		"limit_page_length": 1,
	},
).json()["data"][0]["name"]
act(hotline, "Hotline Work Order", name, "Transfer", transfer_to=office, transfer_reason="需要司法所调处。")
order_name = get(hotline, "Hotline Work Order", name)["service_order"]
call(township, "qh_legal_service.service_order.accept", order_name=order_name)
call(
	township,
	"qh_legal_service.service_order.complete",
	order_name=order_name,
	result="已联系用工单位，工资已结清。",
)
doc = get(hotline, "Hotline Work Order", name)
print(
	f"  township@demo completes order {order_name} -> work order {doc['workflow_state']}, reply: {doc.get('reply')}"
)
act(hotline, "Hotline Work Order", name, "Record Callback", callback_result="Resolved")
link = call(
	hotline,
	"qh_legal_service.quality_and_supervision.satisfaction.send_survey_link",
	doctype="Hotline Work Order",
	name=name,
)
token = link["url"].split("t=", 1)[1]
guest = requests.Session()
answered = guest.post(
	f"{BASE}/api/method/qh_legal_service.quality_and_supervision.satisfaction.submit_survey",
	data={"token": token, "level": "Very Satisfied", "comment": "ཐུགས་རྗེ་ཆེ།"},
)
again = guest.post(
	f"{BASE}/api/method/qh_legal_service.quality_and_supervision.satisfaction.submit_survey",
	data={"token": token, "level": "Very Dissatisfied"},
)
print(
	f"  survey link answered by the caller: {answered.status_code}; the same link again: {again.status_code}"
)

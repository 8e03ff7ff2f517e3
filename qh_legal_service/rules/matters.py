"""The matter taxonomy shared by every service that records what a citizen's matter is about.

Pure. One list for the 12348 hotline's work orders and for consultations at a window, on the portal
or on the hotline, so the hotline desk's counts by matter type and the consultation reports speak of
the same matters. Legal aid keeps its own statutory list (法律援助法 Art 31, `rules.eligibility`), and
notarization its notarial matters (公证法 Art 11): those lists answer other questions.
"""

LABOUR = "Labour and Pay"  # 劳动争议、欠薪
MARRIAGE = "Marriage and Family"  # 婚姻家庭
INHERITANCE = "Inheritance"  # 继承
LAND = "Land and Grassland"  # 土地、草场承包
PROPERTY = "Property and Housing"  # 物权、房屋
CONTRACTS = "Contracts and Debts"  # 合同、借贷
INJURY = "Personal Injury"  # 人身损害（含交通事故、医疗）
SOCIAL = "Social Insurance and Assistance"  # 社会保险、救助
CONSUMER = "Consumer Rights"  # 消费者权益
NEIGHBOURS = "Neighbour Dispute"  # 邻里纠纷
ADMINISTRATIVE = "Administrative Matter"  # 行政事务
CRIMINAL = "Criminal Matter"  # 刑事
OTHER = "Other Matter"  # 其他

MATTER_TYPES = (
	LABOUR,
	MARRIAGE,
	INHERITANCE,
	LAND,
	PROPERTY,
	CONTRACTS,
	INJURY,
	SOCIAL,
	CONSUMER,
	NEIGHBOURS,
	ADMINISTRATIVE,
	CRIMINAL,
	OTHER,
)

# Where a consultation came from (Legal Consultation `channel`): the three platforms (三大平台) and the
# village visit of the physical one. "12348 Online" is the portal (12348 青海法网).
SERVICE_WINDOW = "Service Window"
HOTLINE = "12348 Hotline"
PORTAL = "12348 Online"
VILLAGE_VISIT = "Village Visit"
CHANNELS = (SERVICE_WINDOW, HOTLINE, PORTAL, VILLAGE_VISIT)

# The platform each channel belongs to.
PHYSICAL_PLATFORM = "Physical Platform"
NETWORK_PLATFORM = "Network Platform"
HOTLINE_PLATFORM = "Hotline Platform"
PLATFORM_OF_CHANNEL = {
	SERVICE_WINDOW: PHYSICAL_PLATFORM,
	VILLAGE_VISIT: PHYSICAL_PLATFORM,
	PORTAL: NETWORK_PLATFORM,
	HOTLINE: HOTLINE_PLATFORM,
}

# A consultation's status (Legal Consultation `status`).
OPEN = "Open"
ANSWERED = "Answered"
REFERRED = "Referred"
CLOSED = "Closed"
CONSULTATION_STATUSES = (OPEN, ANSWERED, REFERRED, CLOSED)

# The languages a citizen asks in on the portal (`question_language`), as the portal's language codes.
QUESTION_LANGUAGES = ("zh", "bo")
# The longest question the portal takes, in characters.
QUESTION_MAX_LENGTH = 2000
QUESTION_MIN_LENGTH = 5


def question_problem(question: str | None) -> str | None:
	"""What is wrong with a portal question, if anything: "empty", "too_short" or "too_long"."""
	text = (question or "").strip()
	if not text:
		return "empty"
	if len(text) < QUESTION_MIN_LENGTH:
		return "too_short"
	if len(text) > QUESTION_MAX_LENGTH:
		return "too_long"
	return None


def normalise_phone(phone: str | None) -> str:
	"""The digits of a phone number (a leading +86 or 0086 dropped), for looking a question up."""
	digits = "".join(ch for ch in (phone or "") if ch.isdigit())
	for prefix in ("0086", "86"):
		if digits.startswith(prefix) and len(digits) - len(prefix) == 11:
			digits = digits[len(prefix) :]
	return digits

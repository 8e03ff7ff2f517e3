"""Joining Tibetan words in running text: case particles chosen by the final letter, no stray shads.

Plain functions (no Frappe) used by the official documents, and `tibetan_defects`, which finds the
mistakes issue 7 found in them, so tests can check every generated Tibetan string.
"""

import re

SHAD = "།"
TSHEG = "་"

# Base consonants (U+0F40-U+0F6C); a syllable ending in a vowel sign or subjoined letter is open.
BASE_LETTER = re.compile("[\u0f40-\u0f6c]")
# Closing marks a particle may follow directly (a title in 《》, a quotation in 「」, brackets).
CLOSING = "》」）)"

# Genitive / agentive particle after each final letter (the suffixes ག ང ད ན བ མ འ ར ལ ས).
_AFTER_FINAL = {
	"ག": ("གི", "གིས"),
	"ང": ("གི", "གིས"),
	"ད": ("ཀྱི", "ཀྱིས"),
	"བ": ("ཀྱི", "ཀྱིས"),
	"ས": ("ཀྱི", "ཀྱིས"),
	"ན": ("གྱི", "གྱིས"),
	"མ": ("གྱི", "གྱིས"),
	"ར": ("གྱི", "གྱིས"),
	"ལ": ("གྱི", "གྱིས"),
}
# A genitive or agentive particle standing as its own syllable, and what comes before it.
_PARTICLE = re.compile(r"(?P<before>[\u0f40-\u0fbc》」）)]+?)་?(?P<particle>ཀྱིས|གྱིས|གིས|ཀྱི|གྱི|གི)(?=[་ །༎]|$)")


def bare(text: str) -> str:
	"""A name or label as it goes into running text: without its closing shad (`རྫོང་།` -> `རྫོང་`)."""
	return text.strip().rstrip(SHAD + " ")


def syllable(text: str) -> str:
	"""`text` ready for a Tibetan word to follow: no shad, and a tsheg after a Tibetan letter."""
	word = bare(text)
	return f"{word}{TSHEG}" if re.search("[\u0f40-\u0fbc]$", word) else word


def final_letter(text: str) -> str:
	"""The letter that closes the last syllable ("" when it is open: ends in a vowel or subjoined letter)."""
	word = bare(text).rstrip(CLOSING + TSHEG)
	last = word[-1:] if word else ""
	return last if BASE_LETTER.fullmatch(last) else ""


def _with_particle(text: str, index: int) -> str:
	word = bare(text)
	final = final_letter(word)
	if final in _AFTER_FINAL:
		particle = _AFTER_FINAL[final][index]
		joiner = "" if word.endswith(tuple(CLOSING + TSHEG)) else TSHEG
		return f"{word}{joiner}{particle}{TSHEG}"
	# An open syllable takes the particle as a letter of its own: ཁོ -> ཁོའི་ / ཁོས་
	word = word.rstrip(TSHEG)
	if index == 0:
		return f"{word.removesuffix('འ')}འི{TSHEG}"
	return f"{word}ས{TSHEG}"


def genitive(text: str) -> str:
	"""`text` followed by its genitive particle (of): ཡིག -> ཡིག་གི་, ཅུས -> ཅུས་ཀྱི་, 《…ཡིག》 -> 《…ཡིག》གི་."""
	return _with_particle(text, 0)


def agentive(text: str) -> str:
	"""`text` followed by its agentive particle (by): ཁྱེད -> ཁྱེད་ཀྱིས་, ལྟེ་གནས -> ལྟེ་གནས་ཀྱིས་."""
	return _with_particle(text, 1)


def tibetan_defects(text: str) -> list[str]:
	"""The mistakes of joining in a Tibetan text: a wrong or glued particle, a shad inside running text."""
	found = []
	for match in _PARTICLE.finditer(text):
		before, particle = match["before"], match["particle"]
		glued = not match.group(0)[len(before) :].startswith(TSHEG) and not before.endswith(tuple(CLOSING))
		final = final_letter(before)
		if glued and final:
			found.append(f"particle glued to its word without a tsheg: {match.group(0)}")
		expected = _AFTER_FINAL.get(final)
		if expected and particle not in expected:
			found.append(f"{particle} after a word ending in {final}: {match.group(0)}")
	# A shad closes a clause: a letter right after it means a name carried its shad into a sentence.
	found += [f"shad inside running text: {m.group(0)}" for m in re.finditer("[^ ༎།]།[\u0f40-\u0f6c]", text)]
	found += [f"doubled or spliced shads: {m.group(0)}" for m in re.finditer("།\\s*[,，、]\\s*|།།", text)]
	return found


def shad_endings_agree(labels: list[str]) -> bool:
	"""Whether short labels either all end in a shad or none do."""
	endings = {label.strip().endswith(SHAD) for label in labels if label.strip()}
	return len(endings) <= 1

"""The special groups the seed asks every service to put first (§4 of the opinions), one list for all.

Pure. Each service marks membership with fields of its own (legal aid's Art 42 checks, for instance);
`rules.figure_sources` maps those fields onto these groups, so a supervisor counts a group across services.
"""

ELDERLY = "Elderly People"  # 老年人
MINORS = "Minors"  # 未成年人 / 青少年
WOMEN = "Women"  # 妇女, among them single mothers in hardship (单亲困难母亲)
DISABLED = "People with Disabilities"  # 残疾人
MIGRANT_WORKERS = "Migrant Workers"  # 农民工
VETERANS = "Soldiers, Veterans and Entitled Groups"  # 军人军属、退役军人及其他优抚对象
LOW_INCOME = "People in Economic Hardship"  # 低收入群体、困难群众

SPECIAL_GROUPS = (ELDERLY, MINORS, WOMEN, DISABLED, MIGRANT_WORKERS, VETERANS, LOW_INCOME)

# Services without checks of their own (mediation, the hotline, consultations) mark the groups a person
# belongs to in one Table MultiSelect field, `special_groups`, whose rows link to the master records of
# these groups (made on install and migrate, one per name above).
GROUP_DOCTYPE = "Special Group"
MEMBERSHIP_DOCTYPE = "Special Group Membership"
GROUPS_FIELD = "special_groups"
MEMBERSHIP_FIELD = "special_group"

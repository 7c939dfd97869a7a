"""The theme vocabularies `hmic init --empty --themes NAME` starts a tracker with.

`bundled`: the bundled dataset's themes. `peel`: the areas HMICFRS grades a force on in its PEEL
(police effectiveness, efficiency and legitimacy) inspections, as its force reports head them.
Source: the PEEL assessment framework (PAF) 2025–2027, published 11 April 2025,
https://hmicfrs.justiceinspectorates.gov.uk/publication-html/peel-assessment-framework-2025-2027
(core question 1, "How good is the force at leadership and force management?"), and the 2023–2025
framework it follows (https://hmicfrs.justiceinspectorates.gov.uk/publication-html/peel-assessment-framework-2023-25/,
whose first core question is the service for victims of crime and whose force reports also grade
crime recording). Both list their core questions with their "characteristics of good"; the labels
below are the area headings of the force reports.
"""

from __future__ import annotations

PEEL = [
    ("victim-service", "Providing a service to victims of crime",
     "Answering 999 and 101 calls, assessing risk and prioritising the response; victims kept informed."),
    ("crime-recording", "Recording data about crime",
     "Crime recording to the Home Office counting rules; crime data integrity."),
    ("police-powers", "Police powers and public treatment",
     "Stop and search, use of force, fair and respectful treatment of the public, scrutiny and legitimacy."),
    ("preventing-crime", "Preventing crime and antisocial behaviour",
     "Neighbourhood policing, problem solving, prevention of crime and antisocial behaviour."),
    ("responding-to-the-public", "Responding to the public",
     "Call handling, attendance at incidents, response times, identifying vulnerability and repeat callers."),
    ("investigating-crime", "Investigating crime",
     "Investigation standards, supervision, outcomes for victims, the file quality for charging decisions."),
    ("protecting-vulnerable-people", "Protecting vulnerable people",
     "Domestic abuse, child protection, safeguarding, missing people, work with partner agencies."),
    ("managing-offenders", "Managing offenders and suspects",
     "Arrests, wanted and outstanding suspects, sex offender management, integrated offender management."),
    ("workforce", "Building, supporting and protecting the workforce",
     "Wellbeing, recruitment and retention, professional standards, vetting and counter-corruption."),
    ("leadership-and-force-management", "Leadership and force management",
     "Strategic planning, performance management, the force management statement, finance and technology."),
]
# `fire`: the areas HMICFRS inspects a fire and rescue service on (labels short, as its service reports'
# judgement headings name them, so that an item's wording matches them whole)
# (effectiveness: understanding risk, prevention, protection, response, resilience; efficiency:
# use of resources, future affordability; people: culture and values, training and skills,
# fairness and diversity, managing performance and developing leaders). Source: HMICFRS, "Fire and
# rescue service inspection programme and framework 2023-25" and the round 3 service reports
# (https://hmicfrs.justiceinspectorates.gov.uk/fire-and-rescue-services/).
FIRE = [
    ("understanding-risk", "Understanding risk",
     "The community risk management plan, risk information, the profile of the area's risks."),
    ("prevention", "Prevention",
     "Home fire safety checks, safe and well visits, partnerships to reduce fires, road safety."),
    ("protection", "Protection",
     "Fire safety audits, enforcement, the risk-based inspection programme, building safety, false alarms."),
    ("response", "Response",
     "Response standards, availability of fire engines and on-call crews, incident command, operational learning."),
    ("resilience", "Resilience",
     "Major incidents, national resilience arrangements, cross-border mutual aid, joint emergency exercises."),
    ("efficiency", "Efficiency",
     "Value for money, collaboration, productivity, workforce planning and use of resources."),
    ("affordability", "Affordability",
     "Finances, reserves, investment, technology and future affordability."),
    ("culture-and-values", "Culture and values",
     "Values and behaviours, the Core Code of Ethics, bullying, harassment, discrimination and misconduct."),
    ("training-and-skills", "Training and skills",
     "Training, competence, maintaining skills and workforce planning."),
    ("fairness-and-diversity", "Fairness and diversity",
     "Equality, diversity and inclusion, recruitment and progression, staff feedback and grievances."),
    ("leadership-and-performance", "Performance and leadership",
     "Performance management, leadership development, succession and talent management."),
]
SETS = {"peel": PEEL, "fire": FIRE}
NAMES = ("bundled", *SETS)


def themes(name: str) -> list[dict] | None:
    """The themes of vocabulary `name` (None: keep the bundled ones)."""
    if name == "bundled":
        return None
    return [{"id": i, "label": label, "description": description} for i, label, description in SETS[name]]

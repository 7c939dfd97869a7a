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
SETS = {"peel": PEEL}
NAMES = ("bundled", *SETS)


def themes(name: str) -> list[dict] | None:
    """The themes of vocabulary `name` (None: keep the bundled ones)."""
    if name == "bundled":
        return None
    return [{"id": i, "label": label, "description": description} for i, label, description in SETS[name]]

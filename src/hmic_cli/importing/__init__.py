"""Reading inspection reports and finding the recommendations in them, for `hmic import`.

`read_source` turns a .txt, .md, .html or .pdf report (or standard input) into plain text lines;
`find` picks out the recommendations, areas for improvement and causes of concern with their
deadlines; `metadata` reads what a report says about itself (its publication date, force and title).
"""

from hmic_cli.importing.finding import Found, find
from hmic_cli.importing.metadata import metadata
from hmic_cli.importing.sources import Source, read_source

__all__ = ["Found", "Source", "find", "metadata", "read_source"]

"""hmic: a compliance checker for HM Inspectorate of Constabulary recommendations."""

__version__ = "0.1.0"

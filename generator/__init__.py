"""briefing: news coverage of one story in, a structured, searchable static site out."""
__version__ = "0.1.0"

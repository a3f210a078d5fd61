"""NewsKG: news articles to a validated, linked knowledge graph."""
__version__ = "0.1.0"

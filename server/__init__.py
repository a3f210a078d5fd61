"""The NewsKG web server: SPARQL 1.1 endpoint, Graph Store protocol, linked-data pages."""
from .app import create_app

__all__ = ["create_app"]

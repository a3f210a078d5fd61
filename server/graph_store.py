"""The SPARQL 1.1 Graph Store HTTP Protocol (placeholder until implemented)."""
from flask import Blueprint

blueprint = Blueprint("graph_store", __name__)

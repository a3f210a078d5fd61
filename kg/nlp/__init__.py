"""Extraction as spaCy pipeline components, each adding its findings to the Doc."""

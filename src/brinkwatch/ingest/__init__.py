"""Readers (documents) and importers (event datasets), one module a format."""

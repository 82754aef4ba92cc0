"""brinkwatch: temporal knowledge graphs of proxy conflicts."""

__version__ = "0.1.0"

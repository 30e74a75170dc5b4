"""kb: a knowledge base of actors, policies, events and sources with cited timelines."""

__version__ = "0.1.0"

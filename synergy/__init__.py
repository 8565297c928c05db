"""Synergy: digital services for a UK police force."""

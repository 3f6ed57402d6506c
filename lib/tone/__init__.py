"""Tone: sentence scorers, tone toward a named person, and their validation."""

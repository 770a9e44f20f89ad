"""Programmes, initiatives, phases and candidate items."""

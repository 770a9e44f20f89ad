"""Accounts: staff users, login, tokens and roles."""

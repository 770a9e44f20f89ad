"""The demo programme (IVAI 2021–2022)."""

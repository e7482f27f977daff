"""Widgets of the dvtui app."""

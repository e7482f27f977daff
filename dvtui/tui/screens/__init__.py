"""Screens of the dvtui app."""

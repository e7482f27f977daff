"""Widgets the screens share; those that stand alone carry their own ``DEFAULT_CSS``.

May import Textual, Rich and the layers below the UI; never a screen or the app.
"""

"""The app's screens and dialogs, one module each.

May import the widgets, the backend and its ``Host`` protocol, and the layers below the UI;
never the app module (a contract checks it): they reach the app through ``Host``.
"""

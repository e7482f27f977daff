"""Follow-up, status, lists and the consolidated report, computed from a Dataset.

May import the core, storage (to write files whole) and ``dvtui.programs`` (LibreOffice);
never Textual, the services, the CLI or the UI.
``status``, ``followup``, ``figures`` and ``letter`` turn records into plain dataclasses as of a
day, holding values and message keys; ``outline``, ``markdown``, ``docx_report`` and
``xlsx_report`` render them with an explicit Translator (official documents: Vietnamese);
``export`` is the one way to write any of them to a file. Long work reports progress through
a plain callback (see ``common.Progress``) so that the CLI can draw a progress bar and the UI
a worker's progress.
"""

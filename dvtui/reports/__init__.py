"""Follow-up, status and the consolidated report, computed from a Dataset (no Textual, no I/O).

``status``, ``followup`` and ``figures`` turn records into plain dataclasses; ``markdown``,
``docx_report``, ``letter`` and ``xlsx_report`` only render those models. Long work reports
progress through a plain callback (see ``common.Progress``) so that the CLI can draw a
progress bar and the UI a worker's progress.
"""

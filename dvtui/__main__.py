"""``python -m dvtui``."""

from dvtui.cli.quick import main

raise SystemExit(main())

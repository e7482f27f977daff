"""``python -m dvtui``."""

from dvtui.cli.main import main

raise SystemExit(main())

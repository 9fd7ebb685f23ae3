import sys

from bassee_atelier_plugin.core.cli.main import main

sys.exit(main())

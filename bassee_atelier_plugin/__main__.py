import sys

from bassee_atelier_plugin.core.cli import main

sys.exit(main())

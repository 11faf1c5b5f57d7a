import sys

from sbt_xl.cli.main import main

sys.exit(main())

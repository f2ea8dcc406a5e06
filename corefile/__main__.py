from corefile.cli import main

raise SystemExit(main())

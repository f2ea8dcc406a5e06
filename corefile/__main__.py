from corefile.cli.main import main

raise SystemExit(main())

import RehabCLI

RehabCommand.main()

import RehabCLI

RehabCommand.mainWithLongPlanLists()

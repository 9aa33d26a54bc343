import ZoningCommands

// Ctrl-C and SIGTERM clean up after every command, not only `run`.
Zoning.installInterruptionHandlers()
// Large arrays freed go back to the system at once (issue 31: the peak of a run with roads).
Zoning.returnLargeBlocksWhenFreed()
Zoning.main()

import ZoningCommands

// Ctrl-C and SIGTERM clean up after every command, not only `run`.
Zoning.installInterruptionHandlers()
Zoning.main()

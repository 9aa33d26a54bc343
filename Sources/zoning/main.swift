import ZoningCommands
Zoning.main()

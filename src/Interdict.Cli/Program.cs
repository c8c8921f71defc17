using Interdict.Cli;

return CliApplication.CreateForConsole().Run(args);

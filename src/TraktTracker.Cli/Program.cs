Console.Error.WriteLine("trakt-tracker: the command line is not built yet.");
return 2;

using System.Management.Automation;
using System.Management.Automation.Language;
using TraktTracker.Scheduling;
using TraktTracker.Tests.Scheduling;

namespace TraktTracker.Tests.Module.Schedules;

/// <summary>
/// Register-TraktSchedule with -Backend Cron in the hosted engine against the real <c>crontab</c> (restored afterwards
/// by <see cref="CrontabGuard"/>), aimed at a scratch machine through <see cref="ScheduleHost.Machine"/>: what real
/// pwsh cannot show, i.e. the exact arguments an entry passes (through a stand-in pwsh in a home with quotes and
/// spaces), the -WhatIf text, the Cli runner and a machine without pwsh. Registering, listing, removing and a real
/// scheduled run are tested in real pwsh (tests/Pester/TraktSchedule.Tests.ps1).
/// </summary>
[Collection(CrontabCollection.Name)]
public sealed class RegisterTraktScheduleCronTests : IClassFixture<ModuleSessionFixture>, IDisposable
{
    private const string UserLines = """
        # my own jobs
        MAILTO=""
        0 * * * * /usr/local/bin/hourly 'keep me'

        """;

    private const string RegisterCron = "Register-TraktSchedule -Backend Cron -ConfigPath $Config -StateDbPath $Db";

    private readonly ScheduleCmdletHarness harness;

    public RegisterTraktScheduleCronTests(ModuleSessionFixture fixture)
    {
        CrontabGuard.Write(UserLines);
        harness = new ScheduleCmdletHarness(fixture.Session);
    }

    public void Dispose() => harness.Dispose();

    [Fact]
    public void The_installed_line_starts_pwsh_with_a_script_that_imports_this_module_and_syncs_with_our_paths()
    {
        harness.Invoke($"{RegisterCron} -ExecutablePath $Pwsh").EnsureNoErrors();

        Assert.Equal(0, ScheduleAssert.RunShell(ScheduleAssert.InstalledCronCommand("15 */4 * * * ")));

        var arguments = File.ReadAllLines(Path.Combine(harness.LogDirectory, "sync.log")).Select(line => line["arg:".Length..]).ToList();
        Assert.Equal(["-NoProfile", "-NonInteractive", "-Command"], arguments[..3]);
        var commands = Commands(arguments[3]);
        Assert.Equal(["Import-Module", Path.Combine(AppContext.BaseDirectory, "TraktTracker.psd1")], commands[0]);
        Assert.Equal(["Invoke-TraktSync", "-ConfigPath", harness.Config, "-StateDbPath", harness.StateDb], commands[1]);

        // The same script in PowerShell reaches Invoke-TraktSync with our config and state (not connected yet).
        var run = harness.Invoke(arguments[3]);
        Assert.Equal("TraktAuthenticationFailed,TraktTracker.Commands.InvokeTraktSyncCommand", run.SingleError().FullyQualifiedErrorId);
        Assert.Equal(harness.StateDb, run.SingleError().TargetObject);
    }

    [Fact]
    public void The_Cli_runner_line_runs_trakt_tracker_once_with_config_and_state_in_its_environment()
    {
        harness.Invoke($"{RegisterCron} -Runner Cli -ExecutablePath $Cli").EnsureNoErrors();

        Assert.Equal(0, ScheduleAssert.RunShell(ScheduleAssert.InstalledCronCommand("30 3 * * * ")));

        Assert.Equal(
            [$"trakt-tracker --once reconcile config={harness.Config} db={harness.StateDb}"],
            File.ReadAllLines(Path.Combine(harness.LogDirectory, "reconcile.log")));
    }

    [Fact]
    public void WhatIf_shows_each_exact_entry_and_changes_nothing()
    {
        var whatIf = harness.Invoke($"{RegisterCron} -ExecutablePath $Pwsh -WhatIf").EnsureNoErrors();

        Assert.Empty(whatIf.Output);
        Assert.Equal(UserLines, CrontabGuard.Read());
        Assert.False(Directory.Exists(harness.LogDirectory), "-WhatIf creates no log folder");
        var installed = harness.Invoke($"{RegisterCron} -ExecutablePath $Pwsh").EnsureNoErrors().Objects.Cast<ScheduleEntry>();
        foreach (var entry in installed)
        {
            Assert.Contains($"What if: Performing the operation \"Install the {entry.Job} schedule ({entry.Cron}, UTC):\n{entry.FileContent}\" "
                + "on target \"crontab of tester\".", whatIf.HostText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Without_pwsh_the_Module_runner_says_where_it_looked_and_what_to_do()
    {
        harness.Use(harness.Machine.WithoutTools());

        var error = harness.Invoke(RegisterCron + " -WhatIf").SingleError();

        Assert.Equal("TraktSchedulerUnavailable,TraktTracker.Commands.RegisterTraktScheduleCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.NotInstalled, error.CategoryInfo.Category);
        Assert.Contains("need pwsh (PowerShell 7.4 or later)", error.Exception.Message);
        Assert.Contains("-ExecutablePath, or use -Runner Cli", error.Exception.Message);
    }

    /// <summary>The commands of a PowerShell script, each as its name and literal arguments, parsed by PowerShell's parser.</summary>
    private static List<string[]> Commands(string script)
    {
        var ast = Parser.ParseInput(script, out _, out var errors);
        Assert.Empty(errors);
        return ast.FindAll(node => node is CommandAst, searchNestedScriptBlocks: false).Cast<CommandAst>()
            .Select(command => command.CommandElements.Select(element => element switch
            {
                CommandParameterAst parameter => "-" + parameter.ParameterName,
                StringConstantExpressionAst text => text.Value,
                _ => throw new InvalidOperationException($"unexpected element {element}"),
            }).ToArray())
            .ToList();
    }
}

using System.Management.Automation;
using System.Management.Automation.Language;
using TraktTracker.Scheduling;
using TraktTracker.Tests.Scheduling;

namespace TraktTracker.Tests.Module.Schedules;

/// <summary>
/// Register-, Get- and Unregister-TraktSchedule with -Backend Cron, run as PowerShell scripts in the hosted engine
/// against the real <c>crontab</c> of the user running the tests (restored afterwards by <see cref="CrontabGuard"/>).
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
    public void Register_writes_one_block_from_the_config_and_registering_again_replaces_it()
    {
        var first = harness.Invoke($"{RegisterCron} -ExecutablePath $Pwsh").EnsureNoErrors().Objects.Cast<ScheduleEntry>().ToList();
        var afterFirst = CrontabGuard.Read()!;
        var second = harness.Invoke($"{RegisterCron} -ExecutablePath $Pwsh").EnsureNoErrors().Objects.Cast<ScheduleEntry>().ToList();

        Assert.Equal([(ScheduledJob.Sync, "15 */4 * * *"), (ScheduledJob.Reconcile, "30 3 * * *")], first.Select(e => (e.Job, e.Cron)));
        Assert.All(first, e => Assert.Equal((ScheduleBackend.Cron, "UTC"), (e.Backend, e.TimeZone)));
        ScheduleAssert.SameEntries(first, second);
        var crontab = CrontabGuard.Read()!;
        Assert.Equal(afterFirst, crontab);
        Assert.Equal(UserLines + CrontabBlock.BeginMarker + "\n" + string.Join("\n", first.Select(e => e.FileContent)) + "\n" + CrontabBlock.EndMarker + "\n", crontab);
        Assert.Contains("CRON_TZ=UTC\n15 */4 * * * /usr/bin/flock -n ", crontab);
    }

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
    public void Get_lists_our_entries_and_Unregister_removes_them_and_nothing_else()
    {
        var installed = harness.Invoke($"{RegisterCron} -ExecutablePath $Pwsh").EnsureNoErrors().Objects.Cast<ScheduleEntry>().ToList();

        ScheduleAssert.SameEntries(installed, harness.Invoke("Get-TraktSchedule -Backend Cron").EnsureNoErrors().Objects.Cast<ScheduleEntry>());
        ScheduleAssert.SameEntries(installed, harness.Invoke("Get-TraktSchedule").EnsureNoErrors().Objects.Cast<ScheduleEntry>());

        var whatIf = harness.Invoke("Unregister-TraktSchedule -WhatIf").EnsureNoErrors();
        Assert.Contains("What if: Performing the operation \"Remove the Sync schedule (15 */4 * * *, UTC)\" on target \"crontab of tester\".", whatIf.HostText);
        Assert.Equal(2, harness.Invoke("Get-TraktSchedule").Objects.Count);

        var removed = harness.Invoke("Unregister-TraktSchedule -PassThru").EnsureNoErrors().Objects.Cast<ScheduleEntry>();
        ScheduleAssert.SameEntries(installed, removed);
        Assert.Equal(UserLines, CrontabGuard.Read());
        Assert.Empty(harness.Invoke("Get-TraktSchedule").EnsureNoErrors().Output);

        var again = harness.Invoke("Unregister-TraktSchedule -Verbose").EnsureNoErrors();
        Assert.Contains(again.Verbose, v => v.Contains("nothing to remove"));
    }

    [Theory]
    [InlineData("-SyncCron '0 0 L * *'", "SYNC_CRON '0 0 L * *' cannot be scheduled with the Cron backend: 'L'")]
    [InlineData("-ReconcileCron '0 4 1 * MON'", "RECONCILE_CRON '0 4 1 * MON' cannot be scheduled with the Cron backend: it restricts both day-of-month and day-of-week")]
    [InlineData("-SyncCron '*/10 * * * * *'", "Invalid cron expression in SYNC_CRON: '*/10 * * * * *': it has six fields, but OS schedules run at minute precision")]
    public void An_expression_the_backend_cannot_express_is_refused_with_the_reason_and_nothing_changes(string parameter, string message)
    {
        var error = harness.Invoke($"{RegisterCron} -ExecutablePath $Pwsh {parameter}").SingleError();

        Assert.Equal("TraktScheduleInvalid,TraktTracker.Commands.RegisterTraktScheduleCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.StartsWith(message, error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(UserLines, CrontabGuard.Read());
    }

    [Fact]
    public void A_cron_expression_no_scheduler_understands_is_a_configuration_error_naming_the_setting()
    {
        var error = harness.Invoke($"{RegisterCron} -ExecutablePath $Pwsh -ReconcileCron 'at noon'").SingleError();

        Assert.Equal("TraktConfigurationInvalid,TraktTracker.Commands.RegisterTraktScheduleCommand", error.FullyQualifiedErrorId);
        Assert.StartsWith("Invalid cron expression for RECONCILE_CRON: 'at noon'", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(UserLines, CrontabGuard.Read());
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

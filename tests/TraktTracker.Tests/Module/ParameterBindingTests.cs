using System.Management.Automation;

namespace TraktTracker.Tests.Module;

/// <summary>Parameter attributes reject bad input before any engine code runs.</summary>
public sealed class ParameterBindingTests(ModuleSessionFixture fixture) : IClassFixture<ModuleSessionFixture>
{
    [Theory]
    [InlineData("Get-TraktHistory -Type Film", "ParameterArgumentValidationError,TraktTracker.Commands.GetTraktHistoryCommand")]
    [InlineData("Get-TraktHistory -First 0", "ParameterArgumentValidationError,TraktTracker.Commands.GetTraktHistoryCommand")]
    [InlineData("Get-TraktHistory -Title ''", "ParameterArgumentValidationError,TraktTracker.Commands.GetTraktHistoryCommand")]
    [InlineData("Get-TraktHistory -After 'not a date'", "CannotConvertArgumentNoMessage,TraktTracker.Commands.GetTraktHistoryCommand")]
    [InlineData("Connect-Trakt -AuthCode abc -RefreshToken def", "AmbiguousParameterSet,TraktTracker.Commands.ConnectTraktCommand")]
    [InlineData("Connect-Trakt -AuthCode ''", "ParameterArgumentValidationError,TraktTracker.Commands.ConnectTraktCommand")]
    [InlineData("Invoke-TraktSync -StateDbPath ''", "ParameterArgumentValidationError,TraktTracker.Commands.InvokeTraktSyncCommand")]
    public void Bad_arguments_fail_binding(string script, string errorId)
    {
        var error = fixture.Session.Invoke(script).SingleError();

        Assert.Equal(errorId, error.FullyQualifiedErrorId);
    }

    [Fact]
    public void Title_is_the_first_positional_parameter_and_Type_takes_names_case_insensitively()
    {
        var command = (CmdletInfo)fixture.Session.Invoke("Get-Command Get-TraktHistory").EnsureNoErrors().Objects.Single();
        var title = command.ParameterSets.Single().Parameters.Single(p => p.Name == "Title");

        Assert.Equal(0, title.Position);
        Assert.Equal([MediaType.Movie, MediaType.Episode], command.Parameters["Type"].Attributes.OfType<ValidateSetAttribute>().Single().ValidValues);
    }

    [Fact]
    public void Connect_Trakt_defaults_to_the_device_flow()
    {
        var command = (CmdletInfo)fixture.Session.Invoke("Get-Command Connect-Trakt").EnsureNoErrors().Objects.Single();

        Assert.Equal("DeviceFlow", command.DefaultParameterSet);
        Assert.True(command.Parameters["AuthCode"].ParameterSets["AuthCode"].IsMandatory);
        Assert.True(command.Parameters["RefreshToken"].ParameterSets["RefreshToken"].IsMandatory);
    }

    [Fact]
    public void State_changing_cmdlets_support_WhatIf_and_Reset_asks_by_default()
    {
        foreach (var name in new[] { "Invoke-TraktBackfill", "Invoke-TraktSync", "Invoke-TraktReconcile", "Reset-TraktState" })
        {
            var command = (CmdletInfo)fixture.Session.Invoke($"Get-Command {name}").EnsureNoErrors().Objects.Single();
            Assert.True(command.Parameters.ContainsKey("WhatIf"), $"{name} has no -WhatIf");
        }

        var reset = typeof(Commands.ResetTraktStateCommand).GetCustomAttributes(typeof(CmdletAttribute), false).Cast<CmdletAttribute>().Single();
        Assert.Equal(ConfirmImpact.High, reset.ConfirmImpact);
    }
}

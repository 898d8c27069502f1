using TraktTracker.Scheduling;
using Xunit;

namespace TraktTracker.Tests.Scheduling;

public class CommandQuotingTests
{
    [Theory]
    [InlineData("plain/path.toml")]
    [InlineData("it's 100% \"quoted\" $HOME `date` \\ back")]
    [InlineData("")]
    public void Posix_quoting_survives_a_real_shell(string argument)
    {
        var (exit, output, _) = ScheduleAssert.Run("/bin/sh", "-c", "printf '%s' " + CommandQuoting.Posix(argument));

        Assert.Equal(0, exit);
        Assert.Equal(argument, output);
    }

    [Theory]
    [InlineData("simple", "simple")]
    [InlineData("with space", "\"with space\"")]
    [InlineData("", "\"\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("C:\\My Dir\\", "\"C:\\My Dir\\\\\"")]
    [InlineData("C:\\a\\b", "C:\\a\\b")]
    public void Windows_quoting_follows_the_command_line_rules(string argument, string expected)
    {
        Assert.Equal(expected, CommandQuoting.Windows(argument));
    }

    [Theory]
    [InlineData("/usr/bin/pwsh", true, "/usr/bin/pwsh")]
    [InlineData("100% $HOME", true, "\"100%% $$HOME\"")]
    [InlineData("A=100% $HOME", false, "\"A=100%% $HOME\"")]
    [InlineData("say \"hi\" \\", true, "\"say \\\"hi\\\" \\\\\"")]
    public void Systemd_quoting_keeps_specifiers_and_variables_literal(string argument, bool expands, string expected)
    {
        Assert.Equal(expected, CommandQuoting.Systemd(argument, expands));
    }
}

using System.Text;
using System.Text.RegularExpressions;

namespace TraktTracker.Scheduling;

/// <summary>Quoting of one argument for each place a command line is written into.</summary>
internal static partial class CommandQuoting
{
    /// <summary>POSIX shell (cron lines): single quotes unless the word is plainly safe.</summary>
    public static string Posix(string argument)
        => SafeWord().IsMatch(argument) ? argument : "'" + argument.Replace("'", "'\\''") + "'";

    /// <summary>
    /// A word in a systemd unit: C-style double quotes; % doubled (specifiers), and $ doubled in ExecStart=
    /// (<paramref name="expandsVariables"/>), where systemd would otherwise substitute variables.
    /// </summary>
    public static string Systemd(string argument, bool expandsVariables)
    {
        var literal = argument.Replace("%", "%%");
        literal = expandsVariables ? literal.Replace("$", "$$") : literal;
        return SafeWord().IsMatch(argument)
            ? literal
            : "\"" + literal.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }

    /// <summary>A PowerShell single-quoted string literal.</summary>
    public static string PowerShell(string text) => "'" + text.Replace("'", "''") + "'";

    /// <summary>Windows command-line quoting (the rules of CommandLineToArgvW).</summary>
    public static string Windows(string argument)
    {
        if (argument.Length > 0 && argument.IndexOfAny([' ', '\t', '"']) < 0)
        {
            return argument;
        }

        var quoted = new StringBuilder("\"");
        var backslashes = 0;
        foreach (var c in argument)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }

            // Backslashes are literal unless they precede a quote; then each one must be doubled.
            quoted.Append('\\', c == '"' ? backslashes * 2 + 1 : backslashes).Append(c);
            backslashes = 0;
        }

        return quoted.Append('\\', backslashes * 2).Append('"').ToString();
    }

    [GeneratedRegex("^[A-Za-z0-9_@+=:,./-]+$")]
    private static partial Regex SafeWord();
}

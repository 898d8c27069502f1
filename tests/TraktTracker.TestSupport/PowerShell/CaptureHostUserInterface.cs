using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace TraktTracker.TestSupport.PowerShell;

/// <summary>
/// Records host output as text. Prompts fail loudly: a test that reaches one forgot -Confirm:$false or -Force,
/// and a silent answer would hide that.
/// </summary>
internal sealed class CaptureHostUserInterface : PSHostUserInterface
{
    private const string NoPrompts = "The test host cannot answer prompts: pass -Confirm:$false or -Force.";
    private readonly StringBuilder _text = new();
    private readonly object _gate = new();

    public override PSHostRawUserInterface? RawUI => null;

    public string TakeText()
    {
        lock (_gate)
        {
            var text = _text.ToString();
            _text.Clear();
            return text;
        }
    }

    public override void Write(string value) => Append(value);

    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Append(value);

    public override void WriteLine(string value) => Append(value + "\n");

    public override void WriteErrorLine(string value) => Append(value + "\n");

    public override void WriteDebugLine(string message) => Append("DEBUG: " + message + "\n");

    public override void WriteVerboseLine(string message) => Append("VERBOSE: " + message + "\n");

    public override void WriteWarningLine(string message) => Append("WARNING: " + message + "\n");

    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
    }

    public override string ReadLine() => throw new NotSupportedException(NoPrompts);

    public override SecureString ReadLineAsSecureString() => throw new NotSupportedException(NoPrompts);

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
        => throw new NotSupportedException(NoPrompts);

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName)
        => throw new NotSupportedException(NoPrompts);

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
        PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options)
        => throw new NotSupportedException(NoPrompts);

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        => throw new NotSupportedException($"{NoPrompts} (Prompt: {caption}: {message})");

    private void Append(string value)
    {
        lock (_gate)
        {
            _text.Append(value);
        }
    }
}

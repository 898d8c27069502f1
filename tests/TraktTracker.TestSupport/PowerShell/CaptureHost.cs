using System.Globalization;
using System.Management.Automation.Host;

namespace TraktTracker.TestSupport.PowerShell;

/// <summary>
/// A PowerShell host that records what would reach the console: -WhatIf texts, Write-Host and
/// information records tagged PSHOST go to the host, not to any stream, so tests need a host to see them.
/// </summary>
public sealed class CaptureHost : PSHost
{
    private readonly CaptureHostUserInterface _ui = new();

    public override string Name => "TraktTracker.TestHost";

    public override Version Version { get; } = new(1, 0);

    public override Guid InstanceId { get; } = Guid.NewGuid();

    public override PSHostUserInterface UI => _ui;

    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;

    public override CultureInfo CurrentUICulture { get; } = CultureInfo.GetCultureInfo("en-US");

    /// <summary>Everything written to the host since the last <see cref="TakeText"/>.</summary>
    public string TakeText() => _ui.TakeText();

    public override void SetShouldExit(int exitCode)
    {
    }

    public override void EnterNestedPrompt() => throw new NotSupportedException("The test host has no nested prompt.");

    public override void ExitNestedPrompt() => throw new NotSupportedException("The test host has no nested prompt.");

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }
}

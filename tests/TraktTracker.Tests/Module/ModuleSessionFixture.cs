using TraktTracker.TestSupport.PowerShell;

namespace TraktTracker.Tests.Module;

/// <summary>One hosted engine with the module (as built next to the tests) imported, shared by a test class.</summary>
public sealed class ModuleSessionFixture : IDisposable
{
    public PowerShellSession Session { get; } = PowerShellSession.ForBuiltModule();

    public void Dispose() => Session.Dispose();
}

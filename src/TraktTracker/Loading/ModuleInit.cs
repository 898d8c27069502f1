using System.Management.Automation;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using TraktTracker.State;

namespace TraktTracker.Commands.Loading;

/// <summary>
/// Import-time set-up: the engine (TraktTracker.Core) and its dependencies live in the module's Dependencies
/// folder and load in <see cref="EngineLoadContext"/>, so another module's Microsoft.Data.Sqlite or SQLitePCLRaw
/// in the same session neither breaks TraktTracker nor is broken by it (README: Dependencies). This assembly stays
/// in PowerShell's default context; when it first needs the engine, the default context cannot find it and asks
/// <see cref="ResolveEngine"/>, which answers for the engine only. SQLite is initialised right away, so a missing
/// native library fails the import, not the first command.
/// </summary>
public sealed class ModuleInit : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private const string EngineAssembly = "TraktTracker.Core";

    private static readonly string DependencyFolder =
        Path.Combine(Path.GetDirectoryName(typeof(ModuleInit).Assembly.Location)!, "Dependencies");

    private static readonly Lazy<EngineLoadContext> EngineContext = new(() => new EngineLoadContext(DependencyFolder));

    public void OnImport()
    {
        AssemblyLoadContext.Default.Resolving += ResolveEngine;
        try
        {
            InitializeEngine();
        }
        catch (Exception ex)
        {
            // The innermost message names the file that could not load; the wrappers around it add nothing.
            throw new InvalidOperationException(
                $"TraktTracker could not load its engine or its SQLite library for {RuntimeInformation.RuntimeIdentifier} " +
                $"from {DependencyFolder}: {ex.GetBaseException().Message.Trim()} Reinstall the module; supported platforms are " +
                "linux-x64, linux-arm64, osx-x64, osx-arm64 and win-x64.",
                ex);
        }
    }

    public void OnRemove(PSModuleInfo psModuleInfo) => AssemblyLoadContext.Default.Resolving -= ResolveEngine;

    // By path, not by name: a name the engine's context cannot find falls back to the default context, which
    // would ask this handler again.
    private static Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName name)
    {
        var path = Path.Combine(DependencyFolder, EngineAssembly + ".dll");
        return name.Name == EngineAssembly && File.Exists(path) ? EngineContext.Value.LoadFromAssemblyPath(path) : null;
    }

    // A method of its own, compiled only after ResolveEngine is registered: its body is the first use of the engine,
    // so a missing engine assembly fails inside OnImport's try.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void InitializeEngine() => SqliteLibrary.Initialize();
}

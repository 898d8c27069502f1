using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace TraktTracker.Commands;

/// <summary>
/// Import-time set-up. .NET does not look for native libraries in a module's runtimes/&lt;rid&gt;/native folders,
/// so e_sqlite3 is resolved through the module's own TraktTracker.deps.json (powershell-module.md §1.3), and
/// SQLite is initialised right away so that a missing native library fails the import, not the first command.
/// </summary>
public sealed class ModuleInit : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly Lazy<AssemblyDependencyResolver> Resolver =
        new(() => new AssemblyDependencyResolver(typeof(ModuleInit).Assembly.Location));

    public void OnImport()
    {
        AssemblyLoadContext.Default.ResolvingUnmanagedDll += ResolveNative;
        try
        {
            SQLitePCL.Batteries_V2.Init();
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException(
                $"TraktTracker could not load its SQLite library for {RuntimeInformation.RuntimeIdentifier} " +
                $"from {Path.GetDirectoryName(typeof(ModuleInit).Assembly.Location)}: {EngineFailure.MessageChain(ex)}. " +
                "Reinstall the module; supported platforms are linux-x64, linux-arm64, osx-x64, osx-arm64 and win-x64.",
                ex);
        }
    }

    public void OnRemove(PSModuleInfo psModuleInfo) => AssemblyLoadContext.Default.ResolvingUnmanagedDll -= ResolveNative;

    private static IntPtr ResolveNative(Assembly requester, string libraryName)
    {
        var path = Resolver.Value.ResolveUnmanagedDllToPath(libraryName);
        return path is not null && NativeLibrary.TryLoad(path, out var handle) ? handle : IntPtr.Zero;
    }
}

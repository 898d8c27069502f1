using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace TraktTracker.Commands.Loading;

/// <summary>
/// The engine's own load context: managed assemblies from the Dependencies folder, native libraries from its
/// runtimes/&lt;rid&gt;/native folder for this machine. Anything not shipped there (the framework, PowerShell)
/// comes from the default context, so both sides agree on those types.
/// </summary>
internal sealed class EngineLoadContext(string directory) : AssemblyLoadContext("TraktTracker.Engine")
{
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var path = Path.Combine(directory, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = Path.Combine(directory, "runtimes", RuntimeId(), "native", NativeFileName(unmanagedDllName));
        return File.Exists(path) ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
    }

    // The portable RIDs the module ships (TraktTracker.csproj's ShippedRuntimes).
    private static string RuntimeId()
    {
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        return $"{os}-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}";
    }

    private static string NativeFileName(string name) =>
        OperatingSystem.IsWindows() ? name + ".dll" : OperatingSystem.IsMacOS() ? $"lib{name}.dylib" : $"lib{name}.so";
}

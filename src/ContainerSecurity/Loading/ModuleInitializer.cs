using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace ContainerSecurity.Loading;

/// <summary>
/// Runs when the module is imported: teaches the default load context to find the engine in the module's
/// Dependencies folder, inside <see cref="EngineLoadContext"/>, and the public models beside this assembly. Only
/// requests for these two are answered, so the module never supplies a library to anyone else.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer
{
    private const string EngineAssemblyName = "ContainerSecurity.Engine";
    private const string ModelsAssemblyName = "ContainerSecurity.Models";

    private static readonly string s_moduleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!;
    private static readonly Lazy<EngineLoadContext> s_engineContext = new(() =>
        new EngineLoadContext(Path.Join(s_moduleDirectory, "Dependencies"), typeof(Finding).Assembly));

    private static int s_registered;

    /// <summary>Registers the resolver once per process (a module can be imported again).</summary>
    public void OnImport()
    {
        if (Interlocked.Exchange(ref s_registered, 1) == 0)
        {
            AssemblyLoadContext.Default.Resolving += ResolveEngine;
        }
    }

    private static Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName name) => name.Name switch
    {
        EngineAssemblyName => s_engineContext.Value.LoadFromAssemblyName(name),
        ModelsAssemblyName => context.LoadFromAssemblyPath(Path.Join(s_moduleDirectory, ModelsAssemblyName + ".dll")),
        _ => null,
    };
}
